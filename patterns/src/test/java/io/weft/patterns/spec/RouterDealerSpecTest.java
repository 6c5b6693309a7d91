package io.weft.patterns.spec;

import static io.weft.patterns.spec.Frames.recv;
import static io.weft.patterns.spec.Frames.send;
import static io.weft.patterns.spec.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 28, the DEALER and ROUTER clauses: round-robin, fair queuing, routing ids and envelopes, over every transport. */
@Timeout(60)
class RouterDealerSpecTest {
    private static final Duration QUIET = Duration.ofMillis(100);

    // ------------------------------------------------------------------ DEALER

    /** DEALER: SHALL route outgoing messages to available peers using a round-robin strategy. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void dealerRoundRobinsAcrossConnectedPeers(TransportCase tc) {
        int n = 3;
        try (Context ctx = Context.create(); Socket dealer = socket(ctx, SocketType.DEALER)) {
            String ep = dealer.bind(tc.bindEndpoint());
            Socket[] peers = new Socket[n];
            for (int i = 0; i < n; i++) {
                peers[i] = socket(ctx, SocketType.DEALER);
                peers[i].connect(ep);
            }
            Await.peers(dealer, n);
            for (int i = 0; i < 2 * n; i++) {
                send(dealer, "m" + i, "part-2");
            }
            Set<Integer> firsts = new HashSet<>();
            for (Socket peer : peers) {
                List<String> first = recv(peer);
                int k = Integer.parseInt(first.get(0).substring(1));
                assertTrue(firsts.add(k));
                assertEquals(List.of("m" + k, "part-2"), first);
                assertEquals(List.of("m" + (k + n), "part-2"), recv(peer), "every " + n + "th message to the same peer");
                Await.nothing(peer, QUIET);
            }
            assertEquals(Set.of(0, 1, 2), firsts);
            for (Socket peer : peers) {
                peer.close();
            }
        }
    }

    /** DEALER: SHALL block on sending, or return a suitable error, when it has no available peers. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void dealerWithoutPeersWouldBlock(TransportCase tc) {
        try (Context ctx = Context.create(); Socket dealer = socket(ctx, SocketType.DEALER);
                Socket peer = socket(ctx, SocketType.DEALER)) {
            assertFalse(dealer.trySend("nobody"));
            dealer.setOption(Option.SNDTIMEO, 20);
            assertFalse(dealer.send("nobody"));
            peer.connect(dealer.bind(tc.bindEndpoint()));
            Await.peers(dealer, 1);
            assertTrue(dealer.trySend("somebody"));
            assertEquals(List.of("somebody"), recv(peer), "the refused message was not queued");
        }
    }

    /** DEALER: SHALL receive incoming messages from its peers using a fair-queuing strategy. */
    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void dealerFairQueuesSoAFloodingPeerDoesNotStarveOthers(TransportCase tc) {
        int quiet = 3;
        int flood = 20;
        try (Context ctx = Context.create(); Socket dealer = socket(ctx, SocketType.DEALER);
                Socket flooder = socket(ctx, SocketType.DEALER)) {
            String ep = dealer.bind(tc.bindEndpoint());
            Socket[] others = new Socket[quiet];
            for (int i = 0; i < quiet; i++) {
                others[i] = socket(ctx, SocketType.DEALER);
                others[i].connect(ep);
            }
            flooder.connect(ep);
            Await.peers(dealer, quiet + 1);
            for (int i = 0; i < quiet; i++) {
                send(others[i], "quiet-" + i);
            }
            for (int i = 0; i < flood; i++) {
                send(flooder, "flood-" + i);
            }
            int quietSeen = 0;
            int nextFlood = 0;
            for (int i = 0; i < quiet + flood; i++) {
                String body = recv(dealer).get(0);
                if (body.startsWith("quiet")) {
                    quietSeen++;
                } else {
                    assertEquals("flood-" + nextFlood++, body, "one peer's messages stay in order");
                    if (nextFlood == flood) {
                        assertEquals(quiet, quietSeen, "every quiet message before the flood ends");
                    }
                }
            }
            for (Socket s : others) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------ ROUTER

    /**
     * ROUTER: SHALL prefix incoming messages with a frame holding the identity of the originating
     * queue, and SHALL route outgoing messages by their first frame.
     */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerPrefixesTheSendersIdAndRoutesRepliesBackByIt(TransportCase tc) {
        int n = 3;
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER)) {
            String ep = router.bind(tc.bindEndpoint());
            Socket[] dealers = new Socket[n];
            for (int i = 0; i < n; i++) {
                dealers[i] = socket(ctx, SocketType.DEALER);
                dealers[i].connect(ep);
                send(dealers[i], "hello from", "" + i);
            }
            Map<Integer, byte[]> idOf = new HashMap<>();
            for (int i = 0; i < n; i++) {
                List<byte[]> m = Frames.recvBytes(router);
                assertEquals(3, m.size());
                assertEquals("hello from", text(m.get(1)));
                idOf.put(Integer.parseInt(text(m.get(2))), m.get(0));
            }
            for (int i = n - 1; i >= 0; i--) {
                send(router, idOf.get(i), "reply to", "" + i);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(List.of("reply to", "" + i), recv(dealers[i]));
                Await.nothing(dealers[i], QUIET);
                dealers[i].close();
            }
        }
    }

