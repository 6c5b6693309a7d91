package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.Proxy;
import io.weft.ProxyStatistics;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.patterns.spec.Await;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Proxy} over inproc: whole messages both ways, capture copies, the control commands with
 * exact counters, back-pressure. (The device executables carry it over tcp in module devices.)
 */
@Timeout(30)
class ProxyTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static String ep(String name) {
        return "inproc://proxy-" + name + "-" + COUNTER.incrementAndGet();
    }

    /** Runs a proxy on its own thread; {@link #join()} waits for it and rethrows what it threw. */
    private static final class Running {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(Proxy proxy) {
            thread = new Thread(() -> {
                try {
                    proxy.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "proxy-under-test");
            thread.start();
        }

        void join() throws InterruptedException {
            thread.join(Await.TIMEOUT.toMillis());
            assertFalse(thread.isAlive(), "the proxy did not return within " + Await.TIMEOUT);
            if (failure.get() != null) {
                fail("the proxy failed", failure.get());
            }
        }
    }

    private static List<String> recvAll(Socket s) {
        List<String> frames = new ArrayList<>();
        do {
            frames.add(Await.recvString(s));
        } while (s.hasMore());
        return frames;
    }

    private static ProxyStatistics askStatistics(Socket control) {
        control.send("STATISTICS");
        List<byte[]> frames = new ArrayList<>();
        do {
            frames.add(Await.recv(control));
        } while (control.hasMore());
        return ProxyStatistics.fromFrames(frames);
    }

    @Test
    void streamerMovesMultipartMessagesWholeAndInOrder() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PULL);
            Socket back = ctx.socket(SocketType.PUSH);
            String in = front.bind(ep("in"));
            String out = back.bind(ep("out"));
            Socket sink = ctx.socket(SocketType.PULL);
            sink.connect(out);
            Running proxy = new Running(Proxy.builder(front, back).build());
            Socket a = ctx.socket(SocketType.PUSH);
            Socket b = ctx.socket(SocketType.PUSH);
            a.connect(in);
            b.connect(in);
            for (int i = 0; i < 200; i++) {
                Multipart.of("a", "" + i, "end").send(a);
                Multipart.of("b", "" + i, "x", "end").send(b);
            }
            Map<String, Integer> next = new HashMap<>(Map.of("a", 0, "b", 0));
            for (int i = 0; i < 400; i++) {
                List<String> m = recvAll(sink);
                String who = m.get(0);
                assertEquals(who.equals("a") ? List.of("a", "" + next.get(who), "end")
                        : List.of("b", "" + next.get(who), "x", "end"), m, "message " + i + " whole and in order");
                next.merge(who, 1, Integer::sum);
            }
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void queueReturnsEachReplyToItsRequester() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.ROUTER);
            Socket back = ctx.socket(SocketType.DEALER);
            String clients = front.bind(ep("clients"));
            String workers = back.bind(ep("workers"));
            Running proxy = new Running(Proxy.builder(front, back).build());
            Socket worker = ctx.socket(SocketType.REP);
            worker.connect(workers);
            List<Socket> reqs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket req = ctx.socket(SocketType.REQ);
                req.connect(clients);
                reqs.add(req);
            }
            for (int i = 0; i < reqs.size(); i++) {
                reqs.get(i).send("client-" + i);
            }
            for (int i = 0; i < reqs.size(); i++) {
                String request = Await.recvString(worker);
                worker.send("reply-to-" + request);
            }
            for (int i = 0; i < reqs.size(); i++) {
                assertEquals("reply-to-client-" + i, Await.recvString(reqs.get(i)));
            }
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void forwarderCarriesSubscriptionsUpAndMatchingMessagesDown() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.XSUB);
            Socket back = ctx.socket(SocketType.XPUB);
            String up = front.bind(ep("up"));
            String down = back.bind(ep("down"));
            Socket publisher = ctx.socket(SocketType.XPUB);
            publisher.connect(up);
            Running proxy = new Running(Proxy.builder(front, back).build());
            Socket sub = ctx.socket(SocketType.SUB);
            sub.connect(down);
            sub.subscribe("weather");
            byte[] subscription = Await.recv(publisher);
            assertEquals(1, subscription[0], "a subscribe message");
            assertEquals("weather", new String(subscription, 1, subscription.length - 1, StandardCharsets.UTF_8));
            publisher.send("sports 1-0");
            publisher.send("weather sunny");
            assertEquals("weather sunny", Await.recvString(sub));
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void captureGetsACopyOfEveryFrameBothWaysWithItsMoreFlag() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.ROUTER);
            Socket back = ctx.socket(SocketType.DEALER);
            Socket cap = ctx.socket(SocketType.PUSH);
            String clients = front.bind(ep("clients"));
            String workers = back.bind(ep("workers"));
            String capEp = cap.bind(ep("capture"));
            Socket tap = ctx.socket(SocketType.PULL);
            tap.connect(capEp);
            Socket client = ctx.socket(SocketType.DEALER);
            client.setOption(Option.ROUTING_ID, "c1".getBytes(StandardCharsets.UTF_8));
            client.connect(clients);
            Socket worker = ctx.socket(SocketType.DEALER);
            worker.connect(workers);
            Await.peers(cap, 1);
            Running proxy = new Running(Proxy.builder(front, back).capture(cap).build());

            Multipart.of("question", "part2").send(client);
            assertEquals(List.of("c1", "question", "part2"), recvAll(worker));
            assertEquals(List.of("c1", "question", "part2"), recvAll(tap), "the request, frame by frame");
            Multipart.of("c1", "answer").send(worker);
            assertEquals(List.of("answer"), recvAll(client));
            assertEquals(List.of("c1", "answer"), recvAll(tap), "the reply, frame by frame");
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void aCaptureWithoutRoomMissesCopiesButNeverHoldsUpTheFlow() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PULL);
            Socket back = ctx.socket(SocketType.PUSH);
            Socket cap = ctx.socket(SocketType.PUSH); // no peer: it can never take a message
            String in = front.bind(ep("in"));
            String out = back.bind(ep("out"));
            Socket sink = ctx.socket(SocketType.PULL);
            sink.connect(out);
            Socket source = ctx.socket(SocketType.PUSH);
            source.connect(in);
            Running proxy = new Running(Proxy.builder(front, back).capture(cap).build());
            for (int i = 0; i < 50; i++) {
                Multipart.of("m" + i, "tail").send(source);
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(List.of("m" + i, "tail"), recvAll(sink));
            }
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void statisticsReportsTheEightCountersInLibzmqOrderAsLittleEndianFrames() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PAIR);
            Socket back = ctx.socket(SocketType.PAIR);
            Socket ctl = ctx.socket(SocketType.REP);
            String feEp = front.bind(ep("fe"));
            String beEp = back.bind(ep("be"));
            String ctlEp = ctl.bind(ep("ctl"));
            Socket client = ctx.socket(SocketType.PAIR);
            client.connect(feEp);
            Socket server = ctx.socket(SocketType.PAIR);
            server.connect(beEp);
            Socket steer = ctx.socket(SocketType.REQ);
            steer.connect(ctlEp);
            Proxy p = Proxy.builder(front, back).control(ctl).build();
            Running proxy = new Running(p);

            client.send("abc");                     // 1 message, 3 bytes
            Multipart.of("de", "fghij").send(client); // 1 message, 7 bytes
            assertEquals(List.of("abc"), recvAll(server));
            assertEquals(List.of("de", "fghij"), recvAll(server));
            server.send("0123456789");              // 1 message, 10 bytes
            assertEquals(List.of("0123456789"), recvAll(client));

            steer.send("STATISTICS");
            List<byte[]> frames = new ArrayList<>();
            do {
                frames.add(Await.recv(steer));
            } while (steer.hasMore());
            assertEquals(8, frames.size());
            long[] expected = {2, 10, 1, 10, 1, 10, 2, 10};
            for (int i = 0; i < 8; i++) {
                assertArrayEquals(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(expected[i]).array(),
                        frames.get(i), "counter " + i + " as 8 little-endian bytes");
            }
            ProxyStatistics s = ProxyStatistics.fromFrames(frames);
            assertEquals(new ProxyStatistics(2, 10, 1, 10, 1, 10, 2, 10), s);
            Await.until("statistics() to catch up", () -> p.statistics().equals(s));

            steer.send("TERMINATE");
            assertEquals("", Await.recvString(steer), "a REP control answers TERMINATE with an empty frame");
            proxy.join();
            assertEquals(s, p.statistics());
        } finally {
            ctx.close();
        }
    }

    @Test
    void pauseStopsTheFlowsWhileControlStillAnswersAndResumeRestartsThem() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PULL);
            Socket back = ctx.socket(SocketType.PUSH);
            Socket ctl = ctx.socket(SocketType.PAIR);
            String in = front.bind(ep("in"));
            String out = back.bind(ep("out"));
            String ctlEp = ctl.bind(ep("ctl"));
            Socket sink = ctx.socket(SocketType.PULL);
            sink.connect(out);
            Socket source = ctx.socket(SocketType.PUSH);
            source.connect(in);
            Socket steer = ctx.socket(SocketType.PAIR);
            steer.connect(ctlEp);
            Running proxy = new Running(Proxy.builder(front, back).control(ctl).build());

            steer.send("PAUSE");
            // A PAIR gets no reply to PAUSE; the STATISTICS reply tells that PAUSE has been handled.
            assertEquals(ProxyStatistics.ZERO, askStatistics(steer));
            source.send("held");
            Await.nothing(sink, Duration.ofMillis(200));
            assertEquals(ProxyStatistics.ZERO, askStatistics(steer), "paused: nothing read, nothing sent");

            steer.send("RESUME");
            assertEquals("held", Await.recvString(sink));
            assertEquals(new ProxyStatistics(1, 4, 0, 0, 0, 0, 1, 4), askStatistics(steer));

            steer.send("TERMINATE");
            proxy.join();
            assertNull(steer.recv(Duration.ofMillis(50)), "a PAIR gets no reply to TERMINATE");
        } finally {
            ctx.close();
        }
    }

    @Test
    void aFullDestinationPushesBackOnTheSenderWithoutLossWhileControlStillAnswers() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PULL);
            Socket back = ctx.socket(SocketType.PUSH);
            Socket ctl = ctx.socket(SocketType.PAIR);
            for (Socket s : List.of(front, back)) {
                s.setOption(Option.SNDHWM, 10);
                s.setOption(Option.RCVHWM, 10);
            }
            String in = front.bind(ep("in"));
            String out = back.bind(ep("out"));
            String ctlEp = ctl.bind(ep("ctl"));
            Socket sink = ctx.socket(SocketType.PULL);
            sink.setOption(Option.RCVHWM, 10);
            sink.connect(out);
            Socket source = ctx.socket(SocketType.PUSH);
            source.setOption(Option.SNDHWM, 10);
            source.setOption(Option.SNDTIMEO, 200);
            source.connect(in);
            Socket steer = ctx.socket(SocketType.PAIR);
            steer.connect(ctlEp);
            Running proxy = new Running(Proxy.builder(front, back).control(ctl).build());

            int sent = 0;
            while (sent < 5_000 && source.send("m" + sent)) {
                sent++;
            }
            assertTrue(sent < 5_000, "the sender must block once the sink stops reading; sent=" + sent);
            assertTrue(sent > 0, "sent=" + sent);
            // The proxy holds one message for the full backend and reads no further; its control
            // socket still answers. (Polled: on a loaded machine the sender may give up before
            // the proxy has filled the backend.)
            Await.until("the proxy to hold one message for the full backend", () -> {
                ProxyStatistics s = askStatistics(steer);
                return s.frontendMessagesIn() == s.backendMessagesOut() + 1;
            });
            for (int i = 0; i < sent; i++) {
                assertEquals("m" + i, Await.recvString(sink), "no loss, in order");
            }
            Await.nothing(sink, Duration.ofMillis(50));
            ProxyStatistics done = askStatistics(steer);
            assertEquals(sent, done.frontendMessagesIn());
            assertEquals(sent, done.backendMessagesOut());
            steer.send("TERMINATE");
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void oneFlowBlockedOnAFullDestinationDoesNotHoldUpTheOtherFlow() throws Exception {
        Context ctx = Context.create();
        try {
            Socket front = ctx.socket(SocketType.PAIR);
            Socket back = ctx.socket(SocketType.PAIR);
            for (Socket s : List.of(front, back)) {
                s.setOption(Option.SNDHWM, 5);
                s.setOption(Option.RCVHWM, 5);
            }
            String feEp = front.bind(ep("fe"));
            String beEp = back.bind(ep("be"));
            Socket client = ctx.socket(SocketType.PAIR);
            client.setOption(Option.SNDHWM, 5);
            client.setOption(Option.SNDTIMEO, 200);
            client.connect(feEp);
            Socket server = ctx.socket(SocketType.PAIR); // reads nothing until the end
            server.setOption(Option.RCVHWM, 5);
            server.connect(beEp);
            Proxy p = Proxy.builder(front, back).build();
            Running proxy = new Running(p);

            int sent = 0;
            while (sent < 5_000 && client.send("request-" + sent)) {
                sent++;
            }
            assertTrue(sent < 5_000, "the request flow must block; sent=" + sent);
            Await.until("the proxy to hold a request for the full backend",
                    () -> {
                        ProxyStatistics s = p.statistics();
                        return s.frontendMessagesIn() == s.backendMessagesOut() + 1;
                    });
            for (int i = 0; i < 3; i++) {
                server.send("reply-" + i);
                assertEquals("reply-" + i, Await.recvString(client), "the reply flow still moves");
            }
            for (int i = 0; i < sent; i++) {
                assertEquals("request-" + i, Await.recvString(server));
            }
            ctx.close();
            proxy.join();
        } finally {
            ctx.close();
        }
    }

    @Test
    void closingTheContextEndsRunNormally() throws Exception {
        Context ctx = Context.create();
        Socket front = ctx.socket(SocketType.PULL);
        Socket back = ctx.socket(SocketType.PUSH);
        Running proxy = new Running(Proxy.builder(front, back).build());
        ctx.close();
        proxy.join();
    }

    @Test
    void aProxyRunsOnceAndTakesEachSocketInOneRoleOnly() throws Exception {
        try (Context ctx = Context.create()) {
            Socket front = ctx.socket(SocketType.PULL);
            Socket back = ctx.socket(SocketType.PUSH);
            Socket ctl = ctx.socket(SocketType.PAIR);
            String ctlEp = ctl.bind(ep("ctl"));
            Socket steer = ctx.socket(SocketType.PAIR);
            steer.connect(ctlEp);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Proxy.builder(front, front).build());
            assertTrue(e.getMessage().contains("frontend and backend"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Proxy.builder(front, back).capture(back).build());

            Proxy p = Proxy.builder(front, back).control(ctl).build();
            steer.send("TERMINATE");
            p.run();
            assertThrows(IllegalStateException.class, p::run);
            assertNotNull(p.statistics());
        }
    }
}
