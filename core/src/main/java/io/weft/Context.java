package io.weft;

import io.weft.internal.ContextCore;

/**
 * The container of a set of sockets: their inproc names, their I/O threads, their life. Usually
 * one per process. Thread-safe.
 *
 * <pre>{@code
 * try (Context ctx = Context.create();
 *      Socket pull = ctx.socket(SocketType.PULL);
 *      Socket push = ctx.socket(SocketType.PUSH)) {
 *     String ep = pull.bind("inproc://jobs");
 *     push.connect(ep);
 *     push.send("hello");
 *     String s = pull.recvString();
 * }
 * }</pre>
 *
 * <p>I/O threads start only when a network transport first needs one. {@link #close()} ends every
 * call blocked on the context's sockets with a {@link ContextClosedException}, closes the sockets
 * and returns in bounded time: it never hangs.
 */
public final class Context implements AutoCloseable {
    private final ContextCore core;

    private Context(int ioThreads) {
        this.core = new ContextCore(ioThreads);
    }

    /** A context with one I/O thread (started lazily). */
    public static Context create() {
        return new Context(1);
    }

    /** A context with {@code ioThreads} I/O threads (started lazily); at least 1. */
    public static Context create(int ioThreads) {
        return new Context(ioThreads);
    }

    /**
     * A new socket of {@code type}.
     *
     * @throws ContextClosedException if the context is closed
     * @throws WeftException if no module provides the type (add weft-patterns)
     */
    public Socket socket(SocketType type) {
        return core.socket(type);
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * Closes every socket of this context (releasing threads blocked in them with a
     * {@link ContextClosedException}) and stops the I/O threads. Idempotent; bounded in time.
     */
    @Override
    public void close() {
        core.close();
    }

    /** The engine behind this context; not part of the API. */
    ContextCore core() {
        return core;
    }
}
