package io.weft.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A frame body in a direct buffer borrowed from {@link BodyPool}: where a large incoming frame is
 * read straight from the socket when {@code ZERO_COPY_RECV} is on. The body is octets
 * {@code [0, limit)} of {@link #buffer()}.
 *
 * <p><b>Ownership.</b> Exactly one party owns a pooled body at a time: the engine that filled it,
 * then the pipe, then the {@code Msg} holder that received it. Only the owner may give it back,
 * once, with {@link #release()}. A body nobody gives back is not a leak: its buffer is an ordinary
 * direct buffer, freed by the garbage collector like any other, and the pool allocates a new one.
 */
public final class PooledBody {
    private static final VarHandle IN_POOL;

    static {
        try {
            IN_POOL = MethodHandles.lookup().findVarHandle(PooledBody.class, "inPool", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBuffer buffer;
    private final int sizeClass;
    @SuppressWarnings("unused") // through IN_POOL
    private volatile boolean inPool;

    PooledBody(ByteBuffer buffer, int sizeClass) {
        this.buffer = buffer;
        this.sizeClass = sizeClass;
    }

    /** The buffer: the body is {@code [0, limit)}; its position is the owner's to use. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** The body's length in octets. */
    public int size() {
        return buffer.limit();
    }

    /**
     * Gives the buffer back to the pool; the caller must not touch it afterwards. A second release
     * before the pool hands the body out again is ignored (once handed out, it is the new owner's).
     */
    public void release() {
        if (IN_POOL.compareAndSet(this, false, true)) {
            BodyPool.giveBack(this);
        }
    }

    /**
     * A pipe drops a body it still owns (its peer is gone, or a half message is rolled back, or a
     * conflated message is replaced): a pooled one goes back to the pool, anything else is left to
     * the garbage collector.
     */
    public static void discard(Object body) {
        if (body instanceof PooledBody pooled) {
            pooled.release();
        }
    }

    int sizeClass() {
        return sizeClass;
    }

    /** Taken out of the pool: owned again. */
    void taken(int size) {
        inPool = false;
        buffer.clear().limit(size);
    }
}
