package io.weft.perf.tools;

import io.weft.SocketType;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code local_thr <bind-to> <message-size> <message-count>}: libzmq's throughput receiver. A PULL
 * binds, receives the messages {@code remote_thr} sends, and prints libzmq's four lines (message
 * size, message count, mean throughput in msg/s and in Mb/s), timed from the first message to the
 * last. A port {@code *} is reported on stderr once resolved.
 */
@Command(name = "local_thr", sortOptions = false,
        description = {"Binds a PULL socket, receives <message-count> messages of <message-size> bytes from remote_thr "
                + "and prints the throughput, timed from the first message to the last, in libzmq's local_thr format.",
            "Any transport: tcp://, ipc://. With port * the endpoint bound is printed on stderr."})
final class LocalThr implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<bind-to>", description = "Endpoint to bind, e.g. tcp://127.0.0.1:5555.")
    String bindTo;
    @Parameters(index = "1", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "2", paramLabel = "<message-count>", description = "Messages to receive.")
    int count;
    @Mixin
    LibOption lib;

    private final PrintStream out;
    private final PrintStream err;

    LocalThr(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new LocalThr(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<message-count>=" + count + " (expected: >= 1)");
        try (PerfLibrary l = lib.lib.open()) {
            PerfSocket pull = l.socket(SocketType.PULL);
            Cli.reportBound(spec.name(), bindTo, pull.bind(bindTo), err);
            ThroughputResult r = new ThroughputResult(size, count, pull.receive(size, count));
            r.printHeader(out);
            r.printRates(out);
        }
        return 0;
    }
}
