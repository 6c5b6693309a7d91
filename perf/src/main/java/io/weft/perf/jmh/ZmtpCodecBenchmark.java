package io.weft.perf.jmh;

import io.weft.internal.zmtp.FrameHeader;
import io.weft.internal.zmtp.ZmtpDecoder;
import io.weft.internal.zmtp.ZmtpEncoder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ZMTP codec alone, per frame: {@code decode} cuts {@value #FRAMES} frames out of one read
 * buffer (what one {@code read} of a busy connection holds), {@code encode} packs them into one
 * batch. {@code buffer} compares a heap read buffer with a direct one. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is the body array per decoded frame and nothing per encoded one.
 *
 * <p>{@code bin/weft jmh ZmtpCodecBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ZmtpCodecBenchmark {
    static final int FRAMES = 50;

    @Param({"64", "1024"})
    int size;

    @Param({"heap", "direct"})
    String buffer;

    ByteBuffer stream;
    ZmtpDecoder decoder;
    ZmtpEncoder encoder;
    byte[] body;
    Blackhole sink;

    @Setup
    public void setUp(Blackhole bh) {
        sink = bh;
        body = new byte[size];
        int header = FrameHeader.headerSize(size);
        stream = buffer.equals("heap") ? ByteBuffer.allocate(FRAMES * (header + size))
                : ByteBuffer.allocateDirect(FRAMES * (header + size));
        for (int i = 0; i < FRAMES; i++) {
            FrameHeader.write(stream, 0, size);
            stream.put(body);
        }
        stream.flip();
        decoder = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, (flags, frame) -> {
            sink.consume(frame);
            return true;
        });
        encoder = new ZmtpEncoder();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode() {
        stream.rewind();
        decoder.decode(stream);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int encode() {
        for (int i = 0; i < FRAMES; i++) {
            encoder.encode(0, body);
        }
        int segments = encoder.flip();
        encoder.clear();
        return segments;
    }
}
