package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * XPUB/XSUB (RFC 29): an XPUB receives its subscribers' subscriptions as messages ({@code 0x01}
 * + prefix to subscribe, {@code 0x00} + prefix to cancel); an XSUB subscribes by sending such a
 * message. The pair is what a proxy between publishers and subscribers is built from.
 */
public final class XPubXSubDemo {
    /** The subscription messages the XPUB read, and what each subscriber received. */
    public record Result(List<String> xpubSaw, List<String> xsubGot, List<String> subGot) implements Demo.Report {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            xpubSaw.forEach(event -> lines.add("XPUB received " + event));
            lines.add("XSUB (subscribed to 'A') got " + xsubGot);
            lines.add("SUB  (subscribed to 'B') got " + subGot);
            return lines;
        }
    }

    private XPubXSubDemo() {
    }

    /**
     * An XSUB and a SUB subscribe to an XPUB, which reads their subscriptions, publishes, and
     * reads the SUB's cancellation. All on this thread.
     *
     * @throws ExampleFailure if a wait times out or a message is wrong
     */
    public static Result run(Duration timeout) {
        try (Context ctx = Context.create();
                Socket xpub = ctx.socket(SocketType.XPUB);
                Socket xsub = ctx.socket(SocketType.XSUB);
                Socket sub = ctx.socket(SocketType.SUB)) {
            String endpoint = xpub.bind("inproc://demo-xpub");
            xsub.connect(endpoint);
            xsub.send(new byte[] {1, 'A'}); // an XSUB subscribes with a message
            sub.connect(endpoint);
            sub.subscribe("B"); // a SUB sends the same message for us

            List<String> xpubSaw = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                xpubSaw.add(describe(Deadlines.recv(xpub, timeout, "subscription " + i + " at the XPUB")));
            }
            Deadlines.check(xpubSaw.containsAll(List.of("subscribe 'A'", "subscribe 'B'")),
                    "the XPUB read " + xpubSaw + " (expected: subscribe 'A' and subscribe 'B')");

            xpub.send("A: for the XSUB");
            xpub.send("B: for the SUB");
            xpub.send("C: for nobody");
            List<String> xsubGot = List.of(Deadlines.recvString(xsub, timeout, "the 'A' message at the XSUB"));
            List<String> subGot = List.of(Deadlines.recvString(sub, timeout, "the 'B' message at the SUB"));
            Deadlines.check(xsubGot.equals(List.of("A: for the XSUB")) && xsub.tryRecv() == null,
                    "the XSUB got " + xsubGot + " (expected only 'A: for the XSUB')");
            Deadlines.check(subGot.equals(List.of("B: for the SUB")) && sub.tryRecv() == null,
                    "the SUB got " + subGot + " (expected only 'B: for the SUB')");

            sub.unsubscribe("B"); // the last subscriber of 'B' leaves: the XPUB is told
            String cancel = describe(Deadlines.recv(xpub, timeout, "the cancellation of 'B' at the XPUB"));
            Deadlines.check(cancel.equals("unsubscribe 'B'"), "the XPUB read " + cancel + " (expected: unsubscribe 'B')");
            xpubSaw.add(cancel);
            return new Result(xpubSaw, xsubGot, subGot);
        }
    }

    private static String describe(byte[] subscription) {
        if (subscription.length == 0 || (subscription[0] != 0 && subscription[0] != 1)) {
            return "a message that is not a subscription: " + new String(subscription, StandardCharsets.UTF_8);
        }
        String prefix = new String(subscription, 1, subscription.length - 1, StandardCharsets.UTF_8);
        return (subscription[0] == 1 ? "subscribe '" : "unsubscribe '") + prefix + "'";
    }
}
