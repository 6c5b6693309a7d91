package io.weft.transports.faults;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.transports.testkit.IoThreads;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import io.weft.transports.testkit.Zmtp;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input on the connecting side: a Weft socket that connects to a server speaking garbage (or a
 * wrong socket type) drops that connection, reports it and, as libzmq does after a protocol error,
 * does not call that server again; the socket itself stays usable for other connects.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectSideFaultsTest {
    /** Long enough for several reconnect attempts, were there any (RECONNECT_IVL is 20 ms here). */
    private static final Duration NO_RETRY_WINDOW = Duration.ofMillis(300);

    @ParameterizedTest
    @EnumSource(Wire.class)
    void connectingSocketStopsCallingAServerThatSpeaksGarbage(Wire wire) throws IOException {
        String endpoint = wire.unusedEndpoint();
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            List<String> ioThreads;
            try (ServerSocketChannel server = openServer(wire, endpoint)) {
                push.connect(endpoint);
                try (RawPeer raw = accept(server)) {
                    ioThreads = IoThreads.alive();
                    raw.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    SocketEvent e = Wait.event(events, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                    assertTrue(e.detail().contains("greeting octet 0=0x48"), e.toString());
                    assertTrue(raw.closedByPeer(Wait.TIMEOUT), "the connecting side closed the bad connection");
                }
                assertNoRetry(push, events, server);
            }
            IoThreads.assertStillAlive(ioThreads);
            assertStillUsable(ctx, push, wire);
            events.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void connectingSocketStopsCallingAServerOfAnIncompatibleType(Wire wire) throws IOException {
        String endpoint = wire.unusedEndpoint();
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            try (ServerSocketChannel server = openServer(wire, endpoint)) {
                push.connect(endpoint);
                try (RawPeer raw = accept(server)) {
                    raw.write(Zmtp.greeting());
                    raw.read(64);
                    raw.write(Zmtp.ready(SocketType.PUB));
                    SocketEvent e = Wait.event(events, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                    assertTrue(e.detail().contains("PUB is incompatible with PUSH"), e.toString());
                    assertTrue(raw.closedByPeer(Wait.TIMEOUT));
                }
                assertNoRetry(push, events, server);
            }
            assertStillUsable(ctx, push, wire);
            events.close();
        }
    }

    /** The session ended: no CONNECT_RETRIED, and the server sees no new connection. */
    private static void assertNoRetry(Socket push, Monitor events, ServerSocketChannel server) throws IOException {
        Wait.sessions(push, 0);
        Wait.noEvent(events, SocketEvent.Type.CONNECT_RETRIED, NO_RETRY_WINDOW);
        assertNull(server.accept(), "the connecting side called the broken server again");
    }

    /** The socket that dropped the bad server still connects to and serves a good peer. */
    private static void assertStillUsable(Context ctx, Socket push, Wire wire) {
        try (Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind(wire.bindEndpoint()));
            push.send("to a good peer");
            Wait.expect(pull, "to a good peer");
        }
    }

    private static ServerSocketChannel openServer(Wire wire, String endpoint) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(
                wire == Wire.IPC ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
        server.bind(RawPeer.address(endpoint));
        server.configureBlocking(false);
        return server;
    }

    private static RawPeer accept(ServerSocketChannel server) {
        SocketChannel[] accepted = new SocketChannel[1];
        Wait.until("the Weft socket to connect to the raw server", () -> {
            try {
                accepted[0] = server.accept();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return accepted[0] != null;
        });
        return RawPeer.of(accepted[0]);
    }
}
