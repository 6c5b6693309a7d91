package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;

/**
 * The REP side of the classic hello world: answers each "Hello" with "World".
 *
 * <p>{@code main [endpoint] [requests]}: binds {@code endpoint} (default {@value #DEFAULT_ENDPOINT})
 * and answers {@code requests} requests (default 10). Inproc peers must share a context, so with an
 * {@code inproc://} endpoint the client runs in this process too; with a network endpoint, start
 * {@link HelloWorldClient} elsewhere.
 */
public final class HelloWorldServer {
    public static final String DEFAULT_ENDPOINT = "inproc://hello-world";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private HelloWorldServer() {
    }

    /**
     * Binds a REP socket to {@code endpoint} and answers {@code requests} requests, waiting at most
     * {@code timeout} for each. Returns how many it answered.
     *
     * @throws ExampleFailure if a request does not come in time, or is not "Hello"
     */
    public static int serve(Context ctx, String endpoint, int requests, Duration timeout) {
        try (Socket rep = ctx.socket(SocketType.REP)) {
            rep.bind(endpoint);
            for (int i = 1; i <= requests; i++) {
                String request = Deadlines.recvString(rep, timeout, "request " + i + " of " + requests);
                Deadlines.check(request.equals("Hello"), "request " + i + " was '" + request + "' (expected: Hello)");
                rep.send("World");
            }
            return requests;
        }
    }

    public static void main(String[] args) {
        String endpoint = Args.string(args, 0, DEFAULT_ENDPOINT);
        int requests = Args.count(args, 1, 10);
        if (Args.isInproc(endpoint)) {
            System.out.println("client got: " + InProcess.helloWorld(endpoint, requests, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println("answered " + serve(ctx, endpoint, requests, PATIENCE) + " requests on " + endpoint);
        }
    }
}
