package io.weft.perf.tools;

/**
 * The other thread of an in-process tool (inproc_thr's sender, inproc_lat's echo). A daemon, so
 * a worker stuck after the main side failed never keeps the JVM alive; {@link #join()} passes on
 * whatever it threw.
 */
final class Worker {
    private final Thread thread;
    private volatile Throwable failure;

    private Worker(String name, Runnable body) {
        thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, name);
        thread.setDaemon(true);
    }

    static Worker start(String name, Runnable body) {
        Worker w = new Worker(name, body);
        w.thread.start();
        return w;
    }

    /** Waits for the worker to finish; rethrows what it threw. */
    void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
        Throwable t = failure;
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(thread.getName() + " failed: " + t, t);
        }
    }
}
