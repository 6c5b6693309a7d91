package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PUSH/PULL (RFC 30): a ventilator PUSH hands tasks round-robin to worker PULLs; each worker PUSHes
 * its results to one sink PULL, which fair-queues them (one message from each worker in turn).
 */
public final class PipelineDemo {
    /** Which worker got which tasks, and the order in which the sink received the results. */
    public record Result(Map<String, List<String>> tasksByWorker, List<String> sinkOrder) implements Demo.Report {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            tasksByWorker.forEach((worker, tasks) -> lines.add(worker + " got " + String.join(", ", tasks)));
            lines.add("the workers sent their results one worker after another; the sink took one from each in turn:");
            lines.add("  " + String.join(", ", sinkOrder));
            return lines;
        }
    }

    private PipelineDemo() {
    }

    /**
     * Sends {@code tasks} tasks through {@code workers} workers to a sink, all on this thread.
     *
     * @throws ExampleFailure if a wait times out or the tasks were not shared round-robin
     */
    public static Result run(int workers, int tasks, Duration timeout) {
        if (workers < 1 || tasks < workers) {
            throw new IllegalArgumentException("workers=" + workers + ", tasks=" + tasks
                    + " (expected: workers >= 1 and tasks >= workers)");
        }
        // The workers' sockets are not in the try list: closing the context closes them.
        try (Context ctx = Context.create();
                Socket ventilator = ctx.socket(SocketType.PUSH);
                Socket sink = ctx.socket(SocketType.PULL)) {
            String tasksEndpoint = ventilator.bind("inproc://demo-tasks");
            String resultsEndpoint = sink.bind("inproc://demo-results");
            List<Socket> inboxes = new ArrayList<>();
            List<Socket> outboxes = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                Socket in = ctx.socket(SocketType.PULL);
                in.connect(tasksEndpoint);
                inboxes.add(in);
                Socket out = ctx.socket(SocketType.PUSH);
                out.connect(resultsEndpoint);
                outboxes.add(out);
            }

            for (int t = 1; t <= tasks; t++) {
                ventilator.send("task-" + t);
            }

            // An inproc send puts the message in the peer's pipe before it returns, so once the
            // first task has come, a worker's other tasks are already queued: tryRecv takes them.
            Map<String, List<String>> byWorker = new LinkedHashMap<>();
            for (int w = 0; w < workers; w++) {
                String name = "worker-" + (w + 1);
                Socket in = inboxes.get(w);
                List<String> got = new ArrayList<>();
                got.add(Deadlines.recvString(in, timeout, name + "'s first task"));
                for (byte[] more = in.tryRecv(); more != null; more = in.tryRecv()) {
                    got.add(new String(more, StandardCharsets.UTF_8));
                }
                byWorker.put(name, got);
                for (String task : got) {
                    outboxes.get(w).send(task + " by " + name);
                }
            }
            checkRoundRobin(byWorker, tasks);

            List<String> sinkOrder = new ArrayList<>();
            for (int t = 1; t <= tasks; t++) {
                sinkOrder.add(Deadlines.recvString(sink, timeout, "result " + t + " of " + tasks + " at the sink"));
            }
            checkFairQueued(sinkOrder, workers);
            return new Result(byWorker, sinkOrder);
        }
    }

    private static void checkRoundRobin(Map<String, List<String>> byWorker, int tasks) {
        Set<String> seen = new HashSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<String> got : byWorker.values()) {
            seen.addAll(got);
            min = Math.min(min, got.size());
            max = Math.max(max, got.size());
        }
        Deadlines.check(seen.size() == tasks, "the workers got " + seen.size() + " distinct tasks (expected: " + tasks
                + "): " + byWorker);
        Deadlines.check(max - min <= 1, "tasks were not shared round-robin (expected: shares differing by at most one): "
                + byWorker);
    }

    /** Every worker had a result queued, so the first {@code workers} results come from distinct workers. */
    private static void checkFairQueued(List<String> sinkOrder, int workers) {
        Set<String> firstRound = new HashSet<>();
        for (String result : sinkOrder.subList(0, workers)) {
            firstRound.add(result.substring(result.lastIndexOf(' ') + 1));
        }
        Deadlines.check(firstRound.size() == workers, "the sink did not take one result from each worker in turn "
                + "(expected: the first " + workers + " from distinct workers): " + sinkOrder);
    }
}
