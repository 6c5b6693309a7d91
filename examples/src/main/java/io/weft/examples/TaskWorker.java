package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.WeftInterruptedException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A worker of the classic parallel pipeline: PULLs tasks from the {@link TaskVentilator}, does the
 * work, and PUSHes a result to the {@link TaskSink}. (Here the work is only reported back: the
 * point is the message flow.)
 *
 * <p>{@code main [tasksEndpoint] [resultsEndpoint]}: connects to both (defaults as for
 * {@link TaskVentilator}) and works until no task has come for ten seconds. With {@code inproc://}
 * endpoints, the ventilator, two more workers and the sink run in this process too.
 */
public final class TaskWorker {
    private static final Duration IDLE = Duration.ofSeconds(10);

    private TaskWorker() {
    }

    /**
     * Works until no task arrives within {@code idle}, or the thread is interrupted (a blocked
     * receive then ends with {@link WeftInterruptedException}; the sockets stay sound, so they
     * close normally). Returns how many tasks it did.
     */
    public static int work(Context ctx, String name, String tasksEndpoint, String resultsEndpoint, Duration idle) {
        int done = 0;
        try (Socket receiver = ctx.socket(SocketType.PULL);
                Socket sender = ctx.socket(SocketType.PUSH)) {
            receiver.connect(tasksEndpoint);
            sender.connect(resultsEndpoint);
            for (byte[] task = receiver.recv(idle); task != null; task = receiver.recv(idle)) {
                int workload = Integer.parseInt(new String(task, StandardCharsets.UTF_8));
                sender.send(name + " " + workload);
                done++;
            }
        } catch (WeftInterruptedException stopped) {
            // Asked to stop.
        }
        return done;
    }

    public static void main(String[] args) {
        String tasksEndpoint = Args.string(args, 0, TaskVentilator.DEFAULT_TASKS);
        String resultsEndpoint = Args.string(args, 1, TaskVentilator.DEFAULT_RESULTS);
        if (Args.isInproc(tasksEndpoint) || Args.isInproc(resultsEndpoint)) {
            System.out.println(InProcess.taskPipeline(tasksEndpoint, resultsEndpoint, 3, 100, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println("did " + work(ctx, "worker", tasksEndpoint, resultsEndpoint, IDLE) + " tasks");
        }
    }
}
