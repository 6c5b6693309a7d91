package io.weft.patterns.spec;

import static io.weft.patterns.spec.Frames.recv;
import static io.weft.patterns.spec.Frames.send;
import static io.weft.patterns.spec.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.IllegalSocketStateException;
import io.weft.Option;
import io.weft.Poller;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 28 and libzmq, the state machines of REQ and REP: strict send/receive alternation and its
 * errors, REQ_RELAXED, REQ_CORRELATE, and what a REQ does when the peer it asked goes away.
 */
@Timeout(60)
class ReqRepStateSpecTest {
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final byte[] REQ_ID = "req".getBytes(StandardCharsets.UTF_8);

    // ------------------------------------------------------------------ strict alternation

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqRefusesASecondRequestBeforeTheReplyAndStaysUsable(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            send(req, "one");
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, () -> req.send("two"));
            assertTrue(e.getMessage().contains("REQ must receive the reply before sending again"), e.getMessage());
            assertTrue(e.getMessage().contains("REQ_RELAXED"), e.getMessage());
            assertThrows(IllegalSocketStateException.class, () -> req.trySend("two"));

            assertEquals(List.of("one"), recv(rep));
            send(rep, "reply");
            assertEquals(List.of("reply"), recv(req));
            send(req, "three");
            assertEquals(List.of("three"), recv(rep), "the refused request was never sent");
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqRefusesToReceiveBeforeSendingAndStaysUsable(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, req::tryRecv);
            assertTrue(e.getMessage().contains("REQ must send a request before receiving"), e.getMessage());
            send(req, "hello");
            assertEquals(List.of("hello"), recv(rep));
            send(rep, "world");
            assertEquals(List.of("world"), recv(req));
            assertThrows(IllegalSocketStateException.class, req::tryRecv, "one reply per request");
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void repRefusesToReplyBeforeARequestOrToReceiveTwiceAndStaysUsable(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, () -> rep.send("eh?"));
            assertTrue(e.getMessage().contains("REP must receive a request before sending a reply"), e.getMessage());

