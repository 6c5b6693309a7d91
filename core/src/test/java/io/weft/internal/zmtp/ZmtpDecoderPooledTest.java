package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.internal.BodyPool;
import io.weft.internal.PooledBody;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The decoder with pooled bodies: frames of {@link BodyPool#MIN_POOLED} octets or more land in pooled direct buffers. */
class ZmtpDecoderPooledTest {
    private static final int[] SIZES = {0, 100, BodyPool.MIN_POOLED - 1, BodyPool.MIN_POOLED, 70_000, 3, 200_000, 255};

    /** What the handler saw: the body's octets and whether it came pooled. */
    private record Seen(int flags, byte[] body, boolean pooled) {
    }

    private final List<Seen> seen = new ArrayList<>();

    private final ZmtpDecoder.FrameHandler handler = new ZmtpDecoder.FrameHandler() {
        @Override
        public boolean onFrame(int flags, byte[] body) {
            seen.add(new Seen(flags, body, false));
            return true;
        }

        @Override
        public boolean onPooledFrame(int flags, PooledBody body) {
            assertTrue(body.buffer().isDirect());
            byte[] copy = new byte[body.size()];
            body.buffer().get(0, copy);
            body.release();
            seen.add(new Seen(flags, copy, true));
            return true;
        }
    };

    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < SIZES.length; i++) {
            ByteBuffer header = ByteBuffer.allocate(FrameHeader.LONG_HEADER_SIZE);
            FrameHeader.write(header, i % 2 == 0 ? FrameHeader.MORE : 0, SIZES[i]);
            out.write(header.array(), 0, header.position());
            out.writeBytes(body(SIZES[i], i));
        }
        return out.toByteArray();
    }

    private void checkSeen() {
        assertEquals(SIZES.length, seen.size());
        for (int i = 0; i < SIZES.length; i++) {
            Seen s = seen.get(i);
            assertEquals(i % 2 == 0 ? FrameHeader.MORE : 0, s.flags(), "flags of frame " + i);
            assertArrayEquals(body(SIZES[i], i), s.body(), "body of frame " + i);
            assertEquals(SIZES[i] >= BodyPool.MIN_POOLED, s.pooled(), "frame " + i + " of " + SIZES[i] + " octets pooled");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 65_536, 1 << 20})
    void largeFramesArePooledWhateverTheReadsCutThemInto(int chunk) {
        ZmtpDecoder d = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, true, handler);
        byte[] all = stream();
        ByteBuffer in = ByteBuffer.allocateDirect(chunk);
        for (int at = 0; at < all.length; at += chunk) {
            in.clear();
            in.put(all, at, Math.min(chunk, all.length - at)).flip();
            assertTrue(d.decode(in));
        }
        checkSeen();
        assertFalse(d.midFrame());
    }

    @Test
    void theRestOfAPooledBodyCanBeReadStraightIntoIt() {
        ZmtpDecoder d = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, true, handler);
        ByteBuffer source = ByteBuffer.wrap(stream());
        ByteBuffer in = ByteBuffer.allocateDirect(8192);
        int direct = 0;
        while (source.hasRemaining()) {
            ByteBuffer target = d.pooledBodyTarget();
            if (target != null) {
                // As the engine's scattering read: the body's missing octets go straight into it.
                int n = Math.min(target.remaining(), source.remaining());
                target.put(source.slice(source.position(), n));
                source.position(source.position() + n);
                direct += n;
                assertTrue(d.bodyTargetFilled());
                continue;
            }
            in.clear();
            int n = Math.min(in.remaining(), source.remaining());
            in.put(source.slice(source.position(), n)).flip();
            source.position(source.position() + n);
            assertTrue(d.decode(in));
        }
        checkSeen();
        assertTrue(direct > 200_000, "most of the large bodies were read straight in: " + direct);
        assertNull(d.pooledBodyTarget());
    }

    @Test
    void withoutPoolingEveryBodyIsAnArray() {
        ZmtpDecoder d = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, false, handler);
        assertTrue(d.decode(ByteBuffer.wrap(stream())));
        assertEquals(SIZES.length, seen.size());
        seen.forEach(s -> assertFalse(s.pooled()));
    }

    @Test
    void theDefaultHandlerTurnsAPooledBodyIntoAnArray() {
        List<byte[]> arrays = new ArrayList<>();
        ZmtpDecoder d = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, true, (flags, b) -> arrays.add(b));
        assertTrue(d.decode(ByteBuffer.wrap(stream())));
        assertEquals(SIZES.length, arrays.size());
        assertArrayEquals(body(70_000, 4), arrays.get(4));
    }
}
