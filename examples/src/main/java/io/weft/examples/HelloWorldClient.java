package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The REQ side of the classic hello world: sends "Hello", waits for the reply, and again.
 *
 * <p>{@code main [endpoint] [requests]}: connects to {@code endpoint} (default
 * {@value HelloWorldServer#DEFAULT_ENDPOINT}) and sends {@code requests} requests (default 10).
 * With an {@code inproc://} endpoint the server runs in this process too.
 */
public final class HelloWorldClient {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private HelloWorldClient() {
    }

    /**
     * Connects a REQ socket to {@code endpoint} and makes {@code requests} round trips, waiting at
     * most {@code timeout} for each reply. Returns the replies.
     *
     * @throws ExampleFailure if a reply does not come in time
     */
    public static List<String> request(Context ctx, String endpoint, int requests, Duration timeout) {
        List<String> replies = new ArrayList<>();
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(endpoint);
            for (int i = 1; i <= requests; i++) {
                req.send("Hello");
                replies.add(Deadlines.recvString(req, timeout, "reply " + i + " of " + requests));
            }
        }
        return replies;
    }

    public static void main(String[] args) {
        String endpoint = Args.string(args, 0, HelloWorldServer.DEFAULT_ENDPOINT);
        int requests = Args.count(args, 1, 10);
        if (Args.isInproc(endpoint)) {
            System.out.println("got: " + InProcess.helloWorld(endpoint, requests, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println("got: " + request(ctx, endpoint, requests, PATIENCE));
        }
    }
}
