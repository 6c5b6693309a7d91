package io.weft.internal.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.SocketType;
import io.weft.internal.zmtp.Mechanism.Status;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NullMechanismTest {
    static Stream<Arguments> compatiblePairs() {
        return pairs(true);
    }

    static Stream<Arguments> incompatiblePairs() {
        return pairs(false);
    }

    private static Stream<Arguments> pairs(boolean compatible) {
        List<Arguments> list = new ArrayList<>();
        for (SocketType a : SocketType.values()) {
            for (SocketType b : SocketType.values()) {
                if (a.isCompatibleWith(b) == compatible) {
                    list.add(Arguments.of(a, b));
                }
            }
        }
        return list.stream();
    }

    /** One side of a connection: a mechanism behind an encoder and a decoder, as the engine will drive it. */
    private static final class Peer {
        final Mechanism mechanism;
        final ZmtpEncoder encoder = new ZmtpEncoder();
        final List<Command> sent = new ArrayList<>();
        final ZmtpDecoder decoder;

        Peer(Mechanism mechanism) {
            this.mechanism = mechanism;
            this.decoder = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, (flags, body) -> {
                if (mechanism.status() == Status.HANDSHAKING) {
                    mechanism.process(flags, body);
                }
                return true;
            });
        }

        /** Encodes every command the mechanism wants to send; returns the wire bytes. */
        byte[] output() {
            Command c;
            while ((c = mechanism.nextCommand()) != null) {
                sent.add(c);
                assertTrue(encoder.encode(c));
            }
            byte[] bytes = Hex.drain(encoder.segments(), encoder.flip());
            encoder.clear();
            return bytes;
        }
    }

    /** Runs both handshakes over encoded bytes until neither side has anything more to say. */
    private static void converse(Peer a, Peer b) {
        for (int round = 0; round < 10; round++) {
            byte[] ab = a.output();
            byte[] ba = b.output();
            if (ab.length == 0 && ba.length == 0) {
                return;
            }
            b.decoder.decode(ByteBuffer.wrap(ab));
            a.decoder.decode(ByteBuffer.wrap(ba));
        }
    }

    @ParameterizedTest
    @MethodSource("compatiblePairs")
    void compatibleSocketTypesCompleteTheHandshake(SocketType ta, SocketType tb) {
        Peer a = new Peer(new NullMechanism(ta, "A".getBytes(StandardCharsets.US_ASCII)));
        Peer b = new Peer(new NullMechanism(tb, null));
        converse(a, b);
        assertEquals(Status.READY, a.mechanism.status());
        assertEquals(Status.READY, b.mechanism.status());
        assertEquals(tb, a.mechanism.peerMetadata().socketType());
        assertEquals(ta, b.mechanism.peerMetadata().socketType());
        assertEquals(1, a.sent.size());
        assertInstanceOf(Command.Ready.class, a.sent.get(0));
        boolean announcesIdentity = ta == SocketType.REQ || ta == SocketType.DEALER || ta == SocketType.ROUTER;
        if (announcesIdentity) {
            assertArrayEquals("A".getBytes(StandardCharsets.US_ASCII), b.mechanism.peerMetadata().identity());
        } else {
            assertNull(b.mechanism.peerMetadata().identity());
        }
        assertNull(a.mechanism.failure());
    }

    @ParameterizedTest
    @MethodSource("incompatiblePairs")
    void incompatibleSocketTypesFailWithAnErrorCommand(SocketType ta, SocketType tb) {
        Peer a = new Peer(new NullMechanism(ta, null));
        Peer b = new Peer(new NullMechanism(tb, null));
        converse(a, b);
        for (Peer p : List.of(a, b)) {
            assertEquals(Status.FAILED, p.mechanism.status());
            assertEquals(Kind.INVALID_METADATA, p.mechanism.failure().kind());
            assertTrue(p.mechanism.failure().getMessage().contains("incompatible"), p.mechanism.failure().getMessage());
            assertNull(p.mechanism.peerMetadata());
            Command.Error error = assertInstanceOf(Command.Error.class, p.sent.get(p.sent.size() - 1));
            assertTrue(error.reason().contains("Socket-Type="), error.reason());
        }
        assertTrue(a.mechanism.failure().getMessage().contains("Socket-Type=" + tb + " is incompatible with " + ta),
                a.mechanism.failure().getMessage());
    }

    @Test
    void readyFixtureForAPushIsItsSocketTypeOnly() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, "ignored".getBytes(StandardCharsets.US_ASCII));
        assertEquals("NULL", m.name());
        assertFalse(m.asServer());
        assertArrayEquals(Hex.bytes("05 'READY' 0b 'Socket-Type' 00 00 00 04 'PUSH'"), m.nextCommand().toBody());
        assertNull(m.nextCommand());
    }

    @Test
    void incompatibleReadyBeforeOursIsAnsweredWithErrorOnly() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, null);
        m.process(FrameHeader.COMMAND, Command.Ready.of(SocketType.PUB, null).toBody());
        assertEquals(Status.FAILED, m.status());
        Command.Error error = assertInstanceOf(Command.Error.class, m.nextCommand());
        assertTrue(error.reason().contains("PUB"), error.reason());
        assertNull(m.nextCommand());
    }

    @Test
    void readyReceivedFirstCompletesOnceOursIsSent() {
        NullMechanism m = new NullMechanism(SocketType.PULL, null);
        m.process(FrameHeader.COMMAND, Command.Ready.of(SocketType.PUSH, null).toBody());
        assertEquals(Status.HANDSHAKING, m.status());
        assertInstanceOf(Command.Ready.class, m.nextCommand());
        assertEquals(Status.READY, m.status());
    }

    @Test
    void missingSocketTypeFails() {
        NullMechanism m = new NullMechanism(SocketType.PULL, null);
        m.nextCommand();
        m.process(FrameHeader.COMMAND, Hex.bytes("05 'READY'"));
        assertEquals(Status.FAILED, m.status());
        assertTrue(m.failure().getMessage().contains("no Socket-Type"), m.failure().getMessage());
        assertInstanceOf(Command.Error.class, m.nextCommand());
    }

    @Test
    void socketTypeIsMatchedCaseSensitivelyAsLibzmqDoes() {
        NullMechanism lowerValue = new NullMechanism(SocketType.PULL, null);
        lowerValue.process(FrameHeader.COMMAND, Hex.bytes("05 'READY' 0b 'Socket-Type' 00 00 00 04 'push'"));
        assertEquals(Status.FAILED, lowerValue.status());
        assertTrue(lowerValue.failure().getMessage().contains("Socket-Type=push"), lowerValue.failure().getMessage());

        NullMechanism lowerName = new NullMechanism(SocketType.PULL, null);
        lowerName.process(FrameHeader.COMMAND, Hex.bytes("05 'READY' 0b 'socket-type' 00 00 00 04 'PUSH'"));
        assertEquals(Status.FAILED, lowerName.status());
    }

    @Test
    void identityUpTo255OctetsIsAcceptedAndLongerFails() {
        NullMechanism ok = new NullMechanism(SocketType.ROUTER, null);
        ok.nextCommand();
        ok.process(FrameHeader.COMMAND, Command.Ready.of(SocketType.DEALER, new byte[255]).toBody());
        assertEquals(Status.READY, ok.status());
        assertEquals(255, ok.peerMetadata().identity().length);

        NullMechanism tooLong = new NullMechanism(SocketType.ROUTER, null);
        tooLong.process(FrameHeader.COMMAND, Command.Ready.of(SocketType.DEALER, new byte[256]).toBody());
        assertEquals(Status.FAILED, tooLong.status());
        assertTrue(tooLong.failure().getMessage().contains("Identity length=256"), tooLong.failure().getMessage());
    }

    @Test
    void everyPropertyIsKeptForLaterMetadata() {
        NullMechanism m = new NullMechanism(SocketType.PULL, null);
        m.nextCommand();
        m.process(FrameHeader.COMMAND, Hex.bytes("05 'READY' 0b 'Socket-Type' 00 00 00 04 'PUSH' 08 'X-Weight' 00 00 00 02 '42'"));
        PeerMetadata peer = m.peerMetadata();
        assertArrayEquals(Hex.bytes("'42'"), peer.property("X-Weight"));
        assertEquals(List.of("Socket-Type", "X-Weight"), new ArrayList<>(peer.properties().keySet()));
    }

    @Test
    void peerErrorFailsTheHandshakeWithItsReason() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, null);
        m.nextCommand();
        m.process(FrameHeader.COMMAND, Hex.bytes("05 'ERROR' 06 'denied'"));
        assertEquals(Status.FAILED, m.status());
        assertEquals(Kind.PEER_ERROR, m.failure().kind());
        assertTrue(m.failure().getMessage().contains("reason=denied"), m.failure().getMessage());
        assertNull(m.nextCommand());
    }

    @Test
    void messageFrameDuringTheHandshakeIsAProtocolError() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, null);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> m.process(0, Command.Ready.of(SocketType.PULL, null).toBody()));
        assertEquals(Kind.UNEXPECTED_FRAME, e.kind());
    }

    @Test
    void otherCommandDuringTheHandshakeIsAProtocolError() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, null);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> m.process(FrameHeader.COMMAND, new Command.Ping(0, null).toBody()));
        assertEquals(Kind.UNEXPECTED_FRAME, e.kind());
        assertTrue(e.getMessage().contains("command=PING"), e.getMessage());
    }

    @Test
    void secondReadyIsAProtocolError() {
        NullMechanism m = new NullMechanism(SocketType.PULL, null);
        byte[] ready = Command.Ready.of(SocketType.PUSH, null).toBody();
        m.process(FrameHeader.COMMAND, ready);
        assertThrows(ZmtpProtocolException.class, () -> m.process(FrameHeader.COMMAND, ready));
    }

    @Test
    void malformedReadyIsAProtocolError() {
        NullMechanism m = new NullMechanism(SocketType.PULL, null);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> m.process(FrameHeader.COMMAND, Hex.bytes("05 'READY' 0b 'Socket-Type' 00 00 00 09 'PUSH'")));
        assertEquals(Kind.MALFORMED_COMMAND, e.kind());
    }

    @Test
    void peerGreetingMustAnnounceTheSameMechanism() {
        NullMechanism m = new NullMechanism(SocketType.PUSH, null);
        m.checkPeerGreeting("NULL", false);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class, () -> m.checkPeerGreeting("CURVE", true));
        assertEquals(Kind.MECHANISM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("mechanism=CURVE"), e.getMessage());
    }

    @Test
    void wholeConversationOverBytesSplitAnywhere() {
        // Greeting in two pieces, handshake, then a message and a heartbeat, as the engine will do.
        byte[] ourGreeting = Greeting.encode(NullMechanism.NAME, false);
        Greeting.Parser peerGreeting = new Greeting.Parser();
        ByteBuffer first = ByteBuffer.wrap(ourGreeting, 0, Greeting.VERSION_DETECTION_SIZE);
        assertEquals(Greeting.Parser.Progress.VERSION_KNOWN, peerGreeting.feed(first));
        ByteBuffer rest = ByteBuffer.wrap(ourGreeting, Greeting.VERSION_DETECTION_SIZE,
                Greeting.SIZE - Greeting.VERSION_DETECTION_SIZE);
        assertEquals(Greeting.Parser.Progress.COMPLETE, peerGreeting.feed(rest));

        NullMechanism dealer = new NullMechanism(SocketType.DEALER, Hex.bytes("'d1'"));
        NullMechanism router = new NullMechanism(SocketType.ROUTER, null);
        router.checkPeerGreeting(peerGreeting.mechanism(), peerGreeting.asServer());

        ZmtpEncoder out = new ZmtpEncoder();
        out.encode(dealer.nextCommand());
        out.encode(FrameHeader.MORE, new byte[0]);
        out.encode(0, Hex.bytes("'hello'"));
        out.encode(new Command.Ping(50, Hex.bytes("'c'")));
        byte[] wire = Hex.drain(out.segments(), out.flip());

        List<Object> traffic = new ArrayList<>();
        ZmtpDecoder in = new ZmtpDecoder(ZmtpDecoder.NO_LIMIT, (flags, body) -> {
            if (router.status() == Status.HANDSHAKING) {
                router.process(flags, body);
                router.nextCommand();
            } else if ((flags & FrameHeader.COMMAND) != 0) {
                traffic.add(Commands.parse(body));
            } else {
                traffic.add(new String(body, StandardCharsets.US_ASCII) + ((flags & FrameHeader.MORE) != 0 ? "+" : ""));
            }
            return true;
        });
        for (int i = 0; i < wire.length; i += 3) {
            in.decode(ByteBuffer.wrap(wire, i, Math.min(3, wire.length - i)));
        }
        assertEquals(Status.READY, router.status());
        assertArrayEquals(Hex.bytes("'d1'"), router.peerMetadata().identity());
        assertEquals(List.of("+", "hello", new Command.Ping(50, Hex.bytes("'c'"))), traffic);
    }
}
