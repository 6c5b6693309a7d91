package io.weft.patterns.engine;

import io.weft.*;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.management.UnixOperatingSystemMXBean;
import io.weft.patterns.spec.Await;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What JeroMQ users trip over: interrupts, descriptors, spinning threads. */
@Timeout(60)
class InterruptAndResourcesTest {

    private static Thread start(Runnable r, AtomicReference<Throwable> outcome, AtomicReference<Boolean> flagAfter) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                outcome.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        Await.until("thread to block", () -> t.getState() == Thread.State.WAITING);
        return t;
    }

    @Test
    void interruptEndsABlockedRecvAndTheSocketKeepsWorking() throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("inproc://interrupt-recv"));
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = start(pull::recv, outcome, flag);
            t.interrupt();
            t.join(5_000);
            assertInstanceOf(WeftInterruptedException.class, outcome.get());
            assertTrue(flag.get(), "the interrupt flag is kept");
            push.send("after the interrupt");
            assertEquals("after the interrupt", Await.recvString(pull), "socket, pipes and context unharmed");
        }
    }

    @Test
    void interruptEndsABlockedSendAndNothingIsLost() throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.SNDHWM, 1);
            pull.setOption(Option.RCVHWM, 1);
            push.connect(pull.bind("inproc://interrupt-send"));
            int queued = 0;
            while (push.trySend("q" + queued)) {
                queued++;
            }
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = start(() -> push.send("never sent"), outcome, flag);
            t.interrupt();
            t.join(5_000);
            assertInstanceOf(WeftInterruptedException.class, outcome.get());
            for (int i = 0; i < queued; i++) {
                assertEquals("q" + i, Await.recvString(pull));
            }
            assertNull(pull.tryRecv(), "the interrupted send sent nothing");
            push.send("later");
            assertEquals("later", Await.recvString(pull));
        }
    }

    @Test
    void interruptEndsABlockedPoll() throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://interrupt-poll");
            Poller poller = new Poller();
            poller.register(pull, Poller.IN);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = start(() -> poller.poll(-1), outcome, flag);
            t.interrupt();
            t.join(5_000);
            assertInstanceOf(WeftInterruptedException.class, outcome.get());
            assertTrue(flag.get());
        }
    }

    @Test
    void tenThousandSocketsOpenNoFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        assertInstanceOf(UnixOperatingSystemMXBean.class, os, "needs a Unix JVM to count descriptors");
        UnixOperatingSystemMXBean unix = (UnixOperatingSystemMXBean) os;
        try (Context ctx = Context.create()) {
            long before = unix.getOpenFileDescriptorCount();
            List<Socket> sockets = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(pull.bind("inproc://fd-" + i));
                sockets.add(pull);
                sockets.add(push);
            }
            Poller poller = new Poller(sockets.size());
            for (Socket s : sockets) {
                poller.register(s, Poller.IN);
            }
            assertEquals(0, poller.poll(0));
            long after = unix.getOpenFileDescriptorCount();
            assertTrue(after - before <= 2, "10,000 connected sockets and a poller opened " + (after - before)
                    + " descriptors");
        }
    }

    @Test
    void aThreadBlockedInRecvUsesNoCpu() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://idle");
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread t = start(pull::recv, outcome, flag);
            long before = mx.getThreadCpuTime(t.getId());
            // A bounded observation window, not a synchronisation: nothing is expected to happen.
            assertFalse(new CountDownLatch(1).await(500, TimeUnit.MILLISECONDS));
            long used = mx.getThreadCpuTime(t.getId()) - before;
            assertTrue(used < TimeUnit.MILLISECONDS.toNanos(20), "a blocked recv used " + used / 1000 + " us of CPU");
            t.interrupt();
            t.join(5_000);
        }
    }

    @Test
    void anIdleContextStartsNoThreads() {
        int before = Thread.activeCount();
        try (Context ctx = Context.create(4); Socket a = ctx.socket(SocketType.PAIR); Socket b = ctx.socket(SocketType.PAIR)) {
            b.connect(a.bind("inproc://no-threads"));
            a.send("x");
            assertEquals("x", Await.recvString(b));
            assertEquals(before, Thread.activeCount(), "inproc needs no I/O thread");
        }
    }
}
