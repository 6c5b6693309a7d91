package io.weft.internal.pipe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import io.weft.internal.pipe.FrameQueueProducer.Chunk;

abstract class FrameQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}

/** Fields only the producer writes. */
abstract class FrameQueueProducer extends FrameQueuePad0 {
    static final class Chunk {
        final Object[] bodies = new Object[FrameQueue.CHUNK];
        final int[] flags = new int[FrameQueue.CHUNK];
        Chunk next;
    }

    Chunk wChunk;
    int wPos;
    long written;
    long msgsWritten;
    Chunk msgStartChunk;
    int msgStartPos;
    long msgStartWritten;
    boolean midMessage;
    long cachedMsgsRead;
}

abstract class FrameQueuePad1 extends FrameQueueProducer {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** Written by the producer on every flush; the consumer's sleep flag (written only when it runs dry). */
abstract class FrameQueueFlushed extends FrameQueuePad1 {
    volatile long flushed;
    volatile int readerAsleep;
}

abstract class FrameQueuePad2 extends FrameQueueFlushed {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;
}

/** Written by the consumer, rarely: every lwm messages, or when a chunk is handed back. */
abstract class FrameQueueProgress extends FrameQueuePad2 {
    volatile long publishedMsgsRead;
    volatile int writerBlocked;
    volatile FrameQueueProducer.Chunk spare;
}

abstract class FrameQueuePad3 extends FrameQueueProgress {
    long p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p3a, p3b, p3c, p3d, p3e, p3f;
}

/** Fields only the consumer writes. */
abstract class FrameQueueConsumer extends FrameQueuePad3 {
    FrameQueueProducer.Chunk rChunk;
    int rPos;
    long readCount;
    long cachedFlushed;
    long msgsRead;
}

abstract class FrameQueuePad4 extends FrameQueueConsumer {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p4a, p4b, p4c, p4d, p4e, p4f;
}

/**
 * One direction of a pipe: an unbounded queue of frames with exactly <b>one producer thread and
 * one consumer thread</b>, plus the flow-control state both sides share.
 *
 * <p>Layout follows libzmq's {@code ypipe}/{@code yqueue}: frames live in linked chunks of
 * {@value #CHUNK} slots (a body reference and an int of flags side by side, so a frame costs no
 * object); the consumer hands each emptied chunk back as a spare, so a queue in steady state
 * allocates nothing. Fields each side writes sit on cache lines of their own (padding by class
 * hierarchy, as JCTools does: HotSpot keeps a superclass's fields before a subclass's).
 *
 * <p><b>Visibility.</b> Frames written by {@link #write} stay invisible to the consumer until
 * {@link #flush()}; writers flush at the end of a message, so a reader never sees part of one.
 * Unflushed frames can be taken back with {@link #rollback()}.
 *
 * <p><b>Activation.</b> A consumer that finds the queue empty marks itself asleep
 * ({@link #checkRead()} returns false); the next flush reports {@code true}, telling the producer
 * to send exactly one wake-up. While the consumer stays awake, flushing costs one volatile store
 * and no wake-up. The same handshake runs the other way for the high-water mark: a producer that
 * finds no room parks itself ({@link #checkWrite()} false) and the consumer, which publishes its
 * progress only every {@code lwm} messages, reports when the producer must be woken.
 * Both handshakes are Dekker-style: each side stores its flag with a volatile write and then reads
 * the other side's counter with a volatile read, so a wake-up can be neither lost nor doubled.
 */
public final class FrameQueue extends FrameQueuePad4 implements PipeQueue {
    static final int CHUNK = 256;

