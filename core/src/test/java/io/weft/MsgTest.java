package io.weft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.internal.BodyPool;
import io.weft.internal.MsgBodies;
import io.weft.internal.PooledBody;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Msg's bodies: arrays, buffers and pooled buffers, and who gives a pooled one back. */
class MsgTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    /** A pooled body holding {@code size} octets 0, 1, 2, ... in a holder that owns it. */
    private static Msg pooled(int size) {
        PooledBody body = BodyPool.take(size);
        for (int i = 0; i < size; i++) {
            body.buffer().put(i, (byte) i);
        }
        return MsgBodies.set(new Msg(), body, Msg.MORE);
    }

    @Test
    void aBufferBodyIsItsRemainingOctetsAndTheCallersPositionDoesNotMatterAfterwards() {
        ByteBuffer b = ByteBuffer.allocateDirect(16);
        b.put(new byte[] {9, 9, 'h', 'e', 'l', 'l', 'o'}).flip().position(2);
        Msg m = new Msg(b);
        b.position(7).limit(16); // the caller moves on; the body does not
        assertEquals(5, m.size());
        assertTrue(m.isDirect());
        assertEquals("hello", m.text());
        assertArrayEquals(HELLO, m.data());
        assertFalse(m.isDirect(), "data() turned the body into an array");
    }

    @Test
    void bufferIsAReadOnlyViewOfEitherKind() {
        ByteBuffer fromArray = new Msg(HELLO).buffer();
        assertEquals(5, fromArray.remaining());
        assertThrows(ReadOnlyBufferException.class, () -> fromArray.put(0, (byte) 1));
        ByteBuffer fromBuffer = new Msg(ByteBuffer.wrap(HELLO)).buffer();
        assertEquals(ByteBuffer.wrap(HELLO), fromBuffer);
        assertThrows(ReadOnlyBufferException.class, () -> fromBuffer.put(0, (byte) 1));
    }

    @Test
    void equalityIsAboutTheOctetsWhateverTheKind() {
        Msg array = new Msg(HELLO);
        Msg buffer = new Msg(ByteBuffer.wrap(HELLO.clone()));
        assertEquals(array, buffer);
        assertEquals(array.hashCode(), buffer.hashCode());
        assertEquals(java.util.Arrays.hashCode(HELLO) * 31, array.hashCode());
        assertFalse(array.equals(new Msg(HELLO).more(true)));
    }

    @Test
    void dataOfAPooledBodyCopiesItAndGivesTheBufferBack() {
        Msg m = pooled(BodyPool.MIN_POOLED);
        ByteBuffer view = m.buffer();
        assertTrue(m.isDirect());
        byte[] a = m.data();
        assertEquals(BodyPool.MIN_POOLED, a.length);
        assertEquals((byte) 77, a[77]);
        assertSame(a, m.data(), "copied once");
        assertTrue(m.hasMore());
        // The buffer went back: the next body of its class is the same memory.
        PooledBody next = BodyPool.take(BodyPool.MIN_POOLED);
        next.buffer().put(77, (byte) -1);
        assertEquals((byte) -1, view.get(77), "the old view now sees the next body: it must not be used");
        next.release();
    }

    @Test
    void releaseGivesAPooledBodyBackOnceAndEmptiesTheHolder() {
        Msg m = pooled(BodyPool.MIN_POOLED + 1);
        m.release();
        assertEquals(0, m.size());
        m.release(); // nothing left to give back
        PooledBody x = BodyPool.take(BodyPool.MIN_POOLED + 1);
        PooledBody y = BodyPool.take(BodyPool.MIN_POOLED + 1);
        assertNotSame(x, y);
        x.release();
        y.release();
    }

    @Test
    void sendingAPooledBodyEndsTheHoldersOwnership() {
        Msg m = pooled(BodyPool.MIN_POOLED + 2);
        Object sent = MsgBodies.takeForSending(m);
        assertTrue(sent instanceof ByteBuffer, "a pooled body goes on as a plain buffer");
        assertEquals(BodyPool.MIN_POOLED + 2, ((ByteBuffer) sent).remaining());
        ByteBuffer before = m.buffer();
        m.release(); // no longer owned: nothing goes back to the pool
        PooledBody next = BodyPool.take(BodyPool.MIN_POOLED + 2);
        next.buffer().put(5, (byte) -1);
        assertEquals((byte) 5, before.get(5), "the sent body was not handed out again");
        assertEquals((byte) 5, ((ByteBuffer) sent).get(5));
        next.release();
    }

    @Test
    void clearDropsAPooledBodyWithoutGivingItBack() {
        Msg m = pooled(BodyPool.MIN_POOLED + 3);
        ByteBuffer view = m.buffer();
        m.clear();
        PooledBody next = BodyPool.take(BodyPool.MIN_POOLED + 3);
        next.buffer().put(9, (byte) -1);
        assertEquals((byte) 9, view.get(9));
        next.release();
    }

    @Test
    void toStringShowsBufferBodiesToo() {
        assertEquals("Msg[5 B, 68656c6c6f]", new Msg(ByteBuffer.wrap(HELLO)).toString());
        assertEquals("Msg[5 B, MORE, 68656c6c6f]", new Msg(HELLO).more(true).toString());
    }
}
