package io.weft;

import java.time.Duration;

/**
 * A stream of {@link SocketEvent}s of one socket, from {@link Socket#monitor(int)}. Events are
 * queued as they happen (on I/O threads) and taken here by the application; nothing the monitor
 * does can slow or block the socket. Closing it stops the stream with a final
 * {@link SocketEvent.Type#MONITOR_STOPPED}.
 *
 * <p>Thread-safe: any thread may take events.
 */
public interface Monitor extends AutoCloseable {
    /** The next event, waiting up to {@code timeout}; null if none came. */
    SocketEvent next(Duration timeout);

    /** The next event if one is queued now, else null. */
    SocketEvent poll();

    /** Stops monitoring. Idempotent. */
    @Override
    void close();
}
