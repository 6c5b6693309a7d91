package io.weft.perf.tools;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A throughput measurement and its report in libzmq's words. As libzmq's {@code local_thr} and
 * {@code inproc_thr}: the clock runs from the first message received to the last, and the rate
 * is {@code message count / elapsed} (count, not count - 1, as there); megabits count 8 bits a byte
 * of body, 10^6 bits a megabit.
 *
 * @param size bytes per message
 * @param count messages received
 * @param elapsedNanos from the first message to the last
 */
record ThroughputResult(int size, int count, long elapsedNanos) {
    /** Messages per second, truncated as libzmq prints it. */
    long messagesPerSecond() {
        double micros = Math.max(elapsedNanos / 1e3, 1.0); // libzmq: an elapsed time of 0 counts as 1 us
        return (long) (count / micros * 1e6);
    }

    /** Megabits per second of message bodies, from the truncated message rate (libzmq's way). */
    double megabitsPerSecond() {
        return messagesPerSecond() * (double) size * 8 / 1e6;
    }

    /** libzmq's first two lines: {@code message size: 64 [B]}, {@code message count: 1000}. */
    void printHeader(PrintStream out) {
        out.printf(Locale.ROOT, "message size: %d [B]%n", size);
        out.printf(Locale.ROOT, "message count: %d%n", count);
    }

    /** libzmq's two result lines: {@code mean throughput: N [msg/s]} and {@code ... X [Mb/s]}. */
    void printRates(PrintStream out) {
        out.printf(Locale.ROOT, "mean throughput: %d [msg/s]%n", messagesPerSecond());
        out.printf(Locale.ROOT, "mean throughput: %.3f [Mb/s]%n", megabitsPerSecond());
    }
}
