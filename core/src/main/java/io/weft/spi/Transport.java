package io.weft.spi;

/**
 * A way of carrying messages between sockets, named by an endpoint scheme ({@code tcp},
 * {@code ipc}, ...). Found with {@link java.util.ServiceLoader}; {@code inproc} is built into the
 * core. A socket hands the part of the endpoint after {@code scheme://} to its transport.
 */
public interface Transport {
    /** The endpoint scheme this transport serves, e.g. {@code "tcp"}. */
    String scheme();

    /** Starts listening on {@code address}; the returned binding names the resolved endpoint. */
    Binding bind(TransportSite site, String address);

    /** Starts connecting (and reconnecting) to {@code address}. */
    Binding connect(TransportSite site, String address);

    /** A live bind or connect; closing it stops listening or connecting and drops its peers. */
    interface Binding extends AutoCloseable {
        /** The endpoint as resolved, e.g. {@code tcp://127.0.0.1:45123} for {@code tcp://127.0.0.1:*}. */
        String endpoint();

        @Override
        void close();
    }
}
