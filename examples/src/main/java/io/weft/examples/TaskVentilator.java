package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.SplittableRandom;

/**
 * The head of the classic parallel pipeline: tells the sink how many results to expect, then
 * PUSHes tasks (each a workload, 1 to 100) that are shared round-robin among the connected
 * {@link TaskWorker}s. A PUSH with no worker connected yet waits for one.
 *
 * <p>{@code main [tasksEndpoint] [resultsEndpoint] [tasks]}: binds {@code tasksEndpoint} (default
 * {@value #DEFAULT_TASKS}), connects to the {@link TaskSink} at {@code resultsEndpoint} (default
 * {@value #DEFAULT_RESULTS}) and sends {@code tasks} tasks (default 100). With {@code inproc://}
 * endpoints, the workers and the sink run in this process too.
 */
public final class TaskVentilator {
    public static final String DEFAULT_TASKS = "inproc://tasks";
    public static final String DEFAULT_RESULTS = "inproc://results";

    private TaskVentilator() {
    }

    /**
     * Announces a batch of {@code tasks} tasks to the sink, then sends them to the workers.
     * Returns the total workload sent, which the sink should count back.
     */
    public static long ventilate(Context ctx, String tasksEndpoint, String resultsEndpoint, int tasks) {
        SplittableRandom random = new SplittableRandom();
        try (Socket sender = ctx.socket(SocketType.PUSH);
                Socket sink = ctx.socket(SocketType.PUSH)) {
            sender.bind(tasksEndpoint);
            sink.connect(resultsEndpoint);
            sink.send("batch " + tasks);
            long total = 0;
            for (int i = 0; i < tasks; i++) {
                int workload = random.nextInt(1, 101);
                total += workload;
                sender.send(Integer.toString(workload));
            }
            return total;
        }
    }

    public static void main(String[] args) {
        String tasksEndpoint = Args.string(args, 0, DEFAULT_TASKS);
        String resultsEndpoint = Args.string(args, 1, DEFAULT_RESULTS);
        int tasks = Args.count(args, 2, 100);
        if (Args.isInproc(tasksEndpoint) || Args.isInproc(resultsEndpoint)) {
            System.out.println(InProcess.taskPipeline(tasksEndpoint, resultsEndpoint, 3, tasks, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println("sent " + tasks + " tasks, total workload " + ventilate(ctx, tasksEndpoint,
                    resultsEndpoint, tasks));
        }
    }
}
