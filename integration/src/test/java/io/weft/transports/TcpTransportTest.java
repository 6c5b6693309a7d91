package io.weft.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.AddressInUseException;
import io.weft.Context;
import io.weft.InvalidEndpointException;
import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.WeftException;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code tcp://}: addresses (IPv4, IPv6, host names, ephemeral ports), connecting before the peer
 * exists, IMMEDIATE, unbind and disconnect, and binding a port again right after a close. The
 * reconnect backoff is in {@code reconnect.ReconnectTest}; back-pressure in {@link BackPressureTest}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TcpTransportTest {
    private static final Pattern TCP_ENDPOINT = Pattern.compile("tcp://(.+):(\\d+)");

    @Test
    void ephemeralBindReturnsTheRealPort() throws IOException {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            for (String wildcard : new String[] {"tcp://127.0.0.1:*", "tcp://127.0.0.1:0"}) {
                String endpoint = pull.bind(wildcard);
                Matcher m = TCP_ENDPOINT.matcher(endpoint);
                assertTrue(m.matches(), endpoint);
                assertEquals("127.0.0.1", m.group(1));
                int port = Integer.parseInt(m.group(2));
                assertNotEquals(0, port);
                try (RawPeer raw = RawPeer.connect("tcp://127.0.0.1:" + port)) {
                    assertEquals((byte) 0xFF, raw.read(1)[0], "a ZMTP greeting comes from the port bind returned");
                }
            }
        }
    }

    @Test
    void ipv6LoopbackWorks() {
        Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://[::1]:*");
            assertTrue(endpoint.matches("tcp://\\[::1]:\\d+"), endpoint);
            push.connect(endpoint);
            push.send("over IPv6");
            Wait.expect(pull, "over IPv6");
        }
    }

    @Test
    void hostNamesAreResolved() {
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://localhost:*");
            Matcher m = TCP_ENDPOINT.matcher(endpoint);
            assertTrue(m.matches(), endpoint);
            assertTrue(m.group(1).equals("127.0.0.1") || m.group(1).equals("[::1]"),
                    "bind returns the address, not the name: " + endpoint);
            push.connect("tcp://localhost:" + m.group(2));
            push.send("by name");
            Wait.expect(pull, "by name");
        }
    }

    @Test
    void badAddressesFailWithTheirReason() {
        try (Context ctx = Context.create(); Socket s = ctx.socket(SocketType.PUSH)) {
            assertMessage(assertThrows(InvalidEndpointException.class, () -> s.bind("tcp://127.0.0.1")),
                    "expected host:port");
            assertMessage(assertThrows(InvalidEndpointException.class, () -> s.bind("tcp://127.0.0.1:70000")),
                    "port=70000");
            assertMessage(assertThrows(InvalidEndpointException.class, () -> s.connect("tcp://127.0.0.1:*")),
                    "connect needs a port number");
            assertMessage(assertThrows(InvalidEndpointException.class, () -> s.connect("tcp://*:5555")),
                    "connect needs a host");
            assertMessage(assertThrows(InvalidEndpointException.class, () -> s.connect("tcp://no-such-host.invalid:5555")),
                    "cannot resolve host 'no-such-host.invalid'");
        }
    }

    @Test
    void bindingAPortInUseFailsWithAddressInUse() {
        try (Context ctx = Context.create();
                Socket first = ctx.socket(SocketType.PULL);
                Socket second = ctx.socket(SocketType.PULL)) {
            String endpoint = first.bind("tcp://127.0.0.1:*");
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> second.bind(endpoint));
            assertMessage(e, endpoint);
        }
    }

    @Test
    void connectBeforeThePeerExistsThenBind() {
        // Also over ipc:// and with the monitor's view in reconnect.ReconnectTest.
        String endpoint = Wire.TCP.unusedEndpoint();
        try (Context ctx = Context.create();
                Socket push = ctx.socket(SocketType.PUSH);
                Socket pull = ctx.socket(SocketType.PULL)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.connect(endpoint);
            push.send("early");
            pull.bind(endpoint);
            Wait.expect(pull, "early");
        }
    }

    @Test
    void immediateQueuesOnlyOnCompletedConnections() {
        String nobody = Wire.TCP.unusedEndpoint();
        try (Context ctx = Context.create();
                Socket push = ctx.socket(SocketType.PUSH);
                Socket pull = ctx.socket(SocketType.PULL)) {
            push.setOption(Option.IMMEDIATE, true);
            push.setOption(Option.LINGER, 0);
            push.setOption(Option.RECONNECT_IVL, 20);
            push.connect(nobody);
            assertFalse(push.trySend("nowhere to go"), "with IMMEDIATE nothing queues for an absent peer");

            push.connect(pull.bind("tcp://127.0.0.1:*"));
            Wait.peers(push, 1);
            for (int i = 0; i < 6; i++) {
                push.send("m" + i); // round-robin would park half of them for the absent peer
            }
            for (int i = 0; i < 6; i++) {
                Wait.expect(pull, "m" + i);
            }
        }
    }

    @Test
    void withoutImmediateMessagesQueueForAPeerNotYetConnected() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.LINGER, 0);
            push.connect(Wire.TCP.unusedEndpoint());
            assertTrue(push.trySend("waits in the queue"));
        }
    }

    @Test
    void unbindStopsAcceptingAndDropsItsPeers() throws IOException {
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.LINGER, 0);
            Monitor pushEvents = push.monitor(SocketEvent.Type.ALL);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            push.send("before");
            Wait.expect(pull, "before");

            pull.unbind(endpoint);
            Wait.event(pushEvents, SocketEvent.Type.DISCONNECTED);
            Wait.event(pushEvents, SocketEvent.Type.CONNECT_RETRIED); // nobody accepts any more
            Wait.peers(pull, 0);
            assertThrows(WeftException.class, () -> pull.unbind(endpoint), "unbinding twice");
            // The port is free again: a plain server socket can take it.
            InetSocketAddress a = (InetSocketAddress) RawPeer.address(endpoint);
            try (ServerSocketChannel s = ServerSocketChannel.open()) {
                Wait.until("the port to be free", () -> tryBind(s, a));
            }
            pushEvents.close();
        }
    }

    @Test
    void disconnectStopsDeliveryToThatPeerOnly() {
        try (Context ctx = Context.create();
                Socket push = ctx.socket(SocketType.PUSH);
                Socket pullA = ctx.socket(SocketType.PULL);
                Socket pullB = ctx.socket(SocketType.PULL)) {
            push.setOption(Option.LINGER, 0);
            Monitor aEvents = pullA.monitor(SocketEvent.Type.DISCONNECTED.number());
            String a = pullA.bind("tcp://127.0.0.1:*");
            String b = pullB.bind("tcp://127.0.0.1:*");
            push.connect(a);
            push.connect(b);
            Wait.peers(push, 2);
            push.disconnect(a);
            Wait.event(aEvents, SocketEvent.Type.DISCONNECTED);
            Wait.peers(push, 1);
            for (int i = 0; i < 4; i++) {
                push.send("to b " + i);
            }
            for (int i = 0; i < 4; i++) {
                Wait.expect(pullB, "to b " + i);
            }
            assertEquals(null, pullA.tryRecv());
            assertThrows(WeftException.class, () -> push.disconnect(a), "disconnecting twice");
            aEvents.close();
        }
    }

    @Test
    void portCanBeBoundAgainRightAfterClose() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.LINGER, 0);
            push.setOption(Option.RECONNECT_IVL, 20);
            Monitor pushEvents = push.monitor(SocketEvent.Type.HANDSHAKE_SUCCEEDED.number());
            String endpoint;
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                endpoint = pull.bind("tcp://127.0.0.1:*");
                push.connect(endpoint);
                push.send("one");
                Wait.expect(pull, "one"); // a real connection existed, and now lingers in TIME_WAIT
                Wait.event(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            }
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                assertEquals(endpoint, pull.bind(endpoint));
                // Sent only once reconnected: what goes to a closing peer is lost, as with libzmq.
                Wait.event(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                push.send("two");
                Wait.expect(pull, "two");
            }
            pushEvents.close();
        }
    }

    @Test
    void portCanBeBoundAgainRightAfterUnbind() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            pull.unbind(endpoint);
            assertEquals(endpoint, pull.bind(endpoint));
        }
    }

    @Test
    void messagesSentJustBeforeTheSocketAndItsContextCloseAreDelivered() {
        try (Context receiving = Context.create(); Socket pull = receiving.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            int count = 200;
            Context sending = Context.create();
            Socket push = sending.socket(SocketType.PUSH); // default LINGER: deliver what was sent
            push.connect(endpoint);
            for (int i = 0; i < count; i++) {
                push.send(new byte[10_000]);
            }
            push.close();
            sending.close(); // waits, as LINGER says, for the queued messages to go out
            for (int i = 0; i < count; i++) {
                assertTrue(pull.recv(Wait.TIMEOUT) != null, "message " + i + " of " + count + " lost");
            }
        }
    }

    private static boolean tryBind(ServerSocketChannel s, InetSocketAddress a) {
        try {
            s.bind(a);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ipv6LoopbackAvailable() {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void assertMessage(Exception e, String fragment) {
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
