package io.weft.patterns.engine;

import io.weft.*;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.patterns.spec.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Context and socket life: close, LINGER, blocked calls, misuse. */
@Timeout(30)
class SocketLifecycleTest {

    private static Thread blockedIn(Runnable call, AtomicReference<Throwable> outcome) {
        Thread t = new Thread(() -> {
            try {
                call.run();
                outcome.set(new AssertionError("the call returned normally"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        Await.until("thread to block", () -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
        return t;
    }

    @Test
    void contextCloseReleasesARecvBlockedInAnotherThread() throws Exception {
        Context ctx = Context.create();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("inproc://blocked-recv");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = blockedIn(pull::recv, outcome);
        long start = System.nanoTime();
        ctx.close();
        t.join(5_000);
        assertFalse(t.isAlive(), "the blocked recv must be released");
        assertInstanceOf(ContextClosedException.class, outcome.get());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "close must be prompt");
        assertThrows(ContextClosedException.class, pull::tryRecv, "the socket is closed with its context");
        assertThrows(ContextClosedException.class, () -> ctx.socket(SocketType.PUSH));
    }

    @Test
    void contextCloseReleasesASendBlockedAtTheHighWaterMark() throws Exception {
        Context ctx = Context.create();
        Socket push = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        push.setOption(Option.SNDHWM, 1);
        pull.setOption(Option.RCVHWM, 1);
        push.connect(pull.bind("inproc://blocked-send"));
        while (push.trySend("fill")) {
            // fill the pipe up to its HWM
        }
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = blockedIn(() -> push.send("blocked"), outcome);
        ctx.close();
        t.join(5_000);
        assertFalse(t.isAlive());
        assertInstanceOf(ContextClosedException.class, outcome.get());
    }

    @Test
    void contextCloseWithQueuedMessagesAndDefaultLingerDoesNotHang() {
        Context ctx = Context.create();
        Socket push = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        push.connect(pull.bind("inproc://queued"));
        for (int i = 0; i < 500; i++) {
            push.send("unread " + i);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(3), ctx::close);
        assertTrue(ctx.isClosed());
    }

    @Test
    void closedSenderLeavesItsMessagesReadableUnlessLingerIsZero() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("inproc://linger");
            Socket keeps = ctx.socket(SocketType.PUSH);
            keeps.connect(ep);
            keeps.send("kept");
            keeps.close();
            assertEquals("kept", Await.recvString(pull), "LINGER -1: queued messages stay deliverable");
            Socket drops = ctx.socket(SocketType.PUSH);
            drops.setOption(Option.LINGER, 0);
            drops.connect(ep);
            Await.peers(pull, 1);
            drops.send("dropped");
            drops.close();
            Await.peers(pull, 0);
            assertNull(pull.tryRecv(), "LINGER 0: queued messages are discarded");
        }
    }

    @Test
    void closingASocketWithLivePeersLeavesThePeersUsable() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("inproc://live-peers");
            Socket a = ctx.socket(SocketType.PUSH);
            Socket b = ctx.socket(SocketType.PUSH);
            a.connect(ep);
            b.connect(ep);
            Await.peers(pull, 2);
            a.close();
            a.close(); // idempotent
            Await.peers(pull, 1);
            b.send("still here");
            assertEquals("still here", Await.recvString(pull));
            b.close();
            assertThrows(IllegalSocketStateException.class, () -> b.send("x"));
        }
    }

    @Test
    void aSocketUsedByTwoThreadsAtOnceIsRefusedWithAClearError() throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://two-threads");
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread t = blockedIn(pull::recv, outcome);
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, pull::tryRecv);
            assertTrue(e.getMessage().contains("not thread-safe"), e.getMessage());
            t.interrupt();
            t.join(5_000);
            assertInstanceOf(WeftInterruptedException.class, outcome.get());
            assertNull(pull.tryRecv(), "usable from one thread again");
        }
    }

    @Test
    void aSocketMayMoveBetweenThreadsOneAtATime() throws Exception {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH);
                Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind("inproc://moving"));
            CompletableFuture.runAsync(() -> push.send("from another thread")).get(5, TimeUnit.SECONDS);
            push.send("from this thread");
            assertEquals("from another thread", Await.recvString(pull));
            assertEquals("from this thread", Await.recvString(pull));
        }
    }

    @Test
    void endpointErrorsAreClear() {
        try (Context ctx = Context.create(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL);
                Socket pub = ctx.socket(SocketType.PUB)) {
            a.bind("inproc://taken");
            assertThrows(AddressInUseException.class, () -> b.bind("inproc://taken"));
            assertThrows(InvalidEndpointException.class, () -> a.bind("nonsense"));
            assertTrue(assertThrows(InvalidEndpointException.class, () -> a.bind("udp://127.0.0.1:5555")).getMessage()
                    .contains("weft-transports"));
            assertThrows(InvalidEndpointException.class, () -> a.unbind("inproc://never-bound"));
            assertThrows(InvalidEndpointException.class, () -> a.disconnect("inproc://never-connected"));
            IncompatiblePeerException e = assertThrows(IncompatiblePeerException.class, () -> pub.connect("inproc://taken"));
            assertTrue(e.getMessage().contains("PUB") && e.getMessage().contains("PULL"), e.getMessage());
        }
    }

    @Test
    void anIncompatiblePeerFoundAtBindTimeIsDroppedAndTheRestServed() {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUSH);
                Socket wrong = ctx.socket(SocketType.PULL); Socket right = ctx.socket(SocketType.PUSH)) {
            wrong.connect("inproc://late-bind");
            right.connect("inproc://late-bind");
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("inproc://late-bind");
            Await.peers(pull, 1);
            Await.peers(wrong, 0);
            right.send("served");
            assertEquals("served", Await.recvString(pull));
            pull.close();
        }
    }

    @Test
    void unbindAndDisconnectDropTheirPeers() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = pull.bind("inproc://unbind-me");
            push.connect(ep);
            Await.peers(pull, 1);
            pull.unbind(ep);
            Await.peers(pull, 0);
            Await.peers(push, 0);
            pull.bind(ep);
            push.connect(ep);
            Await.peers(pull, 1);
            push.disconnect(ep);
            Await.peers(pull, 0);
            assertEquals(0, ((io.weft.internal.SocketBase) push).peerCount());
        }
    }

    @Test
    void optionsRejectBadValuesAndWrongTypes() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertEquals("SNDHWM=-5 (expected: >= 0)",
                    assertThrows(IllegalArgumentException.class, () -> push.setOption(Option.SNDHWM, -5)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> push.setOption(Option.XPUB_VERBOSE, true));
            assertThrows(IllegalArgumentException.class, () -> push.getOption(Option.ROUTER_MANDATORY));
            push.setOption(Option.SNDHWM, 7);
            assertEquals(7, push.getOption(Option.SNDHWM));
            assertThrows(IllegalArgumentException.class, () -> push.subscribe("x"), "only SUB subscribes");
        }
    }

    @Test
    void recvTimeoutReturnsNull() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://timeout");
            pull.setOption(Option.RCVTIMEO, 30);
            long start = System.nanoTime();
            assertNull(pull.recv());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(25));
            assertNull(pull.recv(Duration.ofMillis(10)));
            assertNull(pull.tryRecv());
        }
    }
}
