package io.weft.perf.jmh;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The per-message cost of the inproc path with no second thread: a batch of 64-byte messages sent
 * PUSH→PULL, then received, on one thread. With {@code -prof gc}, {@code gc.alloc.rate.norm} shows
 * the bytes allocated per message: 0 for Weft's zero-copy path in steady state (pipes reuse their
 * chunks, activations are pre-allocated commands), the copy itself for {@code send(byte[])}.
 *
 * <p>{@code bin/weft jmh InprocSendRecvBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InprocSendRecvBenchmark {
    static final int BATCH = 100;

    Context ctx;
    Socket push;
    Socket pull;
    ZContext zctx;
    ZMQ.Socket zpush;
    ZMQ.Socket zpull;
    final byte[] body = new byte[64];
    final Msg out = new Msg(body);
    final Msg in = new Msg();

    @Setup(Level.Trial)
    public void setUp() {
        ctx = Context.create();
        pull = ctx.socket(SocketType.PULL);
        push = ctx.socket(SocketType.PUSH);
        push.setOption(Option.SNDHWM, 10_000);
        pull.bind("inproc://bench");
        push.connect("inproc://bench");
        zctx = new ZContext();
        zpull = zctx.createSocket(org.zeromq.SocketType.PULL);
        zpush = zctx.createSocket(org.zeromq.SocketType.PUSH);
        zpull.bind("inproc://bench");
        zpush.connect("inproc://bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ctx.close();
        zctx.close();
    }

    /** Zero-copy: send(Msg) and recv(Msg) with reused holders. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void weftZeroCopy(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            push.send(out);
        }
        for (int i = 0; i < BATCH; i++) {
            pull.recv(in);
            bh.consume(in.data());
        }
    }

    /** send(byte[]) copies (as zmq_send does); recv() returns the array. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void weftByteArrays(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            push.send(body);
        }
        for (int i = 0; i < BATCH; i++) {
            bh.consume(pull.recv());
        }
    }

    /** JeroMQ 0.6.0 send(byte[]) (no copy) and recv(). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void jeromq(Blackhole bh) {
        for (int i = 0; i < BATCH; i++) {
            zpush.send(body);
        }
        for (int i = 0; i < BATCH; i++) {
            bh.consume(zpull.recv());
        }
    }
}
