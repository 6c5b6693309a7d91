package io.weft;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What a {@link Proxy} has moved so far: the eight counters of libzmq's steerable proxy, in its
 * order. "In" is what a side's socket received, "out" what it sent; a multipart message counts
 * once, its bytes are the sum of its frames' bodies. The request flow reads the frontend and
 * writes the backend, the reply flow the other way round, so {@code frontendMessagesIn} and
 * {@code backendMessagesOut} differ only by a message waiting for room in the backend.
 *
 * <p>On a control socket, {@link #toFrames()} and {@link #fromFrames(List)} are the STATISTICS
 * reply: eight frames of eight bytes each, unsigned 64-bit little-endian (what libzmq, which
 * writes host byte order, sends and reads on x86 and ARM).
 */
public record ProxyStatistics(long frontendMessagesIn, long frontendBytesIn, long frontendMessagesOut,
        long frontendBytesOut, long backendMessagesIn, long backendBytesIn, long backendMessagesOut,
        long backendBytesOut) {

    /** Nothing moved yet. */
    public static final ProxyStatistics ZERO = new ProxyStatistics(0, 0, 0, 0, 0, 0, 0, 0);

    /** The counters in libzmq's order, as eight values. */
    public long[] toArray() {
        return new long[] {frontendMessagesIn, frontendBytesIn, frontendMessagesOut, frontendBytesOut,
            backendMessagesIn, backendBytesIn, backendMessagesOut, backendBytesOut};
    }

    /** The counters as the STATISTICS reply's eight frames (64-bit little-endian each). */
    public byte[][] toFrames() {
        long[] v = toArray();
        byte[][] frames = new byte[v.length][];
        for (int i = 0; i < v.length; i++) {
            frames[i] = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(v[i]).array();
        }
        return frames;
    }

    /**
     * Decodes a STATISTICS reply.
     *
     * @throws IllegalArgumentException unless there are eight frames of eight bytes
     */
    public static ProxyStatistics fromFrames(List<byte[]> frames) {
        if (frames.size() != 8) {
            throw new IllegalArgumentException("frames=" + frames.size() + " (expected: 8, one per counter)");
        }
        long[] v = new long[8];
        for (int i = 0; i < 8; i++) {
            byte[] f = frames.get(i);
            if (f.length != Long.BYTES) {
                throw new IllegalArgumentException("frame " + i + " has length=" + f.length + " (expected: 8)");
            }
            v[i] = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        return new ProxyStatistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}
