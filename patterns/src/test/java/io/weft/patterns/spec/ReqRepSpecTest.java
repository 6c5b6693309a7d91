package io.weft.patterns.spec;

import static io.weft.patterns.spec.Frames.recv;
import static io.weft.patterns.spec.Frames.send;
import static io.weft.patterns.spec.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 28, the REQ and REP clauses: routing, envelopes and multipart, over every transport. */
@Timeout(60)
class ReqRepSpecTest {
    private static final Duration QUIET = Duration.ofMillis(100);

    // ------------------------------------------------------------------ REQ

    /** REQ: SHALL route outgoing messages to connected peers using a round-robin strategy. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqRoundRobinsRequestsAcrossConnectedReps(TransportCase tc) {
        int n = 3;
        try (Context ctx = Context.create(); Socket req = socket(ctx, SocketType.REQ)) {
            String ep = req.bind(tc.bindEndpoint());
            Socket[] reps = new Socket[n];
            for (int i = 0; i < n; i++) {
                reps[i] = socket(ctx, SocketType.REP);
                reps[i].connect(ep);
            }
            Await.peers(req, n);
            List<Integer> served = new ArrayList<>();
            for (int r = 0; r < 2 * n; r++) {
                send(req, "q" + r);
                Frames.Received got = Frames.recvAny(reps);
                assertEquals(List.of("q" + r), got.frames());
                served.add(got.index());
                send(reps[got.index()], "a" + r);
                assertEquals(List.of("a" + r), recv(req));
            }
            assertEquals(n, new HashSet<>(served.subList(0, n)).size(), "first round visits every REP once: " + served);
            assertEquals(served.subList(0, n), served.subList(n, 2 * n), "second round repeats the order: " + served);
            for (Socket rep : reps) {
                rep.close();
            }
        }
    }

    /** REQ: SHALL prefix the outgoing message with an empty delimiter frame. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqPrefixesEachRequestWithAnEmptyDelimiter(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.ROUTING_ID, "client".getBytes(StandardCharsets.UTF_8));
            req.connect(router.bind(tc.bindEndpoint()));
            send(req, "hello", "world");
            assertEquals(List.of("client", "", "hello", "world"), recv(router));
        }
    }

    /** REQ: SHALL block on sending, or return a suitable error, when it has no connected peers. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqWithoutPeersCannotSendAndStaysReadyToSend(TransportCase tc) {
        try (Context ctx = Context.create(); Socket req = socket(ctx, SocketType.REQ);
                Socket rep = socket(ctx, SocketType.REP)) {
            assertFalse(req.trySend("nobody"), "no peer: would block");
            req.setOption(Option.SNDTIMEO, 20);
            assertFalse(req.send("nobody"), "no peer: times out");
            // Nothing was sent, so the REQ is still in its sending state.
            req.connect(rep.bind(tc.bindEndpoint()));
            send(req, "now");
            assertEquals(List.of("now"), recv(rep));
        }
    }

    /**
     * REQ: SHALL accept an incoming message only from the last peer that it sent a request to, and
     * SHALL discard silently any messages received from other peers.
     */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqAcceptsTheReplyOnlyFromThePeerItAsked(TransportCase tc) {
        byte[] reqId = "req".getBytes(StandardCharsets.UTF_8);
        try (Context ctx = Context.create(); Socket a = socket(ctx, SocketType.ROUTER);
                Socket b = socket(ctx, SocketType.ROUTER); Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.ROUTING_ID, reqId);
            req.connect(a.bind(tc.bindEndpoint()));
            req.connect(b.bind(tc.bindEndpoint()));
            Await.peers(req, 2);
            send(req, "question");
            Frames.Received asked = Frames.recvAny(a, b);
            assertEquals(List.of("req", "", "question"), asked.frames());
            Socket chosen = asked.index() == 0 ? a : b;
            Socket other = asked.index() == 0 ? b : a;
            Await.peers(other, 1);
            send(other, reqId, "", "impostor");
            send(chosen, reqId, "", "answer");
            assertEquals(List.of("answer"), recv(req));
        }
    }

    /** REQ: a reply that does not start with the empty delimiter is not a reply, and is dropped. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqDropsRepliesWithoutTheDelimiter(TransportCase tc) {
        byte[] reqId = "req".getBytes(StandardCharsets.UTF_8);
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.ROUTING_ID, reqId);
            req.connect(router.bind(tc.bindEndpoint()));
            send(req, "question");
            assertEquals(List.of("req", "", "question"), recv(router));
            send(router, reqId, "no-delimiter");
            send(router, reqId, "not-empty", "x");
            send(router, reqId, "", "answer", "in two");
            assertEquals(List.of("answer", "in two"), recv(req));
        }
    }

    // ------------------------------------------------------------------ REP

    /**
     * REP: SHALL receive incoming messages from its peers using a fair-queuing strategy, and SHALL
     * deliver each reply back to the originating peer.
     */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void repServesSeveralRequestersAndRepliesReachTheRightOne(TransportCase tc) {
        int n = 4;
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP)) {
            String ep = rep.bind(tc.bindEndpoint());
            Socket[] reqs = new Socket[n];
            for (int i = 0; i < n; i++) {
                reqs[i] = socket(ctx, SocketType.REQ);
                reqs[i].connect(ep);
                send(reqs[i], "from-" + i);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String body = Await.recvString(rep);
                assertFalse(rep.hasMore());
                assertTrue(seen.add(body), "each request once: " + body);
                send(rep, "re:" + body);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(List.of("re:from-" + i), recv(reqs[i]));
                reqs[i].close();
            }
        }
    }

    /** REP: a peer sending many requests cannot starve the others (fair queuing). */
    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void repFairQueuesSoAFloodingPeerDoesNotStarveOthers(TransportCase tc) {
        int quiet = 3;
        int flood = 20;
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket flooder = socket(ctx, SocketType.DEALER)) {
            String ep = rep.bind(tc.bindEndpoint());
            Socket[] others = new Socket[quiet];
            for (int i = 0; i < quiet; i++) {
                others[i] = socket(ctx, SocketType.DEALER);
                others[i].connect(ep);
            }
            flooder.connect(ep);
            Await.peers(rep, quiet + 1);
            for (int i = 0; i < quiet; i++) {
                send(others[i], "", "quiet-" + i);
            }
            for (int i = 0; i < flood; i++) {
                send(flooder, "", "flood-" + i);
            }
            int quietSeen = 0;
            for (int i = 0; i < quiet + flood; i++) {
                String body = Await.recvString(rep);
                if (body.startsWith("quiet")) {
                    quietSeen++;
                } else if (body.equals("flood-" + (flood - 1))) {
                    assertEquals(quiet, quietSeen, "every quiet request before the flood ends");
                }
                send(rep, "ok");
            }
            for (Socket s : others) {
                s.close();
            }
        }
    }

    /**
     * REP: SHALL remove and store the envelope (every frame up to and including the empty
     * delimiter), pass the rest to the application, and put the envelope back in front of the reply.
     */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void repStripsTheEnvelopeAndPutsItBackOnTheReply(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.connect(rep.bind(tc.bindEndpoint()));
            send(dealer, "hop-1", "hop-2", "", "body-1", "body-2");
            assertEquals(List.of("body-1", "body-2"), recv(rep));
            send(rep, "reply-1", "reply-2");
            assertEquals(List.of("hop-1", "hop-2", "", "reply-1", "reply-2"), recv(dealer));
        }
    }

    /** REP: a message without an empty delimiter is not a request, and is dropped. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void repDropsRequestsWithoutADelimiter(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.connect(rep.bind(tc.bindEndpoint()));
            send(dealer, "lonely");
            send(dealer, "a", "b", "c");
            send(dealer, "", "good");
            assertEquals(List.of("good"), recv(rep));
            send(rep, "thanks");
            assertEquals(List.of("", "thanks"), recv(dealer));
        }
    }

    /** REP: SHALL silently discard the reply if the originating peer is no longer connected. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void repDropsTheReplyWhenTheRequesterHasGone(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket next = socket(ctx, SocketType.REQ)) {
            String ep = rep.bind(tc.bindEndpoint());
            Socket gone = socket(ctx, SocketType.REQ);
            gone.connect(ep);
            send(gone, "and then I left");
            assertEquals(List.of("and then I left"), recv(rep));
            gone.close();
            Await.peers(rep, 0);
            assertTrue(rep.send("too late"), "the reply is dropped without an error");
            next.connect(ep);
            send(next, "again");
            assertEquals(List.of("again"), recv(rep));
            send(rep, "welcome");
            assertEquals(List.of("welcome"), recv(next));
        }
    }

    // ------------------------------------------------------------------ both

    /** A multipart request and reply arrive whole, with their frame boundaries and MORE flags. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void multipartRequestsAndRepliesArriveWhole(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            for (int round = 0; round < 3; round++) {
                send(req, "a" + round, "", "c" + round);
                Await.expect(rep, "a" + round, true);
                Await.expect(rep, "", true);
                Await.expect(rep, "c" + round, false);
                send(rep, "x" + round, "y" + round);
                Await.expect(req, "x" + round, true);
                Await.expect(req, "y" + round, false);
            }
        }
    }

    /** Bodies pass through REQ and REP unchanged, including empty and binary ones. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void bodiesPassUnchanged(TransportCase tc) {
        byte[] binary = {0, 1, 2, (byte) 0xff, 0};
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            assertTrue(req.send(binary));
            assertArrayEquals(binary, Await.recv(rep));
            assertTrue(rep.send(new byte[0]));
            assertArrayEquals(new byte[0], Await.recv(req));
            Await.nothing(rep, QUIET);
        }
    }
}
