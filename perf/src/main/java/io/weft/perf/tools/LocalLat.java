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
 * {@code local_lat <bind-to> <message-size> <roundtrip-count>}: libzmq's latency echo. A REP binds
 * and sends every request back; {@code remote_lat} measures. Prints nothing (a port {@code *} is
 * reported on stderr once resolved).
 */
@Command(name = "local_lat", sortOptions = false,
        description = {"Binds a REP socket and echoes <roundtrip-count> requests of <message-size> bytes from "
                + "remote_lat, which measures and prints (libzmq's local_lat). Prints nothing.",
            "Any transport: tcp://, ipc://. With port * the endpoint bound is printed on stderr."})
final class LocalLat implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "<bind-to>", description = "Endpoint to bind, e.g. tcp://127.0.0.1:5555.")
    String bindTo;
    @Parameters(index = "1", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "2", paramLabel = "<roundtrip-count>",
            description = "Requests to echo: remote_lat's <roundtrip-count> plus its --warmup.")
    int count;
    @Mixin
    LibOption lib;

    private final PrintStream err;

    LocalLat(PrintStream err) {
        this.err = err;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new LocalLat(err), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<roundtrip-count>=" + count + " (expected: >= 1)");
        try (PerfLibrary l = lib.lib.open()) {
            PerfSocket rep = l.socket(SocketType.REP);
            Cli.reportBound(spec.name(), bindTo, rep.bind(bindTo), err);
            rep.echo(size, count);
        }
        return 0;
    }
}
