package io.weft.transports.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input on the connecting side: a Weft socket that connects to a server speaking garbage (or a
 * wrong socket type) drops that connection, reports it, retries with its backoff, and keeps the
 * messages queued for the peer, which arrive once a real peer takes the endpoint.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectSideFaultsTest {

    @ParameterizedTest
    @EnumSource(Wire.class)
    void connectingSocketDropsAGarbageServerRetriesAndKeepsItsQueue(Wire wire) throws IOException {
        String endpoint = wire.unusedEndpoint();
        List<String> ioThreads;
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            try (ServerSocketChannel server = openServer(wire, endpoint)) {
                push.connect(endpoint);
                push.send("kept for the real peer");
                try (RawPeer raw = accept(server)) {
                    raw.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    SocketEvent e = Wait.event(events, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                    assertTrue(e.detail().contains("greeting octet 0=0x48"), e.toString());
                    assertTrue(raw.closedByPeer(Wait.TIMEOUT), "the connecting side closed the bad connection");
                }
                Wait.event(events, SocketEvent.Type.CONNECT_RETRIED);
                ioThreads = IoThreads.alive();
                try (RawPeer raw = accept(server)) { // it came back, as RECONNECT_IVL says
                    raw.write(Zmtp.greeting());
                    raw.read(64);
                    raw.write(Zmtp.ready(SocketType.PUB)); // a peer of the wrong type
                    SocketEvent e = Wait.event(events, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                    assertTrue(e.detail().contains("PUB is incompatible with PUSH"), e.toString());
                    assertTrue(raw.closedByPeer(Wait.TIMEOUT));
                }
            }
            IoThreads.assertStillAlive(ioThreads);
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                assertEquals(endpoint, pull.bind(endpoint));
                Wait.expect(pull, "kept for the real peer");
            }
            events.close();
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
