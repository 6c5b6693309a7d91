package io.weft.patterns.spec;

import static io.weft.patterns.spec.Frames.recv;
import static io.weft.patterns.spec.Frames.send;
import static io.weft.patterns.spec.Frames.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.HostUnreachableException;
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
 * The ROUTER options of libzmq, over every transport: ROUTER_MANDATORY (errors instead of silent
 * drops, waiting at the HWM), ROUTER_HANDOVER and duplicate ids, PROBE_ROUTER.
 */
@Timeout(60)
class RouterOptionsSpecTest {
    private static final Duration QUIET = Duration.ofMillis(100);
    private static final byte[] X = "x".getBytes(StandardCharsets.UTF_8);
    /** Far more than any transport buffers with small HWMs: sending this many must hit the HWM. */
    private static final int MANY = 10_000;
    private static final byte[] BODY = new byte[1000];

    // ------------------------------------------------------------------ ROUTER_MANDATORY

    /** ROUTER_MANDATORY: an unknown routing id fails with HostUnreachableException; nothing is sent. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerMandatoryReportsAnUnknownIdAsHostUnreachable(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.ROUTER_MANDATORY, true);
            dealer.setOption(Option.ROUTING_ID, X);
            dealer.connect(router.bind(tc.bindEndpoint()));
            Await.peers(router, 1);

            HostUnreachableException e = assertThrows(HostUnreachableException.class,
                    () -> router.sendMore("nobody".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("routing id='nobody'"), e.getMessage());
            assertThrows(HostUnreachableException.class, () -> router.trySendMore("nobody".getBytes(StandardCharsets.UTF_8)));

            send(router, X, "still works");
            assertEquals(List.of("still works"), recv(dealer));
            Await.nothing(dealer, QUIET);
        }
    }

    /**
     * ROUTER_MANDATORY: a peer at its HWM makes the send "would block" (trySend false, a send with
     * SNDTIMEO times out) with nothing sent, and a blocking send goes through once the peer drains.
     */
    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void routerMandatoryWouldBlockAtThePeersHwm(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.ROUTER_MANDATORY, true);
            router.setOption(Option.SNDHWM, 1);
            dealer.setOption(Option.RCVHWM, 1);
            dealer.setOption(Option.ROUTING_ID, X);
            dealer.connect(router.bind(tc.bindEndpoint()));
            Await.peers(router, 1);

            int sent = 0;
            while (router.trySendMore(X)) {
                assertTrue(router.trySend(BODY), "the rest of a started message is always taken");
                sent++;
                assertTrue(sent < MANY, "the HWM was never reached");
            }
            assertTrue(sent > 0);
            router.setOption(Option.SNDTIMEO, 20);
            assertFalse(router.sendMore(X), "a send with SNDTIMEO times out at the HWM");

            for (int i = 0; i < sent; i++) {
                assertEquals(BODY.length, Await.recv(dealer).length);
            }
            assertNull(dealer.recv(QUIET), "the refused messages were not sent, not even in part");

