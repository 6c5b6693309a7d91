package io.weft;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class OptionTest {
    @Test
    void badValueNamesOptionValueAndExpectation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Option.SNDHWM.check(SocketType.PUSH, -1));
        assertEquals("SNDHWM=-1 (expected: >= 0)", e.getMessage());
    }

    @Test
    void optionOfAnotherSocketTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Option.ROUTER_MANDATORY.check(SocketType.PUSH, true));
        assertTrue(e.getMessage().contains("ROUTER_MANDATORY is not an option of a PUSH socket"), e.getMessage());
    }

    @Test
    void routingIdMustBeOneTo255BytesNotStartingWithZero() {
        assertThrows(IllegalArgumentException.class, () -> Option.ROUTING_ID.check(SocketType.DEALER, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Option.ROUTING_ID.check(SocketType.DEALER, new byte[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Option.ROUTING_ID.check(SocketType.DEALER, new byte[256]));
        byte[] ok = {'a'};
        byte[] stored = Option.ROUTING_ID.check(SocketType.DEALER, ok);
        assertArrayEquals(ok, stored);
        assertNotSame(ok, stored, "byte[] values are copied in");
    }

    @Test
    void defaultsFollowLibzmq() {
        assertEquals(1000, Option.SNDHWM.defaultValue());
        assertEquals(1000, Option.RCVHWM.defaultValue());
        assertEquals(-1, Option.LINGER.defaultValue());
        assertEquals(100, Option.RECONNECT_IVL.defaultValue());
        assertEquals(-1L, Option.MAXMSGSIZE.defaultValue());
    }

    @Test
    void everyOptionHasADenseIndex() {
        int i = 0;
        for (Option<?> o : Option.all()) {
            assertEquals(i++, o.index());
        }
        assertEquals(Option.count(), i);
    }

    @Test
    void socketTypeCompatibilityIsSymmetricAndFollowsRfc() {
        for (SocketType a : SocketType.values()) {
            for (SocketType b : SocketType.values()) {
                assertEquals(a.isCompatibleWith(b), b.isCompatibleWith(a), a + "/" + b);
            }
        }
        assertTrue(SocketType.REQ.isCompatibleWith(SocketType.ROUTER));
        assertFalse(SocketType.PUSH.isCompatibleWith(SocketType.PUB));
        assertEquals(SocketType.XPUB, SocketType.fromWireName("XPUB"));
        assertNull(SocketType.fromWireName("xpub"), "matched case-sensitively, as libzmq does");
    }
}
