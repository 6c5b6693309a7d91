package io.weft.perf.tools;

import io.weft.SocketType;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inproc_lat <message-size> <roundtrip-count>}: libzmq's in-process latency test. A REP on
 * a second thread echoes; a REQ times every round trip and prints libzmq's lines and the
 * round-trip percentiles (see {@link LatencyResult}).
 */
@Command(name = "inproc_lat", sortOptions = false,
        description = {"Makes <roundtrip-count> REQ->REP round trips of <message-size> bytes over inproc:// with a "
                + "second thread and prints libzmq's inproc_lat lines, then round-trip percentiles.",
            "'average latency' is one-way, as libzmq: the mean round trip halved. The p50/p90/p99/p99.9 lines are "
                + "of the whole round trip."})
final class InprocLat implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--warmup", paramLabel = "<n>", defaultValue = "0",
            description = "Untimed round trips first (default 0, as libzmq).")
    int warmup;
    @Parameters(index = "0", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "1", paramLabel = "<roundtrip-count>", description = "Round trips to time.")
    int count;
    @Mixin
    LibOption lib;

    private final PrintStream out;

    InprocLat(PrintStream out) {
        this.out = out;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new InprocLat(out), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<roundtrip-count>=" + count + " (expected: >= 1)");
        Cli.require(spec, warmup >= 0, "--warmup=" + warmup + " (expected: >= 0)");
        LatencyResult r;
        try (PerfLibrary l = lib.lib.open()) {
            r = measure(l, size, count, warmup);
        }
        r.printHeader(out);
        r.printLatencies(out);
        return 0;
    }

    /** One in-process run on {@code library}: REP echoing on a second thread, REQ timing here. */
    static LatencyResult measure(PerfLibrary library, int size, int count, int warmup) {
        PerfSocket rep = library.socket(SocketType.REP);
        String endpoint = rep.bind("inproc://lat_test");
        PerfSocket req = library.socket(SocketType.REQ);
        req.connect(endpoint);
        Worker echo = Worker.start("inproc_lat echo", () -> rep.echo(size, count + warmup));
        Histogram h = LatencyResult.newHistogram();
        long elapsed = req.roundTrips(size, count, warmup, h);
        echo.join();
        return LatencyResult.of(size, count, elapsed, h);
    }
}
