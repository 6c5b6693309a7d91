package io.weft.internal.zmtp;

import io.weft.internal.BodyPool;
import io.weft.internal.PooledBody;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Cuts ZMTP 3.x frames out of a byte stream. Feed it what each read returned, split anywhere (one
 * octet at a time works); it hands every complete frame to a {@link FrameHandler} as its flags and
 * its body in an array of its own. A frame whose body is all in the fed buffer is copied out at
 * once; a longer one is assembled across reads, and the engine may read its missing octets straight
 * into the body ({@link #bodyTarget()}) instead of through its read buffer.
 *
 * <p><b>Guarantees.</b> The header is validated before anything else happens: reserved flag bits or
 * MORE on a command fail with {@link Kind#INVALID_FLAGS}; a size above {@code maxMsgSize} (libzmq's
 * MAXMSGSIZE, per frame, -1 for none) or above {@link FrameHeader#MAX_BODY_SIZE} fails with
 * {@link Kind#FRAME_TOO_LARGE} from the header alone, before the body is allocated. The only
 * allocation per frame is the body array (none for an empty body). A frame whose header and body
 * are both in the fed buffer is cut out in one step, without the octet-by-octet state machine. After an exception the decoder
 * is failed and refuses further input; the connection must be dropped.
 *
 * <p>Not thread-safe: one decoder per connection, used by its I/O thread.
 */
public final class ZmtpDecoder {
    /** Receives decoded frames. */
    @FunctionalInterface
    public interface FrameHandler {
        /**
         * One complete frame.
         *
         * @param flags {@link FrameHeader#MORE} and/or {@link FrameHeader#COMMAND} (never LONG)
         * @param body the body, now owned by the handler (an empty body is a shared empty array)
         * @return {@code true} to go on decoding; {@code false} to stop right after this frame (the
         *     fed buffer is left positioned at the next frame, for a later {@link #decode} call)
         */
        boolean onFrame(int flags, byte[] body);

        /**
         * One complete frame in a pooled direct buffer (decoders built with pooled bodies, frames
         * of {@link BodyPool#MIN_POOLED} octets or more), now owned by the handler. By default it is
         * copied into an array, given back, and passed to {@link #onFrame(int, byte[])}.
         */
        default boolean onPooledFrame(int flags, PooledBody body) {
            byte[] copy = new byte[body.size()];
            body.buffer().get(0, copy);
            body.release();
            return onFrame(flags, copy);
        }
    }

    /** MAXMSGSIZE value meaning "no limit" (beyond {@link FrameHeader#MAX_BODY_SIZE}). */
    public static final long NO_LIMIT = -1;

    private static final byte[] EMPTY = new byte[0];

    private static final int FLAGS = 0;
    private static final int SIZE = 1;
    private static final int BODY = 2;
    private static final int FAILED = 3;

    private final FrameHandler handler;
    private final long maxMsgSize;
    private final boolean pooledBodies;

    private int state = FLAGS;
    private int flags;
    private int sizeOctetsMissing;
    private long size;
    private byte[] body;
    private int bodyFilled;
    private ByteBuffer target;
    /** The body being assembled when it is pooled (then {@link #body} is null, {@link #target} its buffer). */
    private PooledBody pooled;

    /**
     * @param maxMsgSize largest accepted body in octets, or {@link #NO_LIMIT}
     * @param handler receives every frame
     */
    public ZmtpDecoder(long maxMsgSize, FrameHandler handler) {
        this(maxMsgSize, false, handler);
    }

    /**
     * @param maxMsgSize largest accepted body in octets, or {@link #NO_LIMIT}
     * @param pooledBodies whether bodies of {@link BodyPool#MIN_POOLED} octets or more go into
     *     pooled direct buffers ({@link FrameHandler#onPooledFrame}) instead of arrays
     * @param handler receives every frame
     */
    public ZmtpDecoder(long maxMsgSize, boolean pooledBodies, FrameHandler handler) {
        if (maxMsgSize < NO_LIMIT) {
            throw new IllegalArgumentException("maxMsgSize=" + maxMsgSize + " (expected: >= -1)");
        }
        this.maxMsgSize = maxMsgSize;
        this.pooledBodies = pooledBodies;
        this.handler = handler;
    }

    /**
     * Decodes as much of {@code in} as it can: every complete frame goes to the handler.
     *
     * @return {@code true} if all of {@code in} was consumed; {@code false} if the handler asked to
     *     stop (the rest of {@code in} is untouched)
     * @throws ZmtpProtocolException if a frame header is invalid or too large
     */
    public boolean decode(ByteBuffer in) {
        if (state == FAILED) {
            throw new IllegalStateException("decoder failed earlier: drop the connection");
        }
        syncTarget();
        try {
            while (in.hasRemaining()) {
                if (state == FLAGS) {
                    int cut = cutWholeFrame(in);
                    if (cut > 0) {
                        continue;
                    }
                    if (cut < 0) {
                        return false;
                    }
                }
                switch (state) {
                    case FLAGS -> readFlags(in.get() & 0xFF);
                    case SIZE -> {
                        while (sizeOctetsMissing > 0 && in.hasRemaining()) {
                            size = (size << 8) | (in.get() & 0xFF);
                            sizeOctetsMissing--;
                        }
                        if (sizeOctetsMissing == 0 && !sizeReady()) {
                            return false;
                        }
                    }
                    default -> {
                        if (pooled != null) {
                            int n = Math.min(in.remaining(), target.remaining());
                            target.put(target.position(), in, in.position(), n);
                            target.position(target.position() + n);
                            in.position(in.position() + n);
                            if (!target.hasRemaining() && !deliverPooled()) {
                                return false;
                            }
                            continue;
                        }
                        int n = Math.min(in.remaining(), body.length - bodyFilled);
                        in.get(body, bodyFilled, n);
                        bodyFilled += n;
                        if (bodyFilled == body.length && !deliver(body)) {
                            return false;
                        }
                    }
                }
            }
            return true;
        } catch (ZmtpProtocolException e) {
            state = FAILED;
            body = null;
            pooled = null;
            throw e;
        }
    }

    /**
     * The fast path: when {@code in} holds a whole frame (header and body), cut it out with no
     * per-octet state machine: absolute reads of the header and one bulk copy of the body. From a
     * heap buffer the body is copied with {@link Arrays#copyOfRange}, which the JIT allocates without
     * zeroing first. The checks are those of the slow path, in the same order.
     *
     * @return 1 if a frame was cut and delivered, -1 if so and the handler asked to stop, 0 if
     *     {@code in} holds no whole frame (the state machine takes over)
     */
    private int cutWholeFrame(ByteBuffer in) {
        int pos = in.position();
        int available = in.limit() - pos;
        if (available < FrameHeader.SHORT_HEADER_SIZE) {
            return 0;
        }
        int octet = in.get(pos) & 0xFF;
        FrameHeader.checkIncoming(octet);
        int header;
        long n;
        if ((octet & FrameHeader.LONG) == 0) {
            header = FrameHeader.SHORT_HEADER_SIZE;
            n = in.get(pos + 1) & 0xFF;
        } else if (available >= FrameHeader.LONG_HEADER_SIZE) {
            header = FrameHeader.LONG_HEADER_SIZE;
            n = in.order() == ByteOrder.BIG_ENDIAN ? in.getLong(pos + 1) : Long.reverseBytes(in.getLong(pos + 1));
        } else {
            return 0;
        }
        if (maxMsgSize >= 0 && (n < 0 || n > maxMsgSize)) {
            throw tooLarge(n);
        }
        checkSize(n);
        if (available - header < n) {
            return 0;
        }
        int from = pos + header;
        int length = (int) n;
        flags = octet & (FrameHeader.MORE | FrameHeader.COMMAND);
        if (pooledBodies && length >= BodyPool.MIN_POOLED) {
            PooledBody p = BodyPool.take(length);
            p.buffer().put(0, in, from, length);
            in.position(from + length);
            return handler.onPooledFrame(flags, p) ? 1 : -1;
        }
        byte[] frame;
        if (length == 0) {
            frame = EMPTY;
        } else if (in.hasArray()) {
            int at = in.arrayOffset() + from;
            frame = Arrays.copyOfRange(in.array(), at, at + length);
        } else {
            frame = new byte[length];
            in.get(from, frame, 0, length);
        }
        in.position(from + length);
        return handler.onFrame(flags, frame) ? 1 : -1;
    }

    /** Refuses a size no Java array can hold (negative: 2^63 or more, unsigned). */
    private static void checkSize(long n) {
        if (n < 0 || n > FrameHeader.MAX_BODY_SIZE) {
            throw new ZmtpProtocolException(Kind.FRAME_TOO_LARGE, "frame size=" + Long.toUnsignedString(n)
                    + " (expected: <= " + FrameHeader.MAX_BODY_SIZE + ", the largest Java array)");
        }
    }

    private ZmtpProtocolException tooLarge(long n) {
        return new ZmtpProtocolException(Kind.FRAME_TOO_LARGE,
                "frame size=" + Long.toUnsignedString(n) + " (expected: <= MAXMSGSIZE=" + maxMsgSize + ")");
    }

    /** Whether part of a frame (header or body) has been read but not the whole of it. */
    public boolean midFrame() {
        return state == SIZE || state == BODY;
    }

    /** Octets still missing from the body being assembled (0 between frames). */
    public int bodyRemaining() {
        if (state != BODY) {
            return 0;
        }
        return pooled != null ? target.remaining() : body.length - bodyFilled;
    }

    /**
     * While a pooled body is being assembled: its direct buffer over the missing octets, for the
     * engine to read into straight from the socket (no copy through the read buffer); {@code null}
     * otherwise. After reading into it, call {@link #bodyTargetFilled()}.
     */
    public ByteBuffer pooledBodyTarget() {
        return state == BODY && pooled != null ? target : null;
    }

    /**
     * While a body is being assembled: a buffer over its missing octets, for the engine to read into
     * directly (worth it when {@link #bodyRemaining()} exceeds its read buffer); {@code null} between
     * frames. After reading into it, call {@link #bodyTargetFilled()}.
     */
    public ByteBuffer bodyTarget() {
        if (state != BODY) {
            return null;
        }
        if (target == null) {
            target = ByteBuffer.wrap(body, bodyFilled, body.length - bodyFilled);
        }
        return target;
    }

    /**
     * Accounts for what was read into {@link #bodyTarget()}; delivers the frame if it is complete.
     *
     * @return as {@link #decode}: {@code false} if the handler asked to stop
     */
    public boolean bodyTargetFilled() {
        if (state == BODY && pooled != null) {
            return target.hasRemaining() || deliverPooled();
        }
        syncTarget();
        if (state == BODY && bodyFilled == body.length) {
            return deliver(body);
        }
        return true;
    }

    private void syncTarget() {
        if (target != null && pooled == null) {
            bodyFilled = target.position();
        }
    }

    private void readFlags(int octet) {
        FrameHeader.checkIncoming(octet);
        flags = octet & (FrameHeader.MORE | FrameHeader.COMMAND);
        sizeOctetsMissing = (octet & FrameHeader.LONG) != 0 ? 8 : 1;
        size = 0;
        state = SIZE;
    }

    /** The size is complete: validate it, then start the body (or deliver an empty frame). */
    private boolean sizeReady() {
        // An 8-octet size is unsigned: a negative long means 2^63 or more. The user's limit is named
        // first when it is the one broken.
        if (maxMsgSize >= 0 && (size < 0 || size > maxMsgSize)) {
            throw tooLarge(size);
        }
        checkSize(size);
        if (size == 0) {
            return deliver(EMPTY);
        }
        if (pooledBodies && size >= BodyPool.MIN_POOLED) {
            pooled = BodyPool.take((int) size);
            target = pooled.buffer();
            state = BODY;
            return true;
        }
        try {
            body = new byte[(int) size];
        } catch (OutOfMemoryError e) {
            // A peer announcing a body the heap cannot hold (no MAXMSGSIZE set) costs that peer its
            // connection, not the I/O thread its life. Set MAXMSGSIZE for peers you do not trust.
            throw new ZmtpProtocolException(Kind.FRAME_TOO_LARGE,
                    "frame size=" + size + " does not fit in the heap (set MAXMSGSIZE to refuse such frames)");
        }
        bodyFilled = 0;
        state = BODY;
        return true;
    }

    private boolean deliverPooled() {
        PooledBody p = pooled;
        state = FLAGS;
        pooled = null;
        target = null;
        return handler.onPooledFrame(flags, p);
    }

    private boolean deliver(byte[] frame) {
        state = FLAGS;
        body = null;
        target = null;
        return handler.onFrame(flags, frame);
    }
}
