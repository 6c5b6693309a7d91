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
 * {@code remote_lat <connect-to> <message-size> <roundtrip-count>}: libzmq's latency meter. A REQ
 * connects to {@code local_lat}, times every round trip, and prints libzmq's three lines (the
 * {@code average latency} is one-way: half the mean round trip, libzmq's definition) and the
 * round-trip percentiles (see {@link LatencyResult}).
 */
@Command(name = "remote_lat", sortOptions = false,
        description = {"Connects a REQ socket to local_lat, makes <roundtrip-count> round trips of <message-size> "
                + "bytes and prints libzmq's remote_lat lines, then round-trip percentiles.",
            "'average latency' is one-way, as libzmq: the mean round trip halved. The p50/p90/p99/p99.9 lines are "
                + "of the whole round trip."})
final class RemoteLat implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--warmup", paramLabel = "<n>", defaultValue = "0",
            description = "Untimed round trips first (default 0, as libzmq); local_lat must then echo "
                    + "<roundtrip-count> + <n>.")
    int warmup;
    @Parameters(index = "0", paramLabel = "<connect-to>", description = "Endpoint of local_lat, e.g. tcp://127.0.0.1:5555.")
    String connectTo;
    @Parameters(index = "1", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "2", paramLabel = "<roundtrip-count>", description = "Round trips to time.")
    int count;
    @Mixin
    LibOption lib;

    private final PrintStream out;

    RemoteLat(PrintStream out) {
        this.out = out;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new RemoteLat(out), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<roundtrip-count>=" + count + " (expected: >= 1)");
        Cli.require(spec, warmup >= 0, "--warmup=" + warmup + " (expected: >= 0)");
        LatencyResult r;
        try (PerfLibrary l = lib.lib.open()) {
            PerfSocket req = l.socket(SocketType.REQ);
            req.connect(connectTo);
            Histogram h = LatencyResult.newHistogram();
            r = LatencyResult.of(size, count, req.roundTrips(size, count, warmup, h), h);
        }
        r.printHeader(out);
        r.printLatencies(out);
        return 0;
    }
}
