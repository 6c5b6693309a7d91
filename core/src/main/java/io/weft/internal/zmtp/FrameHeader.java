package io.weft.internal.zmtp;

import java.nio.ByteBuffer;

/**
 * Layout of a ZMTP 3.x frame header (RFC 23/37 "Framing"): a flags octet followed by the body size,
 * in one octet (short frame) or eight octets in network byte order (long frame).
 *
 * <pre>
 *   short frame (body 0..255 octets)        long frame (body 0..MAX_BODY_SIZE octets)
 *   0        1        2                     0        1                          9
 *  +--------+--------+------------- -      +--------+--------------------------+------------- -
 *  | flags  |  size  | body ...            | flags  | size (8 octets, big end) | body ...
 *  +--------+--------+------------- -      +--------+--------------------------+------------- -
 *
 *  flags:  bit 7..3  reserved, MUST be 0 (anything else is a protocol error)
 *          bit 2     COMMAND  1 = command frame, 0 = message frame
 *          bit 1     LONG     1 = 8-octet size, 0 = 1-octet size
 *          bit 0     MORE     1 = more frames of this message follow (never on a command)
 * </pre>
 *
 * <p>Note that these are the <em>wire</em> flags: {@code COMMAND} is 4 here while
 * {@link io.weft.Msg#COMMAND} is 2; the engine translates between them.
 *
 * <p><b>Size limit.</b> ZMTP allows bodies up to 2^63-1 octets; Weft holds a body in one Java array,
 * so the largest body it sends or accepts is {@link #MAX_BODY_SIZE} = 2^31-9 octets (the largest
 * array every JVM allocates). A longer frame is refused from its header, before any allocation.
 */
public final class FrameHeader {
    /** Flag: more frames of the same message follow. */
    public static final int MORE = 0x01;
    /** Flag: the size field is 8 octets. */
    public static final int LONG = 0x02;
    /** Flag: a command frame. */
    public static final int COMMAND = 0x04;
    /** Bits that must be zero. */
    public static final int RESERVED_MASK = 0xF8;

    /** Offset of the flags octet. */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the size field (either form). */
    public static final int SIZE_OFFSET = 1;
    /** Header length of a short frame: flags + 1-octet size. */
    public static final int SHORT_HEADER_SIZE = 2;
    /** Header length of a long frame: flags + 8-octet size. */
    public static final int LONG_HEADER_SIZE = 9;
    /** The largest body a short frame can carry. */
    public static final int MAX_SHORT_BODY_SIZE = 255;
    /** The largest body Weft sends or accepts: {@code Integer.MAX_VALUE - 8}, 2,147,483,639 octets. */
    public static final int MAX_BODY_SIZE = Integer.MAX_VALUE - 8;

    private FrameHeader() {
    }

    /** Header length for a body of {@code bodySize} octets (the short form whenever it fits). */
    public static int headerSize(int bodySize) {
        return bodySize <= MAX_SHORT_BODY_SIZE ? SHORT_HEADER_SIZE : LONG_HEADER_SIZE;
    }

    /**
     * Writes the header of a frame with {@code flags} ({@link #MORE} and/or {@link #COMMAND}) and a
     * body of {@code bodySize} octets at the buffer's position, choosing the short form when it fits.
     */
    public static void write(ByteBuffer out, int flags, int bodySize) {
        checkOutgoing(flags, bodySize);
        if (bodySize <= MAX_SHORT_BODY_SIZE) {
            out.put((byte) flags);
            out.put((byte) bodySize);
        } else {
            out.put((byte) (flags | LONG));
            out.putLong(bodySize);
        }
    }

    /**
     * Validates a received flags octet.
     *
     * @throws ZmtpProtocolException if a reserved bit is set or MORE is set on a command
     */
    public static void checkIncoming(int flagsOctet) {
        if ((flagsOctet & RESERVED_MASK) != 0) {
            throw new ZmtpProtocolException(ZmtpProtocolException.Kind.INVALID_FLAGS,
                    String.format("frame flags=0x%02x (expected: reserved bits 7-3 zero)", flagsOctet));
        }
        if ((flagsOctet & (COMMAND | MORE)) == (COMMAND | MORE)) {
            throw new ZmtpProtocolException(ZmtpProtocolException.Kind.INVALID_FLAGS,
                    String.format("frame flags=0x%02x (expected: no MORE on a command frame)", flagsOctet));
        }
    }

    /** Refuses flags and sizes we must never put on the wire (a bug on our side, not the peer's). */
    static void checkOutgoing(int flags, int bodySize) {
        if ((flags & ~(MORE | COMMAND)) != 0 || flags == (MORE | COMMAND)) {
            throw new IllegalArgumentException(
                    String.format("flags=0x%02x (expected: MORE, COMMAND or none; never both)", flags));
        }
        if (bodySize < 0) {
            throw new IllegalArgumentException("bodySize=" + bodySize + " (expected: >= 0)");
        }
    }
}
