package io.weft.internal.zmtp;

import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wire layouts of the ZMTP 3.1 commands (RFC 37) and their strict parser. Every command body starts
 * with its name as a short string; the data that follows depends on the command.
 *
 * <pre>
 *  command body        +------+----------------+---------- -
 *                      | n    | name (n octets)| data ...
 *                      +------+----------------+---------- -
 *
 *  READY data          a list of properties, each:
 *                      +------+-------------------+----------------------+------------------ -
 *                      | n    | name (n octets)   | value length (4, BE) | value ...
 *                      +------+-------------------+----------------------+------------------ -
 *  ERROR data          +------+-------------------+
 *                      | n    | reason (n octets) |
 *                      +------+-------------------+
 *  PING data           +----------------+-------------------------+
 *                      | ttl (2, BE)    | context (0..16 octets)  |     ttl in tenths of a second
 *                      +----------------+-------------------------+
 *  PONG data           | context (0..16 octets) |
 *  SUBSCRIBE data      | topic (0..n octets)    |
 *  CANCEL data         | topic (0..n octets)    |
 * </pre>
 *
 * <p>Where RFC 37 and libzmq differ, this follows libzmq: property names are matched exactly
 * ({@value #SOCKET_TYPE}, {@value #IDENTITY}, case-sensitive); a PING or PONG context longer than
 * 16 octets is truncated to 16, not refused; octets after an ERROR's reason are ignored; a property
 * name may be empty. What libzmq refuses is refused here, with a {@link ZmtpProtocolException} of
 * kind {@link Kind#MALFORMED_COMMAND} naming the offending value: an empty body, a name or property
 * running past the end, a PING without its 2-octet TTL. One deliberate difference: the same property
 * name twice in one READY is refused (libzmq keeps one copy in its map but checks both).
 */
public final class Commands {
    public static final String READY = "READY";
    public static final String ERROR = "ERROR";
    public static final String PING = "PING";
    public static final String PONG = "PONG";
    public static final String SUBSCRIBE = "SUBSCRIBE";
    public static final String CANCEL = "CANCEL";

    /** Metadata property: the sender's socket type ("PUSH"...). Spelled exactly as libzmq matches it. */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** Metadata property: the sender's routing id (REQ, DEALER, ROUTER). Spelled as libzmq matches it. */
    public static final String IDENTITY = "Identity";

    /** Longest name, reason or property name: one length octet. */
    public static final int MAX_SHORT_STRING = 255;
    /** Longest PING/PONG context. */
    public static final int MAX_CONTEXT = 16;
    /** Largest PING TTL, in tenths of a second. */
    public static final int MAX_TTL = 0xFFFF;
    /** Length of a PING's TTL field. */
    public static final int TTL_SIZE = 2;
    /** Length of a property value's size field. */
    public static final int VALUE_SIZE_SIZE = 4;

    /** Legacy (ZMTP 3.0) subscription message: first octet 1 = subscribe. */
    public static final byte LEGACY_SUBSCRIBE = 1;
    /** Legacy (ZMTP 3.0) subscription message: first octet 0 = cancel. */
    public static final byte LEGACY_CANCEL = 0;

    static final byte[] EMPTY = new byte[0];

    private Commands() {
    }

    /** An ERROR command whose reason is {@code reason}, truncated to 255 octets if longer. */
    public static Command.Error error(String reason) {
        return new Command.Error(reason.length() > MAX_SHORT_STRING ? reason.substring(0, MAX_SHORT_STRING) : reason);
    }

    /**
     * Parses one command frame's body.
     *
     * @return the command; {@link Command.Unknown} for names this codec does not know
     * @throws ZmtpProtocolException ({@link Kind#MALFORMED_COMMAND}) if the body breaks the grammar
     */
    public static Command parse(byte[] body) {
        if (body.length == 0) {
            throw malformed("command body length=0 (expected: a name-length octet and a name)");
        }
        int nameLength = body[0] & 0xFF;
        if (1 + nameLength > body.length) {
            throw malformed("command name length=" + nameLength + " but body length=" + body.length
                    + " (expected: name within the body)");
        }
        int data = 1 + nameLength;
        if (is(body, READY)) {
            return new Command.Ready(parseProperties(body, data));
        }
        if (is(body, ERROR)) {
            return parseError(body, data);
        }
        if (is(body, PING)) {
            return parsePing(body, data);
        }
        if (is(body, PONG)) {
            return new Command.Pong(context(body, data));
        }
        if (is(body, SUBSCRIBE)) {
            return new Command.Subscribe(copy(body, data, body.length - data));
        }
        if (is(body, CANCEL)) {
            return new Command.Cancel(copy(body, data, body.length - data));
        }
        String name = new String(body, 1, nameLength, StandardCharsets.ISO_8859_1);
        return new Command.Unknown(name, copy(body, data, body.length - data));
    }

    /** Whether {@code body} (a well-formed command body) is the command {@code name}, matched exactly. */
    public static boolean is(byte[] body, String name) {
        int n = name.length();
        if (body.length < 1 + n || (body[0] & 0xFF) != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (body[1 + i] != (byte) name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses READY metadata: properties from {@code offset} to the end of {@code body}.
     *
     * @return name to value, in wire order
     */
    public static Map<String, byte[]> parseProperties(byte[] body, int offset) {
        LinkedHashMap<String, byte[]> properties = new LinkedHashMap<>();
        int pos = offset;
        while (pos < body.length) {
            int nameLength = body[pos] & 0xFF;
            pos++;
            if (pos + nameLength > body.length) {
                throw malformed("property name length=" + nameLength + " at offset=" + (pos - 1)
                        + " runs past body length=" + body.length);
            }
            String name = new String(body, pos, nameLength, StandardCharsets.ISO_8859_1);
            pos += nameLength;
            if (pos + VALUE_SIZE_SIZE > body.length) {
                throw malformed("property " + name + " has no 4-octet value length (body length="
                        + body.length + ")");
            }
            long valueLength = ByteBuffer.wrap(body, pos, VALUE_SIZE_SIZE).getInt() & 0xFFFFFFFFL;
            pos += VALUE_SIZE_SIZE;
            if (pos + valueLength > body.length) {
                throw malformed("property " + name + " value length=" + valueLength
                        + " runs past body length=" + body.length);
            }
            if (properties.containsKey(name)) {
                throw malformed("property name=" + name + " appears twice (expected: once)");
            }
            properties.put(name, copy(body, pos, (int) valueLength));
            pos += (int) valueLength;
        }
        return properties;
    }

    private static Command.Error parseError(byte[] body, int data) {
        if (data >= body.length) {
            throw malformed("ERROR has no reason-length octet (body length=" + body.length + ")");
        }
        int reasonLength = body[data] & 0xFF;
        if (data + 1 + reasonLength > body.length) {
            throw malformed("ERROR reason length=" + reasonLength + " runs past body length=" + body.length);
        }
        return new Command.Error(new String(body, data + 1, reasonLength, StandardCharsets.ISO_8859_1));
    }

    private static Command.Ping parsePing(byte[] body, int data) {
        if (data + TTL_SIZE > body.length) {
            throw malformed("PING body length=" + body.length + " (expected: >= " + (data + TTL_SIZE)
                    + ", a 2-octet TTL after the name)");
        }
        int ttl = ((body[data] & 0xFF) << 8) | (body[data + 1] & 0xFF);
        return new Command.Ping(ttl, context(body, data + TTL_SIZE));
    }

    /** The context from {@code offset} on, truncated to 16 octets as libzmq does. */
    private static byte[] context(byte[] body, int offset) {
        return copy(body, offset, Math.min(body.length - offset, MAX_CONTEXT));
    }

    /**
     * The SUBSCRIBE or CANCEL command a ZMTP 3.1 peer expects for a legacy subscription message
     * ({@code 0x01 + topic} or {@code 0x00 + topic}), or {@code null} if {@code message} is not one
     * (empty, or another first octet: XSUB may send such messages, which pass as they are).
     */
    public static Command fromLegacySubscription(byte[] message) {
        if (message.length == 0) {
            return null;
        }
        if (message[0] == LEGACY_SUBSCRIBE) {
            return new Command.Subscribe(copy(message, 1, message.length - 1));
        }
        if (message[0] == LEGACY_CANCEL) {
            return new Command.Cancel(copy(message, 1, message.length - 1));
        }
        return null;
    }

    /**
     * The legacy subscription message ({@code 0x01 + topic} / {@code 0x00 + topic}) for a SUBSCRIBE or
     * CANCEL command: the form subscriptions take inside Weft's pipes and on a ZMTP 3.0 wire.
     *
     * @throws IllegalArgumentException for any other command
     */
    public static byte[] toLegacySubscription(Command command) {
        byte[] topic;
        byte first;
        if (command instanceof Command.Subscribe s) {
            topic = s.topic();
            first = LEGACY_SUBSCRIBE;
        } else if (command instanceof Command.Cancel c) {
            topic = c.topic();
            first = LEGACY_CANCEL;
        } else {
            throw new IllegalArgumentException("command=" + command.name() + " (expected: SUBSCRIBE or CANCEL)");
        }
        byte[] message = new byte[1 + topic.length];
        message[0] = first;
        System.arraycopy(topic, 0, message, 1, topic.length);
        return message;
    }

    static void writeName(ByteBuffer out, String name) {
        writeShortString(out, name);
    }

    static void writeShortString(ByteBuffer out, String s) {
        out.put((byte) s.length());
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i));
        }
    }

    static void checkCommandName(String name) {
        checkShortString("command name", name);
    }

    static void checkPropertyName(String name) {
        checkShortString("property name", name);
    }

    private static void checkShortString(String what, String s) {
        if (s.length() > MAX_SHORT_STRING) {
            throw new IllegalArgumentException(what + " length=" + s.length() + " (expected: <= 255)");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + "=" + s + " (expected: one octet per character)");
            }
        }
    }

    static void checkContext(String command, byte[] context) {
        if (context.length > MAX_CONTEXT) {
            throw new IllegalArgumentException(
                    command + " context length=" + context.length + " (expected: <= " + MAX_CONTEXT + ")");
        }
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    private static byte[] copy(byte[] src, int offset, int length) {
        if (length == 0) {
            return EMPTY;
        }
        byte[] b = new byte[length];
        System.arraycopy(src, offset, b, 0, length);
        return b;
    }

    private static ZmtpProtocolException malformed(String message) {
        return new ZmtpProtocolException(Kind.MALFORMED_COMMAND, message);
    }
}
