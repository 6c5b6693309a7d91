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

/** CONFLATE: a queue keeps only the newest message, and the sender never blocks. */
@Timeout(30)
class ConflateSpecTest {

    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void conflatingPullGetsOnlyTheNewestMessage(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            pull.setOption(Option.CONFLATE, true);
            push.setOption(Option.SNDHWM, 1);
            push.connect(pull.bind(tc.bindEndpoint()));
            Await.peers(push, 1);
            for (int i = 0; i < 10_000; i++) {
                assertTrue(push.trySend("v" + i), "a conflating queue never refuses (message " + i + ")");
            }
            assertEquals("v9999", Await.recvString(pull));
            Await.nothing(pull, Duration.ofMillis(20));
            push.send("next");
            assertEquals("next", Await.recvString(pull));
        }
    }

    // Inproc only: over tcp/ipc the engine drains the sender's queue to the wire as fast as it fills.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void conflatingPushKeepsOnlyTheNewestMessageForItsPeer(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.CONFLATE, true);
            push.connect(pull.bind(tc.bindEndpoint()));
            Await.peers(push, 1);
            for (int i = 0; i < 100; i++) {
                push.send("v" + i);
            }
            assertEquals("v99", Await.recvString(pull));
            Await.nothing(pull, Duration.ofMillis(20));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void conflateIsRefusedOnTypesWithoutIt(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = ctx.socket(SocketType.REP)) {
            assertThrows(IllegalArgumentException.class, () -> rep.setOption(Option.CONFLATE, true));
        }
    }
}
