package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZmtpDecoderTest {
    /** A decoded frame, for comparisons. */
    record Frame(int flags, byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.flags == flags && Arrays.equals(f.body, body);
        }

        @Override
        public int hashCode() {
            return flags * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Frame{flags=" + flags + ", length=" + body.length + "}";
        }
    }

    private final List<Frame> frames = new ArrayList<>();

    private ZmtpDecoder decoder(long maxMsgSize) {
        return new ZmtpDecoder(maxMsgSize, (flags, body) -> frames.add(new Frame(flags, body)));
    }

    private static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A stream mixing every frame form: empty, short, the short/long edge, long, commands, MORE. */
    private static byte[] mixedStream(List<Frame> expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] sizes = {0, 1, 5, 254, 255, 256, 1000, 70_000, 0, 3};
        for (int i = 0; i < sizes.length; i++) {
            int flags = i % 3 == 0 ? FrameHeader.COMMAND : i % 3 == 1 ? FrameHeader.MORE : 0;
            byte[] body = pattern(sizes[i], i);
            ByteBuffer header = ByteBuffer.allocate(FrameHeader.LONG_HEADER_SIZE);
            FrameHeader.write(header, flags, body.length);
            out.write(header.array(), 0, header.position());
            out.writeBytes(body);
            expected.add(new Frame(flags, body));
        }
        // A small body in the long form is legal too (libzmq accepts it).
        out.writeBytes(Hex.bytes("02 00 00 00 00 00 00 00 03 'abc'"));
        expected.add(new Frame(0, Hex.bytes("'abc'")));
        return out.toByteArray();
    }

    @Test
    void shortAndLongFramesAreCutFromOneRead() {
        byte[] stream = Hex.bytes("00 03 'abc' 01 00 04 05 'READY' 03 00 00 00 00 00 00 01 00" + " 01".repeat(256));
        assertTrue(decoder(ZmtpDecoder.NO_LIMIT).decode(ByteBuffer.wrap(stream)));
        assertEquals(List.of(
                new Frame(0, Hex.bytes("'abc'")),
                new Frame(FrameHeader.MORE, new byte[0]),
                new Frame(FrameHeader.COMMAND, Hex.bytes("'READY'")),
                new Frame(FrameHeader.MORE, Hex.bytes(" 01".repeat(256)))), frames);
    }

    @Test
    void oneOctetAtATimeGivesTheSameFrames() {
        List<Frame> expected = new ArrayList<>();
        byte[] stream = mixedStream(expected);
        ZmtpDecoder d = decoder(ZmtpDecoder.NO_LIMIT);
        for (int i = 0; i < stream.length; i++) {
            assertTrue(d.decode(ByteBuffer.wrap(stream, i, 1)));
        }
        assertEquals(expected, frames);
    }

    @Test
    void directAndSlicedHeapBuffersGiveTheSameFrames() {
        List<Frame> expected = new ArrayList<>();
        byte[] stream = mixedStream(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
        assertTrue(decoder(ZmtpDecoder.NO_LIMIT).decode(direct));
        assertEquals(expected, frames, "direct buffer");
        frames.clear();
        byte[] padded = new byte[stream.length + 7];
        System.arraycopy(stream, 0, padded, 7, stream.length);
        ByteBuffer sliced = ByteBuffer.wrap(padded, 7, stream.length).slice(); // arrayOffset 7
        assertTrue(decoder(ZmtpDecoder.NO_LIMIT).decode(sliced));
        assertEquals(expected, frames, "heap slice with an array offset");
    }

    @Test
    void randomSplitsGiveTheSameFrames() {
        List<Frame> expected = new ArrayList<>();
        byte[] stream = mixedStream(expected);
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            frames.clear();
            ZmtpDecoder d = decoder(ZmtpDecoder.NO_LIMIT);
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, 1 + random.nextInt(run % 2 == 0 ? 16 : 20_000));
                ByteBuffer chunk = ByteBuffer.wrap(stream, pos, n);
                assertTrue(d.decode(chunk));
                assertFalse(chunk.hasRemaining());
                pos += n;
            }
            assertEquals(expected, frames, "run " + run);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x08, 0x10, 0x20, 0x40, 0x80, 0xff, 0x09})
    void reservedFlagBitsAreAProtocolError(int flags) {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder(ZmtpDecoder.NO_LIMIT).decode(ByteBuffer.wrap(new byte[] {(byte) flags, 0})));
        assertEquals(Kind.INVALID_FLAGS, e.kind());
        assertTrue(e.getMessage().contains(String.format("flags=0x%02x", flags)), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x05, 0x07})
    void moreOnACommandIsAProtocolError(int flags) {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder(ZmtpDecoder.NO_LIMIT).decode(ByteBuffer.wrap(new byte[] {(byte) flags, 1, 'x'})));
        assertEquals(Kind.INVALID_FLAGS, e.kind());
        assertTrue(e.getMessage().contains("MORE"), e.getMessage());
    }

    @Test
    void hugeDeclaredLengthIsRefusedFromTheHeaderWithoutAllocating() {
        long before = allocatedBytes();
        // 2^40 octets declared; no body follows.
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> decoder(ZmtpDecoder.NO_LIMIT)
                .decode(ByteBuffer.wrap(Hex.bytes("02 00 00 01 00 00 00 00 00"))));
        long allocated = allocatedBytes() - before;
        assertEquals(Kind.FRAME_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("size=1099511627776"), e.getMessage());
        if (before >= 0) {
            assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
        }
    }

    @Test
    void sizeBeyondTwoToTheSixtyThreeIsReadAsUnsigned() {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> decoder(ZmtpDecoder.NO_LIMIT)
                .decode(ByteBuffer.wrap(Hex.bytes("02 ff ff ff ff ff ff ff ff"))));
        assertEquals(Kind.FRAME_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("size=18446744073709551615"), e.getMessage());
    }

    @Test
    void sizeOneAboveTheJavaArrayLimitIsRefused() {
        ByteBuffer header = ByteBuffer.allocate(9).put((byte) FrameHeader.LONG).putLong(FrameHeader.MAX_BODY_SIZE + 1L).flip();
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder(ZmtpDecoder.NO_LIMIT).decode(header));
        assertEquals(Kind.FRAME_TOO_LARGE, e.kind());
    }

    @Test
    void maxMsgSizeRefusesALongerHeaderBeforeAnyBodyArrives() {
        long before = allocatedBytes();
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder(1000).decode(ByteBuffer.wrap(Hex.bytes("02 00 00 00 00 00 00 03 e9"))));
        assertEquals(Kind.FRAME_TOO_LARGE, e.kind());
        assertTrue(e.getMessage().contains("size=1001"), e.getMessage());
        assertTrue(e.getMessage().contains("MAXMSGSIZE=1000"), e.getMessage());
        if (before >= 0) {
            assertTrue(allocatedBytes() - before < 100_000);
        }
    }

    @Test
    void maxMsgSizeRefusesAnAllocatableSizeWithoutAllocatingIt() {
        long before = allocatedBytes();
        // 50,000,000 octets: a size the JVM could allocate, so only the order of checks saves it.
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder(1000).decode(ByteBuffer.wrap(Hex.bytes("02 00 00 00 00 02 fa f0 80"))));
        assertTrue(e.getMessage().contains("size=50000000"), e.getMessage());
        if (before >= 0) {
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
        }
    }

    @Test
    void maxMsgSizeAcceptsAFrameOfExactlyTheLimit() {
        byte[] body = pattern(1000, 7);
        byte[] stream = Hex.concat(Hex.bytes("02 00 00 00 00 00 00 03 e8"), body);
        assertTrue(decoder(1000).decode(ByteBuffer.wrap(stream)));
        assertEquals(List.of(new Frame(0, body)), frames);
    }

    @Test
    void maxMsgSizeAppliesToShortFramesAndCommandsToo() {
        assertThrows(ZmtpProtocolException.class, () -> decoder(10).decode(ByteBuffer.wrap(Hex.bytes("00 0b"))));
        assertThrows(ZmtpProtocolException.class, () -> decoder(10).decode(ByteBuffer.wrap(Hex.bytes("04 0b"))));
        assertThrows(ZmtpProtocolException.class, () -> decoder(0).decode(ByteBuffer.wrap(Hex.bytes("00 01"))));
    }

    @Test
    void afterAnErrorTheDecoderRefusesInput() {
        ZmtpDecoder d = decoder(ZmtpDecoder.NO_LIMIT);
        assertThrows(ZmtpProtocolException.class, () -> d.decode(ByteBuffer.wrap(Hex.bytes("80"))));
        assertThrows(IllegalStateException.class, () -> d.decode(ByteBuffer.wrap(Hex.bytes("00 00"))));
    }

    @Test
    void handlerCanStopDecodingAfterAFrame() {
        List<Frame> got = new ArrayList<>();
        ZmtpDecoder d = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, (flags, body) -> {
            got.add(new Frame(flags, body));
            return got.size() != 1;
        });
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("00 01 'a' 00 01 'b' 00 00"));
        assertFalse(d.decode(in));
        assertEquals(1, got.size());
        assertEquals(3, in.position());
        assertTrue(d.decode(in));
        assertEquals(List.of(new Frame(0, Hex.bytes("'a'")), new Frame(0, Hex.bytes("'b'")), new Frame(0, new byte[0])), got);
    }

    @Test
    void largeBodyCanBeReadStraightIntoItsArray() {
        byte[] body = pattern(100_000, 3);
        byte[] stream = Hex.concat(Hex.bytes("02 00 00 00 00 00 01 86 a0"), body, Hex.bytes("00 01 'z'"));
        ZmtpDecoder d = decoder(ZmtpDecoder.NO_LIMIT);
        assertNull(d.bodyTarget());
        assertTrue(d.decode(ByteBuffer.wrap(stream, 0, 9 + 10)));
        assertEquals(100_000 - 10, d.bodyRemaining());
        ByteBuffer target = d.bodyTarget();
        assertEquals(100_000 - 10, target.remaining());
        // What a channel read would do, in two reads.
        target.put(stream, 19, 50_000);
        assertTrue(d.bodyTargetFilled());
        assertTrue(frames.isEmpty());
        target.put(stream, 19 + 50_000, 100_000 - 10 - 50_000);
        assertTrue(d.bodyTargetFilled());
        assertEquals(List.of(new Frame(0, body)), frames);
        assertNull(d.bodyTarget());
        assertTrue(d.decode(ByteBuffer.wrap(stream, 9 + 100_000, 3)));
        assertEquals(new Frame(0, Hex.bytes("'z'")), frames.get(1));
    }

    @Test
    void bodyTargetAndDecodeMayBeMixed() {
        byte[] body = pattern(1000, 5);
        byte[] stream = Hex.concat(Hex.bytes("02 00 00 00 00 00 00 03 e8"), body);
        ZmtpDecoder d = decoder(ZmtpDecoder.NO_LIMIT);
        d.decode(ByteBuffer.wrap(stream, 0, 100));
        d.bodyTarget().put(stream, 100, 400);
        d.decode(ByteBuffer.wrap(stream, 500, 509));
        assertEquals(List.of(new Frame(0, body)), frames);
    }

    @Test
    void refusesAnInvalidLimit() {
        assertThrows(IllegalArgumentException.class, () -> decoder(-2));
    }

    /**
     * Bytes allocated by this thread so far, or -1 where the JVM cannot tell. Reflective: the tests are
     * compiled inside the core module, which does not read java.management.
     */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
            if (!hotspot.isInstance(bean) || !(boolean) hotspot.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
                return -1;
            }
            return (long) hotspot.getMethod("getThreadAllocatedBytes", long.class).invoke(bean, Thread.currentThread().getId());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
