package io.weft.examples;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One role of an example running on a thread of its own (a server beside its client, workers
 * beside their sink), with a bounded {@link #join}: its result, or its failure, comes back to the
 * thread that started it.
 *
 * @param <T> what the role returns
 */
final class Background<T> {
    private final String name;
    private final Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    private Background(String name, Callable<T> task) {
        this.name = name;
        this.thread = new Thread(() -> {
            try {
                result = task.call();
            } catch (Throwable e) {
                failure = e;
            }
        }, name);
    }

    /** Starts {@code task} on a new thread called {@code name}. */
    static <T> Background<T> start(String name, Callable<T> task) {
        Background<T> b = new Background<>(name, task);
        b.thread.start();
        return b;
    }

    /** Asks the role to stop: a call blocked in a socket ends with a {@code WeftInterruptedException}. */
    void interrupt() {
        thread.interrupt();
    }

    /**
     * Interrupts the role and waits at most {@code timeout} for it to end, ignoring its outcome:
     * for cleaning up after something else has already failed.
     */
    void stop(Duration timeout) {
        thread.interrupt();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits at most {@code timeout} for the role to end and returns its result.
     *
     * @throws ExampleFailure if it failed, or did not end in time (it is then interrupted)
     */
    T join(Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Math.max(1, timeout.toMillis()));
                throw new ExampleFailure(name + " did not finish within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExampleFailure("interrupted while waiting for " + name, e);
        }
        if (failure != null) {
            throw new ExampleFailure(name + " failed: " + failure, failure);
        }
        return result;
    }
}
