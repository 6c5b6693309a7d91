package io.weft.transports;

import io.weft.spi.SocketOptions;
import io.weft.spi.StreamTransport;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * {@code tcp://}: IPv4 and IPv6, host names, {@code *} for every interface, {@code :*} for an
 * ephemeral port. Connections run with TCP_NODELAY (the engine batches, so Nagle would only add
 * latency). Listeners set SO_REUSEADDR, so an endpoint can be bound again right after a close.
 */
public final class TcpTransport extends StreamTransport {
    private static final int BACKLOG = 100;

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public SocketAddress bindAddress(String address) {
        return TcpAddress.parse(address, true);
    }

    @Override
    public SocketAddress connectAddress(String address) {
        return TcpAddress.parse(address, false);
    }

    @Override
    public ServerSocketChannel openServer(SocketAddress address, SocketOptions options) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(family(address));
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(address, BACKLOG);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public SocketChannel openClient(SocketAddress address) throws IOException {
        return SocketChannel.open(family(address));
    }

    @Override
    public String endpointOf(SocketAddress local) {
        return TcpAddress.format((InetSocketAddress) local);
    }

    @Override
    public void configure(SocketChannel channel, SocketOptions options) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TcpKeepalive.apply(channel, options);
    }

    private static StandardProtocolFamily family(SocketAddress a) {
        InetSocketAddress isa = (InetSocketAddress) a;
        return isa.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
