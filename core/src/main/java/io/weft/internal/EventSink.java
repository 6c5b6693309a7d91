package io.weft.internal;

import io.weft.Monitor;
import io.weft.SocketEvent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where a socket's connection events go: to every monitor that asked for them. Events are raised
 * on I/O threads and rarely, so a copy-on-write list and a blocking queue per monitor are enough;
 * none of this is on the message path.
 */
public final class EventSink {
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** One subscriber to events. */
    interface Listener {
        int mask();

        void accept(SocketEvent event);
    }

    /** Reports an event. Any thread. */
    public void emit(SocketEvent.Type type, String endpoint, long value, String detail) {
        if (listeners.isEmpty()) {
            return;
        }
        SocketEvent e = new SocketEvent(type, endpoint, value, detail);
        for (Listener l : listeners) {
            if ((l.mask() & type.number()) != 0) {
                l.accept(e);
            }
        }
    }

    /** A queue-backed {@link Monitor}. */
    Monitor open(int mask) {
        QueueMonitor m = new QueueMonitor(mask);
        listeners.add(m);
        return m;
    }

    /** Publishes events in libzmq's format through a PAIR socket bound to {@code endpoint}. */
    void openZmqStyle(io.weft.Socket pair, int mask) {
        listeners.add(new ZmqFormatMonitor(pair, mask));
    }

    /** Stops every monitor (the socket is closing). */
    void closeAll() {
        for (Listener l : listeners) {
            if (l instanceof QueueMonitor q) {
                q.close();
            } else if (l instanceof ZmqFormatMonitor z) {
                z.stop();
            }
        }
        listeners.clear();
    }

    private final class QueueMonitor implements Monitor, Listener {
        private final int mask;
        private final LinkedBlockingQueue<SocketEvent> queue = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        QueueMonitor(int mask) {
            this.mask = mask;
        }

        @Override
        public int mask() {
            return mask;
        }

        @Override
        public void accept(SocketEvent event) {
            if (!closed) {
                queue.add(event);
            }
        }

        @Override
        public SocketEvent next(Duration timeout) {
            try {
                return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.weft.WeftInterruptedException("interrupted while waiting for a socket event");
            }
        }

        @Override
        public SocketEvent poll() {
            return queue.poll();
        }

        @Override
        public void close() {
            if (!closed) {
                listeners.remove(this);
                if ((mask & SocketEvent.Type.MONITOR_STOPPED.number()) != 0) {
                    queue.add(new SocketEvent(SocketEvent.Type.MONITOR_STOPPED, "", 0, ""));
                }
                closed = true;
            }
        }
    }

    /** libzmq's monitor format; the PAIR is written under a lock because events come from many threads. */
    private static final class ZmqFormatMonitor implements Listener {
        private final io.weft.Socket pair;
        private final int mask;

        ZmqFormatMonitor(io.weft.Socket pair, int mask) {
            this.pair = pair;
            this.mask = mask;
        }

        @Override
        public int mask() {
            return mask;
        }

        @Override
        public synchronized void accept(SocketEvent event) {
            ByteBuffer head = ByteBuffer.allocate(6).order(ByteOrder.nativeOrder());
            head.putShort((short) event.type().number()).putInt((int) event.value());
            try {
                // Never block the reporting thread: a monitor nobody reads loses events, as in libzmq.
                if (pair.trySendMore(head.array())) {
                    pair.send(event.endpoint().getBytes(StandardCharsets.UTF_8));
                }
            } catch (io.weft.WeftException e) {
                // The monitor's socket is gone (context closing): nothing to report to.
            }
        }

        synchronized void stop() {
            if ((mask & SocketEvent.Type.MONITOR_STOPPED.number()) != 0) {
                accept(new SocketEvent(SocketEvent.Type.MONITOR_STOPPED, "", 0, ""));
            }
            pair.close();
        }
    }
}