    /** ROUTER: SHALL allow the peer to specify its identity explicitly (ROUTING_ID). */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerKnowsAPeerByTheRoutingIdItChose(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.setOption(Option.ROUTING_ID, "alice".getBytes(StandardCharsets.UTF_8));
            dealer.connect(router.bind(tc.bindEndpoint()));
            send(dealer, "hi");
            assertEquals(List.of("alice", "hi"), recv(router));
            send(router, "alice".getBytes(StandardCharsets.UTF_8), "hello alice");
            assertEquals(List.of("hello alice"), recv(dealer));
        }
    }

    /** ROUTER: SHALL identify each queue by a unique id, generating one for peers that give none. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerGeneratesUniqueIdsForAnonymousPeers(TransportCase tc) {
        int n = 6;
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER)) {
            String ep = router.bind(tc.bindEndpoint());
            List<Socket> dealers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Socket d = socket(ctx, SocketType.DEALER);
                dealers.add(d);
                d.connect(ep);
                send(d, "x");
            }
            Set<ByteBuffer> ids = new HashSet<>();
            for (int i = 0; i < n; i++) {
                byte[] id = Frames.recvBytes(router).get(0);
                assertEquals(5, id.length, "libzmq-style generated id: 5 bytes");
                assertEquals(0, id[0], "generated ids start with a zero byte, which no chosen id may");
                ids.add(ByteBuffer.wrap(id));
            }
            assertEquals(n, ids.size(), "ids are unique");
            for (Socket d : dealers) {
                d.close();
            }
        }
    }

    /** ROUTER: SHALL silently drop a message whose routing id matches no peer (without ROUTER_MANDATORY). */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerSilentlyDropsUnroutableMessages(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.setOption(Option.ROUTING_ID, "known".getBytes(StandardCharsets.UTF_8));
            dealer.connect(router.bind(tc.bindEndpoint()));
            Await.peers(router, 1);
            send(router, "unknown".getBytes(StandardCharsets.UTF_8), "lost", "in two parts");
            assertTrue(router.send("known"), "a lone id frame is no message: ignored");
            send(router, "known".getBytes(StandardCharsets.UTF_8), "delivered");
            assertEquals(List.of("delivered"), recv(dealer));
            Await.nothing(dealer, QUIET);
        }
    }

    /** ROUTER to ROUTER: each side knows the other by the ROUTING_ID it chose. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routersTalkToEachOtherByChosenIds(TransportCase tc) {
        try (Context ctx = Context.create(); Socket server = socket(ctx, SocketType.ROUTER);
                Socket client = socket(ctx, SocketType.ROUTER)) {
            server.setOption(Option.ROUTING_ID, "server".getBytes(StandardCharsets.UTF_8));
            client.setOption(Option.ROUTING_ID, "client".getBytes(StandardCharsets.UTF_8));
            client.connect(server.bind(tc.bindEndpoint()));
            Await.peers(client, 1);
            Await.peers(server, 1);
            send(client, "server".getBytes(StandardCharsets.UTF_8), "ping");
            assertEquals(List.of("client", "ping"), recv(server));
            send(server, "client".getBytes(StandardCharsets.UTF_8), "pong");
            assertEquals(List.of("server", "pong"), recv(client));
        }
    }

    // ------------------------------------------------------------------ envelopes end to end

    /** Envelopes through a ROUTER/DEALER broker: each REQ gets the reply to its own request. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void envelopesCarryRepliesBackThroughARouterDealerBroker(TransportCase tc) {
        try (Context ctx = Context.create(); Socket frontend = socket(ctx, SocketType.ROUTER);
                Socket backend = socket(ctx, SocketType.DEALER); Socket rep = socket(ctx, SocketType.REP);
                Socket req1 = socket(ctx, SocketType.REQ); Socket req2 = socket(ctx, SocketType.REQ)) {
            String front = frontend.bind(tc.bindEndpoint());
            rep.connect(backend.bind(tc.bindEndpoint()));
            req1.connect(front);
            req2.connect(front);
            send(req1, "one");
            send(req2, "two");
            for (int i = 0; i < 2; i++) {
                forward(frontend, backend);
                String body = Await.recvString(rep);
                send(rep, "re:" + body);
                forward(backend, frontend);
            }
            assertEquals(List.of("re:one"), recv(req1));
            assertEquals(List.of("re:two"), recv(req2));
        }
    }

    private static void forward(Socket from, Socket to) {
        List<byte[]> m = Frames.recvBytes(from);
        for (int i = 0; i < m.size(); i++) {
            assertTrue(i < m.size() - 1 ? to.sendMore(m.get(i)) : to.send(m.get(i)));
        }
    }

    // ------------------------------------------------------------------ multipart atomicity

    /** Messages are atomic: frames of messages from concurrent senders never interleave, either way. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void multipartMessagesAreNeverInterleaved(TransportCase tc) throws Exception {
        int perSender = 2000;
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket d0 = socket(ctx, SocketType.DEALER); Socket d1 = socket(ctx, SocketType.DEALER)) {
            String ep = router.bind(tc.bindEndpoint());
            Socket[] dealers = {d0, d1};
            for (int i = 0; i < 2; i++) {
                dealers[i].setOption(Option.ROUTING_ID, ("d" + i).getBytes(StandardCharsets.UTF_8));
                dealers[i].connect(ep);
            }
            Await.peers(router, 2);
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (Socket d : dealers) {
                senders.add(CompletableFuture.runAsync(() -> {
                    String name = new String(d.getOption(Option.ROUTING_ID), StandardCharsets.UTF_8);
                    for (int k = 0; k < perSender; k++) {
                        send(d, name, "" + k, "end");
                    }
                }));
            }
            Map<String, Integer> next = new HashMap<>(Map.of("d0", 0, "d1", 0));
            for (int i = 0; i < 2 * perSender; i++) {
                List<String> m = recv(router);
                assertEquals(4, m.size(), "whole message: " + m);
                assertEquals(m.get(0), m.get(1), "the id frame names the sender of the body");
                int expected = next.merge(m.get(0), 1, Integer::sum) - 1;
                assertEquals(List.of("" + expected, "end"), m.subList(2, 4));
            }
            for (CompletableFuture<Void> f : senders) {
                f.get(10, TimeUnit.SECONDS);
            }

            for (int k = 0; k < 10; k++) {
                for (int i = 0; i < 2; i++) {
                    send(router, ("d" + i).getBytes(StandardCharsets.UTF_8), "to d" + i, "" + k, "end");
                }
            }
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 10; k++) {
                    assertEquals(List.of("to d" + i, "" + k, "end"), recv(dealers[i]));
                }
            }
        }
    }

    /** A routing id handed to the application is its own copy: changing it does not reroute anything. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void receivedRoutingIdsAreCopies(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.setOption(Option.ROUTING_ID, "me".getBytes(StandardCharsets.UTF_8));
            dealer.connect(router.bind(tc.bindEndpoint()));
            send(dealer, "a");
            byte[] id = Frames.recvBytes(router).get(0);
            id[0] = 'X';
            send(dealer, "b");
            assertArrayEquals("me".getBytes(StandardCharsets.UTF_8), Frames.recvBytes(router).get(0));
            assertNull(router.tryRecv());
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
