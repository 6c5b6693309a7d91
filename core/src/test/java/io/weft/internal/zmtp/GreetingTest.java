package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.internal.zmtp.Greeting.Parser.Progress;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GreetingTest {
    /** A libzmq 4.x NULL greeting: its padding holds routing-id-size + 1 = 1 as a 64-bit number. */
    private static final String LIBZMQ_31 = "ff 00 00 00 00 00 00 00 01 7f 03 01 'NULL'" + Hex.zeros(16)
            + " 00" + Hex.zeros(31);

    private static Greeting.Parser parse(byte[] greeting) {
        Greeting.Parser p = new Greeting.Parser();
        assertEquals(Progress.COMPLETE, p.feed(ByteBuffer.wrap(greeting)));
        return p;
    }

    private static byte[] greeting(String signature, int major, int minor, String mechanismHex, int asServer) {
        return Hex.bytes(signature + String.format(" %02x %02x ", major, minor) + mechanismHex
                + String.format(" %02x", asServer) + Hex.zeros(31));
    }

    @Test
    void ourGreetingIsZmtp31WithZeroPaddingAndNullPaddedMechanism() {
        byte[] expected = Hex.bytes("ff" + Hex.zeros(8) + " 7f 03 01 'NULL'" + Hex.zeros(16) + " 00" + Hex.zeros(31));
        assertArrayEquals(expected, Greeting.encode("NULL", false));
        assertEquals(Greeting.SIZE, expected.length);
    }

    @Test
    void ourGreetingCarriesTheAsServerFlag() {
        byte[] g = Greeting.encode("PLAIN", true);
        assertEquals(1, g[Greeting.AS_SERVER_OFFSET]);
        assertEquals("PLAIN", parse(g).mechanism());
        assertTrue(parse(g).asServer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "TWENTY-ONE-CHARACTERS", "A B"})
    void ourGreetingRefusesInvalidMechanismNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> Greeting.encode(name, false));
    }

    @Test
    void libzmqGreetingWithNonZeroPaddingIsAcceptedAsZmtp31() {
        Greeting.Parser p = parse(Hex.bytes(LIBZMQ_31));
        assertEquals(3, p.major());
        assertEquals(1, p.minor());
        assertFalse(p.isZmtp30());
        assertEquals("NULL", p.mechanism());
        assertFalse(p.asServer());
    }

    @Test
    void paddingIsNeverInterpreted() {
        Greeting.Parser p = parse(greeting("ff 12 34 56 78 9a bc de f0 7f", 3, 1, "'NULL'" + Hex.zeros(16), 0));
        assertEquals("NULL", p.mechanism());
    }

    @Test
    void octetNineNeedsOnlyItsLowestBit() {
        // libzmq checks bit 0 of octet 9 only; 0x01 there is still a versioned peer.
        Greeting.Parser p = parse(greeting("ff" + Hex.zeros(8) + " 01", 3, 1, "'NULL'" + Hex.zeros(16), 0));
        assertEquals(3, p.major());
    }

    @Test
    void minorZeroIsZmtp30() {
        Greeting.Parser p = parse(greeting("ff" + Hex.zeros(8) + " 7f", 3, 0, "'NULL'" + Hex.zeros(16), 0));
        assertTrue(p.isZmtp30());
    }

    @Test
    void laterVersionsAreAcceptedAndSpeak31Rules() {
        assertFalse(parse(greeting("ff" + Hex.zeros(8) + " 7f", 3, 2, "'NULL'" + Hex.zeros(16), 0)).isZmtp30());
        assertFalse(parse(greeting("ff" + Hex.zeros(8) + " 7f", 4, 0, "'NULL'" + Hex.zeros(16), 0)).isZmtp30());
    }

    @Test
    void versionIsKnownAfterElevenOctetsAndTheRestCompletesIt() {
        byte[] g = Hex.bytes(LIBZMQ_31);
        Greeting.Parser p = new Greeting.Parser();
        assertEquals(Progress.NEED_VERSION, p.feed(ByteBuffer.wrap(g, 0, Greeting.SIGNATURE_SIZE)));
        assertFalse(p.versionKnown());
        assertEquals(Progress.VERSION_KNOWN, p.feed(ByteBuffer.wrap(g, 10, 1)));
        assertEquals(3, p.major());
        assertThrows(IllegalStateException.class, p::mechanism);
        assertEquals(Progress.COMPLETE, p.feed(ByteBuffer.wrap(g, 11, 53)));
        assertEquals("NULL", p.mechanism());
    }

    @Test
    void greetingFedOneOctetAtATimeParsesTheSame() {
        byte[] g = Hex.bytes(LIBZMQ_31);
        Greeting.Parser p = new Greeting.Parser();
        for (int i = 0; i < g.length; i++) {
            Progress progress = p.feed(ByteBuffer.wrap(g, i, 1));
            assertEquals(i + 1 == g.length ? Progress.COMPLETE
                    : i + 1 >= Greeting.VERSION_DETECTION_SIZE ? Progress.VERSION_KNOWN : Progress.NEED_VERSION, progress);
        }
        assertEquals("NULL", p.mechanism());
    }

    @Test
    void parserNeverConsumesPastTheGreeting() {
        byte[] g = Hex.concat(Hex.bytes(LIBZMQ_31), Hex.bytes("04 19 05 'READY'"));
        ByteBuffer in = ByteBuffer.wrap(g);
        new Greeting.Parser().feed(in);
        assertEquals(Greeting.SIZE, in.position());
        assertEquals(8, in.remaining());
    }

    @Test
    void zmtp2PeerIsRefusedAsSoonAsItsMajorVersionArrives() {
        Greeting.Parser p = new Greeting.Parser();
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> p.feed(ByteBuffer.wrap(Hex.bytes("ff" + Hex.zeros(8) + " 7f 01"))));
        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
        assertTrue(e.getMessage().contains("major version=1"), e.getMessage());
    }

    @Test
    void majorVersionTwoIsRefused() {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> new Greeting.Parser().feed(ByteBuffer.wrap(Hex.bytes("ff" + Hex.zeros(8) + " 7f 02"))));
        assertEquals(Kind.UNSUPPORTED_VERSION, e.kind());
    }

    @Test
    void nonZmtpFirstOctetIsRefusedAtOnce() {
        Greeting.Parser p = new Greeting.Parser();
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> p.feed(ByteBuffer.wrap(Hex.bytes("'G'"))));
        assertEquals(Kind.NOT_ZMTP, e.kind());
        assertTrue(e.getMessage().contains("0x47"), e.getMessage());
    }

    @Test
    void unversionedSignatureIsRefused() {
        // A ZMTP 1.0 peer's long identity frame: 0xff, 8-octet length, flags 0x00.
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> new Greeting.Parser().feed(ByteBuffer.wrap(Hex.bytes("ff 00 00 00 00 00 00 00 01 00"))));
        assertEquals(Kind.NOT_ZMTP, e.kind());
        assertTrue(e.getMessage().contains("octet 9=0x00"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "'NULL' 00 'X'" + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // garbage after the null padding
        "'null'" + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // lower case
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"  // empty
    })
    void malformedMechanismIsRefused(String mechanismHex) {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> parse(greeting("ff" + Hex.zeros(8) + " 7f", 3, 1, mechanismHex, 0)));
        assertEquals(Kind.MECHANISM_MISMATCH, e.kind());
    }

    @Test
    void twentyCharacterMechanismNeedsNoPadding() {
        Greeting.Parser p = parse(greeting("ff" + Hex.zeros(8) + " 7f", 3, 1, "'ABCDEFGHIJ0123456789'", 0));
        assertEquals("ABCDEFGHIJ0123456789", p.mechanism());
    }

    @Test
    void fillerIsIgnored() {
        byte[] g = Hex.bytes(LIBZMQ_31);
        g[Greeting.FILLER_OFFSET + 5] = 0x55;
        assertEquals("NULL", parse(g).mechanism());
    }
}
