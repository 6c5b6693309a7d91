package io.weft.transports.reconnect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.internal.zmtp.Command;
import io.weft.transports.testkit.LogCapture;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import io.weft.transports.testkit.Zmtp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ZMTP heartbeats (RFC 37 PING/PONG): a peer that stops answering is dropped after
 * HEARTBEAT_TIMEOUT, one that answers is kept however idle, PINGs are answered with their context,
 * and a peer's own TTL is honoured. The peer here is a raw one, so that it can fall silent at will.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HeartbeatTest {

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerThatStopsAnsweringIsDroppedAfterHeartbeatTimeout(Wire wire) {
        withPull(wire, s -> {
            s.setOption(Option.HEARTBEAT_IVL, 100);
            s.setOption(Option.HEARTBEAT_TIMEOUT, 300);
        }, (pull, events, endpoint, log) -> {
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                raw.handshake(SocketType.PUSH);
                long start = System.nanoTime();
                assertInstanceOf(Command.Ping.class, raw.readCommand(), "Weft sends PINGs every HEARTBEAT_IVL");
                // ...and the raw peer never answers.
                SocketEvent e = Wait.event(events, SocketEvent.Type.DISCONNECTED);
                long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(silentMs >= 250, "dropped after " + silentMs + " ms, before HEARTBEAT_TIMEOUT");
                assertTrue(e.detail().contains("HEARTBEAT_TIMEOUT=300"), e.toString());
                assertTrue(raw.closedByPeer(Wait.TIMEOUT), "Weft closed the silent peer's connection");
                log.awaitLine("dropping peer", "no traffic for", "HEARTBEAT_TIMEOUT=300");
            }
        });
    }

    @Test
    void peerThatAnswersIsKeptHoweverIdle() {
        withPull(Wire.TCP, s -> {
            s.setOption(Option.HEARTBEAT_IVL, 50);
            s.setOption(Option.HEARTBEAT_TIMEOUT, 150);
        }, (pull, events, endpoint, log) -> {
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                raw.handshake(SocketType.PUSH);
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800); // over 5 timeouts
                int pongs = 0;
                while (System.nanoTime() < end) {
                    Command c = raw.readCommand();
                    if (c instanceof Command.Ping ping) {
                        raw.write(Zmtp.command(Command.Pong.answering(ping)));
                        pongs++;
                    }
                }
                assertTrue(pongs >= 5, "PINGs answered: " + pongs);
                raw.write(Zmtp.message("still here", false));
                Wait.expect(pull, "still here");
                Wait.noEvent(events, SocketEvent.Type.DISCONNECTED, Duration.ZERO);
            }
        });
    }

    @Test
    void pingIsAnsweredWithAPongCarryingItsContext() {
        withPull(Wire.TCP, s -> { }, (pull, events, endpoint, log) -> {
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                raw.handshake(SocketType.PUSH);
                byte[] context = "ctx-42".getBytes(StandardCharsets.US_ASCII);
                raw.write(Zmtp.command(new Command.Ping(0, context)));
                Command c = raw.readCommand();
                assertInstanceOf(Command.Pong.class, c);
                assertArrayEquals(context, ((Command.Pong) c).context());
            }
        });
    }

    @Test
    void pingsCarryHeartbeatTtlInDeciseconds() {
        withPull(Wire.TCP, s -> {
            s.setOption(Option.HEARTBEAT_IVL, 50);
            s.setOption(Option.HEARTBEAT_TTL, 1500);
        }, (pull, events, endpoint, log) -> {
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                raw.handshake(SocketType.PUSH);
                Command c = raw.readCommand();
                assertInstanceOf(Command.Ping.class, c);
                assertEquals(15, ((Command.Ping) c).ttlDeciseconds());
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerTtlDropsAPeerThatFallsSilentEvenWithoutOurOwnHeartbeats(Wire wire) {
        withPull(wire, s -> { }, (pull, events, endpoint, log) -> {
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                raw.handshake(SocketType.PUSH);
                long start = System.nanoTime();
                raw.write(Zmtp.command(new Command.Ping(3, new byte[0]))); // "drop me if silent for 300 ms"
                assertInstanceOf(Command.Pong.class, raw.readCommand());
                SocketEvent e = Wait.event(events, SocketEvent.Type.DISCONNECTED);
                long silentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(silentMs >= 250, "dropped after " + silentMs + " ms, before the TTL");
                assertTrue(e.detail().contains("TTL"), e.toString());
                assertTrue(raw.closedByPeer(Wait.TIMEOUT));
            }
        });
    }

    @Test
    void weftPeersHeartbeatingEachOtherStayConnectedWhileIdle() {
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            for (Socket s : new Socket[] {pull, push}) {
                s.setOption(Option.HEARTBEAT_IVL, 50);
                s.setOption(Option.HEARTBEAT_TIMEOUT, 150);
                s.setOption(Option.HEARTBEAT_TTL, 300);
            }
            Monitor events = pull.monitor(SocketEvent.Type.ALL);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("hello");
            Wait.expect(pull, "hello");
            Wait.noEvent(events, SocketEvent.Type.DISCONNECTED, Duration.ofMillis(600));
            push.send("after a quiet spell");
            Wait.expect(pull, "after a quiet spell");
            events.close();
        }
    }

    /** What a heartbeat test does with its bound PULL. */
    private interface Body {
        void run(Socket pull, Monitor events, String endpoint, LogCapture log);
    }

    private static void withPull(Wire wire, Consumer<Socket> configure, Body body) {
        try (LogCapture log = new LogCapture(); Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            configure.accept(pull);
            Monitor events = pull.monitor(SocketEvent.Type.ALL);
            String endpoint = pull.bind(wire.bindEndpoint());
            body.run(pull, events, endpoint, log);
            events.close();
        }
    }
}
