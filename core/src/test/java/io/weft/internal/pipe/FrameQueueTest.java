package io.weft.internal.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.Msg;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FrameQueueTest {
    private static final int M = Msg.MORE;

    @Test
    void framesAreInvisibleUntilFlushed() {
        FrameQueue q = new FrameQueue(0);
        q.write("a", 0, false);
        assertFalse(q.checkRead(), "unflushed frame must not be readable");
        assertTrue(q.flush(), "the reader went to sleep, so the flush must ask for a wake-up");
        assertTrue(q.checkRead());
        assertEquals("a", q.read());
    }

    @Test
    void partOfAMultipartMessageIsNeverVisible() {
        FrameQueue q = new FrameQueue(0);
        q.write("1", M, true);
        q.write("2", M, true);
        q.flush();
        assertFalse(q.checkRead(), "a flush in mid-message publishes only whole messages");
        q.write("3", 0, false);
        q.flush();
        assertTrue(q.checkRead());
        assertEquals("1", q.read());
        assertEquals("2", q.read());
        assertEquals("3", q.read());
    }

    @Test
    void flushWakesOnlyAReaderThatFoundTheQueueEmpty() {
        FrameQueue q = new FrameQueue(0);
        q.write("a", 0, false);
        assertFalse(q.flush(), "reader never slept: no wake-up");
        q.write("b", 0, false);
        assertFalse(q.flush());
        assertTrue(q.checkRead());
        q.read();
        q.read();
        assertFalse(q.checkRead(), "empty: reader goes to sleep");
        q.write("c", 0, false);
        assertTrue(q.flush(), "first flush after the reader slept wakes it");
        q.write("d", 0, false);
        assertFalse(q.flush(), "exactly one wake-up per sleep");
    }

    @Test
    void rollbackDropsTheUnfinishedMessageAcrossChunks() {
        FrameQueue q = new FrameQueue(0);
        q.write("whole", 0, false);
        for (int i = 0; i < FrameQueue.CHUNK + 10; i++) {
            q.write("part" + i, M, true);
        }
        Object[] dropped = q.rollback();
        assertEquals(FrameQueue.CHUNK + 10, dropped.length);
        q.write("next", 0, false);
        q.flush();
        assertTrue(q.checkRead());
        assertEquals("whole", q.read());
        assertEquals("next", q.read());
        assertFalse(q.checkRead());
    }

    @Test
    void writerIsRefusedAtTheHighWaterMarkAndWokenPastTheLowWaterMark() {
        FrameQueue q = new FrameQueue(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(q.checkWrite(), "message " + i + " is below the HWM");
            q.write(i, 0, false);
        }
        q.flush();
        assertFalse(q.checkWrite(), "HWM of 4 reached");
        boolean woken = false;
        for (int i = 0; i < 4 && !woken; i++) {
            assertTrue(q.checkRead());
            q.read();
            woken = q.readCompletedMessage();
        }
        assertTrue(woken, "reading down to the low-water mark must wake the blocked writer");
        assertTrue(q.checkWrite());
    }

    @Test
    void laterFramesOfAStartedMessageAreAcceptedAtTheHighWaterMark() {
        FrameQueue q = new FrameQueue(1);
        assertTrue(q.checkWrite());
        q.write("head", M, true);
        assertTrue(q.checkWrite(), "a started message is never cut by the HWM");
        q.write("tail", 0, false);
        assertFalse(q.checkWrite());
    }

    @Test
    void lowWaterMarkFollowsLibzmq() {
        assertEquals(500, FrameQueue.lowWaterMark(1000));
        assertEquals(1, FrameQueue.lowWaterMark(1));
        assertEquals(10_000 - 1024, FrameQueue.lowWaterMark(10_000));
        assertEquals(0, FrameQueue.lowWaterMark(0));
    }

    /** Two threads, a small HWM, both parking on the flags: every message arrives, in order. */
    @Test
    @Timeout(30)
    void concurrentProducerAndConsumerLoseNothingAndNeverDeadlock() throws Exception {
        FrameQueue q = new FrameQueue(16);
        int n = 1_000_000;
        AtomicReference<Thread> consumerRef = new AtomicReference<>();
        AtomicReference<Thread> producerRef = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                while (!q.checkWrite()) {
                    java.util.concurrent.locks.LockSupport.park();
                }
                q.write(i, i % 3 == 0 ? M : 0, i % 3 == 0);
                if (i % 3 != 0 && q.flush()) {
                    java.util.concurrent.locks.LockSupport.unpark(consumerRef.get());
                }
            }
            q.write(-1, 0, false);
            if (q.flush()) {
                java.util.concurrent.locks.LockSupport.unpark(consumerRef.get());
            }
        });
        Thread consumer = new Thread(() -> {
            try {
                int expected = 0;
                while (true) {
                    if (!q.checkRead()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                        continue;
                    }
                    int flags = q.peekFlags();
                    int v = (Integer) q.read();
                    if (v == -1) {
                        assertEquals(n, expected);
                        return;
                    }
                    assertEquals(expected++, v);
                    if ((flags & M) == 0 && q.readCompletedMessage()) {
                        java.util.concurrent.locks.LockSupport.unpark(producerRef.get());
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        consumerRef.set(consumer);
        producerRef.set(producer);
        consumer.start();
        producer.start();
        producer.join(25_000);
        consumer.join(25_000);
        assertFalse(producer.isAlive() || consumer.isAlive(), "deadlock: a wake-up was lost");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }
}
