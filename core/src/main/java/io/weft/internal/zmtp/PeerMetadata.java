package io.weft.internal.zmtp;

import io.weft.SocketType;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The metadata a peer announced at the end of its handshake (NULL's READY; PLAIN's and CURVE's
 * INITIATE/READY later), validated once for every mechanism: the socket type is present, known and
 * compatible with ours; the identity, if any, fits a routing id. Every property is kept, in wire
 * order, for message metadata later. Immutable.
 *
 * <p>Names are matched exactly, as libzmq does ({@value Commands#SOCKET_TYPE}, {@value
 * Commands#IDENTITY}), and so are socket type values ("PUSH", never "push"). Two choices differ from
 * libzmq and follow RFC 37 instead: a missing Socket-Type is refused (libzmq skips the check), and so
 * is an Identity longer than 255 octets. An Identity starting with a zero octet is accepted as libzmq
 * does, although the RFC reserves it: the ROUTER decides what to do with clashing routing ids.
 */
public final class PeerMetadata {
    /** The longest Identity accepted (a routing id is 0 to 255 octets). */
    public static final int MAX_IDENTITY_SIZE = 255;

    private final SocketType socketType;
    private final byte[] identity;
    private final Map<String, byte[]> properties;

    private PeerMetadata(SocketType socketType, byte[] identity, Map<String, byte[]> properties) {
        this.socketType = socketType;
        this.identity = identity;
        this.properties = properties;
    }

    /**
     * Validates a peer's properties against our socket type.
     *
     * @throws ZmtpProtocolException ({@link Kind#INVALID_METADATA}) naming the offending value: no
     *     Socket-Type, an unknown or incompatible one, or an Identity over 255 octets
     */
    public static PeerMetadata validate(SocketType ours, Map<String, byte[]> properties) {
        byte[] typeValue = properties.get(Commands.SOCKET_TYPE);
        if (typeValue == null) {
            throw invalid("peer sent no " + Commands.SOCKET_TYPE + " property (expected for " + ours
                    + ": " + compatible(ours) + ")");
        }
        String typeName = new String(typeValue, StandardCharsets.ISO_8859_1);
        SocketType peer = SocketType.fromWireName(typeName);
        if (peer == null) {
            throw invalid("peer " + Commands.SOCKET_TYPE + "=" + Commands.printable(typeValue)
                    + " is not a known socket type (expected for " + ours + ": " + compatible(ours) + ")");
        }
        if (!ours.isCompatibleWith(peer)) {
            throw invalid("peer " + Commands.SOCKET_TYPE + "=" + peer + " is incompatible with " + ours
                    + " (expected: " + compatible(ours) + ")");
        }
        byte[] identity = properties.get(Commands.IDENTITY);
        if (identity != null && identity.length > MAX_IDENTITY_SIZE) {
            throw invalid("peer " + Commands.IDENTITY + " length=" + identity.length + " (expected: 0 to "
                    + MAX_IDENTITY_SIZE + ")");
        }
        return new PeerMetadata(peer, identity, Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
    }

    /** The peer's socket type, compatible with ours. */
    public SocketType socketType() {
        return socketType;
    }

    /** The peer's Identity property (0 to 255 octets), or {@code null} if it sent none. Not a copy. */
    public byte[] identity() {
        return identity;
    }

    /** Every property the peer sent, in wire order, Socket-Type and Identity included. */
    public Map<String, byte[]> properties() {
        return properties;
    }

    /** The value of property {@code name} (matched exactly), or {@code null}. */
    public byte[] property(String name) {
        return properties.get(name);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "PeerMetadata{", "}");
        properties.forEach((k, v) -> j.add(k + "=" + Commands.printable(v)));
        return j.toString();
    }

    private static String compatible(SocketType ours) {
        StringJoiner j = new StringJoiner(" or ");
        for (SocketType t : SocketType.values()) {
            if (ours.isCompatibleWith(t)) {
                j.add(t.wireName());
            }
        }
        return j.toString();
    }

    private static ZmtpProtocolException invalid(String message) {
        return new ZmtpProtocolException(Kind.INVALID_METADATA, message);
    }
}
