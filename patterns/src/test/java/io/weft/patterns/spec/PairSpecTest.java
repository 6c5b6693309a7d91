package io.weft.patterns.spec;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 31 (EXPAIR), clause by clause, over every transport. */
@Timeout(30)
class PairSpecTest {

    /** RFC 31: a PAIR talks to exactly one peer, both ways. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pairExchangesMessagesBothWays(TransportCase tc) {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR)) {
            b.connect(a.bind(tc.bindEndpoint()));
            a.send("ping");
            assertEquals("ping", Await.recvString(b));
            b.sendMore("po");
            b.send("ng");
            Await.expect(a, "po", true);
            Await.expect(a, "ng", false);
        }
    }

    /** RFC 31: a PAIR SHALL NOT accept a second peer while it has one. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pairRefusesASecondPeer(TransportCase tc) {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PAIR);
                Socket first = ctx.socket(SocketType.PAIR); Socket second = ctx.socket(SocketType.PAIR)) {
            String ep = a.bind(tc.bindEndpoint());
            first.connect(ep);
            a.send("to first");
            assertEquals("to first", Await.recvString(first));
            second.connect(ep);
            second.setOption(Option.SNDTIMEO, 100);
            second.send("ignored");
            a.send("again to first");
            assertEquals("again to first", Await.recvString(first));
            Await.nothing(second, Duration.ofMillis(50));
            first.send("from first");
            assertEquals("from first", Await.recvString(a));
        }
    }

    /** RFC 31: send SHALL block when the peer is at its HWM or absent. */
    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void pairBlocksWithoutPeerAndAtHighWaterMark(TransportCase tc) {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR)) {
            String ep = a.bind(tc.bindEndpoint());
            assertFalse(a.trySend("no peer yet"));
            a.setOption(Option.SNDHWM, 2);
            b.setOption(Option.RCVHWM, 2);
            b.connect(ep);
            Await.peers(a, 1);
            int sent = 0;
            while (a.trySend("m")) {
                sent++;
                assertTrue(sent < 1000);
            }
            assertTrue(sent >= 2, "got " + sent);
            for (int i = 0; i < sent; i++) {
                Await.recv(b);
            }
            assertTrue(a.send("room again"));
        }
    }
}
