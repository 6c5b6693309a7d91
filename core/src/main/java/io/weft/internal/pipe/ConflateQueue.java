package io.weft.internal.pipe;

import io.weft.internal.PooledBody;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of a conflating pipe ({@code CONFLATE}): a single slot holding the newest message.
 * A write replaces whatever the reader has not taken yet (the replaced body is released), so the
 * writer never blocks and the reader always gets the latest value. Single-part messages only, as
 * in libzmq; a multipart message is reduced to its last frame.
 *
 * <p>One producer thread, one consumer thread. The slot is exchanged atomically; the reader's
 * sleep flag follows the same Dekker handshake as {@link FrameQueue}.
 */
public final class ConflateQueue implements PipeQueue {
    private static final VarHandle SLOT;
    private static final VarHandle ASLEEP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SLOT = l.findVarHandle(ConflateQueue.class, "slot", Object.class);
            ASLEEP = l.findVarHandle(ConflateQueue.class, "readerAsleep", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Object EMPTY = new Object();

    @SuppressWarnings("unused")
    private volatile Object slot = EMPTY;
    @SuppressWarnings("unused")
    private volatile int readerAsleep;
    /** Producer's message being written (last frame wins), published at flush. */
    private Object pending = EMPTY;
    private boolean midMessage;
    /** Consumer's taken message, between checkRead and read. */
    private Object taken = EMPTY;

    @Override
    public boolean checkWrite() {
        return true;
    }

    @Override
    public void write(Object body, int flags, boolean more) {
        if (pending != EMPTY) {
            PooledBody.discard(pending);
        }
        pending = body;
        midMessage = more;
    }

    @Override
    public Object[] rollback() {
        if (!midMessage || pending == EMPTY) {
            return new Object[0];
        }
        Object dropped = pending;
        pending = EMPTY;
        midMessage = false;
        return new Object[] {dropped};
    }

    @Override
    public boolean midMessage() {
        return midMessage;
    }

    @Override
    public boolean flush() {
        if (midMessage || pending == EMPTY) {
            return false;
        }
        Object old = SLOT.getAndSet(this, pending);
        pending = EMPTY;
        if (old != EMPTY) {
            PooledBody.discard(old);
        }
        return readerAsleep == 1 && ASLEEP.compareAndSet(this, 1, 0);
    }

    @Override
    public boolean checkRead() {
        if (taken != EMPTY) {
            return true;
        }
        taken = SLOT.getAndSet(this, EMPTY);
        if (taken != EMPTY) {
            return true;
        }
        ASLEEP.setVolatile(this, 1);
        taken = SLOT.getAndSet(this, EMPTY);
        if (taken != EMPTY) {
            if (ASLEEP.compareAndSet(this, 1, 0)) {
                return true;
            }
            // The writer claimed the wake-up: keep the message for when it arrives.
            return false;
        }
        return false;
    }

    @Override
    public int peekFlags() {
        return 0;
    }

    @Override
    public Object read() {
        Object b = taken;
        taken = EMPTY;
        return b;
    }

    @Override
    public boolean readCompletedMessage() {
        return false;
    }

    @Override
    public List<Object> drain() {
        List<Object> out = new ArrayList<>(2);
        if (taken != EMPTY) {
            out.add(taken);
            taken = EMPTY;
        }
        Object b = SLOT.getAndSet(this, EMPTY);
        if (b != EMPTY) {
            out.add(b);
        }
        if (pending != EMPTY) {
            out.add(pending);
            pending = EMPTY;
        }
        return out;
    }
}
