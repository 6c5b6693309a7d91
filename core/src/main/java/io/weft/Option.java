package io.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A typed socket option, named as in libzmq ({@code ZMQ_SNDHWM} is {@link #SNDHWM}) so that a
 * libzmq user can map one to the other. Times are in milliseconds, as in libzmq; {@code -1} means
 * "forever" where libzmq says so.
 *
 * <p>{@link Socket#setOption} checks both the value and the socket type: a bad value or an option
 * the socket's type does not have fails at once with an {@link IllegalArgumentException} naming
 * the option, the value and what was expected ({@code "SNDHWM=-1 (expected: >= 0)"}).
 *
 * @param <T> the value's type
 */
public final class Option<T> {
    private static final List<Option<?>> ALL = new ArrayList<>();
    private static final Set<SocketType> ANY = Collections.unmodifiableSet(EnumSet.allOf(SocketType.class));

    /** Most messages queued for sending per peer before the socket blocks or drops (0 = no limit). */
    public static final Option<Integer> SNDHWM = intOption("SNDHWM", 1000, 0, ANY);
    /** Most messages queued for receiving per peer before that peer is paused (0 = no limit). */
    public static final Option<Integer> RCVHWM = intOption("RCVHWM", 1000, 0, ANY);
    /** How long unsent messages are kept after close, in ms: -1 forever, 0 discard at once. */
    public static final Option<Integer> LINGER = intOption("LINGER", -1, -1, ANY);
    /** The name this socket gives itself to a ROUTER peer: 1 to 255 bytes, not starting with a zero byte. */
    public static final Option<byte[]> ROUTING_ID = new Option<>("ROUTING_ID", byte[].class, null, ANY,
            v -> v.length >= 1 && v.length <= 255 && v[0] != 0, "1 to 255 bytes, first byte not 0");
    /** How long a blocking send waits, in ms: -1 forever, 0 never. */
    public static final Option<Integer> SNDTIMEO = intOption("SNDTIMEO", -1, -1, ANY);
    /** How long a blocking receive waits, in ms: -1 forever, 0 never. */
    public static final Option<Integer> RCVTIMEO = intOption("RCVTIMEO", -1, -1, ANY);
    /** ROUTER: an unroutable message fails with {@link HostUnreachableException} instead of being dropped. */
    public static final Option<Boolean> ROUTER_MANDATORY = boolOption("ROUTER_MANDATORY", EnumSet.of(SocketType.ROUTER));
    /** ROUTER: a new peer claiming a routing id in use takes it over instead of being refused. */
    public static final Option<Boolean> ROUTER_HANDOVER = boolOption("ROUTER_HANDOVER", EnumSet.of(SocketType.ROUTER));
    /** ROUTER: send an empty message to every peer as soon as it connects. */
    public static final Option<Boolean> PROBE_ROUTER = boolOption("PROBE_ROUTER",
            EnumSet.of(SocketType.ROUTER, SocketType.DEALER, SocketType.REQ));
    /** REQ: prefix each request with a request id and accept only the matching reply. */
    public static final Option<Boolean> REQ_CORRELATE = boolOption("REQ_CORRELATE", EnumSet.of(SocketType.REQ));
    /** REQ: allow a new request before the reply; the old request is abandoned. */
    public static final Option<Boolean> REQ_RELAXED = boolOption("REQ_RELAXED", EnumSet.of(SocketType.REQ));
    /** XPUB: pass every subscription to the application, not only new ones. */
    public static final Option<Boolean> XPUB_VERBOSE = boolOption("XPUB_VERBOSE", EnumSet.of(SocketType.XPUB));
    /** XPUB: pass every subscription and every unsubscription to the application. */
    public static final Option<Boolean> XPUB_VERBOSER = boolOption("XPUB_VERBOSER", EnumSet.of(SocketType.XPUB));
    /** XPUB: subscriptions are applied by the application (it sends them back), not automatically. */
    public static final Option<Boolean> XPUB_MANUAL = boolOption("XPUB_MANUAL", EnumSet.of(SocketType.XPUB));
    /** XPUB: a message sent to each new subscriber when it connects (empty or null: none). */
    public static final Option<byte[]> XPUB_WELCOME_MSG = new Option<>("XPUB_WELCOME_MSG", byte[].class, null,
            EnumSet.of(SocketType.XPUB), v -> true, "any bytes");
    /** PUB, SUB, XPUB, XSUB: deliver the messages that do NOT match a subscription. */
    public static final Option<Boolean> INVERT_MATCHING = boolOption("INVERT_MATCHING",
            EnumSet.of(SocketType.PUB, SocketType.SUB, SocketType.XPUB, SocketType.XSUB));
    /** Keep only the last message in each queue (single-part messages only). */
    public static final Option<Boolean> CONFLATE = boolOption("CONFLATE", EnumSet.of(SocketType.PUSH,
            SocketType.PULL, SocketType.PUB, SocketType.SUB, SocketType.DEALER));
    /** Queue messages only to peers whose connection is complete. */
    public static final Option<Boolean> IMMEDIATE = boolOption("IMMEDIATE", ANY);
    /** Largest message accepted from the network, in bytes (-1 = no limit). */
    public static final Option<Long> MAXMSGSIZE = new Option<>("MAXMSGSIZE", Long.class, -1L, ANY,
            v -> v >= -1, ">= -1");
    /**
     * Frames of 8 KiB or more from the network arrive in pooled direct buffers, read straight from the
     * socket, instead of in new arrays: the receiver reads them with {@link Msg#buffer()} and gives
     * each back (see {@link Msg}). Off by default (libzmq's option of the same name is on, but there it
     * changes nothing the application sees). Applies to connections made after it is set.
     */
    public static final Option<Boolean> ZERO_COPY_RECV = boolOption("ZERO_COPY_RECV", ANY);
    /** First wait before reconnecting, in ms (-1 = do not reconnect). */
    public static final Option<Integer> RECONNECT_IVL = intOption("RECONNECT_IVL", 100, -1, ANY);
    /** Longest wait between reconnect attempts, in ms (0 = always {@link #RECONNECT_IVL}). */
    public static final Option<Integer> RECONNECT_IVL_MAX = intOption("RECONNECT_IVL_MAX", 0, 0, ANY);
    /** Interval between ZMTP PINGs, in ms (0 = no heartbeats). */
    public static final Option<Integer> HEARTBEAT_IVL = intOption("HEARTBEAT_IVL", 0, 0, ANY);
    /** Time-to-live the peer is asked to apply to our heartbeats, in ms (0 = none). */
    public static final Option<Integer> HEARTBEAT_TTL = intOption("HEARTBEAT_TTL", 0, 0, ANY);
    /** How long to wait for any traffic after a PING before dropping the peer, in ms (0 = the interval). */
    public static final Option<Integer> HEARTBEAT_TIMEOUT = intOption("HEARTBEAT_TIMEOUT", 0, 0, ANY);
    /** TCP keepalive: -1 system default, 0 off, 1 on. */
    public static final Option<Integer> TCP_KEEPALIVE = new Option<>("TCP_KEEPALIVE", Integer.class, -1, ANY,
            v -> v >= -1 && v <= 1, "-1, 0 or 1");
    /** Seconds of idleness before keepalive probes start (-1 = system default). */
    public static final Option<Integer> TCP_KEEPALIVE_IDLE = intOption("TCP_KEEPALIVE_IDLE", -1, -1, ANY);
    /** Unanswered keepalive probes before the connection is dropped (-1 = system default). */
    public static final Option<Integer> TCP_KEEPALIVE_CNT = intOption("TCP_KEEPALIVE_CNT", -1, -1, ANY);
    /** Seconds between keepalive probes (-1 = system default). */
    public static final Option<Integer> TCP_KEEPALIVE_INTVL = intOption("TCP_KEEPALIVE_INTVL", -1, -1, ANY);
    /** Longest time a ZMTP handshake may take, in ms (0 = no limit). */
    public static final Option<Integer> HANDSHAKE_IVL = intOption("HANDSHAKE_IVL", 30_000, 0, ANY);

    private final String name;
    private final int index;
    private final Class<T> type;
    private final T defaultValue;
    private final Set<SocketType> appliesTo;
    private final Predicate<T> valid;
    private final String expected;

    private Option(String name, Class<T> type, T defaultValue, Set<SocketType> appliesTo, Predicate<T> valid,
            String expected) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.appliesTo = appliesTo;
        this.valid = valid;
        this.expected = expected;
        synchronized (ALL) {
            this.index = ALL.size();
            ALL.add(this);
        }
    }

    private static Option<Integer> intOption(String name, int def, int min, Set<SocketType> appliesTo) {
        return new Option<>(name, Integer.class, def, appliesTo, v -> v >= min, ">= " + min);
    }

    private static Option<Boolean> boolOption(String name, Set<SocketType> appliesTo) {
        return new Option<>(name, Boolean.class, Boolean.FALSE, appliesTo, v -> true, "true or false");
    }

    /** The libzmq name without its {@code ZMQ_} prefix. */
    public String name() {
        return name;
    }

    /** The value a new socket starts with. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The class of this option's values. */
    public Class<T> type() {
        return type;
    }

    /** Whether a socket of {@code socketType} has this option. */
    public boolean appliesTo(SocketType socketType) {
        return appliesTo.contains(socketType);
    }

    /** A dense number, 0 up to {@link #count()}, for array-backed option storage. */
    public int index() {
        return index;
    }

    /** How many options exist. */
    public static int count() {
        synchronized (ALL) {
            return ALL.size();
        }
    }

    /** Every option, in declaration order. */
    public static List<Option<?>> all() {
        synchronized (ALL) {
            return List.copyOf(ALL);
        }
    }

    /**
     * Checks that {@code value} may be given to this option on a socket of {@code socketType}.
     *
     * @throws IllegalArgumentException naming the option, the value and what was expected
     */
    public T check(SocketType socketType, T value) {
        requireFor(socketType);
        if (value == null) {
            if (type == byte[].class) {
                return null;
            }
            throw new IllegalArgumentException(name + "=null (expected: " + expected + ")");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " takes a " + type.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
        if (!valid.test(value)) {
            throw new IllegalArgumentException(name + "=" + show(value) + " (expected: " + expected + ")");
        }
        return type == byte[].class ? type.cast(((byte[]) value).clone()) : value;
    }

    /**
     * Checks that a socket of {@code socketType} has this option.
     *
     * @throws IllegalArgumentException if it does not
     */
    public void requireFor(SocketType socketType) {
        if (!appliesTo.contains(socketType)) {
            throw new IllegalArgumentException(name + " is not an option of a " + socketType + " socket (it applies to "
                    + (appliesTo.size() == SocketType.values().length ? "all types" : appliesTo) + ")");
        }
    }

    private static String show(Object value) {
        return value instanceof byte[] ? ((byte[]) value).length + " bytes" : String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
