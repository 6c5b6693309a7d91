package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Msg;
import io.weft.spi.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributorTest {
    /**
     * A pipe with a message HWM that keeps what it is sent: frames become "delivered" at flush,
     * whole messages only. Like a real pipe, it refuses only the first frame of a message at its
     * HWM, and then stays refusing until the test drains it and activates it.
     */
    static final class TestPipe implements Pipe {
        final String name;
        final int hwm;
        final List<String> delivered = new ArrayList<>();
        private final List<String> unflushed = new ArrayList<>();
        private int queued;
        private boolean midMessage;
        private boolean writable = true;
        boolean closed;
        private Object attachment;

        TestPipe(String name, int hwm) {
            this.name = name;
            this.hwm = hwm;
        }

        @Override
        public boolean checkRead() {
            return false;
        }

        @Override
        public boolean read(Msg into) {
            return false;
        }

        @Override
        public boolean checkWrite() {
            if (closed || !writable) {
                return false;
            }
            if (hwm > 0 && queued >= hwm) {
                writable = false;
                return false;
            }
            return true;
        }

        @Override
        public boolean write(Msg msg) {
            if (closed || (!midMessage && !checkWrite())) {
                return false;
            }
            unflushed.add(new String(msg.data(), StandardCharsets.UTF_8) + (msg.hasMore() ? "+" : ""));
            midMessage = msg.hasMore();
            if (!midMessage) {
                queued++;
            }
            return true;
        }

        @Override
        public void rollback() {
            unflushed.clear();
        }

        @Override
        public void flush() {
            if (!midMessage) {
                delivered.addAll(unflushed);
                unflushed.clear();
            }
        }

        /** The reader takes everything; true if the writer must now be activated. */
        boolean drain() {
            queued = 0;
            boolean activate = !writable;
            writable = true;
            return activate;
        }

        @Override
        public byte[] routingId() {
            return null;
        }

        @Override
        public void routingId(byte[] id) {
        }

        @Override
        public byte[] peerRoutingId() {
            return null;
        }

        @Override
        public void terminate(boolean delay) {
            closed = true;
        }

        @Override
        public Object attachment() {
            return attachment;
        }

        @Override
        public void attachment(Object state) {
            attachment = state;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Msg frame(String s, boolean more) {
        return new Msg(s).more(more);
    }

    @Test
    void sendToAllReachesEveryPipe() {
        Distributor d = new Distributor();
        TestPipe a = new TestPipe("a", 0);
        TestPipe b = new TestPipe("b", 0);
        d.attach(a);
        d.attach(b);
        d.sendToAll(frame("m1", true));
        d.sendToAll(frame("m2", false));
        assertEquals(List.of("m1+", "m2"), a.delivered);
        assertEquals(List.of("m1+", "m2"), b.delivered);
    }

    @Test
    void aPipeAtItsHwmMissesTheMessageAndTheOthersStillGetIt() {
        Distributor d = new Distributor();
        TestPipe slow = new TestPipe("slow", 2);
        TestPipe fast = new TestPipe("fast", 0);
        d.attach(slow);
        d.attach(fast);
        for (int i = 0; i < 5; i++) {
            d.sendToAll(frame("m" + i, false));
        }
        assertEquals(List.of("m0", "m1"), slow.delivered);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), fast.delivered);
        assertTrue(slow.drain());
        d.activated(slow);
        d.sendToAll(frame("m5", false));
        assertEquals(List.of("m0", "m1", "m5"), slow.delivered);
    }

    @Test
    void aStartedMultipartMessageIsFinishedEvenPastTheHwm() {
        Distributor d = new Distributor();
        TestPipe p = new TestPipe("p", 1);
        d.attach(p);
        d.sendToAll(frame("a", true));
        d.sendToAll(frame("b", true));
        d.sendToAll(frame("c", false));
        d.sendToAll(frame("x", true));
        d.sendToAll(frame("y", false));
        assertEquals(List.of("a+", "b+", "c"), p.delivered, "the second message is dropped whole");
    }

    @Test
    void aPipeThatJoinsMidMessageStartsWithTheNextMessage() {
        Distributor d = new Distributor();
        TestPipe first = new TestPipe("first", 0);
        TestPipe late = new TestPipe("late", 0);
        d.attach(first);
        d.sendToAll(frame("a", true));
        d.attach(late);
        d.sendToAll(frame("b", false));
        d.sendToAll(frame("next", false));
        assertEquals(List.of("a+", "b", "next"), first.delivered);
        assertEquals(List.of("next"), late.delivered);
    }

    @Test
    void aPipeActivatedMidMessageStartsWithTheNextMessage() {
        Distributor d = new Distributor();
        TestPipe p = new TestPipe("p", 1);
        d.attach(p);
        d.sendToAll(frame("m0", false));
        d.sendToAll(frame("lost", false));
        d.sendToAll(frame("a", true));
        assertTrue(p.drain());
        d.activated(p);
        d.sendToAll(frame("b", false));
        d.sendToAll(frame("next", false));
        assertEquals(List.of("m0", "next"), p.delivered);
    }

    @Test
    void onlyMatchedPipesGetTheMessageAndReverseMatchSwapsTheChoice() {
        Distributor d = new Distributor();
        TestPipe a = new TestPipe("a", 0);
        TestPipe b = new TestPipe("b", 0);
        TestPipe c = new TestPipe("c", 0);
        d.attach(a);
        d.attach(b);
        d.attach(c);
        d.match(b);
        d.match(b);
        d.sendToMatching(frame("to-b", false));
        d.unmatch();
        d.match(a);
        d.reverseMatch();
        d.sendToMatching(frame("not-a", false));
        d.unmatch();
        d.sendToMatching(frame("nobody", false));
        assertEquals(List.of(), a.delivered);
        assertEquals(List.of("to-b", "not-a"), b.delivered);
        assertEquals(List.of("not-a"), c.delivered);
    }

    @Test
    void aPipeAtItsHwmCannotBeMatched() {
        Distributor d = new Distributor();
        TestPipe p = new TestPipe("p", 1);
        TestPipe q = new TestPipe("q", 0);
        d.attach(p);
        d.attach(q);
        d.sendToAll(frame("m0", false));
        d.sendToAll(frame("m1", false));
        d.match(p);
        d.match(q);
        d.sendToMatching(frame("m2", false));
        d.unmatch();
        assertEquals(List.of("m0"), p.delivered);
        assertEquals(List.of("m0", "m1", "m2"), q.delivered);
    }

    @Test
    void aPipeThatGoesMidMessageDoesNotDisturbTheOthers() {
        Distributor d = new Distributor();
        TestPipe a = new TestPipe("a", 0);
        TestPipe b = new TestPipe("b", 0);
        TestPipe c = new TestPipe("c", 0);
        d.attach(a);
        d.attach(b);
        d.attach(c);
        d.sendToAll(frame("x", true));
        d.terminated(b);
        assertEquals(null, b.attachment());
        d.sendToAll(frame("y", false));
        assertEquals(List.of("x+", "y"), a.delivered);
        assertEquals(List.of("x+", "y"), c.delivered);
        assertEquals(2, d.size());
        assertFalse(d.inMessage());
    }

    @Test
    void aClosingPipeThatRefusesALaterFrameIsDroppedFromTheMessage() {
        Distributor d = new Distributor();
        TestPipe a = new TestPipe("a", 0);
        TestPipe b = new TestPipe("b", 0);
        d.attach(a);
        d.attach(b);
        d.sendToAll(frame("x", true));
        b.closed = true;
        d.sendToAll(frame("y", false));
        d.sendToAll(frame("z", false));
        assertEquals(List.of("x+", "y", "z"), a.delivered);
        assertEquals(List.of(), b.delivered);
    }

    @Test
    void withoutPipesMessagesAreDropped() {
        Distributor d = new Distributor();
        d.sendToAll(frame("x", true));
        d.sendToAll(frame("y", false));
        assertFalse(d.inMessage());
    }

    /**
     * Random attaches, departures, activations and multipart sends: every pipe gets whole
     * messages in order, and a pipe that never fills gets every message that started after it
     * joined and before it left.
     */
    @Test
    void randomTrafficKeepsMessagesWholeAndUnboundedPipesComplete() {
        for (long seed = 1; seed <= 50; seed++) {
            Random rnd = new Random(seed);
            Distributor d = new Distributor();
            List<TestPipe> live = new ArrayList<>();
            List<TestPipe> all = new ArrayList<>();
            List<int[]> spans = new ArrayList<>(); // per pipe in all: first message it may get, first it may not
            int message = 0;
            int frame = 0;
            int frames = 1;
            for (int step = 0; step < 2000; step++) {
                int op = rnd.nextInt(10);
                if (op == 0 && live.size() < 8) {
                    TestPipe p = new TestPipe("p" + all.size(), rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(3));
                    d.attach(p);
                    live.add(p);
                    all.add(p);
                    spans.add(new int[] {frame == 0 ? message : message + 1, Integer.MAX_VALUE});
                } else if (op == 1 && !live.isEmpty()) {
                    TestPipe p = live.remove(rnd.nextInt(live.size()));
                    d.terminated(p);
                    spans.get(all.indexOf(p))[1] = message; // a message in progress is cut: never flushed
                } else if (op == 2 && !live.isEmpty()) {
                    TestPipe p = live.get(rnd.nextInt(live.size()));
                    if (p.drain()) {
                        d.activated(p);
                    }
                } else {
                    if (frame == 0) {
                        frames = 1 + rnd.nextInt(3);
                    }
                    boolean more = frame < frames - 1;
                    d.sendToAll(frame(message + "." + frame, more));
                    if (more) {
                        frame++;
                    } else {
                        frame = 0;
                        message++;
                    }
                }
            }
            for (int i = 0; i < all.size(); i++) {
                TestPipe p = all.get(i);
                int last = -1;
                List<Integer> got = new ArrayList<>();
                for (int k = 0; k < p.delivered.size(); k++) {
                    String f = p.delivered.get(k);
                    int n = Integer.parseInt(f.substring(0, f.indexOf('.')));
                    int part = Integer.parseInt(f.substring(f.indexOf('.') + 1).replace("+", ""));
                    if (part == 0) {
                        assertTrue(n > last, "seed " + seed + " " + p + ": in order");
                        last = n;
                        got.add(n);
                    } else {
                        assertEquals(last, n, "seed " + seed + " " + p + ": frames of one message together");
                    }
                    boolean lastFrame = !f.endsWith("+");
                    if (k == p.delivered.size() - 1) {
                        assertTrue(lastFrame, "seed " + seed + " " + p + ": ends with a whole message");
                    }
                }
                int[] span = spans.get(i);
                for (int n : got) {
                    assertTrue(n >= span[0] && n < span[1], "seed " + seed + " " + p + ": message " + n
                            + " outside its membership " + span[0] + ".." + span[1]);
                }
                if (p.hwm == 0) {
                    int to = Math.min(span[1], message);
                    List<Integer> expected = new ArrayList<>();
                    for (int n = span[0]; n < to; n++) {
                        expected.add(n);
                    }
                    assertEquals(expected, got, "seed " + seed + " " + p + ": an unbounded pipe misses nothing");
                }
            }
        }
    }
}
