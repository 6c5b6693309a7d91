package io.weft.patterns;

import io.weft.internal.pipe.PipeEnd;
import io.weft.spi.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Subscription matching, per message: {@code subHit}/{@code subMiss} are a SUB's filter
 * ({@link SubscriptionTrie#matches}) on a message that matches / that does not (it shares the
 * first 7 bytes with the topics, so the walk goes that deep); {@code pubMatch} is a PUB's
 * ({@link PipeTrie#match}) handing the matching pipes to a visitor. Topics are fixed-width
 * ({@code topic.00042}), so none is a prefix of another, and messages rotate over 64 topics.
 *
 * <p>Lives in package {@code io.weft.patterns} because the tries are package-private there; on the
 * class path (how perf runs) a package may span two jars. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} should be 0: matching allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubscriptionMatchBenchmark {
    private static final int ROTATION = 64;

    /** How many topics are subscribed. */
    @Param({"10", "1000"})
    int subscriptions;

    SubscriptionTrie subTrie;
    PipeTrie pubTrie;
    byte[][] hits;
    byte[][] misses;
    int next;
    int visited;
    final Consumer<Pipe> visitor = p -> visited++;

    @Setup(Level.Trial)
    public void setUp() {
        subTrie = new SubscriptionTrie();
        pubTrie = new PipeTrie();
        Pipe[] pipes = new Pipe[10];
        for (int i = 0; i < pipes.length; i++) {
            pipes[i] = PipeEnd.pair(0, 0)[0];
        }
        for (int i = 0; i < subscriptions; i++) {
            byte[] topic = topic(i);
            subTrie.add(topic);
            pubTrie.add(topic, 0, topic.length, pipes[i % pipes.length]);
        }
        hits = new byte[ROTATION][];
        misses = new byte[ROTATION][];
        for (int k = 0; k < ROTATION; k++) {
            hits[k] = message("topic." + String.format(Locale.ROOT, "%05d", (k * 7919) % subscriptions));
            misses[k] = message("topic.9" + String.format(Locale.ROOT, "%04d", k)); // topics stay below 90000
            if (!subTrie.matches(hits[k]) || subTrie.matches(misses[k])) {
                throw new IllegalStateException("hit or miss misclassified: k=" + k);
            }
        }
    }

    private static byte[] topic(int i) {
        return String.format(Locale.ROOT, "topic.%05d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] message(String topic) {
        return (topic + " 72.4F 1013hPa wind 12kt NW").getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public boolean subHit() {
        return subTrie.matches(hits[next++ & (ROTATION - 1)]);
    }

    @Benchmark
    public boolean subMiss() {
        return subTrie.matches(misses[next++ & (ROTATION - 1)]);
    }

    @Benchmark
    public int pubMatch() {
        visited = 0;
        pubTrie.match(hits[next++ & (ROTATION - 1)], visitor);
        return visited;
    }
}