    private static final VarHandle FLUSHED;
    private static final VarHandle READER_ASLEEP;
    private static final VarHandle MSGS_READ;
    private static final VarHandle WRITER_BLOCKED;
    private static final VarHandle SPARE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FLUSHED = l.findVarHandle(FrameQueueFlushed.class, "flushed", long.class);
            READER_ASLEEP = l.findVarHandle(FrameQueueFlushed.class, "readerAsleep", int.class);
            MSGS_READ = l.findVarHandle(FrameQueueProgress.class, "publishedMsgsRead", long.class);
            WRITER_BLOCKED = l.findVarHandle(FrameQueueProgress.class, "writerBlocked", int.class);
            SPARE = l.findVarHandle(FrameQueueProgress.class, "spare", FrameQueueProducer.Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Messages that may be written but not yet read before the writer must wait; 0 = no limit. */
    private final long hwm;
    /** The reader publishes its message count each time it has read this many. */
    private final long lwm;

    /**
     * @param hwm most messages in flight before {@link #checkWrite()} says no; 0 for no limit
     */
    public FrameQueue(long hwm) {
        if (hwm < 0) {
            throw new IllegalArgumentException("hwm=" + hwm + " (expected: >= 0)");
        }
        this.hwm = hwm;
        this.lwm = lowWaterMark(hwm);
        Chunk first = new Chunk();
        wChunk = first;
        rChunk = first;
        msgStartChunk = first;
    }

    /** libzmq's rule: half the HWM for small HWMs, otherwise HWM - 1024, so notices stay rare. */
    static long lowWaterMark(long hwm) {
        if (hwm == 0) {
            return 0;
        }
        return hwm > 2048 ? hwm - 1024 : Math.max(1, (hwm + 1) / 2);
    }

    public long hwm() {
        return hwm;
    }

    // ================================================================ producer side

    /**
     * Whether a new message may start without passing the HWM. When it may not, the producer is
     * registered for a wake-up and must not call this again until it has been woken.
     */
    @Override
    public boolean checkWrite() {
        if (hwm == 0 || midMessage || msgsWritten - cachedMsgsRead < hwm) {
            return true;
        }
        cachedMsgsRead = (long) MSGS_READ.getAcquire(this);
        if (msgsWritten - cachedMsgsRead < hwm) {
            return true;
        }
        WRITER_BLOCKED.setVolatile(this, 1);
        cachedMsgsRead = (long) MSGS_READ.getVolatile(this);
        if (msgsWritten - cachedMsgsRead < hwm) {
            // Room appeared meanwhile. If the reader has already claimed the wake-up, it will arrive;
            // we must then wait for it so that exactly one activation matches this blocking.
            return WRITER_BLOCKED.compareAndSet(this, 1, 0);
        }
        return false;
    }

    /** Appends a frame (invisible until {@link #flush()}). Frames without MORE end a message. */
    @Override
    public void write(Object body, int flags, boolean more) {
        if (!midMessage) {
            msgStartChunk = wChunk;
            msgStartPos = wPos;
            msgStartWritten = written;
        }
        Chunk c = wChunk;
        c.bodies[wPos] = body;
        c.flags[wPos] = flags;
        if (++wPos == CHUNK) {
            Chunk n = (Chunk) SPARE.getAndSet(this, (Chunk) null);
            if (n == null) {
                n = new Chunk();
            }
            c.next = n;
            wChunk = n;
            wPos = 0;
        }
        written++;
        midMessage = more;
        if (!more) {
            msgsWritten++;
        }
    }

    /** Takes back the frames of a message not yet flushed (all of them if it is incomplete). */
    @Override
    public Object[] rollback() {
        if (!midMessage) {
            return new Object[0];
        }
        int n = (int) (written - msgStartWritten);
        Object[] dropped = new Object[n];
        Chunk c = msgStartChunk;
        int pos = msgStartPos;
        for (int i = 0; i < n; i++) {
            dropped[i] = c.bodies[pos];
            c.bodies[pos] = null;
            if (++pos == CHUNK) {
                c = c.next;
                pos = 0;
            }
        }
        wChunk = msgStartChunk;
        wPos = msgStartPos;
        written = msgStartWritten;
        midMessage = false;
        return dropped;
    }

    /** Whether the producer is in the middle of a multipart message. */
    @Override
    public boolean midMessage() {
        return midMessage;
    }

    /**
     * Makes every complete message written so far visible to the consumer.
     *
     * @return true if the consumer was asleep and must now be woken (exactly once)
     */
    @Override
    public boolean flush() {
        long upTo = midMessage ? msgStartWritten : written;
        if (upTo == flushed) {
            return false;
        }
        FLUSHED.setVolatile(this, upTo);
        return readerAsleep == 1 && READER_ASLEEP.compareAndSet(this, 1, 0);
    }

    // ================================================================ consumer side

    /**
     * Whether a frame can be read. When none can, the consumer is registered for a wake-up and
     * must not call this again until it has been woken.
     */
    @Override
    public boolean checkRead() {
        if (readCount != cachedFlushed) {
            return true;
        }
        cachedFlushed = (long) FLUSHED.getAcquire(this);
        if (readCount != cachedFlushed) {
            return true;
        }
        READER_ASLEEP.setVolatile(this, 1);
        cachedFlushed = (long) FLUSHED.getVolatile(this);
        if (readCount != cachedFlushed) {
            // Data arrived meanwhile; if the producer already claimed the wake-up, wait for it.
            return READER_ASLEEP.compareAndSet(this, 1, 0);
        }
        return false;
    }

    /** The flags of the next frame; only after {@link #checkRead()} returned true. */
    @Override
    public int peekFlags() {
        return rChunk.flags[rPos];
    }

    /**
     * Removes the next frame and returns its body (read its flags with {@link #peekFlags()} first).
     * Only after {@link #checkRead()} returned true.
     */
    @Override
    public Object read() {
        Chunk c = rChunk;
        int pos = rPos;
        Object body = c.bodies[pos];
        c.bodies[pos] = null;
        if (++pos == CHUNK) {
            rChunk = c.next;
            c.next = null;
            SPARE.setRelease(this, c);
            pos = 0;
        }
        rPos = pos;
        readCount++;
        return body;
    }

    /**
     * Counts one whole message read. Every {@code lwm} messages the count is published to the
     * producer.
     *
     * @return true if the producer was blocked on the HWM and must now be woken (exactly once)
     */
    @Override
    public boolean readCompletedMessage() {
        long n = ++msgsRead;
        if (lwm == 0 || n % lwm != 0) {
            return false;
        }
        MSGS_READ.setVolatile(this, n);
        return writerBlocked == 1 && WRITER_BLOCKED.compareAndSet(this, 1, 0);
    }

    /**
     * Removes every flushed frame and returns their bodies, for release when the pipe dies. Only
     * by a thread that is (or has taken over as) the sole consumer.
     */
    @Override
    public java.util.List<Object> drain() {
        java.util.List<Object> out = new java.util.ArrayList<>();
        cachedFlushed = (long) FLUSHED.getVolatile(this);
        while (readCount != cachedFlushed) {
            out.add(read());
        }
        return out;
    }
}
