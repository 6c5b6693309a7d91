package io.weft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyPoolTest {
    @Test
    void aBodyHasExactlyItsSizeInAPowerOfTwoBuffer() {
        PooledBody b = BodyPool.take(70_000);
        assertEquals(70_000, b.size());
        assertEquals(0, b.buffer().position());
        assertEquals(128 * 1024, b.buffer().capacity());
        assertTrue(b.buffer().isDirect());
        b.release();
    }

    @Test
    void aReleasedBufferIsTakenAgainCleared() {
        PooledBody first = BodyPool.take(3 * 1024 * 1024 + 1); // a class no other test uses
        first.buffer().position(100);
        first.release();
        PooledBody again = BodyPool.take(3 * 1024 * 1024 + 5);
        assertSame(first, again);
        assertEquals(0, again.buffer().position());
        assertEquals(3 * 1024 * 1024 + 5, again.buffer().limit());
        again.release();
    }

    @Test
    void aSecondReleaseIsIgnored() {
        PooledBody b = BodyPool.take(2 * 1024 * 1024 + 7);
        b.release();
        b.release();
        PooledBody x = BodyPool.take(2 * 1024 * 1024 + 7);
        PooledBody y = BodyPool.take(2 * 1024 * 1024 + 7);
        assertNotSame(x, y, "released twice must not be handed out twice");
        x.release();
        y.release();
    }

    @Test
    void aBodyLargerThanThePoolsLargestClassIsNotKept() {
        long before = BodyPool.retained();
        PooledBody big = BodyPool.take(BodyPool.MAX_POOLED + 1);
        assertEquals(BodyPool.MAX_POOLED + 1, big.buffer().capacity());
        big.release();
        assertEquals(before, BodyPool.retained());
    }

    @Test
    void sizeClassesAreTheSmallestPowerOfTwoThatHolds() {
        assertEquals(0, BodyPool.sizeClass(BodyPool.MIN_POOLED));
        assertEquals(1, BodyPool.sizeClass(BodyPool.MIN_POOLED + 1));
        assertEquals(3, BodyPool.sizeClass(64 * 1024));
        assertThrows(IllegalArgumentException.class, () -> BodyPool.take(BodyPool.MIN_POOLED - 1));
    }
}
