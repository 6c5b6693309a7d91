package io.weft.internal.stream;

import io.weft.AddressInUseException;
import io.weft.InvalidEndpointException;
import io.weft.SocketEvent;
import io.weft.WeftException;
import io.weft.internal.SocketBase;
import io.weft.internal.io.IoThread;
import io.weft.spi.StreamTransport;
import io.weft.spi.Transport;
import io.weft.spi.TransportSite;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * Where a {@link StreamTransport}'s bind and connect land in the core. Binding happens on the
 * caller's thread, so that "address in use" and the resolved port come back from
 * {@code bind()}; everything after that runs on an I/O thread.
 */
public final class StreamSupport {
    private StreamSupport() {
    }

    public static Transport.Binding bind(StreamTransport transport, TransportSite site, String address) {
        SocketBase socket = (SocketBase) site;
        String asked = transport.scheme() + "://" + address;
        SocketAddress local = transport.bindAddress(address);
        ServerSocketChannel server;
        try {
            server = transport.openServer(local, socket.options());
            server.configureBlocking(false);
        } catch (BindException e) {
            socket.events().emit(SocketEvent.Type.BIND_FAILED, asked, 0, e.getMessage());
            String why = String.valueOf(e.getMessage());
            if (why.contains("assign requested address")) {
                throw new InvalidEndpointException(asked + ": this host has no such address (" + why + ")", e);
            }
            throw new AddressInUseException(asked + " is in use (" + why + ")", e);
        } catch (IOException e) {
            socket.events().emit(SocketEvent.Type.BIND_FAILED, asked, 0, e.getMessage());
            throw new WeftException("cannot bind " + asked + ": " + e.getMessage(), e);
        }
        String endpoint;
        try {
            endpoint = transport.endpointOf(server.getLocalAddress());
        } catch (IOException e) {
            closeQuietly(server);
            throw new WeftException("cannot read the bound address of " + asked, e);
        }
        IoThread io = socket.context().ioThread();
        Listener listener = new Listener(transport, socket, io, server, local, endpoint);
        io.execute(listener::start);
        socket.events().emit(SocketEvent.Type.LISTENING, endpoint, 0, "");
        return listener;
    }

    public static Transport.Binding connect(StreamTransport transport, TransportSite site, String address) {
        SocketBase socket = (SocketBase) site;
        String endpoint = transport.scheme() + "://" + address;
        SocketAddress remote = transport.connectAddress(address);
        IoThread io = socket.context().ioThread();
        Session session = Session.connecting(transport, socket, io, remote, endpoint);
        session.attachEarly();
        io.execute(session::start);
        return session.binding();
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Closing is best effort: the descriptor is released either way.
        }
    }
}
