package io.weft.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs every socket type over {@code inproc://} and prints what happened, a few lines per pattern.
 * Each step runs in a context of its own, on one thread, with every wait bounded by a deadline; a
 * step that times out or sees the wrong thing is reported and the run exits with status 1.
 *
 * <pre>{@code mvn -q install -DskipTests && mvn -q -pl examples exec:java}</pre>
 */
public final class Demo {
    /** The longest any single wait of a step may take. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(2);

    /** What a step saw, as lines for a person to read. */
    public interface Report {
        List<String> lines();
    }

    /** A named step that returns its report or throws. */
    public record Step(String title, Supplier<? extends Report> body) {
    }

    private Demo() {
    }

    public static void main(String[] args) {
        int failed = run(System.out, STEP_TIMEOUT);
        if (failed > 0) {
            System.err.println("demo: " + failed + " of " + steps(STEP_TIMEOUT).size() + " steps failed (see above)");
            System.exit(1);
        }
    }

    /** Every step of the demo, in the order it runs them. */
    public static List<Step> steps(Duration timeout) {
        return List.of(
                new Step("PUSH/PULL: a pipeline, round-robin out, fair-queued in", () -> PipelineDemo.run(3, 6, timeout)),
                new Step("PUB/SUB: fan-out, filtered by topic prefix", () -> PubSubDemo.run(timeout)),
                new Step("REQ/REP: request-reply in lock-step, requests round-robined", () -> ReqRepDemo.run(timeout)),
                new Step("DEALER/ROUTER: asynchronous, replies addressed by routing id",
                        () -> DealerRouterDemo.run(timeout)),
                new Step("PAIR: one exclusive peer, multipart both ways", () -> PairDemo.run(timeout)),
                new Step("XPUB/XSUB: the publisher sees subscriptions", () -> XPubXSubDemo.run(timeout)));
    }

    /** Runs every step, printing its report to {@code out}; returns how many steps failed. */
    public static int run(PrintStream out, Duration timeout) {
        out.println("Weft demo: every socket type over inproc://");
        int failed = 0;
        long start = System.nanoTime();
        for (Step step : steps(timeout)) {
            out.println();
            out.println(step.title());
            long t0 = System.nanoTime();
            try {
                for (String line : step.body().get().lines()) {
                    out.println("  " + line);
                }
                out.println("  ok (" + millisSince(t0) + " ms)");
            } catch (RuntimeException e) {
                failed++;
                out.println("  FAILED: " + e);
            }
        }
        out.println();
        out.println(failed == 0 ? "All steps passed in " + millisSince(start) + " ms."
                : failed + " step(s) failed.");
        return failed;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
