package io.weft.patterns.engine;

import io.weft.*;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.patterns.spec.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PollerTest {
    @Test
    void pollWakesWhenAnyRegisteredSocketBecomesReadable() throws Exception {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL);
                Socket pushB = ctx.socket(SocketType.PUSH)) {
            a.bind("inproc://poll-a");
            pushB.connect(b.bind("inproc://poll-b"));
            Poller poller = new Poller(2);
            int ia = poller.register(a, Poller.IN);
            int ib = poller.register(b, Poller.IN);
            assertEquals(0, poller.poll(0));
            Thread sender = new Thread(() -> pushB.send("for b"));
            // The poll below must be woken by the send, whenever it happens.
            sender.start();
            assertEquals(1, poller.poll(5_000));
            assertFalse(poller.isReadable(ia));
            assertTrue(poller.isReadable(ib));
            assertEquals("for b", Await.recvString(b));
            sender.join(5_000);
        }
    }

    @Test
    void pollTimesOutWithNothingReady() {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PULL)) {
            a.bind("inproc://poll-timeout");
            Poller poller = new Poller();
            poller.register(a, Poller.IN);
            long start = System.nanoTime();
            assertEquals(0, poller.poll(30));
            assertTrue(System.nanoTime() - start >= 25_000_000L);
        }
    }

    @Test
    void pollReportsWritabilityAndItsLossAtTheHighWaterMark() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.setOption(Option.SNDHWM, 1);
            pull.setOption(Option.RCVHWM, 1);
            push.connect(pull.bind("inproc://poll-out"));
            Poller poller = new Poller();
            int i = poller.register(push, Poller.OUT);
            assertEquals(1, poller.poll(0));
            assertTrue(poller.isWritable(i));
            while (push.trySend("fill")) {
                // up to the HWM
            }
            assertEquals(0, poller.poll(0), "full: not writable");
            Await.recv(pull);
            Await.recv(pull);
            assertEquals(1, poller.poll(5_000), "writable again once drained");
        }
    }

    @Test
    void registrationIsValidated() {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PULL)) {
            Poller poller = new Poller(1);
            assertThrows(IllegalArgumentException.class, () -> poller.register(a, 0));
            assertThrows(IllegalArgumentException.class, () -> poller.register(a, 8));
            poller.register(a, Poller.IN);
            poller.register(ctx.socket(SocketType.PUSH), Poller.OUT);
            assertEquals(2, poller.size());
            poller.unregister(a);
            assertEquals(1, poller.size());
            assertThrows(IndexOutOfBoundsException.class, () -> poller.isReadable(3));
        }
    }
}
