package io.weft.internal;

import io.weft.IllegalSocketStateException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Detects a socket used by two threads at once, for the price of one uncontended compare-and-set
 * per call. Sockets may move between threads (one at a time), as in libzmq; what is refused is
 * overlap. The context also takes the guard to close a socket whose owner has let go.
 */
final class ThreadGuard {
    private static final VarHandle HOLDER;

    static {
        try {
            HOLDER = MethodHandles.lookup().findVarHandle(ThreadGuard.class, "holder", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile Thread holder;
    private final String what;

    ThreadGuard(String what) {
        this.what = what;
    }

    /** Enters a call; fails if another thread is inside one. Returns false on re-entry by the holder. */
    boolean enter() {
        Thread me = Thread.currentThread();
        Thread prev = (Thread) HOLDER.compareAndExchange(this, (Thread) null, me);
        if (prev == null) {
            return true;
        }
        if (prev == me) {
            return false;
        }
        throw new IllegalSocketStateException(what + " is in use by thread '" + prev.getName()
                + "' while thread '" + me.getName() + "' called it: a socket is not thread-safe; "
                + "use it from one thread at a time");
    }

    /** Tries to enter without failing; true if now held by the caller. */
    boolean tryEnter() {
        return HOLDER.compareAndSet(this, (Thread) null, Thread.currentThread());
    }

    void exit() {
        HOLDER.setRelease(this, (Thread) null);
    }
}
