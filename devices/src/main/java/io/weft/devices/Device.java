package io.weft.devices;

import io.weft.AddressInUseException;
import io.weft.Context;
import io.weft.Option;
import io.weft.Proxy;
import io.weft.ProxyStatistics;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.WeftException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running device: its context, its sockets (bound or connected), and the {@link Proxy} between
 * them. {@link #open} sets everything up or fails with one line; {@link #run} moves messages on
 * the calling thread until TERMINATE arrives on the control socket or {@link #stop()} is called,
 * then prints the totals and closes everything.
 *
 * <p>The proxy thread owns the sockets. Other threads touch the device only through
 * {@link #stop()} (which sends TERMINATE from a socket of its own over inproc, to the control
 * socket: a REP bound on {@value #STOP_ENDPOINT} and, with {@code --control}, on the user's
 * endpoint too) and through {@link Proxy#statistics()} (a lock-free snapshot), which the
 * {@code --stats-interval} reporter reads from its own thread.
 */
final class Device {
    /** The control socket's inproc endpoint (one context per device, so one name suffices). */
    static final String STOP_ENDPOINT = "inproc://weft-device-control";
    /** How long sockets may keep flushing what they hold when the device stops. */
    private static final int LINGER_MILLIS = 1000;

    private final DeviceKind kind;
    private final DeviceOptions options;
    private final Context ctx;
    private final Proxy proxy;
    private final String description;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode = -1;

    private Device(DeviceKind kind, DeviceOptions options, Context ctx, Proxy proxy, String description) {
        this.kind = kind;
        this.options = options;
        this.ctx = ctx;
        this.proxy = proxy;
        this.description = description;
    }

    /**
     * Creates the sockets and binds or connects each as asked.
     *
     * @throws DeviceException naming the side and endpoint that failed, and why
     */
    static Device open(DeviceKind kind, DeviceOptions o) throws DeviceException {
        Context ctx = Context.create(o.ioThreads);
        try {
            List<String> said = new ArrayList<>();
            Socket frontend = side(ctx, kind.frontend(), o.hwm);
            Socket backend = side(ctx, kind.backend(), o.hwm);
            said.add(attach(frontend, "frontend", o.frontend));
            said.add(attach(backend, "backend", o.backend));
            Socket capture = null;
            if (o.capture != null) {
                capture = side(ctx, SocketType.PUB, null);
                said.add(attach(capture, "capture", o.capture));
            }
            Socket control = side(ctx, SocketType.REP, null);
            control.bind(STOP_ENDPOINT);
            if (o.control != null) {
                said.add(attach(control, "control", o.control));
            }
            Proxy proxy = Proxy.builder(frontend, backend).capture(capture).control(control).build();
            return new Device(kind, o, ctx, proxy, String.join(", ", said));
        } catch (DeviceException | RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    private static Socket side(Context ctx, SocketType type, Integer hwm) {
        Socket s = ctx.socket(type);
        s.setOption(Option.LINGER, LINGER_MILLIS);
        if (hwm != null) {
            s.setOption(Option.SNDHWM, hwm);
            s.setOption(Option.RCVHWM, hwm);
        }
        return s;
    }

    /** Binds or connects; returns what to say about it, e.g. {@code frontend ROUTER bound tcp://0.0.0.0:5555}. */
    private static String attach(Socket s, String role, EndpointSpec spec) throws DeviceException {
        String verb = spec.connect() ? "connect" : "bind";
        try {
            if (spec.connect()) {
                s.connect(spec.endpoint());
                return role + " " + s.type() + " connected to " + spec.endpoint();
            }
            return role + " " + s.type() + " bound " + s.bind(spec.endpoint());
        } catch (WeftException e) {
            throw new DeviceException("cannot " + verb + " " + role + " " + (spec.endpoint().isEmpty() ? "''"
                    : spec.endpoint()) + ": " + reason(e, spec.endpoint()));
        }
    }

    /** Why an endpoint failed, without repeating the endpoint. */
    static String reason(WeftException e, String endpoint) {
        if (e instanceof AddressInUseException) {
            return "address already in use";
        }
        String m = String.valueOf(e.getMessage());
        String prefix = endpoint + ": ";
        int at = endpoint.isEmpty() ? -1 : m.lastIndexOf(prefix);
        return at >= 0 ? m.substring(at + prefix.length()) : m;
    }

    /** What the device does and where, with the resolved endpoints: the startup line. */
    String description() {
        return description;
    }

    /**
     * Moves messages until TERMINATE or {@link #stop()}, printing a rates line every
     * {@code --stats-interval} seconds; then prints the totals, closes the context and returns the
     * exit code (0, or 1 if the proxy failed).
     */
    int run(PrintStream out, PrintStream err) {
        String prefix = "weft " + kind.command() + ": ";
        ScheduledExecutorService reporter = startReporter(out, prefix);
        int code = 0;
        try {
            proxy.run();
        } catch (RuntimeException e) {
            err.println(prefix + "stopped by an error: " + e);
            code = 1;
        } finally {
            if (reporter != null) {
                reporter.shutdownNow();
            }
            out.println(prefix + TrafficReport.totals(proxy.statistics()));
            out.flush();
            ctx.close();
            exitCode = code;
            finished.countDown();
        }
        return code;
    }

    private ScheduledExecutorService startReporter(PrintStream out, String prefix) {
        if (options.statsInterval <= 0) {
            return null;
        }
        long period = Math.max(1, Math.round(options.statsInterval * 1e9));
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weft-" + kind.command() + "-stats");
            t.setDaemon(true);
            return t;
        });
        s.scheduleAtFixedRate(new Runnable() {
            private ProxyStatistics last = proxy.statistics();
            private long lastNanos = System.nanoTime();

            @Override
            public void run() {
                ProxyStatistics now = proxy.statistics();
                long nanos = System.nanoTime();
                out.println(prefix + TrafficReport.rates(last, now, (nanos - lastNanos) / 1e9));
                last = now;
                lastNanos = nanos;
            }
        }, period, period, TimeUnit.NANOSECONDS);
        return s;
    }

    /**
     * Asks the running device to stop (TERMINATE on its control socket, from this thread's own
     * socket); closes the context under it if it does not answer within two seconds. Any thread;
     * does nothing once the device has finished.
     */
    void stop() {
        if (finished.getCount() == 0) {
            return;
        }
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.setOption(Option.LINGER, 0);
            req.setOption(Option.RCVTIMEO, 2000);
            req.connect(STOP_ENDPOINT);
            req.send("TERMINATE");
            if (req.recv() == null) {
                ctx.close();
            }
        } catch (WeftException e) {
            // The context is closing already: the device is stopping by itself.
        }
    }

    /** Waits until {@link #run} has printed its totals and closed everything; false on timeout. */
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** The code {@link #run} returned; -1 before. */
    int exitCode() {
        return exitCode;
    }
}
