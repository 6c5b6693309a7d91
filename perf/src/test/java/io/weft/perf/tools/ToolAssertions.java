package io.weft.perf.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** What the perf tools' tests share: the promised lines, and running a tool on a thread of its own. */
final class ToolAssertions {
    /** How long a tool run in the background may take in a test. */
    static final Duration LIMIT = Duration.ofSeconds(30);
    /** The stderr line local_thr and local_lat print when a port * was resolved. */
    static final Pattern BOUND = Pattern.compile("^(?:local_thr|local_lat): bound to (\\S+)$");

    private ToolAssertions() {
    }

    /** libzmq's local_thr / inproc_thr lines. */
    static List<String> throughputLines(int size, int count) {
        return List.of("message size: " + size + " \\[B\\]", "message count: " + count,
                "mean throughput: [0-9]+ \\[msg/s\\]", "mean throughput: [0-9]+\\.[0-9]{3} \\[Mb/s\\]");
    }

    /** libzmq's remote_lat / inproc_lat lines, then the round-trip percentiles. */
    static List<String> latencyLines(int size, int count) {
        String us = "[0-9]+\\.[0-9]{3} \\[us\\]";
        return List.of("message size: " + size + " \\[B\\]", "roundtrip count: " + count, "average latency: " + us,
                "round-trip latency p50: " + us, "round-trip latency p90: " + us, "round-trip latency p99: " + us,
                "round-trip latency p99.9: " + us);
    }

    /** {@code lines} are exactly as many as {@code patterns}, each matching its own. */
    static void assertLines(List<String> patterns, List<String> lines) {
        assertEquals(patterns.size(), lines.size(), () -> "lines: " + lines);
        for (int i = 0; i < patterns.size(); i++) {
            String line = lines.get(i);
            String pattern = patterns.get(i);
            assertTrue(line.matches(pattern), () -> "line '" + line + "' does not match '" + pattern + "' in " + lines);
        }
    }

    /** Starts {@code tool} on a daemon thread of its own. */
    static FutureTask<Integer> background(String name, Callable<Integer> tool) {
        FutureTask<Integer> task = new FutureTask<>(tool);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return task;
    }

    /** The exit status of a background tool, waiting at most {@link #LIMIT}. */
    static int status(FutureTask<Integer> task) throws Exception {
        return task.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
