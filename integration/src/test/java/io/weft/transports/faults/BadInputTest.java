package io.weft.transports.faults;

import static io.weft.SocketEvent.Type.DISCONNECTED;
import static io.weft.SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL;
import static io.weft.SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.internal.zmtp.Command;
import io.weft.internal.zmtp.FrameHeader;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import io.weft.transports.testkit.Zmtp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input from a raw peer, one kind per test, over tcp:// and ipc://: each time the bad peer is
 * dropped, the monitor reports it, a log line says why, and the good peer carries on (see
 * {@link Victim#expectDropped}). The octets are built from the ZMTP layout (RFC 23/37).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final long ZMTP_UNSPECIFIED = 0x10000000L;

    // ------------------------------------------------------------------ greeting

    @ParameterizedTest
    @EnumSource(Wire.class)
    void garbageInsteadOfTheSignatureIsDropped(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            SocketEvent e = v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "greeting octet 0=0x47");
            assertTrue(e.detail().contains("not a ZMTP peer"), e.toString());
            assertEquals(ZMTP_UNSPECIFIED, e.value(), "libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void signatureWithoutItsFinalOctetIsDropped(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            byte[] g = Zmtp.greeting();
            g[9] = 0x00; // an unversioned ZMTP 1.0 peer
            raw.write(Zmtp.prefix(g, 10));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "greeting octet 9=0x00");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void olderMajorVersionIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.prefix(Zmtp.greeting(2, 0, "NULL"), 11));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "major version=2");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void unknownMechanismIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.greeting(3, 1, "KERBEROS9"));
            SocketEvent e = v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer",
                    "peer mechanism=KERBEROS9 (expected: NULL)");
            assertEquals(0x11000002, e.value(), "libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void malformedMechanismNameIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.greeting(3, 1, "nu ll"));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "greeting mechanism=0x6e75206c6c");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void truncatedGreetingFromAPeerThatThenClosesIsDropped(Wire wire) {
        try (Victim v = new Victim(wire)) {
            RawPeer raw = v.raw();
            raw.write(Zmtp.prefix(Zmtp.greeting(), 20));
            raw.close();
            v.expectDropped(null, HANDSHAKE_FAILED_NO_DETAIL, "dropping peer", "during the handshake");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void truncatedGreetingFromAPeerThatThenStallsTimesOut(Wire wire) {
        try (Victim v = new Victim(wire, s -> s.setOption(Option.HANDSHAKE_IVL, 200)); RawPeer raw = v.raw()) {
            raw.write(Zmtp.prefix(Zmtp.greeting(), 20));
            v.expectDropped(raw, HANDSHAKE_FAILED_NO_DETAIL, "dropping peer", "HANDSHAKE_IVL=200");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void silentPeerIsDroppedAfterHandshakeIvl(Wire wire) {
        try (Victim v = new Victim(wire, s -> s.setOption(Option.HANDSHAKE_IVL, 200)); RawPeer raw = v.raw()) {
            long start = System.nanoTime();
            v.expectDropped(raw, HANDSHAKE_FAILED_NO_DETAIL, "dropping peer", "handshake not complete within HANDSHAKE_IVL=200 ms");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "dropped before HANDSHAKE_IVL");
        }
    }

    // ------------------------------------------------------------------ handshake

    @ParameterizedTest
    @EnumSource(Wire.class)
    void invalidFlagsDuringTheHandshakeAreRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.frame(0x10, new byte[3])));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "frame flags=0x10");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void commandOtherThanReadyBeforeTheHandshakeEndsIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.command(new Command.Ping(0, new byte[0]))));
            SocketEvent e = v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer",
                    "command=PING during the NULL handshake");
            assertEquals(0x10000001, e.value(), "libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void messageBeforeTheHandshakeEndsIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.message("early", false)));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "message frame of length=5 during the NULL handshake");
            assertNull(v.pull.tryRecv(), "a message sent before the handshake must never be delivered");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerVanishingMidHandshakeIsDropped(Wire wire) {
        try (Victim v = new Victim(wire)) {
            RawPeer raw = v.raw();
            byte[] ready = Zmtp.ready(SocketType.PUSH);
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.prefix(ready, ready.length / 2)));
            raw.close();
            v.expectDropped(null, HANDSHAKE_FAILED_NO_DETAIL, "dropping peer", "during the handshake");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void incompatibleSocketTypeIsRefusedWithAnError(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.greeting());
            raw.read(64);
            raw.write(Zmtp.ready(SocketType.PUB));
            Command first = raw.readCommand();
            assertInstanceOf(Command.Ready.class, first, "Weft's READY goes first");
            Command error = raw.readCommand();
            assertInstanceOf(Command.Error.class, error, "then an ERROR saying why");
            assertTrue(((Command.Error) error).reason().contains("PUB is incompatible with PULL"), error.toString());
            SocketEvent e = v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "Socket-Type=PUB is incompatible with PULL");
            assertTrue(e.detail().contains("incompatible"), e.toString());
            assertEquals(0x10000018, e.value(), "libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void unknownSocketTypeIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.readyWithSocketType("TOASTER")));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "Socket-Type=TOASTER is not a known socket type");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerErrorDuringTheHandshakeEndsIt(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.command(new Command.Error("go away"))));
            v.expectDropped(raw, HANDSHAKE_FAILED_PROTOCOL, "dropping peer", "ERROR reason=go away");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void incompatibleWeftPeerIsRefusedOnBothSides(Wire wire) {
        try (Victim v = new Victim(wire); Socket pub = v.ctx.socket(SocketType.PUB)) {
            pub.setOption(Option.LINGER, 0);
            Monitor pubEvents = pub.monitor(SocketEvent.Type.ALL);
            pub.connect(v.endpoint);
            SocketEvent mine = Wait.event(v.monitor, HANDSHAKE_FAILED_PROTOCOL);
            SocketEvent theirs = Wait.event(pubEvents, HANDSHAKE_FAILED_PROTOCOL);
            assertTrue(mine.detail().contains("PUB is incompatible with PULL"), mine.toString());
            assertTrue(theirs.detail().contains("incompatible"), theirs.toString());
            v.exchange();
            pubEvents.close();
        }
    }

    // ------------------------------------------------------------------ frames after the handshake

    @ParameterizedTest
    @EnumSource(Wire.class)
    void lengthAboveMaxMsgSizeIsRefusedBeforeAllocation(Wire wire) {
        try (Victim v = new Victim(wire, s -> s.setOption(Option.MAXMSGSIZE, 1000L)); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.frame(0, new byte[1000])); // at the limit: accepted
            assertEquals(1000, Wait.recv(v.pull).length);
            raw.write(Zmtp.longHeader(0, 1L << 40)); // a terabyte, declared: refused from its header alone
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "frame size=1099511627776 (expected: <= MAXMSGSIZE=1000)");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void frameOneOctetAboveMaxMsgSizeIsRefused(Wire wire) {
        try (Victim v = new Victim(wire, s -> s.setOption(Option.MAXMSGSIZE, 1000L)); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.frame(0, new byte[1001]));
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "frame size=1001 (expected: <= MAXMSGSIZE=1000)");
            assertNull(v.pull.tryRecv());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void lengthBeyondAJavaArrayIsRefusedWithoutMaxMsgSize(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.longHeader(0, -1L)); // 2^64-1 octets
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "frame size=18446744073709551615");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void reservedFlagBitsAreRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.frame(0x80, "x".getBytes(StandardCharsets.US_ASCII)));
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "frame flags=0x80");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void moreOnACommandIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.frame(FrameHeader.COMMAND | FrameHeader.MORE, new Command.Ping(0, new byte[0]).toBody()));
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "no MORE on a command frame");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void malformedCommandIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.frame(FrameHeader.COMMAND, new byte[] {10, 'P', 'I'}));
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "command name length=10");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void secondReadyIsRefused(Wire wire) {
        try (Victim v = new Victim(wire); RawPeer raw = v.raw()) {
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.ready(SocketType.PUSH));
            v.expectDropped(raw, DISCONNECTED, "dropping peer", "READY after the handshake");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerVanishingMidFrameLosesOnlyItsUnfinishedMessage(Wire wire) {
        try (Victim v = new Victim(wire)) {
            RawPeer raw = v.raw();
            raw.handshake(SocketType.PUSH);
            raw.write(Zmtp.message("whole", false));
            assertEquals("whole", new String(Wait.recv(v.pull), StandardCharsets.UTF_8));
            byte[] cut = Zmtp.message("the frame that never ends", false);
            raw.write(Zmtp.concat(Zmtp.message("part-1", true), Zmtp.prefix(cut, 9)));
            raw.close();
            v.expectDropped(null, DISCONNECTED, "dropping peer", "peer closed in the middle of a frame");
            assertNull(v.pull.recv(Duration.ofMillis(50)), "the unfinished message must not be delivered");
        }
    }
}
