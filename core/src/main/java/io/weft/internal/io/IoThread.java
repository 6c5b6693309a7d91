package io.weft.internal.io;

import io.weft.WeftException;
import io.weft.internal.Mailbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that owns one NIO {@link Selector} and everything registered with it
 * (connections, listeners, connecters). Its whole life is here: start, duty cycle, close.
 *
 * <p>Duty cycle: run the mailbox's commands, fire due timers, then select. Before selecting it
 * announces that it is going to sleep; a command sent meanwhile calls {@link Selector#wakeup()},
 * and only then, so a busy I/O thread is never woken by a system call. An idle I/O thread sleeps
 * in {@code select()} and uses no CPU.
 *
 * <p>Threading: {@link #execute}, {@link #schedule} from any thread; {@link #register} and the
 * handlers run on this thread only. Handlers must not block.
 */
public final class IoThread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IoThread.class);
    private static final VarHandle ASLEEP;

    static {
        try {
            ASLEEP = MethodHandles.lookup().findVarHandle(IoThread.class, "asleep", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Called on the I/O thread when a registered channel is ready. */
    public interface Handler {
        void ready(SelectionKey key);
    }

    /** A cancellable timer; cancel on the I/O thread. */
    public static final class Timer implements Comparable<Timer> {
        final long deadline;
        final Runnable task;
        boolean cancelled;

        Timer(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            return Long.compare(deadline, o.deadline);
        }
    }

    private final Selector selector;
    private final Mailbox mailbox = new Mailbox(this::wake);
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int asleep;
    private volatile boolean stopping;

    public IoThread(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new WeftException("cannot open a selector for I/O thread " + name, e);
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** The mailbox through which other threads hand work to objects on this thread. */
    public Mailbox mailbox() {
        return mailbox;
    }

    /** Runs {@code command} on this thread, soon. Any thread. */
    public void execute(Runnable command) {
        mailbox.send(command);
    }

    /**
     * Finishes closing the channels whose keys were cancelled: NIO releases a registered channel's
     * descriptor (and so its port or socket file) only at the selector's next selection, so this
     * runs one now. Ready keys it finds stay selected for the loop's next dispatch. I/O thread only.
     */
    public void releaseCancelledKeys() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            log.debug("selectNow to release cancelled keys failed", e);
        }
    }

    /** Whether the caller is this I/O thread. */
    public boolean inThisThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on this thread after {@code delayMillis}. I/O thread only. */
    public Timer schedule(long delayMillis, Runnable task) {
        Timer t = new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), task);
        timers.add(t);
        return t;
    }

    /** Registers {@code channel} for {@code ops}, calling {@code handler} when ready. I/O thread only. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) {
        try {
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void wake() {
        if (asleep == 1 && ASLEEP.compareAndSet(this, 1, 0)) {
            selector.wakeup();
        }
    }

    private void loop() {
        try {
            while (!stopping) {
                Runnable command;
                while ((command = mailbox.poll()) != null) {
                    runSafely(command);
                }
                long timeout = runTimers();
                if (stopping) {
                    break;
                }
                ASLEEP.setVolatile(this, 1);
                if (!mailbox.isEmpty()) {
                    asleep = 0;
                    continue;
                }
                if (timeout == 0) {
                    selector.selectNow();
                } else {
                    selector.select(timeout < 0 ? 0 : timeout);
                }
                asleep = 0;
                dispatch();
            }
        } catch (IOException | RuntimeException | Error e) {
            log.error("I/O thread {} died; its connections are lost", thread.getName(), e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                try {
                    k.channel().close();
                } catch (IOException e) {
                    log.debug("closing a channel of a stopping I/O thread", e);
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing selector", e);
            }
            stopped.countDown();
        }
    }

    /** Fires due timers; returns ms until the next one (-1 none, 0 one is due now). */
    private long runTimers() {
        long now = System.nanoTime();
        Timer t;
        while ((t = timers.peek()) != null) {
            if (t.cancelled) {
                timers.poll();
                continue;
            }
            if (t.deadline - now > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(t.deadline - now + 999_999));
            }
            timers.poll();
            runSafely(t.task);
        }
        return -1;
    }

    private void dispatch() {
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            if (key.isValid()) {
                try {
                    ((Handler) key.attachment()).ready(key);
                } catch (RuntimeException e) {
                    log.error("I/O thread {}: a handler failed; dropping its channel", thread.getName(), e);
                    key.cancel();
                }
            }
        }
    }

    private void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // One broken connection must not take the others down with the thread.
            log.error("I/O thread {}: a handler failed", thread.getName(), e);
        }
    }

    /** Stops the thread, waiting at most {@code millis} for it to end. Returns whether it ended. */
    public boolean stop(long millis) {
        stopping = true;
        selector.wakeup();
        if (Thread.currentThread() == thread) {
            return true;
        }
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(5_000);
    }
}
