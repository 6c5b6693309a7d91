package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SUB side of the classic weather example: subscribes to one zip code and averages the
 * temperature over a number of updates. The filtering happens at the publisher: updates for other
 * zip codes never reach this socket.
 *
 * <p>{@code main [endpoint] [zip] [updates]}: connects to {@code endpoint} (default
 * {@value WeatherServer#DEFAULT_ENDPOINT}) and reads {@code updates} updates (default 20) for
 * {@code zip} (default {@value #DEFAULT_ZIP}). With an {@code inproc://} endpoint the server runs
 * in this process too.
 */
public final class WeatherClient {
    public static final String DEFAULT_ZIP = "10001";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The updates received for one zip code. */
    public record Forecast(String zip, List<String> updates) {
        public double averageTemperature() {
            return updates.stream().mapToInt(u -> Integer.parseInt(u.split(" ")[1])).average().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return String.format("average temperature for zip code %s over %d updates: %.1f F", zip, updates.size(),
                    averageTemperature());
        }
    }

    private WeatherClient() {
    }

    /**
     * Connects a SUB socket to {@code endpoint}, subscribes to {@code zip}, and receives
     * {@code updates} updates, waiting at most {@code timeout} for each.
     *
     * @throws ExampleFailure if an update does not come in time or is for another zip code
     */
    public static Forecast listen(Context ctx, String endpoint, String zip, int updates, Duration timeout) {
        List<String> got = new ArrayList<>();
        try (Socket sub = ctx.socket(SocketType.SUB)) {
            sub.connect(endpoint);
            // The trailing space makes "1000" not match "10001".
            sub.subscribe(zip + " ");
            for (int i = 1; i <= updates; i++) {
                String update = Deadlines.recvString(sub, timeout, "update " + i + " of " + updates + " for " + zip);
                Deadlines.check(update.startsWith(zip + " "), "got '" + update + "' (expected: an update for " + zip + ")");
                got.add(update);
            }
        }
        return new Forecast(zip, got);
    }

    public static void main(String[] args) {
        String endpoint = Args.string(args, 0, WeatherServer.DEFAULT_ENDPOINT);
        String zip = Args.string(args, 1, DEFAULT_ZIP);
        int updates = Args.count(args, 2, 20);
        if (Args.isInproc(endpoint)) {
            System.out.println(InProcess.weather(endpoint, zip, updates, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println(listen(ctx, endpoint, zip, updates, PATIENCE));
        }
    }
}
