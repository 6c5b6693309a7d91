package io.weft.transports.testkit;

import io.weft.SocketType;
import io.weft.internal.zmtp.Command;
import io.weft.internal.zmtp.FrameHeader;
import io.weft.internal.zmtp.Greeting;
import io.weft.internal.zmtp.NullMechanism;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Octets of ZMTP 3.x as a raw test peer writes them, good or deliberately broken, built from the
 * codec's layout classes ({@link Greeting}, {@link FrameHeader}, {@link Command}).
 */
public final class Zmtp {
    private Zmtp() {
    }

    /** A valid ZMTP 3.1 NULL greeting. */
    public static byte[] greeting() {
        return Greeting.encode(NullMechanism.NAME, false);
    }

    /** A greeting with the given version and mechanism name (raw octets, not validated). */
    public static byte[] greeting(int major, int minor, String mechanism) {
        byte[] g = greeting();
        g[Greeting.MAJOR_OFFSET] = (byte) major;
        g[Greeting.MINOR_OFFSET] = (byte) minor;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(g, Greeting.MECHANISM_OFFSET, Greeting.MECHANISM_OFFSET + Greeting.MECHANISM_SIZE,
                (byte) 0);
        System.arraycopy(name, 0, g, Greeting.MECHANISM_OFFSET, name.length);
        return g;
    }

    /** A frame with raw {@code flags} (any octet, even invalid) and {@code body}, short form if it fits. */
    public static byte[] frame(int flags, byte[] body) {
        ByteBuffer b;
        if (body.length <= FrameHeader.MAX_SHORT_BODY_SIZE) {
            b = ByteBuffer.allocate(FrameHeader.SHORT_HEADER_SIZE + body.length);
            b.put((byte) flags).put((byte) body.length);
        } else {
            b = ByteBuffer.allocate(FrameHeader.LONG_HEADER_SIZE + body.length);
            b.put((byte) (flags | FrameHeader.LONG)).putLong(body.length);
        }
        return b.put(body).array();
    }

    /** A message frame. */
    public static byte[] message(String text, boolean more) {
        return frame(more ? FrameHeader.MORE : 0, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A command frame carrying {@code command}. */
    public static byte[] command(Command command) {
        return frame(FrameHeader.COMMAND, command.toBody());
    }

    /** The READY a peer of {@code type} sends in the NULL handshake. */
    public static byte[] ready(SocketType type) {
        return command(Command.Ready.of(type, null));
    }

    /** A READY with a raw Socket-Type value (which may be unknown). */
    public static byte[] readyWithSocketType(String socketType) {
        java.util.Map<String, byte[]> p = new java.util.LinkedHashMap<>();
        p.put("Socket-Type", socketType.getBytes(StandardCharsets.US_ASCII));
        return command(new Command.Ready(p));
    }

    /** Only the header of a long frame declaring {@code size} octets (sent without its body). */
    public static byte[] longHeader(int flags, long size) {
        return ByteBuffer.allocate(FrameHeader.LONG_HEADER_SIZE).put((byte) (flags | FrameHeader.LONG)).putLong(size)
                .array();
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The first {@code n} octets of {@code b}. */
    public static byte[] prefix(byte[] b, int n) {
        return java.util.Arrays.copyOf(b, n);
    }
}
