package io.weft.patterns.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.IllegalSocketStateException;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 29 (PUBSUB), PUB and SUB (and XSUB where it shows what a PUB sends, since an XSUB does not
 * filter): one test per clause, over every transport.
 *
 * <p>Subscriptions travel to the publisher asynchronously. Before relying on one, a test either
 * receives it on an XPUB, or (for a PUB) publishes probes on the topic until the subscriber gets
 * one and then a fence, so that nothing sent afterwards can race the subscription.
 */
@Timeout(30)
class PubSubSpecTest {
    private static final Duration PROBE_WAIT = Duration.ofMillis(10);
    private static final AtomicInteger FENCES = new AtomicInteger();

    static byte[] subscription(String topic) {
        return withHead(1, topic);
    }

    static byte[] cancel(String topic) {
        return withHead(0, topic);
    }

    private static byte[] withHead(int head, String topic) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[t.length + 1];
        body[0] = (byte) head;
        System.arraycopy(t, 0, body, 1, t.length);
        return body;
    }

    /**
     * Publishes probes on {@code topic} until {@code sub} receives one, then a fence, and reads up
     * to the fence: afterwards the publisher applies the subscription and the subscriber's queue
     * holds nothing from before. Fails if anything but probes (of this or an earlier wait on the
     * same topic) arrives meanwhile.
     */
    static void awaitDelivery(Socket pub, Socket sub, String topic) {
        String probe = topic + "|probe";
        String fence = topic + "|fence-" + FENCES.incrementAndGet();
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            pub.send(probe);
            byte[] got = sub.recv(PROBE_WAIT);
            if (got != null) {
                assertSyncTraffic(topic, text(got));
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("subscription '" + topic + "' did not reach " + pub + " within " + Await.TIMEOUT);
            }
        }
        pub.send(fence);
        String s;
        while (!(s = Await.recvString(sub)).equals(fence)) {
            assertSyncTraffic(topic, s);
        }
    }

    private static void assertSyncTraffic(String topic, String got) {
        if (!got.equals(topic + "|probe") && !got.startsWith(topic + "|fence-")) {
            fail("only probes expected while waiting for subscription '" + topic + "', got '" + got + "'");
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ PUB: general behaviour

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubSendsEachMessageToAllConnectedSubscribers(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB)) {
            String ep = pub.bind(tc.bindEndpoint());
            List<Socket> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket sub = ctx.socket(SocketType.SUB);
                    subs.add(sub);
                    sub.subscribe("sync-" + i);
                    sub.subscribe("m");
                    sub.connect(ep);
                    awaitDelivery(pub, sub, "sync-" + i);
                }
                for (int i = 0; i < 100; i++) {
                    pub.send("m" + i);
                }
                for (Socket sub : subs) {
                    for (int i = 0; i < 100; i++) {
                        Await.expect(sub, "m" + i, false);
                    }
                }
            } finally {
                subs.forEach(Socket::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubSilentlyDiscardsMessagesThatSubscribersSendIt(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.connect(pub.bind(tc.bindEndpoint()));
            xsub.send("not a subscription");
            xsub.send(new byte[0]);
            xsub.sendMore("data");
            xsub.send(subscription("X")); // a later frame of a message is data, whatever its first byte
            xsub.sendMore(subscription("Y")); // so is a multipart message
            xsub.send("tail");
            xsub.send(subscription("A"));
            awaitDelivery(pub, xsub, "A");
            pub.send("X-1");
            pub.send("Y-1");
            pub.send("A-1");
            Await.expect(xsub, "A-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void aSubscriberThatDisconnectsIsForgottenAndTheOthersStillServed(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket stays = ctx.socket(SocketType.SUB)) {
            String ep = pub.bind(tc.bindEndpoint());
            stays.subscribe("stays");
            stays.subscribe("after");
            stays.connect(ep);
            awaitDelivery(pub, stays, "stays");
            Socket leaves = ctx.socket(SocketType.SUB);
            leaves.setOption(Option.LINGER, 0);
            leaves.subscribe("leaves");
            leaves.subscribe("after");
            leaves.connect(ep);
            awaitDelivery(pub, leaves, "leaves");
            Await.peers(pub, 2);
            leaves.close();
            Await.peers(pub, 1);
            for (int i = 0; i < 10; i++) {
                assertTrue(pub.send("after-" + i));
            }
            for (int i = 0; i < 10; i++) {
                Await.expect(stays, "after-" + i, false);
            }
        }
    }

    // ------------------------------------------------------------------ PUB: outgoing messages

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubSendsOnlyToSubscribersWithAMatchingPrefix(TransportCase tc) {
        // An XSUB does not filter: what it receives is what the PUB chose to send it.
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.connect(pub.bind(tc.bindEndpoint()));
            xsub.send(subscription("AB"));
            awaitDelivery(pub, xsub, "AB");
            for (String m : new String[] {"A", "B-1", "ABC", "XAB", "AB", "AC", "", "ab"}) {
                pub.send(m);
            }
            pub.send("AB-end");
            Await.expect(xsub, "ABC", false);
            Await.expect(xsub, "AB", false);
            Await.expect(xsub, "AB-end", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubComparesSubscriptionsAsBinaryPrefixesOfTheFirstFrame(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.connect(pub.bind(tc.bindEndpoint()));
            xsub.send(new byte[] {1, (byte) 0xff, 0});
            xsub.send(subscription("sync"));
            awaitDelivery(pub, xsub, "sync"); // behind the binary subscription in the same pipe
            pub.sendMore(new byte[] {(byte) 0xff});          // too short: not matching
            pub.send(new byte[] {(byte) 0xff, 0, 'x'});
            pub.sendMore("zzz");                             // the topic is in the first frame only
            pub.send(new byte[] {(byte) 0xff, 0});
            pub.sendMore(new byte[] {(byte) 0xff, 0, 1});
            pub.send("tail");
            byte[] first = Await.recv(xsub);
            assertEquals(3, first.length);
            assertEquals(1, first[2]);
            assertTrue(xsub.hasMore());
            Await.expect(xsub, "tail", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subscriberReceivesOnlyMessagesMatchingItsSubscriptions(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(pub.bind(tc.bindEndpoint()));
            sub.subscribe("news.");
            sub.subscribe("weather.paris");
            awaitDelivery(pub, sub, "news.");
            awaitDelivery(pub, sub, "weather.paris");
            for (String m : new String[] {"sport.1", "news.1", "weather.rome", "weather.paris.1", "news", "news.2"}) {
                pub.send(m);
            }
            pub.send("news.end");
            Await.expect(sub, "news.1", false);
            Await.expect(sub, "weather.paris.1", false);
            Await.expect(sub, "news.2", false);
            Await.expect(sub, "news.end", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void anEmptySubscriptionMatchesEveryMessage(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(pub.bind(tc.bindEndpoint()));
            sub.subscribe(new byte[0]);
            awaitDelivery(pub, sub, "");
            pub.send("anything");
            pub.send(new byte[0]);
            pub.send(new byte[] {0, 1, 2});
            Await.expect(sub, "anything", false);
            assertEquals(0, Await.recv(sub).length);
            assertEquals(3, Await.recv(sub).length);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void unsubscribeStopsDeliveryAtTheSubscriberAtOnce(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(pub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            sub.subscribe("B");
            awaitDelivery(pub, sub, "A");
            awaitDelivery(pub, sub, "B");
            pub.send("A-queued-before-cancel");
            sub.unsubscribe("A");
            // The SUB filters again on arrival, so even a message already queued is not delivered.
            pub.send("A-1");
            pub.send("B-1");
            Await.expect(sub, "B-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void unsubscribeStopsThePublisherSending(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.connect(pub.bind(tc.bindEndpoint()));
            xsub.send(subscription("A"));
            xsub.send(subscription("B"));
            awaitDelivery(pub, xsub, "A");
            awaitDelivery(pub, xsub, "B");
            xsub.send(cancel("A"));
            // The cancel travels before the new subscription in the same pipe: once "C" is
            // applied, so is the cancel.
            xsub.send(subscription("C"));
            awaitDelivery(pub, xsub, "C");
            pub.send("A-1");
            pub.send("B-1");
            Await.expect(xsub, "B-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void identicalSubscriptionsAreReferenceCounted(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(pub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            sub.subscribe("A");
            awaitDelivery(pub, sub, "A");
            sub.unsubscribe("A");
            sub.subscribe("M"); // behind any cancel in the pipe
            awaitDelivery(pub, sub, "M");
            pub.send("A-still");
            Await.expect(sub, "A-still", false);
            sub.unsubscribe("A");
            pub.send("A-gone");
            pub.send("M-1");
            Await.expect(sub, "M-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subscriptionsMadeBeforeAndAfterConnectBothReachThePublisher(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            String ep = pub.bind(tc.bindEndpoint());
            sub.subscribe("before");
            sub.connect(ep);
            sub.subscribe("after");
            awaitDelivery(pub, sub, "before");
            awaitDelivery(pub, sub, "after");
            pub.send("other");
            pub.send("before-1");
            pub.send("after-1");
            Await.expect(sub, "before-1", false);
            Await.expect(sub, "after-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void aSubscriberGetsItsSubscriptionsToEveryPublisherItConnectsTo(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub1 = ctx.socket(SocketType.PUB);
                Socket pub2 = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.subscribe("T");
            sub.connect(pub1.bind(tc.bindEndpoint()));
            awaitDelivery(pub1, sub, "T");
            sub.connect(pub2.bind(tc.bindEndpoint()));
            awaitDelivery(pub2, sub, "T");
            pub1.send("T-1");
            Await.expect(sub, "T-1", false);
            pub2.send("T-2");
            Await.expect(sub, "T-2", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void aLateJoinerDoesNotReceiveEarlierMessages(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket early = ctx.socket(SocketType.SUB); Socket late = ctx.socket(SocketType.SUB)) {
            String ep = pub.bind(tc.bindEndpoint());
            early.subscribe("");
            early.connect(ep);
            awaitDelivery(pub, early, "");
            pub.send("before-late-joined");
            Await.expect(early, "before-late-joined", false);
            late.subscribe("");
            late.connect(ep);
            // awaitDelivery fails on anything but its probes, so an earlier message would show here.
            awaitDelivery(pub, late, "");
            pub.send("after-late-joined");
            Await.expect(late, "after-late-joined", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubDoesNotBlockAtTheHwmAndDropsOnlyForTheSlowSubscriber(TransportCase tc) {
        int hwm = 10;
        int count = 10_000;
        byte[] body = new byte[1024];
        body[0] = 'M';
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket fast = ctx.socket(SocketType.SUB); Socket slow = ctx.socket(SocketType.SUB)) {
            pub.setOption(Option.SNDHWM, hwm);
            pub.setOption(Option.LINGER, 0);
            slow.setOption(Option.RCVHWM, hwm);
            String ep = pub.bind(tc.bindEndpoint());
            fast.subscribe("fast");
            fast.subscribe("M");
            fast.connect(ep);
            slow.subscribe("slow");
            slow.subscribe("M");
            slow.connect(ep);
            awaitDelivery(pub, fast, "fast");
            awaitDelivery(pub, slow, "slow");

            // The fast subscriber takes each message before the next is sent; the slow one reads
            // nothing until the end. Every send must return at once.
            for (int i = 0; i < count; i++) {
                byte[] m = body.clone();
                writeInt(m, i);
                assertTrue(pub.trySend(m), "PUB send must never say would-block (message " + i + ")");
                byte[] got = Await.recv(fast);
                assertEquals(i, readInt(got), "fast subscriber gets every message in order");
            }

            List<Integer> slowGot = new ArrayList<>();
            byte[] m;
            while ((m = tc == TransportCase.INPROC ? slow.tryRecv() : slow.recv(Duration.ofMillis(200))) != null) {
                slowGot.add(readInt(m));
            }
            assertFalse(slowGot.isEmpty(), "the slow subscriber got the messages that fitted");
            assertTrue(slowGot.size() < count / 2, "the slow subscriber missed most: got " + slowGot.size());
            if (tc == TransportCase.INPROC) {
                // An inproc pipe holds the publisher's SNDHWM plus the subscriber's RCVHWM.
                assertTrue(slowGot.size() <= 2 * hwm, "at most the pipe's HWM: got " + slowGot.size());
                for (int i = 0; i < slowGot.size(); i++) {
                    assertEquals(i, slowGot.get(i), "the messages kept are the first ones, in order");
                }
            }
            for (int i = 1; i < slowGot.size(); i++) {
                assertTrue(slowGot.get(i) > slowGot.get(i - 1), "in order: " + slowGot);
            }

            // Having caught up, the slow subscriber is served again.
            awaitDelivery(pub, slow, "slow");
        }
    }

    /** Message number in bytes 1-4, after the topic byte 'M'. */
    private static void writeInt(byte[] b, int v) {
        b[1] = (byte) (v >>> 24);
        b[2] = (byte) (v >>> 16);
        b[3] = (byte) (v >>> 8);
        b[4] = (byte) v;
    }

    private static int readInt(byte[] b) {
        return (b[1] & 0xff) << 24 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 8 | b[4] & 0xff;
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void multipartMessagesArriveWholeAndNeverInterleaved(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pubA = ctx.socket(SocketType.PUB);
                Socket pubB = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.subscribe("");
            sub.connect(pubA.bind(tc.bindEndpoint()));
            sub.connect(pubB.bind(tc.bindEndpoint()));
            awaitDelivery(pubA, sub, "");
            awaitDelivery(pubB, sub, "");
            int n = 500;
            for (int i = 0; i < n; i++) {
                for (Socket pub : new Socket[] {pubA, pubB}) {
                    String name = pub == pubA ? "A" : "B";
                    pub.sendMore(name);
                    pub.sendMore(name + i);
                    pub.send(name + "-end");
                }
            }
            int[] next = new int[2];
            for (int k = 0; k < 2 * n; k++) {
                String name = Await.recvString(sub);
                assertTrue(sub.hasMore());
                int who = name.equals("A") ? 0 : 1;
                Await.expect(sub, name + next[who], true);
                Await.expect(sub, name + "-end", false);
                next[who]++;
            }
            assertEquals(n, next[0]);
            assertEquals(n, next[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void aSlowSubscriberLosesWholeMultipartMessagesNeverParts(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            pub.setOption(Option.SNDHWM, 3);
            pub.setOption(Option.LINGER, 0);
            sub.setOption(Option.RCVHWM, 3);
            sub.subscribe("");
            sub.connect(pub.bind(tc.bindEndpoint()));
            awaitDelivery(pub, sub, "");
            int n = 2000;
            for (int i = 0; i < n; i++) {
                pub.sendMore("" + i);
                pub.sendMore("middle-" + i);
                assertTrue(pub.trySend("end-" + i));
            }
            int got = 0;
            int last = -1;
            byte[] first;
            while ((first = tc == TransportCase.INPROC ? sub.tryRecv() : sub.recv(Duration.ofMillis(200))) != null) {
                int i = Integer.parseInt(text(first));
                assertTrue(i > last, "in order");
                assertTrue(sub.hasMore(), "message " + i + " is whole");
                Await.expect(sub, "middle-" + i, true);
                Await.expect(sub, "end-" + i, false);
                last = i;
                got++;
            }
            assertTrue(got > 0 && got < n, "whole messages kept: " + got);
        }
    }

    // ------------------------------------------------------------------ SUB

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subFairQueuesMessagesFromItsPublishers(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub1 = ctx.socket(SocketType.PUB);
                Socket pub2 = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.subscribe("");
            sub.connect(pub1.bind(tc.bindEndpoint()));
            sub.connect(pub2.bind(tc.bindEndpoint()));
            awaitDelivery(pub1, sub, "");
            awaitDelivery(pub2, sub, "");
            for (int i = 0; i < 5; i++) {
                pub1.send("one");
            }
            for (int i = 0; i < 5; i++) {
                pub2.send("two");
            }
            // A fair queue takes one message from each publisher in turn.
            String[] got = new String[10];
            for (int i = 0; i < 10; i++) {
                got[i] = Await.recvString(sub);
            }
            int ones = 0;
            for (int i = 0; i < 10; i++) {
                ones += got[i].equals("one") ? 1 : 0;
            }
            assertEquals(5, ones);
            if (tc == TransportCase.INPROC) {
                // Inproc delivery is synchronous: both queues are full before the first recv.
                for (int i = 1; i < 10; i++) {
                    assertFalse(got[i].equals(got[i - 1]), "alternating: " + String.join(",", got));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subCannotSend(TransportCase tc) {
        try (Context ctx = Context.create(); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.bind(tc.bindEndpoint());
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, () -> sub.send("x"));
            assertTrue(e.getMessage().contains("SUB"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void pubCannotReceiveNorSubscribe(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB)) {
            pub.bind(tc.bindEndpoint());
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class, pub::tryRecv);
            assertTrue(e.getMessage().contains("PUB"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pub.subscribe("A"));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subWithInvertMatchingReceivesOnlyWhatDoesNotMatch(TransportCase tc) {
        try (Context ctx = Context.create(); Socket pub = ctx.socket(SocketType.PUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            pub.setOption(Option.INVERT_MATCHING, true);
            sub.setOption(Option.INVERT_MATCHING, true);
            sub.connect(pub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            // Before the subscription arrives the inverted PUB sends everything; the SUB drops A*.
            awaitDelivery(pub, sub, "B");
            pub.send("A-1");
            pub.send("B-1");
            pub.send("C-1");
            Await.expect(sub, "B-1", false);
            Await.expect(sub, "C-1", false);
            assertNull(sub.tryRecv());
        }
    }
}
