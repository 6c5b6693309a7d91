package io.weft.spi;

import io.weft.internal.stream.StreamSupport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Base of the byte-stream transports ({@code tcp://}, {@code ipc://}): a subclass says how to read
 * an address and open channels; the core does everything else — listening, connecting and
 * reconnecting with backoff, the ZMTP engine, batching, heartbeats, monitoring. So two stream
 * transports differ only in their addresses, and share one engine.
 */
public abstract class StreamTransport implements Transport {
    /** The address to bind for {@code address} (the part after {@code scheme://}). */
    public abstract SocketAddress bindAddress(String address);

    /** The address to connect to for {@code address}; may resolve a host name. */
    public abstract SocketAddress connectAddress(String address);

    /** Opens a server channel bound to {@code address} (blocking mode is set by the core). */
    public abstract ServerSocketChannel openServer(SocketAddress address, SocketOptions options) throws IOException;

    /** Opens an unconnected client channel able to reach {@code address}. */
    public abstract SocketChannel openClient(SocketAddress address) throws IOException;

    /** The endpoint string for a bound local address, e.g. {@code tcp://127.0.0.1:45123}. */
    public abstract String endpointOf(SocketAddress local);

    /** Sets per-connection options (TCP_NODELAY, keepalive) on a new channel. */
    public void configure(SocketChannel channel, SocketOptions options) throws IOException {
    }

    /** Called after a server channel bound to {@code address} was closed (ipc: remove the file). */
    public void released(SocketAddress address) {
    }

    @Override
    public final Binding bind(TransportSite site, String address) {
        return StreamSupport.bind(this, site, address);
    }

    @Override
    public final Binding connect(TransportSite site, String address) {
        return StreamSupport.connect(this, site, address);
    }
}
