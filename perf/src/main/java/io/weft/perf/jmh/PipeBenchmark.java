package io.weft.perf.jmh;

import io.weft.Msg;
import io.weft.internal.Mailbox;
import io.weft.internal.pipe.FrameQueue;
import io.weft.internal.pipe.PipeEnd;
import io.weft.internal.pipe.PipeOwner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-message cost of core's pipe ({@code io.weft.internal.pipe}), on one thread: a batch of
 * 100 one-frame messages written and flushed, then read back.
 *
 * <ul>
 *   <li>{@code frameQueue}: the lock-free queue alone (write, one flush, check and read, count a
 *       completed message), the floor under every socket.</li>
 *   <li>{@code pipeEnd}: the same through the two ends of a pipe, as a socket and its peer use it,
 *       with the read activation a reader that ran dry gets (one command per batch, run from the
 *       owner's mailbox).</li>
 * </ul>
 * With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes allocated per message: the queue
 * reuses its chunks, so it should be about 0; the pipe adds what the mailbox queue costs.
 * One thread only: a two-thread variant on a shared 2-CPU machine measures the scheduler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipeBenchmark {
    static final int BATCH = 100;

    /** Owns a pipe end: its mailbox gets the end's activations; nothing else to do. */
    static final class Owner implements PipeOwner {
        final Mailbox mailbox = new Mailbox(() -> { });

        @Override
        public Mailbox mailbox() {
            return mailbox;
        }

        @Override
        public void pipeReadActivated(PipeEnd pipe) {
        }

        @Override
        public void pipeWriteActivated(PipeEnd pipe) {
        }

        @Override
        public void pipeTerminated(PipeEnd pipe) {
        }
    }

    final byte[] body = new byte[64];
    final Msg out = new Msg(body);
    final Msg in = new Msg();
    FrameQueue queue;
    PipeEnd writer;
    PipeEnd reader;
    Owner writerOwner;
    Owner readerOwner;

    @Setup(Level.Trial)
    public void setUp() {
        long hwm = PipeEnd.combinedHwm(1000, 1000); // the default SNDHWM and RCVHWM
        queue = new FrameQueue(hwm);
        PipeEnd[] ends = PipeEnd.pair(hwm, hwm);
        writer = ends[0];
        reader = ends[1];
        writerOwner = new Owner();
        readerOwner = new Owner();
        writer.owner(writerOwner);
        reader.owner(readerOwner);
    }

    /** The queue alone: BATCH writes, one flush, BATCH reads. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void frameQueue(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            if (!queue.checkWrite()) {
                throw new IllegalStateException("queue full: hwm=" + queue.hwm());
            }
            queue.write(body, 0, false);
        }
        queue.flush();
        for (int i = 0; i < BATCH; i++) {
            if (!queue.checkRead()) {
                throw new IllegalStateException("queue empty after " + i + " reads (expected: " + BATCH + ")");
            }
            bh.consume(queue.peekFlags());
            bh.consume(queue.read());
            queue.readCompletedMessage();
        }
    }

    /** Through the pipe's ends: BATCH writes, a flush, the reader's activation, reads until dry. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void pipeEnd(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            if (!writer.write(out)) {
                throw new IllegalStateException("pipe full after " + i + " writes");
            }
        }
        writer.flush();
        readerOwner.mailbox.processAll();
        int read = 0;
        while (reader.read(in)) {
            bh.consume(in.data());
            read++;
        }
        if (read != BATCH) {
            throw new IllegalStateException("read=" + read + " (expected: " + BATCH + ")");
        }
        writerOwner.mailbox.processAll();
    }
}
