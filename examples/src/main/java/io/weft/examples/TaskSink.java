package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end of the classic parallel pipeline: PULLs the batch announcement from the
 * {@link TaskVentilator} and the results from every {@link TaskWorker}, fair-queued, until the
 * batch is complete.
 *
 * <p>{@code main [tasksEndpoint] [resultsEndpoint]}: binds {@code resultsEndpoint} (defaults as
 * for {@link TaskVentilator}) and collects one batch. With {@code inproc://} endpoints, the
 * ventilator and three workers run in this process too.
 */
public final class TaskSink {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A batch as the sink saw it: results expected and received, their total workload, and who did them. */
    public record Tally(int expected, int received, long totalWorkload, Map<String, Integer> byWorker) {
        @Override
        public String toString() {
            return "sink collected " + received + " of " + expected + " results, total workload " + totalWorkload
                    + ", by worker " + byWorker;
        }
    }

    private TaskSink() {
    }

    /**
     * Binds a PULL socket to {@code resultsEndpoint} and collects one batch, waiting at most
     * {@code timeout} for each message. The announcement and the results come through different
     * pipes, so either may be read first.
     *
     * @throws ExampleFailure if a message does not come in time
     */
    public static Tally collect(Context ctx, String resultsEndpoint, Duration timeout) {
        int expected = -1;
        int received = 0;
        long total = 0;
        Map<String, Integer> byWorker = new TreeMap<>();
        try (Socket receiver = ctx.socket(SocketType.PULL)) {
            receiver.bind(resultsEndpoint);
            while (expected < 0 || received < expected) {
                String[] message = Deadlines.recvString(receiver, timeout, expected < 0 ? "the batch announcement"
                        + " or a result" : "result " + (received + 1) + " of " + expected).split(" ");
                if (message[0].equals("batch")) {
                    expected = Integer.parseInt(message[1]);
                } else {
                    received++;
                    total += Integer.parseInt(message[1]);
                    byWorker.merge(message[0], 1, Integer::sum);
                }
            }
        }
        return new Tally(expected, received, total, byWorker);
    }

    public static void main(String[] args) {
        String tasksEndpoint = Args.string(args, 0, TaskVentilator.DEFAULT_TASKS);
        String resultsEndpoint = Args.string(args, 1, TaskVentilator.DEFAULT_RESULTS);
        if (Args.isInproc(tasksEndpoint) || Args.isInproc(resultsEndpoint)) {
            System.out.println(InProcess.taskPipeline(tasksEndpoint, resultsEndpoint, 3, 100, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println(collect(ctx, resultsEndpoint, PATIENCE));
        }
    }
}
