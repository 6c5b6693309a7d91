package io.weft.examples;

import io.weft.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs all the roles of a classic example in one process, over {@code inproc://}: inproc peers
 * must share a {@link Context}, so the mains given an inproc endpoint come here. The partner roles
 * run on background threads; every wait is bounded; the context is closed only after every thread
 * has let go of its sockets.
 */
final class InProcess {
    /** The longest any single wait may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private InProcess() {
    }

    /** Hello world: a REP server on a thread, a REQ client here. Returns the client's replies. */
    static List<String> helloWorld(String endpoint, int requests, Duration timeout) {
        try (Context ctx = Context.create()) {
            Background<Integer> server = Background.start("hello-world-server",
                    () -> HelloWorldServer.serve(ctx, endpoint, requests, timeout));
            List<String> replies;
            try {
                replies = HelloWorldClient.request(ctx, endpoint, requests, timeout);
            } catch (RuntimeException e) {
                server.stop(timeout);
                throw e;
            }
            int served = server.join(timeout);
            Deadlines.check(served == requests, "the server answered " + served + " requests (expected: " + requests + ")");
            return replies;
        }
    }

    /** Weather: a PUB server on a thread, publishing until the SUB client here has its updates. */
    static WeatherClient.Forecast weather(String endpoint, String zip, int updates, Duration timeout) {
        try (Context ctx = Context.create()) {
            AtomicBoolean done = new AtomicBoolean();
            Background<Long> server = Background.start("weather-server",
                    () -> WeatherServer.publish(ctx, endpoint, Long.MAX_VALUE, done::get));
            try {
                return WeatherClient.listen(ctx, endpoint, zip, updates, timeout);
            } finally {
                done.set(true);
                server.stop(timeout);
            }
        }
    }

    /**
     * The parallel pipeline: a sink and {@code workers} workers on threads, the ventilator here.
     * The workers are stopped by interrupting them once the sink has the whole batch.
     *
     * @throws ExampleFailure if the sink did not count back every task and the whole workload
     */
    static TaskSink.Tally taskPipeline(String tasksEndpoint, String resultsEndpoint, int workers, int tasks,
            Duration timeout) {
        try (Context ctx = Context.create()) {
            Background<TaskSink.Tally> sink = Background.start("task-sink",
                    () -> TaskSink.collect(ctx, resultsEndpoint, timeout));
            List<Background<Integer>> crew = new ArrayList<>();
            for (int w = 1; w <= workers; w++) {
                String name = "worker-" + w;
                crew.add(Background.start(name, () -> TaskWorker.work(ctx, name, tasksEndpoint, resultsEndpoint,
                        timeout)));
            }
            TaskSink.Tally tally;
            long sent;
            try {
                sent = TaskVentilator.ventilate(ctx, tasksEndpoint, resultsEndpoint, tasks);
                tally = sink.join(timeout);
            } finally {
                sink.stop(timeout);
                crew.forEach(Background::interrupt);
                crew.forEach(worker -> worker.stop(timeout));
            }
            Deadlines.check(tally.received() == tasks && tally.totalWorkload() == sent, tally + " (expected: " + tasks
                    + " results, total workload " + sent + ")");
            return tally;
        }
    }
}
