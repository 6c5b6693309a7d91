package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PipelineDemoTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void ventilatorSharesTasksRoundRobinAmongWorkers() {
        PipelineDemo.Result r = PipelineDemo.run(3, 6, TIMEOUT);
        assertEquals(3, r.tasksByWorker().size());
        r.tasksByWorker().values().forEach(tasks -> assertEquals(2, tasks.size(), "each worker's share: " + r));
        Set<String> all = new HashSet<>();
        r.tasksByWorker().values().forEach(all::addAll);
        assertEquals(Set.of("task-1", "task-2", "task-3", "task-4", "task-5", "task-6"), all);
    }

    @Test
    void unevenBatchGivesSharesDifferingByAtMostOne() {
        PipelineDemo.Result r = PipelineDemo.run(3, 7, TIMEOUT);
        List<Integer> sizes = r.tasksByWorker().values().stream().map(List::size).sorted().toList();
        assertEquals(List.of(2, 2, 3), sizes);
    }

    @Test
    void sinkFairQueuesOneResultFromEachWorkerInTurn() {
        PipelineDemo.Result r = PipelineDemo.run(3, 6, TIMEOUT);
        assertEquals(6, r.sinkOrder().size());
        Set<String> firstRound = new HashSet<>();
        for (String result : r.sinkOrder().subList(0, 3)) {
            firstRound.add(result.substring(result.lastIndexOf(' ') + 1));
        }
        assertEquals(Set.of("worker-1", "worker-2", "worker-3"), firstRound, "sink order: " + r.sinkOrder());
    }

    @Test
    void reportNamesEveryWorkerAndTheSink() {
        List<String> lines = PipelineDemo.run(2, 4, TIMEOUT).lines();
        assertEquals(true, lines.get(0).startsWith("worker-1 got "), lines.toString());
        assertEquals(true, lines.get(1).startsWith("worker-2 got "), lines.toString());
    }

    @Test
    void refusesMoreWorkersThanTasks() {
        assertThrows(IllegalArgumentException.class, () -> PipelineDemo.run(4, 3, TIMEOUT));
    }

    @Test
    void resultMapKeepsWorkerOrder() {
        Map<String, List<String>> byWorker = PipelineDemo.run(3, 3, TIMEOUT).tasksByWorker();
        assertEquals(List.of("worker-1", "worker-2", "worker-3"), List.copyOf(byWorker.keySet()));
    }
}
