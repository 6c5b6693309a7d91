package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The classic ventilator / workers / sink over inproc (PUSH and PULL only). */
@Timeout(30)
class TaskPipelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void sinkCountsBackEveryTaskAndTheWholeWorkload() {
        TaskSink.Tally tally = InProcess.taskPipeline("inproc://test-tasks", "inproc://test-results", 3, 200, TIMEOUT);
        assertEquals(200, tally.expected());
        assertEquals(200, tally.received());
        assertEquals(200, tally.byWorker().values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(tally.totalWorkload() >= 200 && tally.totalWorkload() <= 200 * 100, tally.toString());
    }

    @Test
    void singleWorkerDoesEveryTask() {
        TaskSink.Tally tally = InProcess.taskPipeline("inproc://test-tasks", "inproc://test-results", 1, 50, TIMEOUT);
        assertEquals(java.util.Map.of("worker-1", 50), tally.byWorker());
    }

    @Test
    void workerStopsWhenNoTaskComesWithinItsIdleTime() {
        try (Context ctx = Context.create()) {
            assertEquals(0, TaskWorker.work(ctx, "idle", "inproc://nobody-sends", "inproc://nobody-collects",
                    Duration.ofMillis(50)));
        }
    }

    @Test
    void workerStopsWhenInterruptedAndKeepsTheFlag() {
        try (Context ctx = Context.create()) {
            Thread.currentThread().interrupt();
            try {
                assertEquals(0, TaskWorker.work(ctx, "interrupted", "inproc://nobody-sends", "inproc://nobody-collects",
                        Duration.ofSeconds(10)));
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is left set");
            } finally {
                Thread.interrupted();
            }
        }
    }
}
