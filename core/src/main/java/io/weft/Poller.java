package io.weft;

import io.weft.internal.SocketBase;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on several sockets at once until one can receive ({@link #IN}) or send ({@link #OUT}),
 * like {@code zmq_poll}. The waiting thread parks inside the JVM and is woken by the sockets'
 * own activation commands: no descriptor, no busy loop, and no allocation per {@link #poll}.
 *
 * <p>Used by one thread at a time, like the sockets it polls.
 */
public final class Poller {
    /** The socket has a message to receive. */
    public static final int IN = 1;
    /** The socket can send a message without waiting. */
    public static final int OUT = 2;

    private SocketBase[] sockets;
    private int[] events;
    private int[] ready;
    private int size;

    public Poller() {
        this(8);
    }

    /** A poller with room for {@code capacity} sockets before it grows. */
    public Poller(int capacity) {
        sockets = new SocketBase[Math.max(1, capacity)];
        events = new int[sockets.length];
        ready = new int[sockets.length];
    }

    /**
     * Adds {@code socket}, waiting for {@code events} ({@link #IN}, {@link #OUT} or both). Returns
     * its index for {@link #isReadable(int)} and friends.
     */
    public int register(Socket socket, int events) {
        if ((events & ~(IN | OUT)) != 0 || events == 0) {
            throw new IllegalArgumentException("events=" + events + " (expected: IN, OUT or IN | OUT)");
        }
        if (!(socket instanceof SocketBase)) {
            throw new IllegalArgumentException("not a Weft socket: " + socket);
        }
        if (size == sockets.length) {
            sockets = Arrays.copyOf(sockets, size * 2);
            this.events = Arrays.copyOf(this.events, size * 2);
            ready = Arrays.copyOf(ready, size * 2);
        }
        sockets[size] = (SocketBase) socket;
        this.events[size] = events;
        ready[size] = 0;
        return size++;
    }

    /** Removes {@code socket}; indexes of the sockets after it move down by one. */
    public void unregister(Socket socket) {
        for (int i = 0; i < size; i++) {
            if (sockets[i] == socket) {
                System.arraycopy(sockets, i + 1, sockets, i, size - i - 1);
                System.arraycopy(events, i + 1, events, i, size - i - 1);
                System.arraycopy(ready, i + 1, ready, i, size - i - 1);
                sockets[--size] = null;
                return;
            }
        }
    }

    /** Number of registered sockets. */
    public int size() {
        return size;
    }

    /** Waits up to {@code timeout} (negative: forever); returns how many sockets are ready. */
    public int poll(Duration timeout) {
        return poll(timeout.isNegative() ? -1 : timeout.toMillis());
    }

    /**
     * Waits until a registered socket is ready or {@code timeoutMillis} passes (-1: forever, 0:
     * just look). Returns how many sockets are ready (0 on timeout).
     *
     * @throws WeftInterruptedException if the thread is interrupted while waiting (flag left set)
     * @throws ContextClosedException if a socket's context closes
     */
    public int poll(long timeoutMillis) {
        long deadline = timeoutMillis < 0 ? 0 : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Thread me = Thread.currentThread();
        while (true) {
            int n = check();
            if (n > 0 || timeoutMillis == 0) {
                return n;
            }
            long remaining = timeoutMillis < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return 0;
            }
            if (me.isInterrupted()) {
                throw new WeftInterruptedException(me.getName() + " was interrupted in Poller.poll; "
                        + "the sockets are unharmed (interrupt flag left set)");
            }
            boolean quiet = true;
            for (int i = 0; i < size; i++) {
                sockets[i].wakeup().arm(me);
            }
            for (int i = 0; i < size && quiet; i++) {
                quiet = sockets[i].mailbox().isEmpty();
            }
            if (quiet) {
                if (timeoutMillis < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remaining);
                }
            }
            for (int i = 0; i < size; i++) {
                sockets[i].wakeup().disarm();
            }
        }
    }

    private int check() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            SocketBase s = sockets[i];
            boolean entered = s.enterForPoll();
            try {
                ready[i] = s.readiness() & events[i];
            } finally {
                s.exitForPoll(entered);
            }
            if (ready[i] != 0) {
                n++;
            }
        }
        return n;
    }

    /** Whether the socket at {@code index} could receive at the last poll. */
    public boolean isReadable(int index) {
        return (ready[checkIndex(index)] & IN) != 0;
    }

    /** Whether the socket at {@code index} could send at the last poll. */
    public boolean isWritable(int index) {
        return (ready[checkIndex(index)] & OUT) != 0;
    }

    /** The socket registered at {@code index}. */
    public Socket socket(int index) {
        return sockets[checkIndex(index)];
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index=" + index + " (expected: 0 to " + (size - 1) + ")");
        }
        return index;
    }
}
