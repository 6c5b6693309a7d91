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
 * {@code remote_thr <connect-to> <message-size> <message-count>}: libzmq's throughput sender. A
 * PUSH connects and sends; the close waits (LINGER) until everything went out. Prints nothing, as
 * libzmq's.
 */
@Command(name = "remote_thr", sortOptions = false,
        description = "Connects a PUSH socket to local_thr and sends <message-count> messages of <message-size> bytes "
                + "(libzmq's remote_thr); exits once they are all out. Prints nothing.")
final class RemoteThr implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--copy", description = "Weft: send(byte[]), a copy of the bytes per message (as zmq_send), "
            + "instead of send(Msg), which hands one body over.")
    boolean copy;
    @Parameters(index = "0", paramLabel = "<connect-to>", description = "Endpoint of local_thr, e.g. tcp://127.0.0.1:5555.")
    String connectTo;
    @Parameters(index = "1", paramLabel = "<message-size>", description = "Bytes per message.")
    int size;
    @Parameters(index = "2", paramLabel = "<message-count>", description = "Messages to send.")
    int count;
    @Mixin
    LibOption lib;

    RemoteThr() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new RemoteThr(), args, out, err);
    }

    @Override
    public Integer call() {
        Cli.require(spec, size >= 0, "<message-size>=" + size + " (expected: >= 0)");
        Cli.require(spec, count >= 1, "<message-count>=" + count + " (expected: >= 1)");
        try (PerfLibrary l = lib.lib.open()) {
            PerfSocket push = l.socket(SocketType.PUSH);
            push.connect(connectTo);
            push.send(size, count, copy);
        }
        return 0;
    }
}
