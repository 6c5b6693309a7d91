package io.weft;

import io.weft.internal.MsgBodies;
import io.weft.internal.PooledBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One frame of a message: a body and its flags. A {@code Msg} is a reusable holder, not the data.
 *
 * <p><b>Ownership.</b> {@link Socket#send(Msg)} hands the <em>body</em> over to Weft without a copy:
 * after the call the sender must not modify that array or buffer (the receiver may get the very same
 * one). The {@code Msg} object itself stays the caller's and may be refilled and sent again.
 * {@link Socket#recv(Msg)} fills the holder with a body that now belongs to the receiver (treat it
 * as read-only when a PUB fans the same message out over inproc: every subscriber gets the same
 * body, as libzmq shares one message). This is the zero-copy path; {@link Socket#send(byte[])}
 * copies instead, as libzmq's {@code zmq_send} does.
 *
 * <p><b>Bodies.</b> A body is a {@code byte[]} ({@link #Msg(byte[])}) or a {@link ByteBuffer}
 * ({@link #Msg(ByteBuffer)}: its octets from position to limit). A direct buffer larger than a few
 * KiB goes from the application to the socket with no copy at all, by gathering write.
 * {@link #data()} always works: for a buffer body it copies the octets into an array once, and the
 * holder keeps that array from then on. {@link #buffer()} is a read-only view of either kind.
 *
 * <p><b>Pooled bodies ({@link Option#ZERO_COPY_RECV}).</b> On a socket with that option, a large
 * frame from the network arrives in a direct buffer borrowed from a pool. The holder that received
 * it owns it until one of these gives it back: {@link #release()}; {@link #data()} (after copying);
 * or the holder being filled again by {@link Socket#recv(Msg)}, as {@code zmq_msg_recv} closes the
 * message it is given. A view from {@link #buffer()} must not be used after that. Sending the holder
 * passes the body on and ends the holder's ownership (the body then never returns to the pool). A
 * pooled body nobody gives back is freed by the garbage collector: a missed release costs speed,
 * never memory.
 *
 * <p>Not thread-safe: one thread fills or reads a holder at a time.
 */
public final class Msg {
    /** Flag: more frames of the same message follow this one. */
    public static final int MORE = 1;
    /** Flag: a ZMTP command frame, never seen by applications. */
    public static final int COMMAND = 2;

    private static final byte[] EMPTY = new byte[0];

    static {
        MsgBodies.install(new Bodies());
    }

    /** A {@code byte[]}, a {@link ByteBuffer} (position 0, limit = size) or an owned {@link PooledBody}. */
    private Object body;
    private int flags;

    /** An empty frame. */
    public Msg() {
        this.body = EMPTY;
    }

    /** A frame whose body is {@code data} itself (not a copy). */
    public Msg(byte[] data) {
        this.body = data == null ? EMPTY : data;
    }

    /**
     * A frame whose body is {@code body}'s octets from its position to its limit, not copied. The
     * buffer's position and limit may change afterwards; its content must not.
     */
    public Msg(ByteBuffer body) {
        this.body = body.slice();
    }

    /** A frame holding {@code text} in UTF-8. */
    public Msg(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body as an array (not a copy when the body is an array). A buffer body is copied into a
     * new array once, which the holder keeps from then on; a pooled body goes back to its pool.
     */
    public byte[] data() {
        Object b = body;
        if (b instanceof byte[] a) {
            return a;
        }
        ByteBuffer view = view(b);
        byte[] a = new byte[view.remaining()];
        view.get(a);
        if (b instanceof PooledBody pooled) {
            pooled.release();
        }
        body = a;
        return a;
    }

    /**
     * A read-only view of the body, position 0 to limit {@link #size()}: no copy, whatever the body's
     * kind. A new view per call; for a pooled body, valid until the holder gives it back.
     */
    public ByteBuffer buffer() {
        Object b = body;
        if (b instanceof byte[] a) {
            return ByteBuffer.wrap(a).asReadOnlyBuffer();
        }
        return view(b).asReadOnlyBuffer();
    }

    /** Whether the body is in direct (off-heap) memory: a direct buffer or a pooled body. */
    public boolean isDirect() {
        Object b = body;
        return !(b instanceof byte[]) && view(b).isDirect();
    }

    /** The body's length in bytes. */
    public int size() {
        Object b = body;
        if (b instanceof byte[] a) {
            return a.length;
        }
        return b instanceof PooledBody p ? p.size() : ((ByteBuffer) b).limit();
    }

    /** The body decoded as UTF-8. */
    public String text() {
        Object b = body;
        if (b instanceof byte[] a) {
            return new String(a, StandardCharsets.UTF_8);
        }
        return StandardCharsets.UTF_8.decode(view(b)).toString();
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
        this.body = data == null ? EMPTY : data;
        this.flags = flags;
        return this;
    }

    /** Refills this holder with {@code body}'s remaining octets (not copied, as {@link #Msg(ByteBuffer)}). */
    public Msg set(ByteBuffer body, int flags) {
        this.body = body.slice();
        this.flags = flags;
        return this;
    }

    /** Sets or clears {@link #MORE}; returns this. */
    public Msg more(boolean more) {
        flags = more ? flags | MORE : flags & ~MORE;
        return this;
    }

    /**
     * Empties the holder, dropping its reference to the body. A pooled body it owned is not given
     * back (see {@link #release()}); the garbage collector frees it.
     */
    public Msg clear() {
        body = EMPTY;
        flags = 0;
        return this;
    }

    /**
     * Gives a pooled body back to its pool (see the class comment) and empties the holder. For any
     * other body this is {@link #clear()}. Views from {@link #buffer()} must not be used afterwards.
     */
    public Msg release() {
        if (body instanceof PooledBody pooled) {
            pooled.release();
        }
        return clear();
    }

    /** The shared empty body, for frames such as delimiters that carry no bytes. */
    public static byte[] emptyBody() {
        return EMPTY;
    }

    /** A view of a buffer body (position 0, limit = size), for reading; not for a byte[] body. */
    private static ByteBuffer view(Object b) {
        return (b instanceof PooledBody p ? p.buffer() : (ByteBuffer) b).duplicate().position(0);
    }

    @Override
    public String toString() {
        ByteBuffer v = buffer();
        int size = v.remaining();
        int shown = Math.min(size, 32);
        StringBuilder sb = new StringBuilder("Msg[").append(size).append(" B").append(hasMore() ? ", MORE" : "")
                .append(", ");
        for (int i = 0; i < shown; i++) {
            sb.append(String.format("%02x", v.get(i)));
        }
        return sb.append(size > shown ? "...]" : "]").toString();
    }

    /** Equal when the flags and the body's octets are, whatever the bodies' kinds. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Msg m && m.flags == flags && m.buffer().equals(buffer());
    }

    @Override
    public int hashCode() {
        ByteBuffer v = buffer();
        int h = 1;
        for (int i = 0, n = v.remaining(); i < n; i++) {
            h = 31 * h + v.get(i);
        }
        return h * 31 + flags;
    }

    /** The engine's side door, see {@link MsgBodies}. */
    private static final class Bodies implements MsgBodies.Accessor {
        @Override
        public Object body(Msg msg) {
            return msg.body;
        }

        @Override
        public Msg set(Msg msg, Object body, int flags) {
            msg.body = body;
            msg.flags = flags;
            return msg;
        }

        @Override
        public Object takeForSending(Msg msg) {
            Object b = msg.body;
            if (b instanceof PooledBody pooled) {
                // Sent on: no longer ours to give back. Others may read it from now on.
                ByteBuffer plain = pooled.buffer().duplicate().position(0);
                msg.body = plain;
                return plain;
            }
            return b;
        }

        @Override
        public void releaseOwned(Msg msg) {
            if (msg.body instanceof PooledBody) {
                msg.release();
            }
        }
    }
}
