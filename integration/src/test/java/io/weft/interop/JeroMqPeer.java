package io.weft.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A JeroMQ socket (same JVM) as a {@link Peer}: LINGER 0, sends bounded by {@link Peer#WAIT}.
 *
 * <p>JeroMQ 0.6.0's connecting side sometimes (a few percent of fresh TCP connections, JeroMQ to
 * JeroMQ as well) completes the TCP connect but never starts the ZMTP handshake: its poller
 * re-registers the channel while the connecter's cancelled key is still in the selector (described
 * in zeromq/jeromq pull request 1022). The connection then idles until HANDSHAKE_IVL (30 s by
 * default) drops it and JeroMQ reconnects. Our peers set a short HANDSHAKE_IVL so such a
 * connection is retried well within {@link Peer#WAIT}.
 */
final class JeroMqPeer implements Peer {
    /** JeroMQ's HANDSHAKE_IVL here: long for a loopback handshake, short against {@link Peer#WAIT}. */
    private static final int HANDSHAKE_IVL_MS = 500;

    private final ZContext ctx;
    private final ZMQ.Socket socket;
    private final String name;

    JeroMqPeer(ZContext ctx, SocketType type, byte[] routingId) {
        this.ctx = ctx;
        this.socket = ctx.createSocket(org.zeromq.SocketType.valueOf(type.name()));
        this.name = "jeromq " + type;
        socket.setLinger(0);
        socket.setSendTimeOut((int) WAIT.toMillis());
        socket.setHandshakeIvl(HANDSHAKE_IVL_MS);
        if (routingId != null) {
            socket.setIdentity(routingId);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isWeft() {
        return false;
    }

    @Override
    public String bind(String endpoint) {
        assertTrue(socket.bind(endpoint), name + ": bind " + endpoint + " refused");
        return socket.getLastEndpoint();
    }

    @Override
    public void connect(String endpoint) {
        assertTrue(socket.connect(endpoint), name + ": connect " + endpoint + " refused");
    }

    @Override
    public void send(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            int flags = i < frames.size() - 1 ? ZMQ.SNDMORE : 0;
            assertTrue(socket.send(frames.get(i), flags),
                    name + ": frame " + i + " of " + frames.size() + " not sent within " + WAIT);
        }
    }

    @Override
    public List<byte[]> recv(Duration timeout) {
        socket.setReceiveTimeOut((int) timeout.toMillis());
        byte[] first = socket.recv();
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        socket.setReceiveTimeOut((int) WAIT.toMillis());
        while (socket.hasReceiveMore()) {
            byte[] next = socket.recv();
            assertNotNull(next, name + ": frame " + frames.size() + " of a started message missing after " + WAIT);
            frames.add(next);
        }
        return frames;
    }

    @Override
    public void subscribe(byte[] prefix) {
        assertTrue(socket.subscribe(prefix), name + ": subscribe refused");
    }

    @Override
    public void unsubscribe(byte[] prefix) {
        assertTrue(socket.unsubscribe(prefix), name + ": unsubscribe refused");
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
