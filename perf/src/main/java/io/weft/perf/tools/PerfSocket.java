package io.weft.perf.tools;

import org.HdrHistogram.Histogram;

/**
 * A socket of one library with the four measured loops of libzmq's perf tools. Each loop reuses
 * its holders and buffers: nothing is allocated per message on the tool's side. Every message
 * received is checked to be {@code size} bytes long.
 */
interface PerfSocket {
    /** Binds and returns the endpoint resolved ({@code tcp://127.0.0.1:*} with its real port). */
    String bind(String endpoint);

    void connect(String endpoint);

    /**
     * PULL: receives {@code count} messages and returns the nanoseconds from the first to the
     * last (libzmq's {@code local_thr}: the clock starts when the first message is in).
     */
    long receive(int size, int count);

    /**
     * PUSH: sends {@code count} messages of {@code size} bytes. With {@code copy}, Weft sends a
     * copy of the bytes per message ({@code send(byte[])}, as {@code zmq_send}) instead of handing
     * over one body ({@code send(Msg)}); JeroMQ has only the second way.
     */
    void send(int size, int count, boolean copy);

    /** REP: receives {@code count} requests and sends each back. */
    void echo(int size, int count);

    /**
     * REQ: {@code warmup} untimed round trips, then {@code count} timed ones, each recorded in
     * {@code roundTrips} in nanoseconds.
     *
     * @return the nanoseconds the timed round trips took together
     */
    long roundTrips(int size, int count, int warmup, Histogram roundTrips);

    /** libzmq's "message of incorrect size received", with both sizes. */
    static IllegalStateException wrongSize(int got, int expected) {
        return new IllegalStateException("message of incorrect size received: size=" + got + " (expected: " + expected
                + ")");
    }
}