            send(req, "question");
            assertEquals(List.of("question"), recv(rep));
            e = assertThrows(IllegalSocketStateException.class, rep::tryRecv);
            assertTrue(e.getMessage().contains("REP must send the reply before receiving the next request"),
                    e.getMessage());
            send(rep, "answer");
            assertEquals(List.of("answer"), recv(req));
        }
    }

    /** The poller sees the alternation: a REQ is writable only before a request, readable only when its reply is in. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void readinessFollowsTheAlternation(TransportCase tc) {
        try (Context ctx = Context.create(); Socket rep = socket(ctx, SocketType.REP);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.connect(rep.bind(tc.bindEndpoint()));
            Await.peers(req, 1);
            Poller poller = new Poller();
            int r = poller.register(req, Poller.IN | Poller.OUT);
            int p = poller.register(rep, Poller.IN | Poller.OUT);
            poller.poll(0);
            assertTrue(poller.isWritable(r));
            assertFalse(poller.isReadable(r));
            assertFalse(poller.isWritable(p), "a REP with no request cannot send");

            send(req, "ping");
            Await.until("the REP to be readable", () -> poller.poll(0) >= 0 && poller.isReadable(p));
            assertFalse(poller.isWritable(r), "a REQ awaiting its reply cannot send");
            assertEquals(List.of("ping"), recv(rep));
            poller.poll(0);
            assertTrue(poller.isWritable(p));
            assertFalse(poller.isReadable(p));

            send(rep, "pong");
            Await.until("the REQ to be readable", () -> poller.poll(0) >= 0 && poller.isReadable(r));
            assertEquals(List.of("pong"), recv(req));
            poller.poll(0);
            assertTrue(poller.isWritable(r));
        }
    }

    // ------------------------------------------------------------------ REQ_RELAXED

    /** REQ_RELAXED: a new request abandons the pending one; a late reply to the old one is dropped. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqRelaxedAbandonsThePendingRequest(TransportCase tc) {
        try (Context ctx = Context.create(); Socket a = socket(ctx, SocketType.ROUTER);
                Socket b = socket(ctx, SocketType.ROUTER); Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.REQ_RELAXED, true);
            req.setOption(Option.ROUTING_ID, REQ_ID);
            req.connect(a.bind(tc.bindEndpoint()));
            req.connect(b.bind(tc.bindEndpoint()));
            Await.peers(req, 2);
            Socket[] routers = {a, b};

            send(req, "first");
            Frames.Received first = Frames.recvAny(routers);
            assertEquals(List.of("req", "", "first"), first.frames());
            send(req, "second"); // allowed: the first is abandoned
            Frames.Received second = Frames.recvAny(routers);
            assertEquals(List.of("req", "", "second"), second.frames());
            assertNotEquals(first.index(), second.index(), "round-robin still applies");

            send(routers[first.index()], REQ_ID, "", "late answer to first");
            send(routers[second.index()], REQ_ID, "", "answer to second");
            assertEquals(List.of("answer to second"), recv(req));
        }
    }

    // ------------------------------------------------------------------ REQ_CORRELATE

    /** REQ_CORRELATE: each request carries a 4-byte id (libzmq: host order, one more each time) before the delimiter. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqCorrelatePrefixesRequestsWithAnIncreasingId(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.REQ_CORRELATE, true);
            req.setOption(Option.ROUTING_ID, REQ_ID);
            req.connect(router.bind(tc.bindEndpoint()));

            send(req, "q1");
            List<byte[]> m1 = Frames.recvBytes(router);
            assertEquals(4, m1.size());
            assertEquals(4, m1.get(1).length, "request id frame");
            assertEquals(0, m1.get(2).length, "delimiter");
            reply(router, m1.get(1), "a1");
            assertEquals(List.of("a1"), recv(req));

            send(req, "q2");
            List<byte[]> m2 = Frames.recvBytes(router);
            assertEquals(readIntLe(m1.get(1)) + 1, readIntLe(m2.get(1)), "ids count up, little-endian");
            reply(router, m2.get(1), "a2");
            assertEquals(List.of("a2"), recv(req));
        }
    }

    /** REQ_CORRELATE: only the reply carrying the current request id is accepted. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void reqCorrelateAcceptsOnlyTheReplyWithTheCurrentId(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.REQ_CORRELATE, true);
            req.setOption(Option.REQ_RELAXED, true);
            req.setOption(Option.ROUTING_ID, REQ_ID);
            req.connect(router.bind(tc.bindEndpoint()));

            send(req, "old");
            byte[] oldId = Frames.recvBytes(router).get(1);
            send(req, "new"); // relaxed: the old request is abandoned
            byte[] newId = Frames.recvBytes(router).get(1);

            reply(router, oldId, "answer to old"); // same peer, stale id: dropped
            reply(router, new byte[] {1, 2, 3}, "malformed id"); // dropped
            reply(router, newId, "answer to new");
            assertEquals(List.of("answer to new"), recv(req));
        }
    }

    // ------------------------------------------------------------------ vanishing peer

    /**
     * A REP that goes away without answering: the REQ keeps waiting (libzmq's documented behaviour:
     * no error, no reply), still refuses a strict second request, and with REQ_RELAXED can ask a
     * surviving REP instead.
     */
    // Inproc only: over tcp/ipc a connecting REQ keeps its pipe and reconnects (libzmq).
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void reqWhoseRepVanishesWaitsUntilARelaxedRequestGoesElsewhere(TransportCase tc) {
        try (Context ctx = Context.create(); Socket req = socket(ctx, SocketType.REQ)) {
            Socket[] reps = {socket(ctx, SocketType.REP), socket(ctx, SocketType.REP)};
            req.connect(reps[0].bind(tc.bindEndpoint()));
            req.connect(reps[1].bind(tc.bindEndpoint()));
            Await.peers(req, 2);

            send(req, "anyone?");
            Frames.Received asked = Frames.recvAny(reps);
            Socket survivor = reps[1 - asked.index()];
            reps[asked.index()].close();
            Await.peers(req, 1);

            assertNull(req.recv(QUIET), "no reply will come");
            assertThrows(IllegalSocketStateException.class, () -> req.send("retry"), "still strict");

            req.setOption(Option.REQ_RELAXED, true);
            send(req, "retry");
            assertEquals(List.of("retry"), recv(survivor));
            send(survivor, "here");
            assertEquals(List.of("here"), recv(req));
            survivor.close();
        }
    }

    private static void reply(Socket router, byte[] requestId, String body) {
        assertTrue(router.sendMore(REQ_ID));
        assertTrue(router.sendMore(requestId));
        assertTrue(router.sendMore(new byte[0]));
        assertTrue(router.send(body));
    }

    private static int readIntLe(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
