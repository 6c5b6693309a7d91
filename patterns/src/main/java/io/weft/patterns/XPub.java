package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XPUB (RFC 29): a PUB that also hands the application what its subscribers send upstream.
 *
 * <p><b>Sending</b> never blocks. The first frame of each message is matched against the
 * subscriptions received so far (binary prefix match), and the message goes whole to each
 * matching subscriber with room; one at its HWM misses it, the others still get it. Subscriptions
 * waiting in the pipes are applied before matching: their activations run at the start of every
 * socket call. With {@link Option#INVERT_MATCHING} the message goes to the subscribers with no
 * matching subscription instead.
 *
 * <p><b>Receiving</b> gives the (un)subscription messages ({@code 0x01}/{@code 0x00} + prefix),
 * as libzmq does:
 * <ul>
 * <li>by default only news: the first subscription to a prefix, and the cancel (or the departure
 * of a subscriber) that leaves it with none;</li>
 * <li>{@link Option#XPUB_VERBOSE}: every subscribe, cancels still only when the last goes;</li>
 * <li>{@link Option#XPUB_VERBOSER}: every subscribe and every cancel, and for a subscriber that
 * leaves, a cancel for each of its prefixes;</li>
 * <li>{@link Option#XPUB_MANUAL}: every (un)subscription is passed on and <em>none</em> is applied;
 * the application applies what it wants with {@code subscribe}/{@code unsubscribe}, which act on
 * the subscriber of the subscription message it received last. A subscriber that leaves produces
 * a cancel for each prefix it had asked for.</li>
 * </ul>
 * Other messages sent upstream by XSUBs are passed to the application too, whole, in the order
 * they are read. A subscription message is a single frame whose first byte is 1 or 0; any other
 * frame (including every frame of a multipart message) is data.
 *
 * <p>{@link Option#XPUB_WELCOME_MSG}, when set and not empty, is sent to each new subscriber as
 * it attaches.
 */
class XPub extends SocketPattern {
    private static final Logger log = LoggerFactory.getLogger(XPub.class);

    /** Something for the application to receive; {@code pipe} is the sender, for XPUB_MANUAL. */
    private static final class Pending {
        final byte[] body;
        final int flags;
        final boolean setsLastPipe;
        Pipe pipe;

        Pending(byte[] body, int flags, boolean setsLastPipe, Pipe pipe) {
            this.body = body;
            this.flags = flags;
            this.setsLastPipe = setsLastPipe;
            this.pipe = pipe;
        }
    }

    private final Distributor dist = new Distributor();
    private final Consumer<Pipe> matcher = dist::match;
    private final PipeTrie subscriptions = new PipeTrie();
    /** XPUB_MANUAL: what each subscriber asked for, to report when it leaves. */
    private final PipeTrie requested = new PipeTrie();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final boolean reportsToApplication;
    private final Msg rx = new Msg();
    private final Msg welcome = new Msg();

    /** Sending: a multipart message is in progress (its recipients are chosen). */
    private boolean more;
    /** XPUB_MANUAL: the subscriber of the last subscription message received by the application. */
    private Pipe lastPipe;

    XPub(SocketOptions options) {
        this(SocketType.XPUB, options);
    }

    protected XPub(SocketType type, SocketOptions options) {
        super(type, options);
        this.reportsToApplication = type == SocketType.XPUB;
    }

    @Override
    public void attach(Pipe pipe) {
        dist.attach(pipe);
        if (reportsToApplication) {
            byte[] w = options.get(Option.XPUB_WELCOME_MSG);
            if (w != null && w.length > 0) {
                welcome.set(w, 0);
                if (pipe.write(welcome)) {
                    pipe.flush();
                } else {
                    log.debug("{}: welcome message not sent, pipe {} full at once", type, pipe);
                }
                welcome.clear();
            }
        }
        readSubscriptions(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        readSubscriptions(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        dist.activated(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        if (reportsToApplication && manual()) {
            requested.removePipe(pipe, (topic, last) -> queueCancel(topic, true));
            subscriptions.removePipe(pipe, null);
        } else {
            boolean verboser = reportsToApplication && options.getBool(Option.XPUB_VERBOSER);
            subscriptions.removePipe(pipe, reportsToApplication ? (topic, last) -> {
                if (last || verboser) {
                    queueCancel(topic, false);
                }
            } : null);
        }
        if (pipe == lastPipe) {
            lastPipe = null;
        }
        for (Pending p : pending) {
            if (p.pipe == pipe) {
                p.pipe = null;
            }
        }
        dist.terminated(pipe);
    }

    private void queueCancel(byte[] topic, boolean manualMode) {
        byte[] body = new byte[topic.length + 1];
        body[0] = XSub.CANCEL;
        System.arraycopy(topic, 0, body, 1, topic.length);
        pending.add(new Pending(body, 0, manualMode, null));
    }

    /** Applies (or, in manual mode, queues) what a subscriber has sent, up to what is there now. */
    private void readSubscriptions(Pipe pipe) {
        Msg m = rx;
        boolean inData = false;
        while (pipe.read(m)) {
            byte[] d = m.data();
            if (!inData && !m.hasMore() && XSub.isSubscription(d)) {
                subscription(pipe, d);
            } else {
                inData = m.hasMore();
                if (reportsToApplication) {
                    pending.add(new Pending(d, m.flags() & Msg.MORE, false, null));
                }
                // A PUB silently discards what subscribers send it (RFC 29).
            }
        }
        m.clear();
    }

    private void subscription(Pipe pipe, byte[] d) {
        boolean subscribe = d[0] == XSub.SUBSCRIBE;
        if (reportsToApplication && manual()) {
            if (subscribe) {
                requested.add(d, 1, d.length - 1, pipe);
            } else {
                requested.remove(d, 1, d.length - 1, pipe);
            }
            pending.add(new Pending(d, 0, true, pipe));
            return;
        }
        boolean notify;
        if (subscribe) {
            boolean first = subscriptions.add(d, 1, d.length - 1, pipe);
            notify = first || reportsToApplication
                    && (options.getBool(Option.XPUB_VERBOSE) || options.getBool(Option.XPUB_VERBOSER));
        } else {
            PipeTrie.Removal r = subscriptions.remove(d, 1, d.length - 1, pipe);
            notify = r != PipeTrie.Removal.VALUES_REMAIN
                    || reportsToApplication && options.getBool(Option.XPUB_VERBOSER);
        }
        if (notify && reportsToApplication) {
            pending.add(new Pending(d, 0, false, null));
        }
    }

    private boolean manual() {
        return options.getBool(Option.XPUB_MANUAL);
    }

    /**
     * XPUB_MANUAL: subscribes (or unsubscribes) the subscriber whose subscription message was
     * received last. Without XPUB_MANUAL an XPUB's subscriptions come from its subscribers only.
     */
    @Override
    public void subscribe(byte[] topic, boolean add) {
        if (!manual()) {
            throw new IllegalSocketStateException("XPUB subscribe/unsubscribe needs XPUB_MANUAL=true (it is false): "
                    + "an XPUB's subscriptions otherwise come from its subscribers");
        }
        if (lastPipe == null) {
            log.debug("XPUB_MANUAL {} ignored: no subscriber to apply it to (none received yet, or it left)",
                    add ? "subscribe" : "unsubscribe");
            return;
        }
        if (add) {
            subscriptions.add(topic, 0, topic.length, lastPipe);
        } else {
            subscriptions.remove(topic, 0, topic.length, lastPipe);
        }
    }

    @Override
    public boolean send(Msg msg) {
        boolean msgMore = msg.hasMore();
        if (!more) {
            subscriptions.match(msg.data(), matcher);
            if (options.getBool(Option.INVERT_MATCHING)) {
                dist.reverseMatch();
            }
        }
        dist.sendToMatching(msg);
        if (!msgMore) {
            dist.unmatch();
        }
        more = msgMore;
        return true;
    }

    /** Receives the next (un)subscription or upstream message; false if there is none. */
    @Override
    public boolean recv(Msg msg) {
        Pending p = pending.poll();
        if (p == null) {
            return false;
        }
        if (p.setsLastPipe) {
            lastPipe = p.pipe;
        }
        msg.set(p.body, p.flags);
        return true;
    }

    @Override
    public boolean hasIn() {
        return !pending.isEmpty();
    }

    /** An XPUB never blocks on sending: a full subscriber misses the message. */
    @Override
    public boolean hasOut() {
        return true;
    }
}
