package io.weft.perf.tools;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * A latency measurement and its report. The first three lines are libzmq's {@code remote_lat}
 * and {@code inproc_lat} lines, with libzmq's definition: {@code average latency} is ONE-WAY,
 * half the mean round trip ({@code elapsed / (roundtrip count * 2)}). Weft adds four percentile
 * lines, which are of the whole ROUND TRIP (what is measured; nothing halved), and say so:
 *
 * <pre>
 * message size: 64 [B]
 * roundtrip count: 10000
 * average latency: 51.234 [us]
 * round-trip latency p50: 98.303 [us]
 * round-trip latency p90: 120.127 [us]
 * round-trip latency p99: 310.271 [us]
 * round-trip latency p99.9: 1402.879 [us]
 * </pre>
 *
 * @param size bytes per message
 * @param count timed round trips
 * @param averageMicros one-way: the mean round trip halved, as libzmq
 * @param p50Micros round-trip median
 * @param p90Micros round-trip 90th percentile
 * @param p99Micros round-trip 99th percentile
 * @param p999Micros round-trip 99.9th percentile
 */
record LatencyResult(int size, int count, double averageMicros, double p50Micros, double p90Micros,
        double p99Micros, double p999Micros) {

    /** The percentiles printed, in the order of the fields. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] LABELS = {"p50", "p90", "p99", "p99.9"};

    private static final Pattern AVERAGE = Pattern.compile("^average latency: ([0-9.]+) \\[us\\]$");
    private static final Pattern PERCENTILE = Pattern.compile("^round-trip latency (p[0-9.]+): ([0-9.]+) \\[us\\]$");

    /** A histogram for {@link #of}: nanoseconds, 3 significant digits, sized so recording never allocates. */
    static Histogram newHistogram() {
        Histogram h = new Histogram(1, 10_000_000_000L, 3);
        h.setAutoResize(true); // a round trip over 10 s still counts (resizing once)
        return h;
    }

    /** From the total time of {@code count} round trips and their histogram (in nanoseconds). */
    static LatencyResult of(int size, int count, long elapsedNanos, Histogram roundTrips) {
        double micros = Math.max(elapsedNanos / 1e3, 1.0);
        return new LatencyResult(size, count, micros / (count * 2.0), percentile(roundTrips, 0),
                percentile(roundTrips, 1), percentile(roundTrips, 2), percentile(roundTrips, 3));
    }

    private static double percentile(Histogram h, int i) {
        return h.getValueAtPercentile(PERCENTILES[i]) / 1e3;
    }

    /** The value of {@code i}-th column: 0 the average, then the percentiles in order. */
    double column(int i) {
        switch (i) {
            case 0: return averageMicros;
            case 1: return p50Micros;
            case 2: return p90Micros;
            case 3: return p99Micros;
            case 4: return p999Micros;
            default: throw new IllegalArgumentException("column=" + i + " (expected: 0..4)");
        }
    }

    /** libzmq's first two lines: {@code message size: 64 [B]}, {@code roundtrip count: 100}. */
    void printHeader(PrintStream out) {
        out.printf(Locale.ROOT, "message size: %d [B]%n", size);
        out.printf(Locale.ROOT, "roundtrip count: %d%n", count);
    }

    /** libzmq's {@code average latency: X [us]} (one-way), then the round-trip percentiles. */
    void printLatencies(PrintStream out) {
        out.printf(Locale.ROOT, "average latency: %.3f [us]%n", averageMicros);
        for (int i = 0; i < LABELS.length; i++) {
            out.printf(Locale.ROOT, "round-trip latency %s: %.3f [us]%n", LABELS[i], column(i + 1));
        }
    }

    /**
     * Reads back the lines {@link #printLatencies} wrote (as {@code compare} reads a child's
     * output); other lines are ignored.
     *
     * @throws IllegalArgumentException if a line is missing
     */
    static LatencyResult parse(int size, int count, List<String> lines) {
        double[] v = new double[1 + LABELS.length];
        boolean[] seen = new boolean[v.length];
        for (String line : lines) {
            Matcher m = AVERAGE.matcher(line.trim());
            if (m.matches()) {
                v[0] = Double.parseDouble(m.group(1));
                seen[0] = true;
                continue;
            }
            m = PERCENTILE.matcher(line.trim());
            if (m.matches()) {
                int i = List.of(LABELS).indexOf(m.group(1));
                if (i >= 0) {
                    v[i + 1] = Double.parseDouble(m.group(2));
                    seen[i + 1] = true;
                }
            }
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("no " + (i == 0 ? "average latency" : "round-trip latency "
                        + LABELS[i - 1]) + " line in " + lines);
            }
        }
        return new LatencyResult(size, count, v[0], v[1], v[2], v[3], v[4]);
    }
}
