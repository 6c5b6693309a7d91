package io.weft.interop;

import static io.weft.SocketType.DEALER;
import static io.weft.SocketType.PAIR;
import static io.weft.SocketType.PUB;
import static io.weft.SocketType.PULL;
import static io.weft.SocketType.PUSH;
import static io.weft.SocketType.REP;
import static io.weft.SocketType.REQ;
import static io.weft.SocketType.ROUTER;
import static io.weft.SocketType.SUB;
import static io.weft.SocketType.XPUB;
import static io.weft.SocketType.XSUB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What Weft must do with a real ZeroMQ peer, whatever the peer and the transport: every classic
 * pattern in both directions (Weft sends / the peer sends), each run twice, once with Weft binding
 * and once with the peer binding. A subclass names the peer and the endpoints to bind.
 *
 * <p>Waits are bounded ({@link Peer#WAIT} per step, {@link Timeout} per test); the PUB/SUB tests
 * beat the slow joiner by publishing probes until one arrives, never by sleeping.
 */
@Timeout(30)
abstract class InteropContract {
    /** Which side of a link binds; the other connects to the endpoint the binder resolved. */
    enum Side { WEFT_BINDS, PEER_BINDS }

    private static final Duration PROBE_WAIT = Duration.ofMillis(20);
    private static final int MIB = 1 << 20;

    private Context ctx;

    /** A socket of the reference implementation, with {@code routingId} set when not null. */
    protected abstract Peer peer(SocketType type, byte[] routingId);

    /** An endpoint for a Weft socket to bind, fresh for each call. */
    protected abstract String weftBindEndpoint();

    /** An endpoint for a peer socket to bind, fresh for each call. */
    protected abstract String peerBindEndpoint();

    @BeforeEach
    void openWeft() {
        ctx = Context.create();
    }

    @AfterEach
    void closeWeft() {
        ctx.close();
    }

    // ------------------------------------------------------------------ PUSH/PULL

    @ParameterizedTest
    @EnumSource(Side.class)
    void weftPushDeliversMultipartMessagesInOrderToPeerPull(Side side) {
        try (Peer push = weft(PUSH); Peer pull = peer(PULL)) {
            link(side, push, pull);
            pipeline(push, pull);
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void peerPushDeliversMultipartMessagesInOrderToWeftPull(Side side) {
        try (Peer push = peer(PUSH); Peer pull = weft(PULL)) {
            link(side, pull, push);
            pipeline(push, pull);
        }
    }

    private static void pipeline(Peer push, Peer pull) {
        int n = 20;
        for (int i = 0; i < n; i++) {
            push.send(frames("job-" + i, "payload", ""));
        }
        for (int i = 0; i < n; i++) {
            assertFrames(List.of("job-" + i, "payload", ""), pull.recv(), push + " -> " + pull + ", message " + i);
        }
    }

    // ------------------------------------------------------------------ REQ/REP

    @ParameterizedTest
    @EnumSource(Side.class)
    void weftReqGetsEachReplyFromPeerRep(Side side) {
        try (Peer req = weft(REQ); Peer rep = peer(REP)) {
            link(side, req, rep);
            requestReply(req, rep);
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void peerReqGetsEachReplyFromWeftRep(Side side) {
        try (Peer req = peer(REQ); Peer rep = weft(REP)) {
            link(side, rep, req);
            requestReply(req, rep);
        }
    }

    private static void requestReply(Peer req, Peer rep) {
        for (int i = 0; i < 3; i++) {
            req.send(frames("request-" + i, "second part"));
            assertFrames(List.of("request-" + i, "second part"), rep.recv(), rep + " request " + i);
            rep.send(frames("reply-" + i, "", "third part"));
            assertFrames(List.of("reply-" + i, "", "third part"), req.recv(), req + " reply " + i);
        }
    }

    /** The REQ envelope on the wire: the ROUTER sees routing id, empty delimiter, body. */
    @ParameterizedTest
    @EnumSource(Side.class)
    void weftReqEnvelopeReachesPeerRouterAndBack(Side side) {
        try (Peer req = weft(REQ, "client-1"); Peer router = peer(ROUTER)) {
            link(side, req, router);
            envelope(req, router);
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void peerReqEnvelopeReachesWeftRouterAndBack(Side side) {
        try (Peer req = peer(REQ, "client-1"); Peer router = weft(ROUTER)) {
            link(side, router, req);
            envelope(req, router);
        }
    }

    private static void envelope(Peer req, Peer router) {
        req.send(frames("hello", "world"));
        assertFrames(List.of("client-1", "", "hello", "world"), router.recv(), router + " from " + req);
        router.send(frames("client-1", "", "reply"));
        assertFrames(List.of("reply"), req.recv(), req + " from " + router);
    }

    // ------------------------------------------------------------------ DEALER/ROUTER

    @ParameterizedTest
    @EnumSource(Side.class)
    void weftRouterAddressesPeerDealersByRoutingId(Side side) {
        try (Peer router = weft(ROUTER); Peer d1 = peer(DEALER, "dealer-1"); Peer d2 = peer(DEALER, "dealer-2")) {
            link(side, router, d1, d2);
            routing(router, d1, d2);
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void peerRouterAddressesWeftDealersByRoutingId(Side side) {
        try (Peer router = peer(ROUTER); Peer d1 = weft(DEALER, "dealer-1"); Peer d2 = weft(DEALER, "dealer-2")) {
            link(side, router, d1, d2);
            routing(router, d1, d2);
        }
    }

    private static void routing(Peer router, Peer d1, Peer d2) {
        d1.send(frames("from-1", "a"));
        d2.send(frames("from-2", "b", "c"));
        Map<String, List<String>> got = new TreeMap<>();
        for (int i = 0; i < 2; i++) {
            List<String> m = strings(router.recv());
            got.put(m.get(0), m.subList(1, m.size()));
        }
        assertEquals(Map.of("dealer-1", List.of("from-1", "a"), "dealer-2", List.of("from-2", "b", "c")), got,
                router + ": messages by routing id");
        router.send(frames("dealer-2", "to-2", "x"));
        router.send(frames("dealer-1", "to-1"));
        assertFrames(List.of("to-1"), d1.recv(), d1 + " from " + router);
        assertFrames(List.of("to-2", "x"), d2.recv(), d2 + " from " + router);
    }

    // ------------------------------------------------------------------ PUB/SUB

    /** Weft's PUB sends a subscriber only what it subscribed to (a peer XSUB filters nothing itself). */
    @ParameterizedTest
    @EnumSource(Side.class)
    void weftPubFiltersAtThePublisherForPeerSubscriber(Side side) {
        try (Peer pub = weft(PUB); Peer xsub = peer(XSUB)) {
            link(side, pub, xsub);
            publisherFilters(pub, xsub);
        }
    }

    /** The peer's PUB filters by the subscription a Weft XSUB sent (Weft's XSUB filters nothing). */
    @ParameterizedTest
    @EnumSource(Side.class)
    void peerPubFiltersAtThePublisherForWeftSubscriber(Side side) {
        try (Peer pub = peer(PUB); Peer xsub = weft(XSUB)) {
            link(side, xsub, pub);
            publisherFilters(pub, xsub);
        }
    }

    private static void publisherFilters(Peer pub, Peer xsub) {
        xsub.send(List.of(new byte[] {1, 'A'}));
        awaitProbe(pub, xsub, "A");
        for (int i = 0; i < 50; i++) {
            pub.send(frames("B-noise-" + i, "body"));
        }
        pub.send(frames("A-end", "body"));
        // An XSUB does not filter on arrival: a B here would have crossed the wire.
        for (;;) {
            List<String> m = strings(xsub.recv());
            assertTrue(m.get(0).startsWith("A"), pub + " sent " + m + " to " + xsub + ", subscribed to 'A' only");
            if (m.get(0).equals("A-end")) {
                assertEquals(List.of("A-end", "body"), m);
                return;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void peerSubGetsOnlyItsTopicFromWeftPub(Side side) {
        try (Peer pub = weft(PUB); Peer sub = peer(SUB)) {
            link(side, pub, sub);
            subscriberGetsTopic(pub, sub);
        }
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void weftSubGetsOnlyItsTopicFromPeerPub(Side side) {
        try (Peer pub = peer(PUB); Peer sub = weft(SUB)) {
            link(side, sub, pub);
            subscriberGetsTopic(pub, sub);
        }
    }

    private static void subscriberGetsTopic(Peer pub, Peer sub) {
        sub.subscribe(bytes("weather."));
        awaitProbe(pub, sub, "weather.");
        pub.send(frames("traffic.north", "jam"));
        pub.send(frames("weather.south", "sunny", "24C"));
        List<String> m;
        do {
            m = strings(sub.recv());
        } while (m.get(0).equals("weather.probe"));
        assertEquals(List.of("weather.south", "sunny", "24C"), m, sub + " subscribed to 'weather.' from " + pub);
    }

    /** A peer SUB's subscribe and cancel reach a Weft XPUB as 0x01/0x00 + prefix. */
    @ParameterizedTest
    @EnumSource(Side.class)
    void weftXpubSeesPeerSubscribeAndCancel(Side side) {
        try (Peer xpub = weft(XPUB); Peer sub = peer(SUB)) {
            link(side, xpub, sub);
            subscriptionsReachXpub(xpub, sub);
        }
    }

    /** A Weft SUB's subscribe and cancel reach a peer XPUB as 0x01/0x00 + prefix. */
    @ParameterizedTest
    @EnumSource(Side.class)
    void peerXpubSeesWeftSubscribeAndCancel(Side side) {
        try (Peer xpub = peer(XPUB); Peer sub = weft(SUB)) {
            link(side, sub, xpub);
            subscriptionsReachXpub(xpub, sub);
        }
    }

    private static void subscriptionsReachXpub(Peer xpub, Peer sub) {
        sub.subscribe(bytes("topic"));
        assertFrames(List.of("\u0001topic"), recvPumping(xpub, sub), xpub + " from " + sub);
        awaitProbe(xpub, sub, "topic");
        sub.unsubscribe(bytes("topic"));
        assertFrames(List.of("\u0000topic"), recvPumping(xpub, sub), xpub + " from " + sub);
    }

    /**
     * Receives on {@code receiver} while calling into {@code idle} now and then, within
     * {@link Peer#WAIT}. A libzmq or JeroMQ socket handles its commands (such as "a new peer is
     * attached", which sends a SUB's subscriptions to it) only inside its own API calls, so a
     * peer bound SUB that subscribed before the connection came tells nobody until it is called.
     * {@code idle} must have nothing to receive meanwhile.
     */
    private static List<byte[]> recvPumping(Peer receiver, Peer idle) {
        long deadline = System.nanoTime() + Peer.WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<byte[]> m = receiver.recv(PROBE_WAIT);
            if (m != null) {
                return m;
            }
            List<byte[]> unexpected = idle.recv(Duration.ZERO);
            if (unexpected != null) {
                fail(idle + " received " + strings(unexpected) + " while " + receiver + " waited");
            }
        }
        return fail(receiver + ": no message within " + Peer.WAIT);
    }

    /**
     * Publishes {@code topic + "probe"} until the subscriber receives one (the subscription has
     * reached the publisher), within {@link Peer#WAIT}.
     */
    private static void awaitProbe(Peer pub, Peer sub, String topic) {
        long deadline = System.nanoTime() + Peer.WAIT.toNanos();
        List<byte[]> probe = frames(topic + "probe");
        while (sub.recv(PROBE_WAIT) == null) {
            if (System.nanoTime() - deadline > 0) {
                fail(sub + " got no probe from " + pub + " within " + Peer.WAIT + ": the subscription to '"
                        + topic + "' did not take effect");
            }
            pub.send(probe);
        }
    }

    // ------------------------------------------------------------------ PAIR

    @ParameterizedTest
    @EnumSource(Side.class)
    void pairExchangesMultipartMessagesBothWays(Side side) {
        try (Peer a = weft(PAIR); Peer b = peer(PAIR)) {
            link(side, a, b);
            for (int i = 0; i < 3; i++) {
                a.send(frames("weft-" + i, "x"));
                b.send(frames("peer-" + i, "", "y"));
            }
            for (int i = 0; i < 3; i++) {
                assertFrames(List.of("weft-" + i, "x"), b.recv(), b + " from " + a);
                assertFrames(List.of("peer-" + i, "", "y"), a.recv(), a + " from " + b);
            }
        }
    }

    /** Empty frames (alone and inside a message) and a 1 MiB frame (long ZMTP frame) both ways. */
    @ParameterizedTest
    @EnumSource(Side.class)
    void pairCarriesEmptyAndOneMebibyteFramesBothWays(Side side) {
        byte[] big = new byte[MIB];
        new Random(42).nextBytes(big);
        byte[] bigToo = new byte[MIB];
        new Random(43).nextBytes(bigToo);
        List<byte[]> fromWeft = List.of(new byte[0], big, new byte[0]);
        List<byte[]> fromPeer = List.of(bigToo, new byte[0]);
        try (Peer a = weft(PAIR); Peer b = peer(PAIR)) {
            link(side, a, b);
            a.send(List.of(new byte[0]));
            a.send(fromWeft);
            b.send(List.of(new byte[0]));
            b.send(fromPeer);
            assertBinary(List.of(new byte[0]), b.recv(), b + " from " + a);
            assertBinary(fromWeft, b.recv(), b + " from " + a);
            assertBinary(List.of(new byte[0]), a.recv(), a + " from " + b);
            assertBinary(fromPeer, a.recv(), a + " from " + b);
        }
    }

    /** Large frames from the peer, read by Weft straight into pooled direct buffers (ZERO_COPY_RECV). */
    @ParameterizedTest
    @EnumSource(Side.class)
    void peerLargeFramesReachAZeroCopyWeftPull(Side side) {
        List<byte[]> message = new ArrayList<>();
        Random random = new Random(44);
        for (int size : new int[] {MIB, 70_000, 100, 9_000, 0, 65_536}) {
            byte[] f = new byte[size];
            random.nextBytes(f);
            message.add(f);
        }
        try (Peer push = peer(PUSH); Peer pull = new WeftPeer(ctx, PULL, null).zeroCopyRecv()) {
            link(side, pull, push);
            for (int i = 0; i < 3; i++) {
                push.send(message);
            }
            for (int i = 0; i < 3; i++) {
                assertBinary(message, pull.recv(), push + " -> " + pull + ", message " + i);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private Peer weft(SocketType type) {
        return weft(type, null);
    }

    private Peer weft(SocketType type, String routingId) {
        return new WeftPeer(ctx, type, routingId == null ? null : bytes(routingId));
    }

    private Peer peer(SocketType type) {
        return peer(type, (byte[]) null);
    }

    private Peer peer(SocketType type, String routingId) {
        return peer(type, bytes(routingId));
    }

    /**
     * Links {@code one} with each of {@code others} (all of the other implementation): if
     * {@code one}'s side binds, it binds once and the others connect there; otherwise each of
     * the others binds its own endpoint and {@code one} connects to them all.
     */
    private void link(Side side, Peer one, Peer... others) {
        boolean oneBinds = one.isWeft() == (side == Side.WEFT_BINDS);
        if (oneBinds) {
            String ep = one.bind(bindEndpoint(one));
            for (Peer o : others) {
                o.connect(ep);
            }
        } else {
            for (Peer o : others) {
                one.connect(o.bind(bindEndpoint(o)));
            }
        }
    }

    private String bindEndpoint(Peer p) {
        return p.isWeft() ? weftBindEndpoint() : peerBindEndpoint();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<byte[]> frames(String... parts) {
        List<byte[]> l = new ArrayList<>(parts.length);
        for (String p : parts) {
            l.add(bytes(p));
        }
        return l;
    }

    static List<String> strings(List<byte[]> frames) {
        List<String> l = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            l.add(new String(f, StandardCharsets.UTF_8));
        }
        return l;
    }

    static void assertFrames(List<String> expected, List<byte[]> actual, String what) {
        assertEquals(expected, strings(actual), what);
    }

    /** Compares frame by frame without printing megabytes on a failure. */
    static void assertBinary(List<byte[]> expected, List<byte[]> actual, String what) {
        List<Integer> sizes = new ArrayList<>();
        actual.forEach(f -> sizes.add(f.length));
        List<Integer> expectedSizes = new ArrayList<>();
        expected.forEach(f -> expectedSizes.add(f.length));
        assertEquals(expectedSizes, sizes, what + ": frame sizes");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": frame " + i);
        }
    }
}
