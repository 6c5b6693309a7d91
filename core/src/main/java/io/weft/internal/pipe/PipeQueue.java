package io.weft.internal.pipe;

import java.util.List;

/**
 * One direction of a pipe, as {@link PipeEnd} uses it: one producer thread, one consumer thread,
 * writes invisible until {@link #flush()}, and the activation handshake in both directions
 * ({@link #flush()} and {@link #readCompletedMessage()} return true when the other side must be
 * woken, exactly once per time it found the queue empty or full).
 *
 * <p>Two kinds: {@link FrameQueue}, the normal FIFO with a high-water mark, and
 * {@link ConflateQueue}, which keeps only the newest message (the {@code CONFLATE} option).
 */
public interface PipeQueue {
    // producer side
    boolean checkWrite();

    void write(Object body, int flags, boolean more);

    Object[] rollback();

    boolean midMessage();

    boolean flush();

    // consumer side
    boolean checkRead();

    int peekFlags();

    Object read();

    boolean readCompletedMessage();

    /** Empties the queue; only by the thread that is, or has taken over as, the sole consumer. */
    List<Object> drain();
}
