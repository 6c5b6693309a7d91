package io.weft.patterns.spec;

import static io.weft.patterns.spec.PubSubSpecTest.cancel;
import static io.weft.patterns.spec.PubSubSpecTest.subscription;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.IllegalSocketStateException;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 29 (PUBSUB), XPUB and XSUB, with libzmq's XPUB options (VERBOSE, VERBOSER, MANUAL,
 * WELCOME_MSG, INVERT_MATCHING): one test per clause or option, over every transport.
 *
 * <p>An XPUB receives subscriptions in the order each subscriber sent them, but subscribers are
 * not ordered among themselves; tests that need "X has not arrived" send a marker subscription
 * after X through the same subscriber and wait for the marker.
 */
@Timeout(30)
class XPubSpecTest {
    private static String show(byte[] b) {
        if (b.length > 0 && (b[0] == 0 || b[0] == 1)) {
            return (b[0] == 1 ? "+" : "-") + new String(b, 1, b.length - 1, StandardCharsets.UTF_8);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Receives the next message from an XPUB, shown as "+topic", "-topic" or data. */
    private static String next(Socket xpub) {
        return show(Await.recv(xpub));
    }

    /** Receives until each of {@code markers} has come; returns what came besides, in order. */
    private static List<String> untilMarkers(Socket xpub, String... markers) {
        Set<String> waiting = new HashSet<>(List.of(markers));
        List<String> others = new ArrayList<>();
        while (!waiting.isEmpty()) {
            String s = next(xpub);
            if (!waiting.remove(s)) {
                others.add(s);
            }
        }
        return others;
    }

    // ------------------------------------------------------------------ subscriptions to the application

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubDeliversSubscriptionsToTheApplication(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(xpub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            assertEquals("+A", next(xpub));
            xpub.send("A-1");
            xpub.send("B-1");
            xpub.send("A-2");
            Await.expect(sub, "A-1", false);
            Await.expect(sub, "A-2", false);
            sub.unsubscribe("A");
            assertEquals("-A", next(xpub));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubNormalizesIdenticalSubscriptionsByDefault(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket s1 = ctx.socket(SocketType.SUB); Socket s2 = ctx.socket(SocketType.SUB)) {
            String ep = xpub.bind(tc.bindEndpoint());
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            s1.subscribe("A"); // the same subscriber twice
            s1.subscribe("M1");
            s2.subscribe("A");
            s2.subscribe("M2");
            assertEquals(List.of("+A"), untilMarkers(xpub, "+M1", "+M2"));

            s1.unsubscribe("A"); // one reference left in s1: nothing goes upstream
            s1.unsubscribe("A"); // s1 cancels; s2 still subscribed: nothing for the application
            s1.unsubscribe("M1");
            assertEquals("-M1", next(xpub));
            s2.unsubscribe("A");
            assertEquals("-A", next(xpub));
            assertNull(xpub.tryRecv());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubVerbosePassesEverySubscribeButOnlyTheLastCancel(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket s1 = ctx.socket(SocketType.SUB); Socket s2 = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_VERBOSE, true);
            String ep = xpub.bind(tc.bindEndpoint());
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            s1.subscribe("A");
            s1.subscribe("M1");
            s2.subscribe("A");
            s2.subscribe("M2");
            assertEquals(List.of("+A", "+A", "+A"), untilMarkers(xpub, "+M1", "+M2"));

            s1.unsubscribe("A");
            s1.unsubscribe("A");
            s1.unsubscribe("M1");
            assertEquals("-M1", next(xpub));
            s2.unsubscribe("A");
            assertEquals("-A", next(xpub));
            assertNull(xpub.tryRecv());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubVerboserPassesEverySubscribeAndEveryCancel(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket s1 = ctx.socket(SocketType.SUB); Socket s2 = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_VERBOSER, true);
            String ep = xpub.bind(tc.bindEndpoint());
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            s1.subscribe("M1");
            s2.subscribe("A");
            s2.subscribe("M2");
            assertEquals(List.of("+A", "+A"), untilMarkers(xpub, "+M1", "+M2"));

            s1.unsubscribe("A");
            assertEquals("-A", next(xpub));
            s2.unsubscribe("A");
            assertEquals("-A", next(xpub));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void aSubscriberReferenceCountsItsSubscriptionsSoOnlyTheLastUnsubscribeGoesUpstream(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_VERBOSER, true);
            sub.connect(xpub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            sub.subscribe("A");
            assertEquals("+A", next(xpub));
            assertEquals("+A", next(xpub));
            sub.unsubscribe("A");
            sub.subscribe("M");
            assertEquals("+M", next(xpub), "no cancel while a reference remains");
            xpub.send("A-still");
            Await.expect(sub, "A-still", false);
            sub.unsubscribe("A");
            assertEquals("-A", next(xpub));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubGeneratesACancelWhenTheLastSubscriberOfATopicDisconnects(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB)) {
            String ep = xpub.bind(tc.bindEndpoint());
            Socket s1 = ctx.socket(SocketType.SUB);
            Socket s2 = ctx.socket(SocketType.SUB);
            try {
                s1.connect(ep);
                s2.connect(ep);
                s1.subscribe("shared");
                s1.subscribe("mine");
                s2.subscribe("shared");
                s2.subscribe("M2");
                assertEquals(List.of("+shared"), untilMarkers(xpub, "+mine", "+M2"));
                s1.close();
                Await.peers(xpub, 1);
                assertEquals("-mine", next(xpub), "s1 alone had 'mine'; 'shared' is still s2's");
                assertNull(xpub.tryRecv());
                s2.close();
                Await.peers(xpub, 0);
                assertEquals(Set.of("-shared", "-M2"), Set.of(next(xpub), next(xpub)));
            } finally {
                s1.close();
                s2.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubVerboserReportsEveryTopicOfADepartingSubscriber(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket stays = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_VERBOSER, true);
            String ep = xpub.bind(tc.bindEndpoint());
            stays.connect(ep);
            stays.subscribe("shared");
            assertEquals("+shared", next(xpub));
            Socket leaves = ctx.socket(SocketType.SUB);
            leaves.connect(ep);
            leaves.subscribe("shared");
            assertEquals("+shared", next(xpub));
            leaves.close();
            Await.peers(xpub, 1);
            assertEquals("-shared", next(xpub));
        }
    }

    // ------------------------------------------------------------------ XPUB_MANUAL

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubManualAppliesOnlyWhatTheApplicationSubscribes(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            xsub.connect(xpub.bind(tc.bindEndpoint()));
            xsub.send(subscription("A"));
            assertEquals("+A", next(xpub));
            xpub.subscribe("B"); // for the subscriber of the message just received, instead of A
            xpub.send("A-1");
            xpub.send("B-1");
            xpub.send("B-2");
            Await.expect(xsub, "B-1", false);
            Await.expect(xsub, "B-2", false);

            xsub.send(cancel("A"));
            assertEquals("-A", next(xpub));
            xpub.unsubscribe("B");
            xpub.subscribe("C");
            xpub.send("B-3");
            xpub.send("C-1");
            Await.expect(xsub, "C-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubManualPassesEverySubscriptionEvenRepeatedOnes(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket s1 = ctx.socket(SocketType.SUB); Socket s2 = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            String ep = xpub.bind(tc.bindEndpoint());
            s1.connect(ep);
            s2.connect(ep);
            s1.subscribe("A");
            s1.subscribe("M1");
            s2.subscribe("A");
            s2.subscribe("M2");
            assertEquals(List.of("+A", "+A"), untilMarkers(xpub, "+M1", "+M2"));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubManualSubscribeActsOnTheSenderOfTheLastSubscriptionReceived(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket x1 = ctx.socket(SocketType.XSUB); Socket x2 = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            String ep = xpub.bind(tc.bindEndpoint());
            x1.connect(ep);
            x2.connect(ep);
            x1.send(subscription("one"));
            x2.send(subscription("two"));
            for (int i = 0; i < 2; i++) {
                String s = next(xpub);
                xpub.subscribe(s.substring(1)); // grant exactly what this subscriber asked for
            }
            xpub.send("one-1");
            xpub.send("two-1");
            Await.expect(x1, "one-1", false);
            Await.expect(x2, "two-1", false);
            xpub.send("two-2");
            xpub.send("one-2");
            Await.expect(x1, "one-2", false);
            Await.expect(x2, "two-2", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubManualReportsEveryRequestOfADepartingSubscriber(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket stays = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            String ep = xpub.bind(tc.bindEndpoint());
            stays.connect(ep);
            stays.send(subscription("A"));
            assertEquals("+A", next(xpub));
            xpub.subscribe("A");
            Socket leaves = ctx.socket(SocketType.XSUB);
            leaves.connect(ep);
            leaves.send(subscription("A"));
            leaves.send(subscription("B"));
            assertEquals("+A", next(xpub));
            assertEquals("+B", next(xpub));
            leaves.close();
            Await.peers(xpub, 1);
            assertEquals("-A", next(xpub));
            assertEquals("-B", next(xpub));
            xpub.subscribe("Z"); // the departed subscriber is no target any more: ignored
            xpub.send("Z-1");
            xpub.send("A-1");
            Await.expect(stays, "A-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubSubscribeWithoutManualIsRefused(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB)) {
            xpub.bind(tc.bindEndpoint());
            IllegalSocketStateException e = assertThrows(IllegalSocketStateException.class,
                    () -> xpub.subscribe("A"));
            assertTrue(e.getMessage().contains("XPUB_MANUAL"), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ XPUB_WELCOME_MSG

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubSendsTheWelcomeMessageToEachNewSubscriber(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket sub = ctx.socket(SocketType.SUB); Socket xsub = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_WELCOME_MSG, "W".getBytes(StandardCharsets.UTF_8));
            String ep = xpub.bind(tc.bindEndpoint());
            sub.subscribe("W"); // a SUB filters the welcome message like any other
            sub.connect(ep);
            xsub.connect(ep);
            Await.peers(xpub, 2);
            Await.expect(sub, "W", false);
            Await.expect(xsub, "W", false);
            assertEquals("+W", next(xpub));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubWithoutWelcomeMessageSendsNothingOnConnect(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_WELCOME_MSG, new byte[0]);
            xsub.connect(xpub.bind(tc.bindEndpoint()));
            Await.peers(xpub, 1);
            xsub.send(subscription(""));
            assertEquals("+", next(xpub));
            xpub.send("first");
            Await.expect(xsub, "first", false);
        }
    }

    // ------------------------------------------------------------------ INVERT_MATCHING

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubWithInvertMatchingSendsToSubscribersWithoutAMatchingSubscription(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xa = ctx.socket(SocketType.XSUB); Socket xb = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.INVERT_MATCHING, true);
            String ep = xpub.bind(tc.bindEndpoint());
            xa.connect(ep);
            xb.connect(ep);
            xa.send(subscription("A"));
            xb.send(subscription("B"));
            assertEquals(Set.of("+A", "+B"), Set.of(next(xpub), next(xpub)));
            xpub.send("A-1");
            xpub.send("B-1");
            xpub.send("C-1");
            Await.expect(xa, "B-1", false);
            Await.expect(xa, "C-1", false);
            Await.expect(xb, "A-1", false);
            Await.expect(xb, "C-1", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subWithInvertMatchingDropsMatchingMessagesOnArrival(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            sub.setOption(Option.INVERT_MATCHING, true);
            sub.connect(xpub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            assertEquals("+A", next(xpub));
            xpub.subscribe(""); // send it everything: the SUB's own filter decides
            xpub.send("A-1");
            xpub.send("B-1");
            xpub.send("AB");
            xpub.send("C-1");
            Await.expect(sub, "B-1", false);
            Await.expect(sub, "C-1", false);
        }
    }

    // ------------------------------------------------------------------ SUB filters on arrival

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void subDropsWholeMessagesThatMatchNoSubscription(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            sub.connect(xpub.bind(tc.bindEndpoint()));
            sub.subscribe("A");
            assertEquals("+A", next(xpub));
            xpub.subscribe(""); // the publisher sends everything; the SUB must still filter
            xpub.sendMore("B");
            xpub.sendMore("A-looks-like-a-topic");
            xpub.send("x");
            xpub.sendMore("A");
            xpub.send("y");
            Await.expect(sub, "A", true);
            Await.expect(sub, "y", false);
            assertNull(sub.tryRecv());
        }
    }

    // ------------------------------------------------------------------ XPUB incoming messages, XSUB

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xpubDeliversOtherMessagesFromSubscribersToTheApplication(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.connect(xpub.bind(tc.bindEndpoint()));
            xsub.send("hello");
            xsub.sendMore("multi");
            xsub.sendMore(subscription("X")); // inside a message: data, not a subscription
            xsub.send("part");
            xsub.send(new byte[0]);
            xsub.send(subscription("S"));
            Await.expect(xpub, "hello", false);
            Await.expect(xpub, "multi", true);
            assertArrayEquals(subscription("X"), Await.recv(xpub));
            assertTrue(xpub.hasMore());
            Await.expect(xpub, "part", false);
            assertEquals(0, Await.recv(xpub).length);
            assertFalse(xpub.hasMore());
            assertEquals("+S", next(xpub));
            assertNull(xpub.tryRecv());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xsubForwardsSubscriptionsSentAsMessages(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_VERBOSER, true);
            xsub.connect(xpub.bind(tc.bindEndpoint()));
            xsub.send(subscription("A"));
            xsub.send(subscription("A"));
            assertEquals("+A", next(xpub));
            assertEquals("+A", next(xpub), "every subscribe goes upstream");
            xpub.send("A-1");
            xpub.send("B-1");
            xpub.send("A-2");
            Await.expect(xsub, "A-1", false);
            Await.expect(xsub, "A-2", false);
            xsub.send(cancel("A"));
            xsub.send(cancel("never-subscribed"));
            xsub.send(subscription("M"));
            assertEquals("+M", next(xpub), "a cancel goes only with the last reference");
            xsub.send(cancel("A"));
            assertEquals("-A", next(xpub));
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xsubReceivesEverythingItsPublishersSendWithoutFiltering(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB)) {
            xpub.setOption(Option.XPUB_MANUAL, true);
            xsub.connect(xpub.bind(tc.bindEndpoint()));
            xsub.send(subscription("A"));
            assertEquals("+A", next(xpub));
            xpub.subscribe("");
            xpub.send("B-1");
            xpub.sendMore("C");
            xpub.send("tail");
            Await.expect(xsub, "B-1", false);
            Await.expect(xsub, "C", true);
            Await.expect(xsub, "tail", false);
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xsubReplaysItsSubscriptionsToPublishersThatAttachLater(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub1 = ctx.socket(SocketType.XPUB);
                Socket xpub2 = ctx.socket(SocketType.XPUB); Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.send(subscription("early"));
            xsub.connect(xpub1.bind(tc.bindEndpoint()));
            xsub.send(subscription("A"));
            xsub.send(subscription("A"));
            xsub.send(subscription("B"));
            xsub.send(cancel("B"));
            assertEquals(List.of("+early", "+A", "+B", "-B"),
                    List.of(next(xpub1), next(xpub1), next(xpub1), next(xpub1)));
            xsub.connect(xpub2.bind(tc.bindEndpoint()));
            // Each live prefix once, whatever its reference count.
            assertEquals(Set.of("+early", "+A"), Set.of(next(xpub2), next(xpub2)));
            assertNull(xpub2.tryRecv());
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void xsubSendsToAllPublishersAndNeverBlocks(TransportCase tc) {
        try (Context ctx = Context.create(); Socket xpub1 = ctx.socket(SocketType.XPUB);
                Socket xpub2 = ctx.socket(SocketType.XPUB); Socket xsub = ctx.socket(SocketType.XSUB)) {
            xsub.setOption(Option.SNDHWM, 2);
            xsub.setOption(Option.LINGER, 0);
            xpub1.setOption(Option.RCVHWM, 2);
            xpub2.setOption(Option.RCVHWM, 2);
            xsub.connect(xpub1.bind(tc.bindEndpoint()));
            xsub.connect(xpub2.bind(tc.bindEndpoint()));
            Await.peers(xsub, 2);
            for (int i = 0; i < 1000; i++) {
                assertTrue(xsub.trySend("up-" + i), "XSUB send must not block");
            }
            Await.expect(xpub1, "up-0", false);
            Await.expect(xpub2, "up-0", false);
        }
    }
}
