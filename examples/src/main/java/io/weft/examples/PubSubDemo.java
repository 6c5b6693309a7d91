package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PUB/SUB (RFC 29): a publisher fans each message out to every subscriber whose subscription is a
 * prefix of it; one subscriber takes only weather, the other (empty prefix) takes everything.
 */
public final class PubSubDemo {
    static final List<String> PUBLISHED = List.of("weather.paris 12C", "news.local fair opens today",
            "weather.oslo -3C");

    /** What each subscriber received. */
    public record Result(List<String> weatherSubscriber, List<String> everythingSubscriber) implements Demo.Report {
        @Override
        public List<String> lines() {
            return List.of("published:                  " + String.join(" | ", PUBLISHED),
                    "SUB subscribed to 'weather.' got " + String.join(" | ", weatherSubscriber),
                    "SUB subscribed to ''         got " + String.join(" | ", everythingSubscriber));
        }
    }

    private PubSubDemo() {
    }

    /**
     * Publishes three messages to two subscribers, all on this thread.
     *
     * @throws ExampleFailure if a wait times out or a subscriber got the wrong messages
     */
    public static Result run(Duration timeout) {
        try (Context ctx = Context.create();
                Socket pub = ctx.socket(SocketType.PUB);
                Socket weather = ctx.socket(SocketType.SUB);
                Socket everything = ctx.socket(SocketType.SUB)) {
            String endpoint = pub.bind("inproc://demo-news");
            weather.connect(endpoint);
            weather.subscribe("weather.");
            everything.connect(endpoint);
            everything.subscribe("");

            // The subscriptions travel to the PUB inside the new pipes; it takes them in with the
            // pipes, at its next call, so nothing below is published before they are known. Over
            // a network, a subscriber misses what is published before its subscription arrives.
            for (String message : PUBLISHED) {
                pub.send(message);
            }

            List<String> weatherGot = receive(weather, 2, timeout, "the 'weather.' subscriber");
            List<String> everythingGot = receive(everything, PUBLISHED.size(), timeout, "the '' subscriber");
            Deadlines.check(weatherGot.equals(List.of(PUBLISHED.get(0), PUBLISHED.get(2))),
                    "the 'weather.' subscriber got " + weatherGot + " (expected: the two weather messages)");
            Deadlines.check(weather.tryRecv() == null, "the 'weather.' subscriber got a message that does not match");
            Deadlines.check(everythingGot.equals(PUBLISHED),
                    "the '' subscriber got " + everythingGot + " (expected: " + PUBLISHED + ")");
            return new Result(weatherGot, everythingGot);
        }
    }

    private static List<String> receive(Socket sub, int count, Duration timeout, String who) {
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            got.add(Deadlines.recvString(sub, timeout, "message " + i + " of " + count + " at " + who));
        }
        return got;
    }
}
