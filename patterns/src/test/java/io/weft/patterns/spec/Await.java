package io.weft.patterns.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Socket;
import io.weft.internal.SocketBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Deadline-bounded waits for spec tests: no sleeps, every wait ends by itself. */
public final class Await {
    /** Generous bound for anything that should happen "at once". */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Await() {
    }

    /** Polls {@code condition} until true, failing after {@link #TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + TIMEOUT + " waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Waits until {@code socket} has {@code peers} attached peers (connects landed). */
    public static void peers(Socket socket, int peers) {
        until(socket + " to have " + peers + " peers", () -> ((SocketBase) socket).peerCount() == peers);
    }

    /** Receives a frame within {@link #TIMEOUT}, failing otherwise. */
    public static byte[] recv(Socket socket) {
        byte[] b = socket.recv(TIMEOUT);
        assertNotNull(b, "nothing received on " + socket + " within " + TIMEOUT);
        return b;
    }

    /** Receives a UTF-8 frame within {@link #TIMEOUT}, failing otherwise. */
    public static String recvString(Socket socket) {
        return new String(recv(socket), StandardCharsets.UTF_8);
    }

    /** Asserts the next frame is {@code expected} and whether more follow. */
    public static void expect(Socket socket, String expected, boolean more) {
        assertEquals(expected, recvString(socket));
        assertEquals(more, socket.hasMore(), "hasMore after '" + expected + "'");
    }

    /** Asserts nothing arrives within {@code window} (a short, bounded quiet period). */
    public static void nothing(Socket socket, Duration window) {
        byte[] b = socket.recv(window);
        if (b != null) {
            fail("expected nothing on " + socket + " but got '" + new String(b, StandardCharsets.UTF_8) + "'");
        }
    }
}
