package io.weft.examples;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PAIR (RFC 31): two sockets joined one-to-one, both ways. Shows a two-frame message arriving
 * whole (with {@link Socket#hasMore()} between the frames), and the zero-copy {@link Msg} path:
 * over inproc the receiver holds the very array the sender handed over.
 */
public final class PairDemo {
    /** The frames B received with their MORE flags, the reply A received, and whether it was the sent array. */
    public record Result(List<String> framesAtB, List<Boolean> moreAtB, String replyAtA, boolean sameArray)
            implements Demo.Report {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < framesAtB.size(); i++) {
                lines.add("B received frame '" + framesAtB.get(i) + "', hasMore=" + moreAtB.get(i));
            }
            lines.add("A received '" + replyAtA + "' in a Msg; the very array B sent (no copy): " + sameArray);
            return lines;
        }
    }

    private PairDemo() {
    }

    /**
     * A sends B a two-frame message; B answers with a {@link Msg}. All on this thread.
     *
     * @throws ExampleFailure if a wait times out or a frame is wrong
     */
    public static Result run(Duration timeout) {
        try (Context ctx = Context.create();
                Socket a = ctx.socket(SocketType.PAIR);
                Socket b = ctx.socket(SocketType.PAIR)) {
            b.connect(a.bind("inproc://demo-pair"));

            a.sendMore("ping");
            a.send("#1");
            List<String> frames = new ArrayList<>();
            List<Boolean> more = new ArrayList<>();
            do {
                frames.add(Deadlines.recvString(b, timeout, "frame " + (frames.size() + 1) + " at B"));
                more.add(b.hasMore());
            } while (b.hasMore());
            Deadlines.check(frames.equals(List.of("ping", "#1")), "B got " + frames + " (expected: [ping, #1])");

            Msg pong = new Msg("pong");
            byte[] sent = pong.data();
            b.send(pong); // hands the array over: B must not touch it any more
            a.setOption(Option.RCVTIMEO, (int) timeout.toMillis());
            Msg into = new Msg();
            Deadlines.check(a.recv(into), "timed out after " + timeout.toMillis() + " ms waiting for the reply at A");
            Deadlines.check(into.text().equals("pong") && !into.hasMore(), "A got " + into + " (expected: pong)");
            return new Result(frames, more, into.text(), into.data() == sent);
        }
    }
}
