package io.weft.patterns.spec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transports every spec test runs over. A spec test binds to {@link #bindEndpoint()} and
 * connects to whatever {@code bind} returned, so a new transport joins every spec test by adding a
 * constant here , never by copying tests.
 */
public enum TransportCase {
    INPROC {
        @Override
        public String bindEndpoint() {
            return "inproc://spec-" + COUNTER.incrementAndGet();
        }
    },
    TCP {
        @Override
        public String bindEndpoint() {
            return "tcp://127.0.0.1:*";
        }
    },
    IPC {
        @Override
        public String bindEndpoint() {
            return "ipc://*";
        }
    };

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A fresh endpoint to bind, unique in this JVM. */
    public abstract String bindEndpoint();
}
