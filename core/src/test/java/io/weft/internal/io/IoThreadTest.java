package io.weft.internal.io;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IoThreadTest {
    @Test
    void commandsFromOtherThreadsRunOnTheIoThread() throws Exception {
        try (IoThread io = new IoThread("test-io")) {
            CountDownLatch ran = new CountDownLatch(1000);
            Thread[] senders = new Thread[4];
            for (int s = 0; s < senders.length; s++) {
                senders[s] = new Thread(() -> {
                    for (int i = 0; i < 250; i++) {
                        io.execute(() -> {
                            assertTrue(io.inThisThread());
                            ran.countDown();
                        });
                    }
                });
                senders[s].start();
            }
            assertTrue(ran.await(10, TimeUnit.SECONDS), "every command must run");
        }
    }

    @Test
    void timersFireInOrder() throws Exception {
        try (IoThread io = new IoThread("test-io")) {
            StringBuffer order = new StringBuffer();
            CountDownLatch done = new CountDownLatch(1);
            io.execute(() -> {
                io.schedule(30, () -> {
                    order.append('b');
                    done.countDown();
                });
                io.schedule(1, () -> order.append('a'));
                io.schedule(5, () -> order.append('x')).cancel();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals("ab", order.toString());
        }
    }

    @Test
    void readyChannelsAreDispatchedToTheirHandler() throws Exception {
        try (IoThread io = new IoThread("test-io")) {
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            CountDownLatch got = new CountDownLatch(1);
            io.execute(() -> io.register(pipe.source(), SelectionKey.OP_READ, key -> {
                ByteBuffer b = ByteBuffer.allocate(8);
                try {
                    if (pipe.source().read(b) > 0) {
                        got.countDown();
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            assertTrue(got.await(10, TimeUnit.SECONDS));
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void aFailingHandlerDoesNotKillTheThread() throws Exception {
        try (IoThread io = new IoThread("test-io")) {
            io.execute(() -> {
                throw new IllegalStateException("boom (expected by the test)");
            });
            CountDownLatch alive = new CountDownLatch(1);
            io.execute(alive::countDown);
            assertTrue(alive.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anIdleIoThreadUsesNoCpu() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (IoThread io = new IoThread("test-io-idle")) {
            long[] tid = new long[1];
            CountDownLatch got = new CountDownLatch(1);
            io.execute(() -> {
                tid[0] = Thread.currentThread().getId();
                got.countDown();
            });
            assertTrue(got.await(10, TimeUnit.SECONDS));
            long before = mx.getThreadCpuTime(tid[0]);
            // A bounded observation window, not a synchronisation: nothing is expected to happen.
            CountDownLatch never = new CountDownLatch(1);
            assertFalse(never.await(500, TimeUnit.MILLISECONDS));
            long used = mx.getThreadCpuTime(tid[0]) - before;
            assertTrue(used < TimeUnit.MILLISECONDS.toNanos(20), "idle I/O thread used " + used / 1000 + " us of CPU");
        }
    }
}
