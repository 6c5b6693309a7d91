package io.weft.perf.tools;

import io.weft.SocketType;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code inproc_thr <message-size> <message-count>}: libzmq's in-process throughput test. A PULL
 * binds {@code inproc://thr_test}; a second thread's PUSH connects and sends; the receiving thread
 * times from its first message to its last and prints libzmq's four lines.
 */
@Command(name = "inproc_thr", sortOptions = false,
        description = "Sends <message-count> messages of <message-size> bytes PUSH->PULL over inproc:// from a second "
                + "thread and prints the throughput, timed by the receiver from its first message to its last "
                + "(libzmq's inproc_thr).")
final class InprocThr implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--copy", description = "Weft: send(byte[]), a copy of the bytes per message (as zmq_send), "
            + "instead of send(Msg), which hands one body over.")
    boolean copy;
    @Parameters(index = "0", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "1", paramLabel = "<message-count>", description = "Messages to send.")
    int count;
    @Mixin
    LibOption lib;

    private final PrintStream out;

    InprocThr(PrintStream out) {
        this.out = out;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new InprocThr(out), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<message-count>=" + count + " (expected: >= 1)");
        ThroughputResult r;
        try (PerfLibrary l = lib.lib.open()) {
            r = measure(l, size, count, copy);
        }
        r.printHeader(out);
        r.printRates(out);
        return 0;
    }

    /** One in-process run on {@code library}: PULL bound here, PUSH on a second thread. */
    static ThroughputResult measure(PerfLibrary library, int size, int count, boolean copy) {
        PerfSocket pull = library.socket(SocketType.PULL);
        String endpoint = pull.bind("inproc://thr_test");
        PerfSocket push = library.socket(SocketType.PUSH);
        push.connect(endpoint);
        Worker sender = Worker.start("inproc_thr sender", () -> push.send(size, count, copy));
        long elapsed = pull.receive(size, count);
        sender.join();
        return new ThroughputResult(size, count, elapsed);
    }
}
