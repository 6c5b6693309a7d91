package io.weft.internal;

import io.weft.ContextClosedException;
import io.weft.SocketType;
import io.weft.internal.inproc.InprocRegistry;
import io.weft.internal.io.IoThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a {@link io.weft.Context} owns: its sockets, its inproc names and its I/O threads
 * (started on first use, so a context that only uses inproc starts none).
 */
public final class ContextCore {
    private static final Logger log = LoggerFactory.getLogger(ContextCore.class);
    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    /**
     * How long close waits for LINGER -1 ("until sent"): libzmq would wait forever, and a peer that
     * never reads would hang the process; we wait this long, then drop with a warning.
     */
    static final long LINGER_FOREVER_CAP_MILLIS = Long.getLong("weft.linger.forever.cap.ms", 30_000L);

    private final int ioThreadCount;
    private final int id = CONTEXTS.incrementAndGet();
    private final InprocRegistry inproc = new InprocRegistry();
    private final Set<SocketBase> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger socketIds = new AtomicInteger();
    private final AtomicInteger nextIoThread = new AtomicInteger();
    private volatile IoThread[] ioThreads;
    private volatile boolean closed;
    /** Sessions (network peers) alive on I/O threads; close waits for them within LINGER. */
    private final AtomicInteger sessions = new AtomicInteger();
    private final Object sessionsDone = new Object();
    /**
     * When the LINGER of every socket closed so far runs out (System.nanoTime based): close waits
     * for sessions until then, so a socket closed just before its context still delivers.
     */
    private final AtomicLong lingerDeadline = new AtomicLong(System.nanoTime());
    /** How long close gives sessions already ending (LINGER 0 or nothing to send) to finish. */
    private static final long ENDING_GRACE_MILLIS = 500;

    public ContextCore(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads=" + ioThreads + " (expected: >= 1)");
        }
        this.ioThreadCount = ioThreads;
    }

    public InprocRegistry inproc() {
        return inproc;
    }

    public SocketBase socket(SocketType type) {
        if (type == null) {
            throw new IllegalArgumentException("socket type is null");
        }
        SocketBase s = new SocketBase(this, type, socketIds.incrementAndGet());
        sockets.add(s);
        if (closed) {
            sockets.remove(s);
            throw new ContextClosedException("the context is closed; no new sockets");
        }
        return s;
    }

    void socketClosed(SocketBase s, int linger) {
        sockets.remove(s);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(linger < 0 ? LINGER_FOREVER_CAP_MILLIS : linger);
        lingerDeadline.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
    }

    /** Number of open sockets. */
    public int socketCount() {
        return sockets.size();
    }

    /** An I/O thread for a new connection or listener, round-robin; starts them on first use. */
    public IoThread ioThread() {
        IoThread[] threads = ioThreads;
        if (threads == null) {
            synchronized (this) {
                if (closed) {
                    throw new ContextClosedException("the context is closed");
                }
                threads = ioThreads;
                if (threads == null) {
                    threads = new IoThread[ioThreadCount];
                    for (int i = 0; i < ioThreadCount; i++) {
                        threads[i] = new IoThread("weft-io-" + id + "-" + i);
                    }
                    ioThreads = threads;
                }
            }
        }
        return threads[Math.floorMod(nextIoThread.getAndIncrement(), threads.length)];
    }

    /** Network sessions (connections being set up, open or lingering) not yet ended. Any thread. */
    public int sessionCount() {
        return sessions.get();
    }

    /** A network session began. Any thread. */
    public void sessionStarted() {
        sessions.incrementAndGet();
    }

    /** A network session ended. Any thread. */
    public void sessionEnded() {
        if (sessions.decrementAndGet() == 0) {
            synchronized (sessionsDone) {
                sessionsDone.notifyAll();
            }
        }
    }

    /** Whether any I/O thread has been started (for tests of laziness). */
    public boolean ioThreadsStarted() {
        return ioThreads != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Ends every call blocked on this context's sockets, closes the sockets, stops the I/O threads.
     * Bounded in time whatever the sockets' state.
     */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<SocketBase> open = new ArrayList<>(sockets);
        for (SocketBase s : open) {
            s.contextTerminating();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (SocketBase s : open) {
            closeFromContext(s, deadline);
        }
        // Every socket is closed now, and each set when its LINGER ends (those closed earlier too).
        long grace = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ENDING_GRACE_MILLIS);
        long until = lingerDeadline.get();
        awaitSessions(until - grace > 0 ? until : grace);
        IoThread[] threads;
        synchronized (this) {
            threads = ioThreads;
        }
        if (threads != null) {
            for (IoThread t : threads) {
                t.stop(2_000);
            }
        }
    }

    /** Gives lingering sessions until {@code deadline} (System.nanoTime) to send what is queued. */
    private void awaitSessions(long deadline) {
        synchronized (sessionsDone) {
            while (sessions.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("context closed with {} connection(s) still sending after LINGER; dropping them",
                            sessions.get());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionsDone, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeFromContext(SocketBase s, long deadline) {
        // The owner, if inside a call, is leaving it now (it was just sent the stop command).
        while (!s.guard().tryEnter()) {
            if (System.nanoTime() - deadline > 0) {
                log.warn("{} is still in use by its thread after the context closed; leaving it to that thread", s);
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        try {
            s.closeHeld();
        } finally {
            s.guard().exit();
        }
    }
}
