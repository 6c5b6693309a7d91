package io.weft;

/**
 * Something that happened to a socket's connections, as reported by {@link Socket#monitor}. The
 * event types and their numbers are libzmq's ({@code ZMQ_EVENT_*}), so a tool written against
 * libzmq's monitor can read Weft's.
 *
 * @param type     what happened
 * @param endpoint the endpoint concerned (for a peer: the endpoint bound or connected, as libzmq)
 * @param value    the event's value as libzmq defines it: the interval in ms for CONNECT_RETRIED,
 *                 libzmq's {@code ZMQ_PROTOCOL_ERROR_ZMTP_*} code for HANDSHAKE_FAILED_PROTOCOL;
 *                 0 where libzmq passes a descriptor or an errno, which a JVM does not expose
 * @param detail   a human-readable reason (why a handshake failed, which peer), or empty
 */
public record SocketEvent(Type type, String endpoint, long value, String detail) {

    /** The kinds of event, with libzmq's numbers. */
    public enum Type {
        CONNECTED(0x0001),
        CONNECT_DELAYED(0x0002),
        CONNECT_RETRIED(0x0004),
        LISTENING(0x0008),
        BIND_FAILED(0x0010),
        ACCEPTED(0x0020),
        ACCEPT_FAILED(0x0040),
        CLOSED(0x0080),
        CLOSE_FAILED(0x0100),
        DISCONNECTED(0x0200),
        MONITOR_STOPPED(0x0400),
        HANDSHAKE_FAILED_NO_DETAIL(0x0800),
        HANDSHAKE_SUCCEEDED(0x1000),
        HANDSHAKE_FAILED_PROTOCOL(0x2000),
        HANDSHAKE_FAILED_AUTH(0x4000);

        /** Every event, as libzmq's {@code ZMQ_EVENT_ALL}. */
        public static final int ALL = 0xFFFF;

        private final int number;

        Type(int number) {
            this.number = number;
        }

        /** libzmq's {@code ZMQ_EVENT_*} value: a single bit. */
        public int number() {
            return number;
        }

        /** The type whose number is {@code number}, or null. */
        public static Type of(int number) {
            for (Type t : values()) {
                if (t.number == number) {
                    return t;
                }
            }
            return null;
        }
    }

    public SocketEvent {
        if (type == null) {
            throw new IllegalArgumentException("type is null");
        }
        endpoint = endpoint == null ? "" : endpoint;
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return type + " " + endpoint + (value != 0 ? " value=" + value : "") + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
