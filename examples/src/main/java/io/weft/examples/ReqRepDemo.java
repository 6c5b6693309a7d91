package io.weft.examples;

import io.weft.Context;
import io.weft.IllegalSocketStateException;
import io.weft.Poller;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REQ/REP (RFC 28): a REQ connected to two REPs sends its requests round-robin and must read each
 * reply before its next request. A {@link Poller} finds which REP has the request.
 */
public final class ReqRepDemo {
    /** The exchanges, how many requests each REP served, and the error a second send got. */
    public record Result(List<String> exchanges, Map<String, Integer> servedBy, String lockStepError)
            implements Demo.Report {
        @Override
        public List<String> lines() {
            List<String> lines = new ArrayList<>(exchanges);
            lines.add("requests served: " + servedBy);
            lines.add("a second send before the reply is refused: " + lockStepError);
            return lines;
        }
    }

    private ReqRepDemo() {
    }

    /**
     * Sends four requests from one REQ to two REPs, then shows the lock-step rule, all on this thread.
     *
     * @throws ExampleFailure if a wait times out, the requests were not shared round-robin, or a
     *     second send was accepted
     */
    public static Result run(Duration timeout) {
        try (Context ctx = Context.create();
                Socket alpha = ctx.socket(SocketType.REP);
                Socket beta = ctx.socket(SocketType.REP);
                Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(alpha.bind("inproc://demo-rep-alpha"));
            req.connect(beta.bind("inproc://demo-rep-beta"));
            Map<Socket, String> names = Map.of(alpha, "alpha", beta, "beta");
            Poller poller = new Poller();
            poller.register(alpha, Poller.IN);
            poller.register(beta, Poller.IN);

            List<String> exchanges = new ArrayList<>();
            Map<String, Integer> servedBy = new LinkedHashMap<>(Map.of("alpha", 0, "beta", 0));
            for (int i = 1; i <= 4; i++) {
                req.send("request " + i);
                String served = serveOne(poller, names, timeout, "request " + i);
                servedBy.merge(served, 1, Integer::sum);
                exchanges.add("request " + i + " -> " + Deadlines.recvString(req, timeout, "reply " + i));
            }
            Deadlines.check(servedBy.get("alpha") == 2 && servedBy.get("beta") == 2,
                    "requests were not round-robined over the two REPs (expected: 2 each): " + servedBy);

            req.send("request 5");
            String lockStepError;
            try {
                req.send("request 6, too early");
                throw new ExampleFailure("a REQ accepted a second request before reading the reply to the first");
            } catch (IllegalSocketStateException expected) {
                lockStepError = expected.getClass().getSimpleName();
            }
            serveOne(poller, names, timeout, "request 5");
            Deadlines.recvString(req, timeout, "reply 5");
            return new Result(exchanges, servedBy, lockStepError);
        }
    }

    /** Waits for a REP with a request, answers it, and returns that REP's name. */
    private static String serveOne(Poller poller, Map<Socket, String> names, Duration timeout, String what) {
        Deadlines.check(poller.poll(timeout) > 0, "timed out after " + timeout.toMillis() + " ms waiting for a REP to get "
                + what);
        Socket rep = poller.isReadable(0) ? poller.socket(0) : poller.socket(1);
        String request = Deadlines.recvString(rep, timeout, what + " at " + names.get(rep));
        rep.send("reply to " + request + " from " + names.get(rep));
        return names.get(rep);
    }
}
