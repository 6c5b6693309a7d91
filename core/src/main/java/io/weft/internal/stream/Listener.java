package io.weft.internal.stream;

import io.weft.SocketEvent;
import io.weft.internal.SocketBase;
import io.weft.internal.io.IoThread;
import io.weft.spi.StreamTransport;
import io.weft.spi.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound endpoint: accepts connections on its I/O thread and gives each its own session and
 * engine. Closing it (unbind, socket close) stops accepting, releases the address before returning,
 * and drops connections whose handshake has not finished; established ones end with their pipes.
 */
final class Listener implements Transport.Binding, IoThread.Handler {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final StreamTransport transport;
    private final SocketBase socket;
    private final IoThread io;
    private final ServerSocketChannel server;
    private final SocketAddress local;
    private final String endpoint;
    private final List<Session> sessions = new ArrayList<>();
    private SelectionKey key;
    private boolean closed;

    Listener(StreamTransport transport, SocketBase socket, IoThread io, ServerSocketChannel server, SocketAddress local,
            String endpoint) {
        this.transport = transport;
        this.socket = socket;
        this.io = io;
        this.server = server;
        this.local = local;
        this.endpoint = endpoint;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    void start() {
        if (!closed) {
            key = io.register(server, SelectionKey.OP_ACCEPT, this);
        }
    }

    @Override
    public void ready(SelectionKey k) {
        // Accept everything pending; each connection is independent of the others.
        for (int i = 0; i < 64 && !closed; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                log.warn("{}: accept failed: {}", endpoint, e.getMessage());
                socket.events().emit(SocketEvent.Type.ACCEPT_FAILED, endpoint, 0, e.getMessage());
                return;
            }
            if (ch == null) {
                return;
            }
            String peer = remoteOf(ch);
            try {
                ch.configureBlocking(false);
                transport.configure(ch, socket.options());
            } catch (IOException e) {
                log.warn("{}: cannot set up connection from {}: {}", endpoint, peer, e.getMessage());
                socket.events().emit(SocketEvent.Type.ACCEPT_FAILED, endpoint, 0, e.getMessage());
                StreamSupport.closeQuietly(ch);
                continue;
            }
            socket.events().emit(SocketEvent.Type.ACCEPTED, endpoint, 0, peer);
            Session s = Session.accepted(socket, io, endpoint, this);
            sessions.add(s);
            s.attachEngine(ch, null, peer);
        }
    }

    /** A session of ours ended. I/O thread. */
    void forget(Session s) {
        sessions.remove(s);
    }

    /**
     * Stops listening and returns once the address is released (waiting briefly for the I/O thread),
     * so that the endpoint can be bound again at once.
     */
    @Override
    public void close() {
        if (io.inThisThread()) {
            stop();
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        io.execute(() -> {
            try {
                stop();
            } finally {
                stopped.countDown();
            }
        });
        try {
            if (!stopped.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                log.debug("{}: listener still closing after {} ms; returning anyway", endpoint, CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the close goes on without us
        }
    }

    private void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        StreamSupport.closeQuietly(server);
        io.releaseCancelledKeys(); // the port or socket file is free from here on
        transport.released(local);
        socket.events().emit(SocketEvent.Type.CLOSED, endpoint, 0, "");
        for (Session s : new ArrayList<>(sessions)) {
            s.listenerClosed();
        }
    }

    static String remoteOf(SocketChannel ch) {
        try {
            SocketAddress a = ch.getRemoteAddress();
            String s = a == null ? "" : a.toString();
            return s.isEmpty() ? "(unnamed)" : s; // an ipc:// client has no address of its own
        } catch (IOException e) {
            return "?";
        }
    }
}
