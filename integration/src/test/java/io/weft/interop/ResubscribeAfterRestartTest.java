package io.weft.interop;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A connecting SUB whose publisher goes away and comes back on the same endpoint subscribes again
 * (the session reports the reconnect, the SUB resends its subscriptions), and filtering still holds.
 */
@Timeout(30)
class ResubscribeAfterRestartTest {

    @Test
    void subResubscribesWhenItsTcpPublisherRestarts() {
        try (Context ctx = Context.create()) {
            Socket pub = ctx.socket(SocketType.PUB);
            String ep = pub.bind("tcp://127.0.0.1:*");
            checkRestart(ctx, pub, ep);
        }
    }

    @Test
    void subResubscribesWhenItsIpcPublisherRestarts() throws Exception {
        Path dir = Files.createTempDirectory("weft-resub");
        try (Context ctx = Context.create()) {
            Socket pub = ctx.socket(SocketType.PUB);
            String ep = pub.bind("ipc://" + dir.resolve("pub.ipc"));
            checkRestart(ctx, pub, ep);
        } finally {
            Files.deleteIfExists(dir.resolve("pub.ipc"));
            Files.deleteIfExists(dir);
        }
    }

    private static void checkRestart(Context ctx, Socket pub, String ep) {
        try (Socket sub = ctx.socket(SocketType.SUB)) {
            sub.setOption(Option.RECONNECT_IVL, 20);
            sub.connect(ep);
            sub.subscribe("news");
            assertEquals("news 1", publishUntilReceived(pub, sub, "news 1"));
            pub.setOption(Option.LINGER, 0);
            pub.close();

            Socket again = ctx.socket(SocketType.PUB);
            again.bind(ep);
            assertEquals("news 2", publishUntilReceived(again, sub, "news 2"),
                    "the restarted publisher must learn the subscription again");
            again.send("sport 3");
            again.send("news 4");
            assertEquals("news 4", sub.recvString(), "filtering still applies after the restart");
            again.setOption(Option.LINGER, 0);
            again.close();
        }
    }

    /** Publishes {@code text} in a bounded loop until the subscriber receives it (subscriptions travel). */
    private static String publishUntilReceived(Socket pub, Socket sub, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            pub.send(text);
            String got = new String(orEmpty(sub.recv(Duration.ofMillis(50))));
            if (!got.isEmpty()) {
                while (sub.tryRecv() != null) {
                    // drop duplicates of the probe
                }
                return got;
            }
        }
        return fail("no message reached the subscriber within 10 s");
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }
}
