package io.weft.internal.zmtp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs outgoing ZMTP frames into batches for gathering writes. Headers and small bodies are copied
 * into one batch buffer (64,000 octets by default: on loopback, 65,536-octet writes ran several times
 * slower than 64,000-octet ones, see DESIGN §7); a body longer than the copy limit is not copied but
 * referenced, so the batch becomes a short list of segments: copied region, large body, copied
 * region, ... A {@link ByteBuffer} body is referenced the same way: a direct one then goes out
 * with no copy at all, where the JDK copies a heap array into a temporary direct buffer.
 *
 * <p>Use: call {@link #encode(int, byte[])} (or {@link #encode(Command)}) until it returns
 * {@code false} (batch full) or there is nothing left to send; {@link #flip()}; write
 * {@link #segments()}{@code [0, count)} with a gathering write, as many times as it takes, until
 * {@link #isWritten()}; then {@link #clear()} and go on (retrying the frame that did not fit).
 *
 * <p><b>Ownership.</b> The batch buffer is given by the caller (e.g. a pooled direct buffer) and is
 * only borrowed; the caller frees it after the encoder's last use. A body passed by reference must not
 * change until the batch is written (Weft's {@code Msg} ownership rule already promises that).
 * Nothing is allocated per frame, except a small wrapper per referenced large body.
 *
 * <p>Not thread-safe: one encoder per connection, used by its I/O thread.
 */
public final class ZmtpEncoder {
    /** Default batch buffer size: 64,000, not 65,536 (DESIGN §7). */
    public static final int DEFAULT_BATCH_SIZE = 64_000;
    /** Default copy limit: bodies longer than this go by reference, not copied. */
    public static final int DEFAULT_COPY_LIMIT = 8 * 1024;
    /** Most large bodies referenced by one batch. */
    public static final int MAX_REFERENCED_BODIES = 16;

    private final ByteBuffer buffer;
    private final int copyLimit;
    /** Reusable views of {@link #buffer}, one per copied region of a batch. */
    private final ByteBuffer[] regions = new ByteBuffer[MAX_REFERENCED_BODIES + 1];
    private final ByteBuffer[] segments = new ByteBuffer[2 * MAX_REFERENCED_BODIES + 1];
    private int segmentCount;
    private int regionCount;
    private int regionStart;
    private int referenced;
    private boolean flipped;

    /** An encoder over a new direct buffer of {@link #DEFAULT_BATCH_SIZE} with the default copy limit. */
    public ZmtpEncoder() {
        this(ByteBuffer.allocateDirect(DEFAULT_BATCH_SIZE), DEFAULT_COPY_LIMIT);
    }

    /**
     * @param buffer the batch buffer (its whole capacity is used; it is cleared now)
     * @param copyLimit bodies up to this many octets are copied, longer ones referenced; at most the
     *     buffer's capacity minus a long header
     */
    public ZmtpEncoder(ByteBuffer buffer, int copyLimit) {
        if (copyLimit < 0 || copyLimit > buffer.capacity() - FrameHeader.LONG_HEADER_SIZE) {
            throw new IllegalArgumentException("copyLimit=" + copyLimit + " (expected: 0 to buffer capacity - "
                    + FrameHeader.LONG_HEADER_SIZE + " = " + (buffer.capacity() - FrameHeader.LONG_HEADER_SIZE) + ")");
        }
        this.buffer = buffer;
        this.copyLimit = copyLimit;
        buffer.clear();
        buffer.order(ByteOrder.BIG_ENDIAN); // network order for sizes, TTLs and property lengths
        for (int i = 0; i < regions.length; i++) {
            regions[i] = buffer.duplicate();
        }
    }

    /**
     * Adds one frame to the batch.
     *
     * @param flags {@link FrameHeader#MORE}, {@link FrameHeader#COMMAND} or 0
     * @param body the body; copied if short, else referenced until the batch is cleared
     * @return {@code true} if added; {@code false} if the batch is full (write it, clear, retry).
     *     Always {@code true} on an empty batch.
     * @throws IllegalArgumentException for flags other than MORE or COMMAND, or both
     */
    public boolean encode(int flags, byte[] body) {
        checkFilling();
        FrameHeader.checkOutgoing(flags, body.length);
        int header = FrameHeader.headerSize(body.length);
        if (body.length <= copyLimit) {
            if (buffer.remaining() < header + body.length) {
                return false;
            }
            FrameHeader.write(buffer, flags, body.length);
            buffer.put(body);
            return true;
        }
        return reference(flags, header, ByteBuffer.wrap(body));
    }

    /**
     * Adds one frame whose body is {@code body}'s remaining octets (its position is not moved). A
     * short body is copied; a longer one is referenced by a view of its own, so a direct buffer goes
     * to the socket with no copy at all.
     *
     * @return as {@link #encode(int, byte[])}
     */
    public boolean encode(int flags, ByteBuffer body) {
        checkFilling();
        int size = body.remaining();
        FrameHeader.checkOutgoing(flags, size);
        int header = FrameHeader.headerSize(size);
        if (size <= copyLimit) {
            if (buffer.remaining() < header + size) {
                return false;
            }
            FrameHeader.write(buffer, flags, size);
            buffer.put(buffer.position(), body, body.position(), size);
            buffer.position(buffer.position() + size);
            return true;
        }
        return reference(flags, header, body.duplicate());
    }

    /** Writes the header of a body too long to copy and adds the body itself as a segment. */
    private boolean reference(int flags, int header, ByteBuffer segment) {
        if (buffer.remaining() < header || referenced == MAX_REFERENCED_BODIES) {
            return false;
        }
        FrameHeader.write(buffer, flags, segment.remaining());
        closeRegion();
        segments[segmentCount++] = segment;
        referenced++;
        return true;
    }

    /**
     * Adds one command frame, written straight into the batch buffer when it fits the copy limit.
     *
     * @return as {@link #encode(int, byte[])}
     */
    public boolean encode(Command command) {
        checkFilling();
        int size = command.bodySize();
        if (size > copyLimit) {
            return encode(FrameHeader.COMMAND, command.toBody());
        }
        if (buffer.remaining() < FrameHeader.headerSize(size) + size) {
            return false;
        }
        FrameHeader.write(buffer, FrameHeader.COMMAND, size);
        command.writeBody(buffer);
        return true;
    }

    /** Whether no frame was added since the last {@link #clear()}. */
    public boolean isEmpty() {
        return buffer.position() == 0 && segmentCount == 0;
    }

    /**
     * Ends the batch: no more frames until {@link #clear()}.
     *
     * @return the number of segments to write, from index 0 of {@link #segments()}
     */
    public int flip() {
        checkFilling();
        closeRegion();
        flipped = true;
        return segmentCount;
    }

    /** The batch's segments, valid after {@link #flip()}: indexes [0, count). Reused across batches. */
    public ByteBuffer[] segments() {
        return segments;
    }

    /** The number of segments of the flipped batch. */
    public int segmentCount() {
        return segmentCount;
    }

    /** Octets of the flipped batch not yet written. */
    public long remaining() {
        long n = 0;
        for (int i = 0; i < segmentCount; i++) {
            n += segments[i].remaining();
        }
        return n;
    }

    /** Whether every segment of the flipped batch has been written. */
    public boolean isWritten() {
        for (int i = 0; i < segmentCount; i++) {
            if (segments[i].hasRemaining()) {
                return false;
            }
        }
        return true;
    }

    /** Forgets the batch (written or abandoned) and starts an empty one; drops body references. */
    public void clear() {
        for (int i = 0; i < segmentCount; i++) {
            segments[i] = null;
        }
        buffer.clear();
        segmentCount = 0;
        regionCount = 0;
        regionStart = 0;
        referenced = 0;
        flipped = false;
    }

    private void closeRegion() {
        int end = buffer.position();
        if (end > regionStart) {
            ByteBuffer view = regions[regionCount++];
            view.clear();
            view.position(regionStart);
            view.limit(end);
            segments[segmentCount++] = view;
            regionStart = end;
        }
    }

    private void checkFilling() {
        if (flipped) {
            throw new IllegalStateException("batch is flipped: write it and clear() before adding frames");
        }
    }
}
