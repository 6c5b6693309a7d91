package io.weft.internal.zmtp;

import io.weft.SocketType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ZMTP command: the body of one command frame, as a value. Each kind knows its exact encoded size
 * and writes itself into a buffer; {@link Commands} holds the wire layouts and the strict parser.
 * Values are immutable once built (arrays given to a constructor are owned by the command).
 */
public sealed interface Command
        permits Command.Ready, Command.Error, Command.Ping, Command.Pong, Command.Subscribe, Command.Cancel,
        Command.Unknown {

    /** The command name as it goes on the wire ("READY", "PING"...). */
    String name();

    /** Encoded body length: name-length octet, name, data. */
    int bodySize();

    /** Writes the encoded body at the buffer's position ({@link #bodySize()} octets). */
    void writeBody(ByteBuffer out);

    /** The encoded body in a new array. */
    default byte[] toBody() {
        ByteBuffer b = ByteBuffer.allocate(bodySize());
        writeBody(b);
        return b.array();
    }

    /**
     * READY: the NULL mechanism's handshake command (also the last command of PLAIN and CURVE),
     * carrying metadata properties in wire order. Names are matched exactly (case-sensitively), as
     * libzmq does: {@value Commands#SOCKET_TYPE}, {@value Commands#IDENTITY}.
     *
     * @param properties name to value, in wire order; names 1 to 255 ASCII octets
     */
    record Ready(Map<String, byte[]> properties) implements Command {
        public Ready {
            LinkedHashMap<String, byte[]> copy = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                Commands.checkPropertyName(e.getKey());
                copy.put(e.getKey(), e.getValue() == null ? Commands.EMPTY : e.getValue());
            }
            properties = Collections.unmodifiableMap(copy);
        }

        /**
         * The READY a socket of {@code type} sends: its Socket-Type, plus its Identity when it is a
         * REQ, DEALER or ROUTER (empty when it has no routing id), as libzmq 4.x does.
         */
        public static Ready of(SocketType type, byte[] routingId) {
            LinkedHashMap<String, byte[]> p = new LinkedHashMap<>();
            p.put(Commands.SOCKET_TYPE, type.wireName().getBytes(StandardCharsets.US_ASCII));
            if (type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER) {
                p.put(Commands.IDENTITY, routingId == null ? Commands.EMPTY : routingId);
            }
            return new Ready(p);
        }

        /** The Socket-Type value as text, or {@code null} if absent. */
        public String socketType() {
            byte[] v = properties.get(Commands.SOCKET_TYPE);
            return v == null ? null : new String(v, StandardCharsets.ISO_8859_1);
        }

        /** The Identity value, or {@code null} if absent. */
        public byte[] identity() {
            return properties.get(Commands.IDENTITY);
        }

        @Override
        public String name() {
            return Commands.READY;
        }

        @Override
        public int bodySize() {
            long size = 1 + Commands.READY.length();
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                size += 1 + e.getKey().length() + 4 + e.getValue().length;
            }
            if (size > FrameHeader.MAX_BODY_SIZE) {
                throw new IllegalStateException("READY size=" + size + " (expected: <= "
                        + FrameHeader.MAX_BODY_SIZE + ")");
            }
            return (int) size;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.READY);
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                Commands.writeShortString(out, e.getKey());
                out.putInt(e.getValue().length);
                out.put(e.getValue());
            }
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Ready r) || r.properties.size() != properties.size()) {
                return false;
            }
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                if (!Arrays.equals(e.getValue(), r.properties.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 0;
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("READY{");
            String sep = "";
            for (Map.Entry<String, byte[]> e : properties.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(Commands.printable(e.getValue()));
                sep = ", ";
            }
            return sb.append('}').toString();
        }
    }

    /**
     * ERROR: a fatal handshake failure, with a reason meant for logs (0 to 255 octets of ASCII).
     * The receiver closes the connection and must not retry with the same credentials.
     */
    record Error(String reason) implements Command {
        public Error {
            // One octet per character: anything outside ISO-8859-1 becomes '?', as String.getBytes does.
            reason = new String(reason.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
            if (reason.length() > Commands.MAX_SHORT_STRING) {
                throw new IllegalArgumentException("ERROR reason length=" + reason.length()
                        + " (expected: <= 255; use Commands.error to truncate)");
            }
        }

        @Override
        public String name() {
            return Commands.ERROR;
        }

        @Override
        public int bodySize() {
            return 1 + Commands.ERROR.length() + 1 + reason.length();
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.ERROR);
            Commands.writeShortString(out, reason);
        }
    }

    /**
     * PING (ZMTP 3.1 heartbeat): a time-to-live in tenths of a second (0 = none; the peer should
     * drop us after that long without traffic) and a context of 0 to 16 octets the PONG echoes.
     */
    record Ping(int ttlDeciseconds, byte[] context) implements Command {
        public Ping {
            if (ttlDeciseconds < 0 || ttlDeciseconds > Commands.MAX_TTL) {
                throw new IllegalArgumentException(
                        "PING ttl=" + ttlDeciseconds + " (expected: 0 to 65535 deciseconds)");
            }
            context = context == null ? Commands.EMPTY : context;
            Commands.checkContext("PING", context);
        }

        @Override
        public String name() {
            return Commands.PING;
        }

        @Override
        public int bodySize() {
            return 1 + Commands.PING.length() + 2 + context.length;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.PING);
            out.putShort((short) ttlDeciseconds);
            out.put(context);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ping p && p.ttlDeciseconds == ttlDeciseconds && Arrays.equals(p.context, context);
        }

        @Override
        public int hashCode() {
            return ttlDeciseconds * 31 + Arrays.hashCode(context);
        }

        @Override
        public String toString() {
            return "PING{ttl=" + ttlDeciseconds + "ds, context=" + Commands.printable(context) + "}";
        }
    }

    /** PONG (ZMTP 3.1 heartbeat reply): echoes the PING's context (0 to 16 octets). */
    record Pong(byte[] context) implements Command {
        public Pong {
            context = context == null ? Commands.EMPTY : context;
            Commands.checkContext("PONG", context);
        }

        /** The reply to {@code ping}. */
        public static Pong answering(Ping ping) {
            return new Pong(ping.context());
        }

        @Override
        public String name() {
            return Commands.PONG;
        }

        @Override
        public int bodySize() {
            return 1 + Commands.PONG.length() + context.length;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.PONG);
            out.put(context);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pong p && Arrays.equals(p.context, context);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(context);
        }

        @Override
        public String toString() {
            return "PONG{context=" + Commands.printable(context) + "}";
        }
    }

    /** SUBSCRIBE (ZMTP 3.1): a SUB/XSUB asks for messages starting with {@code topic} (may be empty). */
    record Subscribe(byte[] topic) implements Command {
        public Subscribe {
            topic = topic == null ? Commands.EMPTY : topic;
        }

        @Override
        public String name() {
            return Commands.SUBSCRIBE;
        }

        @Override
        public int bodySize() {
            return 1 + Commands.SUBSCRIBE.length() + topic.length;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.SUBSCRIBE);
            out.put(topic);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subscribe s && Arrays.equals(s.topic, topic);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(topic);
        }

        @Override
        public String toString() {
            return "SUBSCRIBE{" + Commands.printable(topic) + "}";
        }
    }

    /** CANCEL (ZMTP 3.1): undoes one earlier SUBSCRIBE of the same {@code topic}. */
    record Cancel(byte[] topic) implements Command {
        public Cancel {
            topic = topic == null ? Commands.EMPTY : topic;
        }

        @Override
        public String name() {
            return Commands.CANCEL;
        }

        @Override
        public int bodySize() {
            return 1 + Commands.CANCEL.length() + topic.length;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, Commands.CANCEL);
            out.put(topic);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cancel c && Arrays.equals(c.topic, topic);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(topic);
        }

        @Override
        public String toString() {
            return "CANCEL{" + Commands.printable(topic) + "}";
        }
    }

    /**
     * Any other command (a mechanism's HELLO/WELCOME/INITIATE, RADIO-DISH's JOIN...): its name and
     * the octets after it, for whoever understands it. libzmq ignores commands it does not know.
     */
    record Unknown(String name, byte[] data) implements Command {
        public Unknown {
            Commands.checkCommandName(name);
            data = data == null ? Commands.EMPTY : data;
        }

        @Override
        public int bodySize() {
            return 1 + name.length() + data.length;
        }

        @Override
        public void writeBody(ByteBuffer out) {
            Commands.writeName(out, name);
            out.put(data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.name.equals(name) && Arrays.equals(u.data, data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return name + "{" + Commands.printable(data) + "}";
        }
    }
}
