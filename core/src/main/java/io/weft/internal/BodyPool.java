package io.weft.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM-wide pool of direct buffers that large incoming frames are read into (socket option
 * {@code ZERO_COPY_RECV}). Reusing a buffer keeps the memory a frame lands in warm in the CPU's
 * caches and spares the allocation, the zeroing and the garbage of a new array per frame; and a
 * direct buffer lets the kernel copy the body straight into it, without the JDK's temporary buffer.
 *
 * <p>Buffers come in power-of-two classes from {@link #MIN_POOLED} to {@link #MAX_POOLED} octets;
 * a larger body gets a buffer of its own, never pooled. The pool keeps at most
 * {@link #MAX_RETAINED} octets of idle buffers: what comes back beyond that is left to the garbage
 * collector. The last buffer given back is the first taken again, while it is still in cache.
 * Thread-safe: I/O threads take, application threads give back.
 */
public final class BodyPool {
    /** The smallest frame body that is pooled; smaller ones are copied into arrays. */
    public static final int MIN_POOLED = 8 * 1024;
    /** The largest pooled buffer; a larger body gets a direct buffer of its own. */
    public static final int MAX_POOLED = 4 * 1024 * 1024;
    /** Most octets of idle buffers kept for reuse. */
    public static final long MAX_RETAINED = 64L * 1024 * 1024;

    private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_POOLED);
    private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_POOLED) - MIN_SHIFT + 1;
    private static final int UNPOOLED = -1;

    @SuppressWarnings("unchecked")
    private static final ConcurrentLinkedDeque<PooledBody>[] IDLE = new ConcurrentLinkedDeque[CLASSES];
    private static final AtomicLong RETAINED = new AtomicLong();

    static {
        for (int i = 0; i < CLASSES; i++) {
            IDLE[i] = new ConcurrentLinkedDeque<>();
        }
    }

    private BodyPool() {
    }

    /**
     * A body of exactly {@code size} octets (its buffer's limit), owned by the caller.
     *
     * @throws IllegalArgumentException if {@code size} is below {@link #MIN_POOLED}
     */
    public static PooledBody take(int size) {
        if (size < MIN_POOLED) {
            throw new IllegalArgumentException("size=" + size + " (expected: >= " + MIN_POOLED + ")");
        }
        if (size > MAX_POOLED) {
            PooledBody own = new PooledBody(ByteBuffer.allocateDirect(size), UNPOOLED);
            own.taken(size);
            return own;
        }
        int c = sizeClass(size);
        PooledBody body = IDLE[c].pollFirst(); // the last given back: the likeliest still in cache
        if (body != null) {
            RETAINED.addAndGet(-body.buffer().capacity());
        } else {
            body = new PooledBody(ByteBuffer.allocateDirect(MIN_POOLED << c), c);
        }
        body.taken(size);
        return body;
    }

    /** Idle octets kept right now (for tests and diagnostics). */
    public static long retained() {
        return RETAINED.get();
    }

    static void giveBack(PooledBody body) {
        int c = body.sizeClass();
        if (c == UNPOOLED) {
            return;
        }
        int capacity = body.buffer().capacity();
        if (RETAINED.addAndGet(capacity) > MAX_RETAINED) {
            RETAINED.addAndGet(-capacity); // full: the garbage collector frees this one
            return;
        }
        IDLE[c].offerFirst(body);
    }

    /** The class whose buffers are the smallest power of two holding {@code size} octets. */
    static int sizeClass(int size) {
        int shift = 32 - Integer.numberOfLeadingZeros(size - 1); // ceil(log2(size))
        return Math.max(0, shift - MIN_SHIFT);
    }
}
