package io.weft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One frame of a message: a body and its flags. A {@code Msg} is a reusable holder, not the data.
 *
 * <p><b>Ownership.</b> {@link Socket#send(Msg)} hands the <em>body array</em> over to Weft without
 * a copy: after the call the sender must not modify that array (the receiver may get the very same
 * array). The {@code Msg} object itself stays the caller's and may be refilled and sent again.
 * {@link Socket#recv(Msg)} fills the holder with a body that now belongs to the receiver (treat it
 * as read-only when a PUB fans the same message out over inproc: every subscriber gets the same
 * array, as libzmq shares one message). This is
 * the zero-copy path; {@link Socket#send(byte[])} copies instead, as libzmq's {@code zmq_send} does.
 *
 * <p>Not thread-safe: one thread fills or reads a holder at a time.
 */
public final class Msg {
    /** Flag: more frames of the same message follow this one. */
    public static final int MORE = 1;
    /** Flag: a ZMTP command frame, never seen by applications. */
    public static final int COMMAND = 2;

    private static final byte[] EMPTY = new byte[0];

    private byte[] data;
    private int flags;

    /** An empty frame. */
    public Msg() {
        this.data = EMPTY;
    }

    /** A frame whose body is {@code data} itself (not a copy). */
    public Msg(byte[] data) {
        this.data = data == null ? EMPTY : data;
    }

    /** A frame holding {@code text} in UTF-8. */
    public Msg(String text) {
        this.data = text.getBytes(StandardCharsets.UTF_8);
    }

    /** The body (not a copy). */
    public byte[] data() {
        return data;
    }

    /** The body's length in bytes. */
    public int size() {
        return data.length;
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Whether more frames of the same message follow. */
    public boolean hasMore() {
        return (flags & MORE) != 0;
    }

    /** The raw flags ({@link #MORE}, {@link #COMMAND}). */
    public int flags() {
        return flags;
    }

    /** Refills this holder with {@code data} (not copied) and {@code flags}; returns this. */
    public Msg set(byte[] data, int flags) {
        this.data = data == null ? EMPTY : data;
        this.flags = flags;
        return this;
    }

    /** Sets or clears {@link #MORE}; returns this. */
    public Msg more(boolean more) {
        flags = more ? flags | MORE : flags & ~MORE;
        return this;
    }

    /** Empties the holder, dropping its reference to the body. */
    public Msg clear() {
        data = EMPTY;
        flags = 0;
        return this;
    }

    /** The shared empty body, for frames such as delimiters that carry no bytes. */
    public static byte[] emptyBody() {
        return EMPTY;
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 32);
        StringBuilder sb = new StringBuilder("Msg[").append(data.length).append(" B").append(hasMore() ? ", MORE" : "")
                .append(", ");
        for (int i = 0; i < shown; i++) {
            sb.append(String.format("%02x", data[i]));
        }
        return sb.append(data.length > shown ? "...]" : "]").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Msg && ((Msg) o).flags == flags && Arrays.equals(((Msg) o).data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + flags;
    }
}
