package io.weft.transports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.ZContext;

/**
 * Bodies in direct memory over the wire: a direct {@link ByteBuffer} sent without a copy, and
 * {@link Option#ZERO_COPY_RECV}, where large frames arrive in pooled direct buffers read straight
 * from the socket. Sizes straddle the pooling threshold (8 KiB), the read buffer (64 KiB) and the
 * pool's largest class (4 MiB); every octet is checked.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ZeroCopyTest {
    private static final int[] SIZES = {0, 1, 8191, 8192, 65_535, 65_536, 65_545, 1 << 20, (4 << 20) + 3, 100, 20_000};

    /** {@code size} octets of a pattern that depends on {@code seed}, in a buffer of the kind asked. */
    private static ByteBuffer body(int size, int seed, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            b.put(i, (byte) (i * 31 + seed));
        }
        return b;
    }

    private static void assertBody(int size, int seed, ByteBuffer got, String what) {
        assertEquals(size, got.remaining(), what + ": size");
        for (int i = 0; i < size; i++) {
            if (got.get(got.position() + i) != (byte) (i * 31 + seed)) {
                throw new AssertionError(what + ": octet " + i + " of " + size + " differs");
            }
        }
    }

    private static Socket pull(Context ctx, boolean zeroCopy) {
        Socket pull = ctx.socket(SocketType.PULL);
        pull.setOption(Option.ZERO_COPY_RECV, zeroCopy);
        return pull;
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void multipartMessagesOfEverySizeArriveWholeInPooledBuffers(Wire wire) {
        try (Context ctx = Context.create(); Socket pull = pull(ctx, true); Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind(wire.bindEndpoint()));
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < SIZES.length; i++) {
                    // Direct, heap and array bodies, mixed within one message.
                    Msg m = i % 3 == 2 ? new Msg(body(SIZES[i], i + round, false).array())
                            : new Msg(body(SIZES[i], i + round, i % 3 == 0));
                    assertTrue(push.send(m.more(i < SIZES.length - 1)));
                }
            }
            Msg in = new Msg();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < SIZES.length; i++) {
                    assertTrue(pull.recv(in), "frame " + i);
                    String what = "round " + round + ", frame " + i;
                    assertEquals(i < SIZES.length - 1, in.hasMore(), what + ": MORE");
                    assertEquals(SIZES[i] >= 8192, in.isDirect(), what + ": pooled");
                    assertBody(SIZES[i], i + round, in.buffer(), what);
                }
            }
            in.release();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void theArrayApiIsUnchangedWithZeroCopyReceiveOn(Wire wire) {
        try (Context ctx = Context.create(); Socket pull = pull(ctx, true); Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind(wire.bindEndpoint()));
            push.send(new byte[0]);
            for (int size : new int[] {70_000, 9000}) {
                push.send(new Msg(body(size, size, true)));
            }
            assertEquals(0, Wait.recv(pull).length);
            byte[] a = Wait.recv(pull);
            assertBody(70_000, 70_000, ByteBuffer.wrap(a), "recv()");
            Msg m = new Msg();
            assertTrue(pull.recv(m));
            assertTrue(m.isDirect());
            byte[] copy = m.data();
            assertFalse(m.isDirect(), "data() copied the body out and gave the buffer back");
            assertBody(9000, 9000, ByteBuffer.wrap(copy), "data()");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void aFullQueueStopsTheReadsAndNothingIsLostOrReordered(Wire wire) {
        int count = 300;
        int size = 65_536;
        try (Context ctx = Context.create(); Socket pull = pull(ctx, true); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.setOption(Option.RCVHWM, 4);
            push.setOption(Option.SNDHWM, 4);
            push.connect(pull.bind(wire.bindEndpoint()));
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    push.send(new Msg(body(size, i, true)));
                }
            });
            sender.start();
            Msg in = new Msg();
            for (int i = 0; i < count; i++) {
                assertTrue(pull.recv(in), "message " + i);
                assertBody(size, i, in.buffer(), "message " + i);
            }
            in.release();
            assertTrue(waitFor(sender));
        }
    }

    @Test
    void aPooledBodyForwardedOnStaysIntactWhileTheHolderReceivesMore() {
        int size = 100_000;
        try (Context ctx = Context.create();
                Socket pull = pull(ctx, true);
                Socket push = ctx.socket(SocketType.PUSH);
                Socket forward = ctx.socket(SocketType.PUSH);
                Socket sink = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            forward.connect(sink.bind("inproc://zero-copy-sink"));
            for (int i = 0; i < 20; i++) {
                push.send(new Msg(body(size, i, true)));
            }
            Msg in = new Msg();
            for (int i = 0; i < 20; i++) {
                assertTrue(pull.recv(in));
                assertTrue(forward.send(in)); // the body goes on; the holder no longer owns it
            }
            for (int i = 0; i < 20; i++) {
                Msg got = new Msg();
                assertTrue(sink.recv(got));
                assertBody(size, i, got.buffer(), "forwarded " + i);
            }
        }
    }

    @Test
    void aDirectBufferSentByWeftReachesJeroMq() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH); ZContext z = new ZContext()) {
            org.zeromq.ZMQ.Socket pull = z.createSocket(org.zeromq.SocketType.PULL);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            push.connect("tcp://127.0.0.1:" + port);
            push.send(new Msg(body(200_000, 5, true)));
            pull.setReceiveTimeOut((int) Wait.TIMEOUT.toMillis());
            byte[] got = pull.recv();
            assertNotNull(got);
            assertBody(200_000, 5, ByteBuffer.wrap(got), "at JeroMQ");
        }
    }

    private static boolean waitFor(Thread t) {
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }
}
