package io.weft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages between two sockets, both ways, on the calling thread: libzmq's
 * {@code zmq_proxy_steerable}. What the proxy does follows from the socket types: ROUTER ↔ DEALER
 * is a request queue, XSUB ↔ XPUB a forwarder (subscriptions flow back up to the publishers), PULL
 * ↔ PUSH a streamer. The "request" flow reads the frontend and writes the backend; the "reply"
 * flow the other way round.
 *
 * <pre>{@code
 * try (Context ctx = Context.create();
 *      Socket clients = ctx.socket(SocketType.ROUTER);
 *      Socket workers = ctx.socket(SocketType.DEALER)) {
 *     clients.bind("tcp://*:5555");
 *     workers.bind("tcp://*:5556");
 *     Proxy.builder(clients, workers).build().run(); // until the context closes
 * }
 * }</pre>
 *
 * <p><b>Guarantees.</b>
 * <ul>
 *   <li>A multipart message moves whole: all its frames, in order, with their MORE flags, and
 *       never interleaved with the frames of another message (on the destination or the
 *       capture).</li>
 *   <li>Back-pressure: a flow whose destination cannot take a message now (at its HWM) holds that
 *       message and stops reading its source until the destination has room, so the HWM pushes
 *       back on the senders instead of the proxy dropping or blocking. The other flow and the
 *       control socket go on meanwhile. Only the destination's own policy drops (a ROUTER towards
 *       an unknown or full peer, an XPUB towards a slow subscriber), as without a proxy; a ROUTER
 *       with ROUTER_MANDATORY holds a reply for a full peer instead, retried every 100 µs.</li>
 *   <li>Capture: every frame moved either way is also sent to the capture socket, with its MORE
 *       flag, sharing the body (no copy: treat received bodies as read-only). A capture socket
 *       that cannot take a message without waiting misses that copy (whole): the capture never
 *       holds up the flows.</li>
 *   <li>Control: single-frame commands {@code PAUSE} (nothing moves; control still works),
 *       {@code RESUME}, {@code TERMINATE} ({@link #run()} returns) and {@code STATISTICS} (the reply is
 *       eight frames of unsigned 64-bit little-endian counters, see {@link ProxyStatistics#toFrames()}).
 *       A REP control socket also gets an empty reply to the other commands, as in libzmq, so that
 *       its REQ peer can go on; a PAIR or DEALER only gets the STATISTICS reply. Anything else is
 *       logged and ignored.</li>
 *   <li>Lean: each wake-up moves up to {@value #BATCH} messages per flow with non-blocking calls,
 *       through one reused {@link Msg}; no allocation per message beyond what receiving needs.</li>
 * </ul>
 *
 * <p><b>Threads.</b> {@link #run()} uses the four sockets on the calling thread, which must not use
 * them meanwhile. To stop or steer it from another thread, send commands to the control socket
 * from a socket of that thread (an inproc PAIR or REQ), or close the context. {@link #statistics()}
 * may be called from any thread.
 *
 * <p>Differences from libzmq: counters count whole messages (a multipart message is one; libzmq
 * 4.3.5 counts frames, 4.3.4 and earlier messages); frontend and backend must be two sockets.
 */
public final class Proxy {
    /** Messages moved per flow per wake-up, at most. */
    public static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(Proxy.class);
    private static final byte[] PAUSE = ascii("PAUSE");
    private static final byte[] RESUME = ascii("RESUME");
    private static final byte[] TERMINATE = ascii("TERMINATE");
    private static final byte[] STATISTICS = ascii("STATISTICS");

    /** How long to wait before retrying a message a "writable" destination refused. */
    private static final long STALL_BACKOFF_NANOS = 100_000;

    private static final int REQUEST_BLOCKED = 1;
    private static final int REPLY_BLOCKED = 2;
    private static final int PAUSED = 4;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    private final Flow request;
    private final Flow reply;
    private final Msg frame = new Msg();
    private final ProxyCounters published = new ProxyCounters();
    /** One poller per state (which flows wait for room, paused), made on first use. */
    private final Poller[] pollers = new Poller[PAUSED + 1];
    /** Per poller: where the frontend and the backend are registered, -1 where they are not. */
    private final int[] frontendIndex = new int[PAUSED + 1];
    private final int[] backendIndex = new int[PAUSED + 1];
    private final AtomicBoolean started = new AtomicBoolean();

    private boolean paused;
    private boolean terminated;
    /** The capture refused the first frame of the current message: skip its other frames. */
    private boolean captureSkipping;
    /** The capture took the first frames of the current message: its other frames must follow. */
    private boolean captureInMessage;

    private Proxy(Builder b) {
        this.frontend = b.frontend;
        this.backend = b.backend;
        this.capture = b.capture;
        this.control = b.control;
        this.request = new Flow(frontend, backend);
        this.reply = new Flow(backend, frontend);
    }

    /** Starts describing a proxy between {@code frontend} and {@code backend} (two different sockets). */
    public static Builder builder(Socket frontend, Socket backend) {
        return new Builder(frontend, backend);
    }

    /**
     * Moves messages until a {@code TERMINATE} command arrives on the control socket or the
     * sockets' context closes; then returns normally. The sockets stay open (they are the
     * caller's). A proxy runs once.
     *
     * @throws IllegalStateException if this proxy has run (or is running) already
     * @throws WeftInterruptedException if the thread is interrupted while the proxy waits
     * @throws WeftException if a socket fails otherwise (e.g. a ROUTER with ROUTER_MANDATORY has
     *         no peer of a reply's routing id); the proxy has stopped
     */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this proxy has run already (expected: a new Proxy per run)");
        }
        try {
            while (!terminated) {
                int key = state();
                Poller p = poller(key);
                p.poll(-1);
                if (control != null && p.isReadable(0)) {
                    handleControl();
                }
                if (key != PAUSED && !paused && !terminated) {
                    // As libzmq: only what the poller saw ready, so a one-way socket (PUSH, PULL) is
                    // never asked for what it cannot do.
                    boolean moved = false;
                    boolean refused = false;
                    if ((key & REQUEST_BLOCKED) != 0 ? writable(p, backendIndex[key]) : readable(p, frontendIndex[key])) {
                        boolean m = forward(request);
                        moved |= m;
                        refused |= !m && (key & REQUEST_BLOCKED) != 0;
                    }
                    if ((key & REPLY_BLOCKED) != 0 ? writable(p, frontendIndex[key]) : readable(p, backendIndex[key])) {
                        boolean m = forward(reply);
                        moved |= m;
                        refused |= !m && (key & REPLY_BLOCKED) != 0;
                    }
                    publish();
                    if (refused && !moved) {
                        // A destination said "writable" yet refused the waiting message: a ROUTER with
                        // ROUTER_MANDATORY whose other peers have room. Back off instead of spinning.
                        LockSupport.parkNanos(STALL_BACKOFF_NANOS);
                    }
                }
            }
            log.debug("proxy {} -> {} terminated by its control socket", frontend, backend);
        } catch (ContextClosedException e) {
            log.debug("proxy {} -> {} ends: {}", frontend, backend, e.getMessage());
        } finally {
            frame.clear();
            publish();
        }
    }

    /**
     * The counters as of the end of the proxy's last batch (exact once traffic pauses). Any
     * thread; the eight values are from the same moment.
     */
    public ProxyStatistics statistics() {
        return published.snapshot();
    }

    // =================================================================== moving messages

    /**
     * Moves up to {@link #BATCH} whole messages from {@code f.from} to {@code f.to}; stops early
     * when the source is empty, or when the destination refuses a message (kept as pending).
     * Returns whether a message moved.
     */
    private boolean forward(Flow f) {
        Socket from = f.from;
        Socket to = f.to;
        Msg m = frame;
        for (int n = 0; n < BATCH; n++) {
            byte[] body = f.pending;
            boolean more;
            if (body != null) {
                more = f.pendingMore;
            } else {
                body = from.tryRecv();
                if (body == null) {
                    return n > 0;
                }
                more = from.hasMore();
                f.bytesIn += body.length;
                if (!more) {
                    f.messagesIn++;
                }
            }
            m.set(body, more ? Msg.MORE : 0);
            if (!to.trySend(m)) {
                // No room for a new message: keep it and wait for the destination (see poller()).
                f.pending = body;
                f.pendingMore = more;
                m.clear();
                return n > 0;
            }
            f.pending = null;
            f.bytesOut += body.length;
            capture(m);
            while (more) {
                // The rest of a message is queued with its first frame, and a destination that
                // took the first frame takes the rest: neither call waits.
                if (!from.recv(m)) {
                    throw new WeftException("the rest of a message did not arrive on " + from + " (RCVTIMEO="
                            + from.getOption(Option.RCVTIMEO) + " ms)");
                }
                more = m.hasMore();
                int size = m.size();
                f.bytesIn += size;
                if (!more) {
                    f.messagesIn++;
                }
                if (!to.send(m)) {
                    throw new WeftException("the rest of a message could not be sent on " + to + " (SNDTIMEO="
                            + to.getOption(Option.SNDTIMEO) + " ms)");
                }
                f.bytesOut += size;
                capture(m);
            }
            f.messagesOut++;
            m.clear();
        }
        return true;
    }

    /** Sends a copy of one frame to the capture socket, if any, whole messages or nothing. */
    private void capture(Msg m) {
        if (capture == null) {
            return;
        }
        boolean more = m.hasMore();
        if (captureSkipping) {
            captureSkipping = more;
            return;
        }
        if (captureInMessage) {
            capture.send(m); // later frames of a started message are always taken
        } else if (!capture.trySend(m)) {
            captureSkipping = more;
            return;
        }
        captureInMessage = more;
    }

    /** Which poller applies now: paused, or which flows wait for room in their destination. */
    private int state() {
        return paused ? PAUSED
                : (request.pending != null ? REQUEST_BLOCKED : 0) | (reply.pending != null ? REPLY_BLOCKED : 0);
    }

    /** Whether the socket at {@code index} of {@code p} (-1: not polled) could receive. */
    private static boolean readable(Poller p, int index) {
        return index >= 0 && p.isReadable(index);
    }

    /** Whether the socket at {@code index} of {@code p} (-1: not polled) could send. */
    private static boolean writable(Poller p, int index) {
        return index >= 0 && p.isWritable(index);
    }

    /**
     * The poller for state {@code key}: the control socket (index 0), and for each flow its source
     * (IN) or, when it waits for room, its destination (OUT) instead. Made on first use.
     */
    private Poller poller(int key) {
        Poller p = pollers[key];
        if (p == null) {
            p = new Poller(3);
            if (control != null) {
                p.register(control, Poller.IN);
            }
            int fe = -1;
            int be = -1;
            if (key != PAUSED) {
                boolean requestBlocked = (key & REQUEST_BLOCKED) != 0;
                boolean replyBlocked = (key & REPLY_BLOCKED) != 0;
                int feEvents = (requestBlocked ? 0 : Poller.IN) | (replyBlocked ? Poller.OUT : 0);
                int beEvents = (replyBlocked ? 0 : Poller.IN) | (requestBlocked ? Poller.OUT : 0);
                fe = feEvents == 0 ? -1 : p.register(frontend, feEvents);
                be = beEvents == 0 ? -1 : p.register(backend, beEvents);
            }
            frontendIndex[key] = fe;
            backendIndex[key] = be;
            pollers[key] = p;
        }
        return p;
    }

    private void publish() {
        published.publish(request.messagesIn, request.bytesIn, reply.messagesOut, reply.bytesOut,
                reply.messagesIn, reply.bytesIn, request.messagesOut, request.bytesOut);
    }

    // =================================================================== control

    /** Runs every command queued on the control socket. */
    private void handleControl() {
        byte[] command;
        while (!terminated && (command = control.tryRecv()) != null) {
            boolean single = !control.hasMore();
            while (control.hasMore()) {
                control.recv(frame); // the rest of a multi-frame message, queued with it
            }
            frame.clear();
            if (single && Arrays.equals(command, STATISTICS)) {
                replyStatistics();
                continue;
            }
            if (single && Arrays.equals(command, PAUSE)) {
                paused = true;
            } else if (single && Arrays.equals(command, RESUME)) {
                paused = false;
            } else if (single && Arrays.equals(command, TERMINATE)) {
                terminated = true;
            } else {
                log.warn("proxy control: ignored a message of {} frame(s) starting with '{}' (expected one frame: "
                        + "PAUSE, RESUME, TERMINATE or STATISTICS)", single ? 1 : "several", new Msg(command).text());
            }
            if (control.type() == SocketType.REP) {
                control.trySend(frame.set(Msg.emptyBody(), 0)); // a REP owes a reply to every request
                frame.clear();
            }
        }
    }

    private void replyStatistics() {
        SocketType t = control.type();
        if (t != SocketType.REP && t != SocketType.PAIR && t != SocketType.DEALER) {
            log.warn("proxy control: STATISTICS needs a control socket that can reply (REP, PAIR or DEALER), "
                    + "not type={}", t);
            return;
        }
        byte[][] frames = new ProxyStatistics(request.messagesIn, request.bytesIn, reply.messagesOut, reply.bytesOut,
                reply.messagesIn, reply.bytesIn, request.messagesOut, request.bytesOut).toFrames();
        if (!control.trySend(frame.set(frames[0], Msg.MORE))) {
            log.warn("proxy control: the STATISTICS reply was dropped, {} has no room", control);
        } else {
            for (int i = 1; i < frames.length; i++) {
                control.send(frame.set(frames[i], i < frames.length - 1 ? Msg.MORE : 0));
            }
        }
        frame.clear();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // =================================================================== types

    /** One direction: where from, where to, what it has moved, and a first frame waiting for room. */
    private static final class Flow {
        final Socket from;
        final Socket to;
        /** The first frame of a message the destination refused; null when none. */
        byte[] pending;
        boolean pendingMore;
        long messagesIn;
        long bytesIn;
        long messagesOut;
        long bytesOut;

        Flow(Socket from, Socket to) {
            this.from = from;
            this.to = to;
        }
    }

    /** Describes a {@link Proxy}: the two sides, then optionally a capture and a control socket. */
    public static final class Builder {
        private final Socket frontend;
        private final Socket backend;
        private Socket capture;
        private Socket control;

        private Builder(Socket frontend, Socket backend) {
            this.frontend = Objects.requireNonNull(frontend, "frontend");
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** Every frame moved either way is also sent here (e.g. a PUB, a PUSH or a PAIR). */
        public Builder capture(Socket capture) {
            this.capture = capture;
            return this;
        }

        /** Commands (PAUSE, RESUME, TERMINATE, STATISTICS) are read here; REP or PAIR, usually. */
        public Builder control(Socket control) {
            this.control = control;
            return this;
        }

        /**
         * The proxy.
         *
         * @throws IllegalArgumentException if a socket is given for two roles
         */
        public Proxy build() {
            Socket[] all = {frontend, backend, capture, control};
            String[] roles = {"frontend", "backend", "capture", "control"};
            for (int i = 0; i < all.length; i++) {
                for (int j = i + 1; j < all.length; j++) {
                    if (all[i] != null && all[i] == all[j]) {
                        throw new IllegalArgumentException(roles[i] + " and " + roles[j] + " are the same socket ("
                                + all[i] + "); expected a different socket for each role");
                    }
                }
            }
            return new Proxy(this);
        }
    }
}
