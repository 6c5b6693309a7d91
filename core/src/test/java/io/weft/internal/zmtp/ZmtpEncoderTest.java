package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.SocketType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZmtpEncoderTest {
    private static byte[] flipAndDrain(ZmtpEncoder e) {
        int n = e.flip();
        byte[] bytes = Hex.drain(e.segments(), n);
        assertTrue(e.isWritten());
        return bytes;
    }

    @Test
    void smallFramesArePackedIntoOneSegment() {
        ZmtpEncoder e = new ZmtpEncoder();
        assertTrue(e.isEmpty());
        assertTrue(e.encode(FrameHeader.MORE, Hex.bytes("'abc'")));
        assertTrue(e.encode(0, new byte[0]));
        assertTrue(e.encode(new Command.Ping(1, null)));
        assertFalse(e.isEmpty());
        assertEquals(1, e.flip());
        assertEquals(5 + 2 + 9, e.remaining());
        assertArrayEquals(Hex.bytes("01 03 'abc' 00 00 04 07 04 'PING' 00 01"), Hex.drain(e.segments(), 1));
    }

    @Test
    void shortFormUpTo255OctetsLongFormFrom256() {
        ZmtpEncoder e = new ZmtpEncoder();
        e.encode(0, new byte[255]);
        e.encode(FrameHeader.MORE, new byte[256]);
        byte[] out = flipAndDrain(e);
        assertArrayEquals(Hex.bytes("00 ff"), java.util.Arrays.copyOfRange(out, 0, 2));
        assertArrayEquals(Hex.bytes("03 00 00 00 00 00 00 01 00"), java.util.Arrays.copyOfRange(out, 257, 266));
        assertEquals(2 + 255 + 9 + 256, out.length);
    }

    @Test
    void largeBodyIsReferencedForAGatheringWriteNotCopied() {
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(1000), 100);
        byte[] large = new byte[5000];
        assertTrue(e.encode(0, Hex.bytes("'hi'")));
        assertTrue(e.encode(FrameHeader.MORE, large));
        assertTrue(e.encode(0, Hex.bytes("'bye'")));
        assertEquals(3, e.flip());
        ByteBuffer[] segments = e.segments();
        assertEquals(4 + 9, segments[0].remaining());
        assertSame(large, segments[1].array());
        assertEquals(5000, segments[1].remaining());
        assertEquals(5, segments[2].remaining());
    }

    @Test
    void copiedBytesNeverExceedTheBatchBuffer() {
        ZmtpEncoder e = new ZmtpEncoder();
        int frames = 0;
        while (e.encode(0, new byte[100])) {
            frames++;
        }
        assertEquals(ZmtpEncoder.DEFAULT_BATCH_SIZE / 102, frames);
        e.flip();
        assertTrue(e.remaining() <= ZmtpEncoder.DEFAULT_BATCH_SIZE);
    }

    @Test
    void fullBatchRefusesAFrameUntilCleared() {
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(100), 50);
        assertTrue(e.encode(0, new byte[50]));
        assertFalse(e.encode(0, new byte[50]));
        flipAndDrain(e);
        e.clear();
        assertTrue(e.isEmpty());
        assertTrue(e.encode(0, new byte[50]));
    }

    @Test
    void referencedBodiesPerBatchAreBounded() {
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(1000), 10);
        for (int i = 0; i < ZmtpEncoder.MAX_REFERENCED_BODIES; i++) {
            assertTrue(e.encode(0, new byte[11]));
        }
        assertFalse(e.encode(0, new byte[11]));
        assertTrue(e.encode(0, new byte[10]));
        assertEquals(2 * ZmtpEncoder.MAX_REFERENCED_BODIES + 1, e.flip());
    }

    @Test
    void largeCommandGoesByReference() {
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(200), 100);
        Command.Ready ready = new Command.Ready(java.util.Map.of("X-Big", new byte[500]));
        assertTrue(e.encode(ready));
        byte[] out = flipAndDrain(e);
        assertArrayEquals(ready.toBody(), java.util.Arrays.copyOfRange(out, 9, out.length));
    }

    @Test
    void aBufferBodyEncodesAsTheSameArrayWouldAndKeepsItsPosition() {
        byte[] small = Hex.bytes("'small body'");
        byte[] large = new byte[300];
        java.util.Arrays.fill(large, (byte) 7);
        ZmtpEncoder fromArrays = new ZmtpEncoder(ByteBuffer.allocate(1000), 100);
        fromArrays.encode(FrameHeader.MORE, small);
        fromArrays.encode(0, large);
        ZmtpEncoder fromBuffers = new ZmtpEncoder(ByteBuffer.allocate(1000), 100);
        ByteBuffer smallBuffer = ByteBuffer.allocateDirect(small.length + 2).put(new byte[2]).put(small);
        smallBuffer.position(2);
        ByteBuffer largeBuffer = ByteBuffer.allocateDirect(large.length).put(large).flip();
        assertTrue(fromBuffers.encode(FrameHeader.MORE, smallBuffer));
        assertTrue(fromBuffers.encode(0, largeBuffer));
        assertEquals(2, smallBuffer.position());
        assertEquals(0, largeBuffer.position());
        assertEquals(2, fromBuffers.flip(), "the headers and the small body copied, the large body referenced");
        assertTrue(fromBuffers.segments()[1].isDirect());
        fromBuffers.clear();
        fromBuffers.encode(FrameHeader.MORE, smallBuffer);
        fromBuffers.encode(0, largeBuffer);
        assertArrayEquals(flipAndDrain(fromArrays), flipAndDrain(fromBuffers));
        assertEquals(0, largeBuffer.position(), "written through a view of its own");
    }

    @Test
    void commandWrittenInPlaceEqualsItsBody() {
        ZmtpEncoder direct = new ZmtpEncoder();
        ZmtpEncoder viaBody = new ZmtpEncoder();
        Command ready = Command.Ready.of(SocketType.ROUTER, Hex.bytes("'id'"));
        direct.encode(ready);
        viaBody.encode(FrameHeader.COMMAND, ready.toBody());
        assertArrayEquals(flipAndDrain(viaBody), flipAndDrain(direct));
    }

    @ParameterizedTest
    @ValueSource(ints = {FrameHeader.LONG, FrameHeader.MORE | FrameHeader.COMMAND, 0x08, -1})
    void invalidFlagsAreRefused(int flags) {
        assertThrows(IllegalArgumentException.class, () -> new ZmtpEncoder().encode(flags, new byte[1]));
    }

    @Test
    void flippedBatchTakesNoMoreFrames() {
        ZmtpEncoder e = new ZmtpEncoder();
        e.encode(0, new byte[1]);
        e.flip();
        assertThrows(IllegalStateException.class, () -> e.encode(0, new byte[1]));
    }

    @Test
    void copyLimitMustLeaveRoomForAHeader() {
        assertThrows(IllegalArgumentException.class, () -> new ZmtpEncoder(ByteBuffer.allocate(100), 92));
    }

    @Test
    void partialWritesResumeWhereTheyStopped() {
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(300), 20);
        byte[] large = new byte[100];
        new Random(1).nextBytes(large);
        e.encode(0, Hex.bytes("'a'"));
        e.encode(0, large);
        e.encode(0, Hex.bytes("'b'"));
        int n = e.flip();
        long total = e.remaining();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        while (!e.isWritten()) {
            writeAtMost(7, e.segments(), n, wire);
        }
        assertEquals(total, wire.size());
        List<byte[]> bodies = new ArrayList<>();
        new ZmtpDecoder(-1, (flags, body) -> bodies.add(body)).decode(ByteBuffer.wrap(wire.toByteArray()));
        assertEquals(3, bodies.size());
        assertArrayEquals(large, bodies.get(1));
    }

    @Test
    void encoderAndDecoderAgreeOnRandomTraffic() {
        Random random = new Random(2024);
        ZmtpEncoder e = new ZmtpEncoder(ByteBuffer.allocate(4096), 1024);
        List<byte[]> sent = new ArrayList<>();
        List<Integer> sentFlags = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            byte[] body = new byte[random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(300)];
            random.nextBytes(body);
            int flags = random.nextInt(3) == 0 ? FrameHeader.COMMAND : random.nextInt(2);
            if (!e.encode(flags, body)) {
                wire.writeBytes(flipAndDrain(e));
                e.clear();
                assertTrue(e.encode(flags, body));
            }
            sent.add(body);
            sentFlags.add(flags);
        }
        wire.writeBytes(flipAndDrain(e));
        List<byte[]> got = new ArrayList<>();
        List<Integer> gotFlags = new ArrayList<>();
        new ZmtpDecoder(-1, (flags, body) -> {
            got.add(body);
            gotFlags.add(flags);
            return true;
        }).decode(ByteBuffer.wrap(wire.toByteArray()));
        assertEquals(sentFlags, gotFlags);
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i), "frame " + i);
        }
    }

    /** A gathering write that takes at most {@code max} octets, like a socket with a full send buffer. */
    private static void writeAtMost(int max, ByteBuffer[] segments, int count, ByteArrayOutputStream wire) {
        int budget = max;
        for (int i = 0; i < count && budget > 0; i++) {
            while (segments[i].hasRemaining() && budget > 0) {
                wire.write(segments[i].get());
                budget--;
            }
        }
    }
}
