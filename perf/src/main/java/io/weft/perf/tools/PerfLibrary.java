package io.weft.perf.tools;

import io.weft.SocketType;

/**
 * One messaging library as the perf tools drive it: a context that makes {@link PerfSocket}s.
 * Weft and JeroMQ each implement it once, so that every tool, and {@code compare}, runs the very
 * same loops against both.
 *
 * <p>{@link #close()} waits, as libzmq's {@code zmq_ctx_term} does with the default LINGER, until
 * what was sent has gone out; it may be called from another thread to release a thread blocked
 * in a loop (that thread then fails).
 */
interface PerfLibrary extends AutoCloseable {
    /** A socket of {@code type} (PUSH, PULL, REQ or REP). */
    PerfSocket socket(SocketType type);

    @Override
    void close();
}