            router.setOption(Option.SNDTIMEO, -1);
            assertTrue(router.sendMore(X), "room again once the peer drained");
            assertTrue(router.send("after"));
            assertEquals(List.of("after"), recv(dealer));
        }
    }

    /** ROUTER_MANDATORY: the socket is writable only while some peer has room (libzmq's ZMQ_POLLOUT rule). */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerMandatoryIsWritableOnlyWhileAPeerHasRoom(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket plain = socket(ctx, SocketType.ROUTER); Socket dealer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.ROUTER_MANDATORY, true);
            router.setOption(Option.SNDHWM, 1);
            dealer.setOption(Option.RCVHWM, 1);
            dealer.setOption(Option.ROUTING_ID, X);
            Poller poller = new Poller();
            int r = poller.register(router, Poller.OUT);
            int p = poller.register(plain, Poller.OUT);
            poller.poll(0);
            assertFalse(poller.isWritable(r), "no peer at all");
            assertTrue(poller.isWritable(p), "without ROUTER_MANDATORY a ROUTER is always writable");

            dealer.connect(router.bind(tc.bindEndpoint()));
            Await.until("writable with a peer", () -> poller.poll(0) >= 0 && poller.isWritable(r));
            while (router.trySendMore(X)) {
                router.send(BODY);
            }
            poller.poll(0);
            assertFalse(poller.isWritable(r), "the only peer is at its HWM");
        }
    }

    /** Without ROUTER_MANDATORY, a message for a peer at its HWM is dropped and send never blocks. */
    // Inproc only: it counts messages against the HWM or relies on every message being queued at once; over tcp/ipc the kernel's buffers sit in between.
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void routerDropsMessagesForAPeerAtItsHwm(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.SNDHWM, 1);
            dealer.setOption(Option.RCVHWM, 1);
            dealer.setOption(Option.ROUTING_ID, X);
            dealer.connect(router.bind(tc.bindEndpoint()));
            Await.peers(router, 1);

            for (int i = 0; i < MANY; i++) {
                assertTrue(router.trySendMore(X), "a ROUTER never blocks");
                assertTrue(router.trySendMore(("" + i).getBytes(StandardCharsets.UTF_8)));
                assertTrue(router.trySend(BODY));
            }
            int received = 0;
            byte[] first;
            while ((first = dealer.recv(QUIET)) != null) {
                assertEquals("" + received, new String(first, StandardCharsets.UTF_8), "the kept ones are the first, whole");
                assertTrue(dealer.hasMore());
                assertEquals(BODY.length, Await.recv(dealer).length);
                received++;
            }
            assertTrue(received > 0 && received < MANY, "some kept, the rest dropped: received=" + received);
        }
    }

    // ------------------------------------------------------------------ duplicate ids, ROUTER_HANDOVER

    /** A second peer claiming a routing id in use is refused; the first keeps it. */
    // Inproc only: over tcp/ipc the refused connecting peer keeps its pipe and reconnects (libzmq).
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void routerRefusesASecondPeerWithARoutingIdInUse(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket first = socket(ctx, SocketType.DEALER); Socket second = socket(ctx, SocketType.DEALER)) {
            String ep = router.bind(tc.bindEndpoint());
            first.setOption(Option.ROUTING_ID, X);
            second.setOption(Option.ROUTING_ID, X);
            first.connect(ep);
            send(first, "one");
            assertEquals(List.of("x", "one"), recv(router));

            second.connect(ep);
            Await.until("the second peer to be refused", () -> Frames.peers(router) >= 0 && Frames.peers(second) == 0);
            send(router, X, "for the first");
            assertEquals(List.of("for the first"), recv(first));
            assertNull(second.recv(QUIET));
        }
    }

    /** ROUTER_HANDOVER: a new peer claiming a routing id in use takes it over; the old peer is disconnected. */
    // Inproc only: over tcp/ipc the displaced connecting peer keeps its pipe and reconnects (libzmq).
    @ParameterizedTest
    @EnumSource(value = TransportCase.class, names = "INPROC")
    void routerHandoverGivesTheIdToTheNewPeer(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket old = socket(ctx, SocketType.DEALER); Socket newer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.ROUTER_HANDOVER, true);
            String ep = router.bind(tc.bindEndpoint());
            old.setOption(Option.ROUTING_ID, X);
            newer.setOption(Option.ROUTING_ID, X);
            old.connect(ep);
            send(old, "one");
            assertEquals(List.of("x", "one"), recv(router));

            newer.connect(ep);
            send(newer, "two");
            assertEquals(List.of("x", "two"), recv(router));
            send(router, X, "for whoever holds x");
            assertEquals(List.of("for whoever holds x"), recv(newer));
            Await.until("the old peer to be disconnected", () -> {
                assertNull(old.tryRecv(), "the old peer gets nothing");
                return Frames.peers(old) == 0;
            });
        }
    }

    /** ROUTER_HANDOVER while a message from the old peer is half read: that message still arrives whole. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void routerHandoverLetsAHalfReadMessageFinish(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket old = socket(ctx, SocketType.DEALER); Socket newer = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.ROUTER_HANDOVER, true);
            String ep = router.bind(tc.bindEndpoint());
            old.setOption(Option.ROUTING_ID, X);
            newer.setOption(Option.ROUTING_ID, X);
            old.connect(ep);
            send(old, "a", "b", "c");
            Await.expect(router, "x", true);
            Await.expect(router, "a", true);

            newer.connect(ep);
            Await.peers(router, 2); // the handover happens here, in the middle of the message
            Await.expect(router, "b", true);
            Await.expect(router, "c", false);

            send(newer, "from the new peer");
            assertEquals(List.of("x", "from the new peer"), recv(router));
        }
    }

    // ------------------------------------------------------------------ PROBE_ROUTER

    /** PROBE_ROUTER on a DEALER: the ROUTER hears of it (an empty message under its id) before it says anything. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void probeRouterOnADealerAnnouncesItToTheRouter(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket dealer = socket(ctx, SocketType.DEALER)) {
            dealer.setOption(Option.PROBE_ROUTER, true);
            dealer.setOption(Option.ROUTING_ID, "probe".getBytes(StandardCharsets.UTF_8));
            dealer.connect(router.bind(tc.bindEndpoint()));
            assertEquals(List.of("probe", ""), recv(router));
            send(router, "probe".getBytes(StandardCharsets.UTF_8), "seen you");
            assertEquals(List.of("seen you"), recv(dealer));
        }
    }

    /** PROBE_ROUTER on a REQ: same announcement; the REQ still works normally afterwards. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void probeRouterOnAReqAnnouncesItToTheRouter(TransportCase tc) {
        byte[] id = "asker".getBytes(StandardCharsets.UTF_8);
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket req = socket(ctx, SocketType.REQ)) {
            req.setOption(Option.PROBE_ROUTER, true);
            req.setOption(Option.ROUTING_ID, id);
            req.connect(router.bind(tc.bindEndpoint()));
            assertEquals(List.of("asker", ""), recv(router));
            send(req, "question");
            assertEquals(List.of("asker", "", "question"), recv(router));
            send(router, id, "", "answer");
            assertEquals(List.of("answer"), recv(req));
        }
    }

    /** PROBE_ROUTER on a ROUTER: every new peer first gets an empty message. */
    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void probeRouterOnARouterGreetsEachNewPeer(TransportCase tc) {
        try (Context ctx = Context.create(); Socket router = socket(ctx, SocketType.ROUTER);
                Socket d1 = socket(ctx, SocketType.DEALER); Socket d2 = socket(ctx, SocketType.DEALER)) {
            router.setOption(Option.PROBE_ROUTER, true);
            String ep = router.bind(tc.bindEndpoint());
            d1.connect(ep);
            d2.connect(ep);
            Await.peers(router, 2);
            assertEquals(List.of(""), recv(d1));
            assertEquals(List.of(""), recv(d2));
            Await.nothing(d1, QUIET);
        }
    }
}
