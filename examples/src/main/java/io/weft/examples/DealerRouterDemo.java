package io.weft.examples;

import io.weft.Context;
import io.weft.HostUnreachableException;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DEALER/ROUTER (RFC 28): a ROUTER prefixes each message it receives with the routing id of the
 * peer it came from, and sends a message to the peer named by its first frame. Two DEALERs name
 * themselves with {@link Option#ROUTING_ID}; with {@link Option#ROUTER_MANDATORY} a message to an
 * unknown id fails instead of vanishing.
 */
public final class DealerRouterDemo {
    /** The routing ids the ROUTER saw, the reply each DEALER got, and the unroutable send's error. */
    public record Result(List<String> routerSaw, Map<String, String> dealerGot, String unroutableError)
            implements Demo.Report {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            routerSaw.forEach(m -> lines.add("ROUTER received " + m));
            dealerGot.forEach((dealer, reply) -> lines.add("DEALER " + dealer + " received '" + reply + "'"));
            lines.add("ROUTER sending to unknown id 'carol' (ROUTER_MANDATORY): " + unroutableError);
            return lines;
        }
    }

    private DealerRouterDemo() {
    }

    /**
     * Two DEALERs greet a ROUTER, which answers each by routing id, all on this thread.
     *
     * @throws ExampleFailure if a wait times out, a reply went to the wrong DEALER, or the
     *     unroutable message was accepted
     */
    public static Result run(Duration timeout) {
        try (Context ctx = Context.create();
                Socket router = ctx.socket(SocketType.ROUTER);
                Socket alice = ctx.socket(SocketType.DEALER);
                Socket bob = ctx.socket(SocketType.DEALER)) {
            router.setOption(Option.ROUTER_MANDATORY, true);
            router.setOption(Option.RCVTIMEO, (int) timeout.toMillis());
            String endpoint = router.bind("inproc://demo-router");
            // A routing id is announced when connecting: set it first.
            alice.setOption(Option.ROUTING_ID, bytes("alice"));
            bob.setOption(Option.ROUTING_ID, bytes("bob"));
            alice.connect(endpoint);
            bob.connect(endpoint);

            alice.send("hi, I am alice");
            bob.send("hi, I am bob");
            List<String> routerSaw = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                Multipart request = Multipart.recv(router); // waits up to RCVTIMEO
                Deadlines.check(request != null, "timed out after " + timeout.toMillis()
                        + " ms waiting for greeting " + i + " at the ROUTER");
                Deadlines.check(request.size() == 2, "expected [routing id | body] at the ROUTER, got " + request);
                routerSaw.add(request.toString());
                String id = request.getString(0);
                // Reply by putting the routing id in front of the body.
                Multipart.of(id, "welcome, " + id).send(router);
            }

            Map<String, String> dealerGot = new TreeMap<>();
            dealerGot.put("alice", Deadlines.recvString(alice, timeout, "alice's reply"));
            dealerGot.put("bob", Deadlines.recvString(bob, timeout, "bob's reply"));
            Deadlines.check(dealerGot.equals(Map.of("alice", "welcome, alice", "bob", "welcome, bob")),
                    "replies went to the wrong DEALER: " + dealerGot);

            String unroutableError;
            try {
                router.sendMore("carol");
                router.send("anyone there?");
                throw new ExampleFailure("a ROUTER with ROUTER_MANDATORY accepted a message for an unknown routing id");
            } catch (HostUnreachableException expected) {
                unroutableError = expected.getClass().getSimpleName();
            }
            return new Result(routerSaw, dealerGot, unroutableError);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
