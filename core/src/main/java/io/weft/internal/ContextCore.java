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

    private final int ioThreadCount;
    private final int id = CONTEXTS.incrementAndGet();
    private final InprocRegistry inproc = new InprocRegistry();
    private final Set<SocketBase> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger socketIds = new AtomicInteger();
    private final AtomicInteger nextIoThread = new AtomicInteger();
    private volatile IoThread[] ioThreads;
    private volatile boolean closed;

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

    void socketClosed(SocketBase s) {
        sockets.remove(s);
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
