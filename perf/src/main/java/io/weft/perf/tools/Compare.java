package io.weft.perf.tools;

import io.weft.SocketType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: the same workload with Weft and with JeroMQ, rounds alternating so that both
 * see the same machine, then the medians and the ratio {@code weft/jeromq}.
 *
 * <p>Each run is a perf tool's loop ({@link PerfSocket}), the same code for both libraries. Over
 * tcp and ipc this JVM binds and a child JVM ({@link ChildTool}: same class path) connects: for
 * throughput this JVM is {@code local_thr} and the child {@code remote_thr}; for latency this JVM
 * is {@code local_lat} and the child {@code remote_lat}, which measures (after
 * {@value #LAT_WARMUP} untimed round trips) and prints, and its lines are read back. Over inproc
 * both sides run here ({@code inproc_thr}, {@code inproc_lat}). A warm-up round, not counted,
 * comes first; the order of the libraries flips every round.
 */
@Command(name = "compare", sortOptions = false,
        description = {"Runs the same workload with Weft and with JeroMQ 0.6.0, rounds alternating, and prints each "
                + "run, the medians and the ratio weft/jeromq. A progress line goes to stderr.",
            "thr: PUSH->PULL, timed by the receiver from its first message to its last (local_thr/remote_thr). "
                + "lat: REQ->REP round trips (local_lat/remote_lat), " + Compare.LAT_WARMUP + " untimed first; "
                + "'average' is one-way as libzmq's, the percentiles are of the round trip.",
            "tcp and ipc: this JVM binds, a child JVM connects and sends (thr) or measures (lat). "
                + "inproc: both ends in this JVM. JeroMQ emulates ipc:// over tcp loopback.",
            "JVM options (e.g. -Dweft.spins=0) come from WEFT_JAVA_OPTS; weft.* properties reach the child too."})
final class Compare implements Callable<Integer> {
    /** Untimed round trips before each timed latency run. */
    static final int LAT_WARMUP = 1000;
    /** How long one run may take before its child is killed and the run fails. */
    static final Duration RUN_LIMIT = Duration.ofMinutes(5);

    enum Mode {
        THR, LAT;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum Transport {
        TCP, IPC, INPROC;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One side of the comparison: a library, and for Weft's copying variant, the flag. */
    record Contender(String name, Lib lib, boolean copy) {
    }

    @Spec
    CommandSpec spec;
    @Option(names = "--mode", paramLabel = "thr|lat", defaultValue = "thr",
            description = "Throughput (thr, default) or latency (lat).")
    Mode mode;
    @Option(names = "--transport", paramLabel = "tcp|ipc|inproc", defaultValue = "tcp",
            description = "Transport (default tcp, on loopback).")
    Transport transport;
    @Option(names = "--size", paramLabel = "<bytes>", defaultValue = "64", description = "Bytes per message (default 64).")
    int size;
    @Option(names = "--count", paramLabel = "<n>",
            description = "Messages per run (thr, default 1000000) or timed round trips per run (lat, default 5000).")
    Integer count;
    @Option(names = "--rounds", paramLabel = "<r>", defaultValue = "5",
            description = "Measured rounds (default 5), after one warm-up round.")
    int rounds;
    @Option(names = "--copy", description = "thr only: also run Weft with send(byte[]) (a copy per message, as "
            + "zmq_send), as contender weft-copy.")
    boolean copy;
    @Option(names = "--direct", description = "Also run Weft with message bodies in direct memory (a direct "
            + "ByteBuffer sent, ZERO_COPY_RECV on the receiver), as contender weft-direct.")
    boolean direct;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private Path ipcDir;
    private int runs;

    Compare(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new Compare(out, err, Progress.onTerminal()), args, out, err);
    }

    @Override
    public Integer call() throws IOException {
        int n = count != null ? count : mode == Mode.THR ? 1_000_000 : 5_000;
        Cli.require(spec, size >= 0, "--size=" + size + " (expected: >= 0)");
        Cli.require(spec, n >= 1, "--count=" + n + " (expected: >= 1)");
        Cli.require(spec, rounds >= 1, "--rounds=" + rounds + " (expected: >= 1)");
        Cli.require(spec, !copy || mode == Mode.THR, "--copy (expected: only with --mode thr)");
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("weft", Lib.WEFT, false));
        if (copy) {
            contenders.add(new Contender("weft-copy", Lib.WEFT, true));
        }
        if (direct) {
            contenders.add(new Contender("weft-direct", Lib.WEFT_DIRECT, false));
        }
        Contender baseline = new Contender("jeromq", Lib.JEROMQ, false);
        contenders.add(baseline);
        printHeader(n);

        Map<Contender, List<double[]>> results = new LinkedHashMap<>();
        contenders.forEach(c -> results.put(c, new ArrayList<>()));
        Progress progress = new Progress(err, terminal);
        if (transport == Transport.IPC) {
            ipcDir = Files.createTempDirectory("weft-compare");
        }
        try {
            for (int r = 0; r <= rounds; r++) {
                List<Contender> order = new ArrayList<>(contenders);
                if (r % 2 == 1) {
                    Collections.reverse(order);
                }
                String label = r == 0 ? "warm-up" : "round " + r + "/" + rounds;
                for (Contender c : order) {
                    progress.show(label + " " + c.name() + "...");
                    double[] v = runOnce(c, n);
                    progress.clear();
                    out.println(String.format(Locale.ROOT, "%-11s %-11s %s", label, c.name(), format(v)));
                    out.flush();
                    if (r > 0) {
                        results.get(c).add(v);
                    }
                }
            }
        } finally {
            progress.clear();
            deleteIpcDir();
        }

        Map<Contender, double[]> medians = new LinkedHashMap<>();
        for (Contender c : contenders) {
            medians.put(c, medians(results.get(c)));
            out.println(String.format(Locale.ROOT, "%-11s %-11s %s", "median", c.name(), format(medians.get(c))));
        }
        for (Contender c : contenders) {
            if (c != baseline) {
                out.println(ratio(c.name() + "/" + baseline.name(), medians.get(c), medians.get(baseline)));
            }
        }
        return 0;
    }

    private void printHeader(int n) {
        String workload = mode == Mode.THR
                ? String.format(Locale.ROOT, "PUSH->PULL throughput, %d B x %d messages", size, n)
                : String.format(Locale.ROOT, "REQ->REP latency, %d B x %d round trips (after %d untimed)", size, n,
                        LAT_WARMUP);
        out.println(String.format(Locale.ROOT, "compare: weft vs jeromq %s, %s, %s, %d round%s after a warm-up round",
                JeromqLibrary.version(), transport, workload, rounds, rounds == 1 ? "" : "s"));
        out.println(String.format(Locale.ROOT, "JDK %s (%s), %d CPUs, %s %s", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch")));
        out.flush();
    }

    /** One run of {@code c}; returns its columns (thr: msg/s, Mb/s; lat: average, p50, p90, p99, p99.9). */
    private double[] runOnce(Contender c, int n) throws IOException {
        try (PerfLibrary lib = c.lib().open()) {
            if (transport == Transport.INPROC) {
                return mode == Mode.THR ? columns(InprocThr.measure(lib, size, n, c.copy()))
                        : columns(InprocLat.measure(lib, size, n, LAT_WARMUP));
            }
            String endpoint = transport == Transport.TCP ? "tcp://127.0.0.1:*"
                    : "ipc://" + ipcDir.resolve("compare-" + (++runs) + ".sock");
            return mode == Mode.THR ? columns(networkThr(lib, c, endpoint, n)) : columns(networkLat(lib, c, endpoint, n));
        }
    }

    private ThroughputResult networkThr(PerfLibrary lib, Contender c, String endpoint, int n) throws IOException {
        PerfSocket pull = lib.socket(SocketType.PULL);
        String bound = pull.bind(endpoint);
        List<String> args = childArgs(c, List.of(bound, Integer.toString(size), Integer.toString(n)));
        try (ChildTool child = ChildTool.start("remote_thr", args)) {
            child.abortOnTrouble(RUN_LIMIT, lib::close);
            long elapsed;
            try {
                elapsed = pull.receive(size, n);
            } catch (RuntimeException e) {
                IllegalStateException why = child.failure();
                throw why != null ? why : e;
            }
            child.awaitSuccess(RUN_LIMIT);
            return new ThroughputResult(size, n, elapsed);
        }
    }

    private LatencyResult networkLat(PerfLibrary lib, Contender c, String endpoint, int n) throws IOException {
        PerfSocket rep = lib.socket(SocketType.REP);
        String bound = rep.bind(endpoint);
        List<String> args = childArgs(c, List.of("--warmup", Integer.toString(LAT_WARMUP), bound,
                Integer.toString(size), Integer.toString(n)));
        try (ChildTool child = ChildTool.start("remote_lat", args)) {
            child.abortOnTrouble(RUN_LIMIT, lib::close);
            try {
                rep.echo(size, n + LAT_WARMUP);
            } catch (RuntimeException e) {
                IllegalStateException why = child.failure();
                throw why != null ? why : e;
            }
            return LatencyResult.parse(size, n, child.awaitSuccess(RUN_LIMIT));
        }
    }

    private static List<String> childArgs(Contender c, List<String> rest) {
        List<String> args = new ArrayList<>(List.of("--lib", c.lib().label()));
        if (c.copy()) {
            args.add("--copy");
        }
        args.addAll(rest);
        return args;
    }

    private static double[] columns(ThroughputResult r) {
        return new double[] {r.messagesPerSecond(), r.megabitsPerSecond()};
    }

    private static double[] columns(LatencyResult r) {
        double[] v = new double[5];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.column(i);
        }
        return v;
    }

    private String format(double[] v) {
        if (mode == Mode.THR) {
            return String.format(Locale.ROOT, "%10d msg/s  %11.3f Mb/s", (long) v[0], v[1]);
        }
        return String.format(Locale.ROOT, "average %9.3f us   round trip p50 %9.3f  p90 %9.3f  p99 %9.3f  p99.9 %9.3f us",
                v[0], v[1], v[2], v[3], v[4]);
    }

    private String ratio(String name, double[] a, double[] b) {
        if (mode == Mode.THR) {
            return String.format(Locale.ROOT, "ratio %s: %.2f (throughput: above 1 means faster than jeromq)", name,
                    a[0] / b[0]);
        }
        return String.format(Locale.ROOT, "ratio %s: average %.2f  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f "
                + "(latency: below 1 means faster than jeromq)", name, a[0] / b[0], a[1] / b[1], a[2] / b[2],
                a[3] / b[3], a[4] / b[4]);
    }

    /** The median of each column over the rounds. */
    static double[] medians(List<double[]> rows) {
        int columns = rows.get(0).length;
        double[] m = new double[columns];
        for (int i = 0; i < columns; i++) {
            final int k = i;
            double[] v = rows.stream().mapToDouble(x -> x[k]).sorted().toArray();
            m[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
    }

    private void deleteIpcDir() {
        if (ipcDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(ipcDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            err.println("compare: could not delete " + ipcDir + ": " + e.getMessage());
        }
    }
}
