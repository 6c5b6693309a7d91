package io.weft.examples;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The PUB side of the classic weather example: publishes "zipcode temperature humidity" updates
 * for random zip codes from {@value #FIRST_ZIP} to {@value #LAST_ZIP}. A PUB never waits for slow
 * subscribers: past their high-water mark, their updates are dropped.
 *
 * <p>{@code main [endpoint] [updates]}: binds {@code endpoint} (default {@value #DEFAULT_ENDPOINT})
 * and publishes {@code updates} updates (default 1,000,000). With an {@code inproc://} endpoint a
 * {@link WeatherClient} runs in this process too, and publishing stops once it has its updates.
 */
public final class WeatherServer {
    public static final String DEFAULT_ENDPOINT = "inproc://weather";
    public static final int FIRST_ZIP = 10000;
    public static final int LAST_ZIP = 10099;

    private WeatherServer() {
    }

    /**
     * Binds a PUB socket to {@code endpoint} and publishes until {@code maxUpdates} updates have
     * gone out or {@code stop} says so. Returns how many were published.
     */
    public static long publish(Context ctx, String endpoint, long maxUpdates, BooleanSupplier stop) {
        SplittableRandom random = new SplittableRandom();
        try (Socket pub = ctx.socket(SocketType.PUB)) {
            pub.bind(endpoint);
            long n = 0;
            while (n < maxUpdates && !stop.getAsBoolean()) {
                int zip = random.nextInt(FIRST_ZIP, LAST_ZIP + 1);
                int temperature = random.nextInt(-80, 135);
                int humidity = random.nextInt(10, 60);
                pub.send(zip + " " + temperature + " " + humidity);
                n++;
            }
            return n;
        }
    }

    public static void main(String[] args) {
        String endpoint = Args.string(args, 0, DEFAULT_ENDPOINT);
        int updates = Args.count(args, 1, 1_000_000);
        if (Args.isInproc(endpoint)) {
            System.out.println(InProcess.weather(endpoint, WeatherClient.DEFAULT_ZIP, 20, InProcess.TIMEOUT));
            return;
        }
        try (Context ctx = Context.create()) {
            System.out.println("published " + publish(ctx, endpoint, updates, () -> false) + " updates on " + endpoint);
        }
    }
}
