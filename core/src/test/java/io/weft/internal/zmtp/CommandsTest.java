package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.SocketType;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandsTest {
    /** RFC 37's worked example: a DEALER's READY with an empty Identity. */
    private static final String DEALER_READY = "05 'READY' 0b 'Socket-Type' 00 00 00 06 'DEALER' 08 'Identity' 00 00 00 00";

    static Stream<Command> everyKindOfCommand() {
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("Socket-Type", "ROUTER".getBytes(StandardCharsets.US_ASCII));
        props.put("Identity", new byte[] {0, 1, 2});
        props.put("X-Empty", new byte[0]);
        props.put("X-Big", new byte[1000]);
        return Stream.of(
                new Command.Ready(props),
                new Command.Ready(Map.of()),
                Command.Ready.of(SocketType.PUSH, null),
                new Command.Error("incompatible socket type"),
                new Command.Error(""),
                new Command.Error("x".repeat(255)),
                new Command.Ping(0, null),
                new Command.Ping(65535, new byte[16]),
                new Command.Ping(100, new byte[] {1, 2, 3}),
                new Command.Pong(null),
                new Command.Pong(new byte[] {(byte) 0xff, 0, 7}),
                new Command.Subscribe(null),
                new Command.Subscribe(new byte[] {0, (byte) 0xff, 'A'}),
                new Command.Cancel("weather".getBytes(StandardCharsets.US_ASCII)),
                new Command.Cancel(null),
                new Command.Unknown("HELLO", new byte[] {1, 2, 3}),
                new Command.Unknown("JOIN", null));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfCommand")
    void everyCommandSurvivesARoundTrip(Command command) {
        byte[] body = command.toBody();
        assertEquals(command.bodySize(), body.length);
        Command parsed = Commands.parse(body);
        assertEquals(command, parsed);
        assertEquals(command.name(), parsed.name());
        assertArrayEquals(body, parsed.toBody());
    }

    @Test
    void dealerReadyMatchesTheRfcWorkedExample() {
        assertArrayEquals(Hex.bytes(DEALER_READY), Command.Ready.of(SocketType.DEALER, null).toBody());
    }

    @Test
    void pushReadyCarriesOnlyItsSocketType() {
        assertArrayEquals(Hex.bytes("05 'READY' 0b 'Socket-Type' 00 00 00 04 'PUSH'"),
                Command.Ready.of(SocketType.PUSH, new byte[] {1}).toBody());
    }

    @Test
    void reqDealerAndRouterAnnounceTheirIdentity() {
        for (SocketType t : new SocketType[] {SocketType.REQ, SocketType.DEALER, SocketType.ROUTER}) {
            Command.Ready r = Command.Ready.of(t, "me".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("me".getBytes(StandardCharsets.US_ASCII), r.identity(), t.name());
            assertEquals(t.wireName(), r.socketType());
        }
    }

    @Test
    void readyParsesTheRfcExample() {
        Command.Ready r = assertInstanceOf(Command.Ready.class, Commands.parse(Hex.bytes(DEALER_READY)));
        assertEquals("DEALER", r.socketType());
        assertArrayEquals(new byte[0], r.identity());
        assertEquals(List.of("Socket-Type", "Identity"), new ArrayList<>(r.properties().keySet()));
    }

    @Test
    void propertyNamesAreMatchedExactlyAsLibzmqDoes() {
        Command.Ready r = assertInstanceOf(Command.Ready.class,
                Commands.parse(Hex.bytes("05 'READY' 0b 'socket-type' 00 00 00 04 'PUSH' 08 'IDENTITY' 00 00 00 00")));
        assertNull(r.socketType());
        assertNull(r.identity());
        assertArrayEquals("PUSH".getBytes(StandardCharsets.US_ASCII), r.properties().get("socket-type"));
    }

    @Test
    void commandNamesAreMatchedExactly() {
        assertInstanceOf(Command.Unknown.class, Commands.parse(Hex.bytes("04 'ping' 00 00")));
        assertInstanceOf(Command.Unknown.class, Commands.parse(Hex.bytes("05 'Ready'")));
    }

    @Test
    void pingFixture() {
        assertArrayEquals(Hex.bytes("04 'PING' 01 2c 'ctx'"), new Command.Ping(300, "ctx".getBytes(StandardCharsets.US_ASCII)).toBody());
        Command.Ping p = assertInstanceOf(Command.Ping.class, Commands.parse(Hex.bytes("04 'PING' ff fe")));
        assertEquals(65534, p.ttlDeciseconds());
        assertEquals(0, p.context().length);
    }

    @Test
    void subscribeAndCancelFixtures() {
        assertArrayEquals(Hex.bytes("09 'SUBSCRIBE' 'A'"), new Command.Subscribe(new byte[] {'A'}).toBody());
        assertArrayEquals(Hex.bytes("06 'CANCEL'"), new Command.Cancel(null).toBody());
        assertArrayEquals(Hex.bytes("05 'ERROR' 03 'bad'"), new Command.Error("bad").toBody());
        assertArrayEquals(Hex.bytes("04 'PONG' 01"), new Command.Pong(new byte[] {1}).toBody());
    }

    @Test
    void pingContextLongerThanSixteenIsTruncatedAsLibzmqDoes() {
        byte[] body = Hex.concat(Hex.bytes("04 'PING' 00 0a"), new byte[20]);
        Command.Ping p = assertInstanceOf(Command.Ping.class, Commands.parse(body));
        assertEquals(16, p.context().length);
        assertEquals(10, p.ttlDeciseconds());
        Command.Pong pong = assertInstanceOf(Command.Pong.class,
                Commands.parse(Hex.concat(Hex.bytes("04 'PONG'"), new byte[17])));
        assertEquals(16, pong.context().length);
    }

    @Test
    void errorReasonIsFollowedByNothingThatMatters() {
        Command.Error e = assertInstanceOf(Command.Error.class, Commands.parse(Hex.bytes("05 'ERROR' 02 'no' 'trailing'")));
        assertEquals("no", e.reason());
    }

    @Test
    void errorReasonIsTruncatedByTheFactoryOnly() {
        assertEquals(255, Commands.error("y".repeat(300)).reason().length());
        assertThrows(IllegalArgumentException.class, () -> new Command.Error("y".repeat(256)));
    }

    @Test
    void constructorsRefuseWhatCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> new Command.Ping(65536, null));
        assertThrows(IllegalArgumentException.class, () -> new Command.Ping(-1, null));
        assertThrows(IllegalArgumentException.class, () -> new Command.Ping(0, new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> new Command.Pong(new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> new Command.Ready(Map.of("n".repeat(256), new byte[0])));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                          // no name length
        "05 'READ'",                                 // name runs past the body
        "09 'SUBSCRIB'",
        "05 'READY' 0b 'Socket-Typ'",                // property name runs past the body
        "05 'READY' 0b 'Socket-Type' 00 00 00",      // value length cut
        "05 'READY' 0b 'Socket-Type' 00 00 00 06 'DEALE'", // value runs past the body
        "05 'READY' 0b 'Socket-Type' ff ff ff ff 'PUSH'",  // value length 4 GiB
        "05 'READY' 00",                             // a stray octet after the properties
        "05 'READY' 01 'A' 00 00 00 00 01 'A' 00 00 00 00", // the same property twice
        "05 'ERROR'",                                // no reason length
        "05 'ERROR' 05 'abc'",                       // reason runs past the body
        "04 'PING'",                                 // no TTL
        "04 'PING' 00"                               // half a TTL
    })
    void malformedCommandsAreRefusedWithAReason(String fixture) {
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> Commands.parse(Hex.bytes(fixture)));
        assertEquals(Kind.MALFORMED_COMMAND, e.kind());
        assertTrue(e.getMessage().contains("="), e.getMessage());
    }

    @Test
    void everyTruncationOfAReadyInsideAPropertyIsRefused() {
        byte[] full = Hex.bytes(DEALER_READY);
        // Property boundaries: after the name (6), after Socket-Type (6+1+11+4+6=28), the end (41).
        List<Integer> boundaries = List.of(6, 28, full.length);
        for (int cut = 6; cut < full.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(full, cut);
            if (boundaries.contains(cut)) {
                assertInstanceOf(Command.Ready.class, Commands.parse(truncated));
            } else {
                int at = cut;
                ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> Commands.parse(truncated),
                        "cut at " + at);
                assertEquals(Kind.MALFORMED_COMMAND, e.kind());
            }
        }
    }

    @Test
    void legacySubscriptionMessagesMapToCommandsAndBack() {
        byte[] sub = Hex.bytes("01 'news'");
        byte[] cancel = Hex.bytes("00 'news'");
        assertEquals(new Command.Subscribe(Hex.bytes("'news'")), Commands.fromLegacySubscription(sub));
        assertEquals(new Command.Cancel(Hex.bytes("'news'")), Commands.fromLegacySubscription(cancel));
        assertArrayEquals(sub, Commands.toLegacySubscription(new Command.Subscribe(Hex.bytes("'news'"))));
        assertArrayEquals(cancel, Commands.toLegacySubscription(new Command.Cancel(Hex.bytes("'news'"))));
        assertArrayEquals(Hex.bytes("01"), Commands.toLegacySubscription(new Command.Subscribe(null)));
        assertNull(Commands.fromLegacySubscription(new byte[0]));
        assertNull(Commands.fromLegacySubscription(Hex.bytes("02 'x'")));
        assertThrows(IllegalArgumentException.class, () -> Commands.toLegacySubscription(new Command.Pong(null)));
    }
}
