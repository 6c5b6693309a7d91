package io.weft.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Weft socket as a {@link Peer}: LINGER 0, sends bounded by {@link Peer#WAIT}. */
final class WeftPeer implements Peer {
    private final Socket socket;
    private final String name;

    WeftPeer(Context ctx, SocketType type, byte[] routingId) {
        this.socket = ctx.socket(type);
        this.name = "weft " + type;
        socket.setOption(Option.LINGER, 0);
        socket.setOption(Option.SNDTIMEO, (int) WAIT.toMillis());
        if (routingId != null) {
            socket.setOption(Option.ROUTING_ID, routingId);
        }
    }

    /** Sets {@code ZERO_COPY_RECV}: large frames arrive in pooled direct buffers (recv() copies them out). */
    WeftPeer zeroCopyRecv() {
        socket.setOption(Option.ZERO_COPY_RECV, true);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isWeft() {
        return true;
    }

    @Override
    public String bind(String endpoint) {
        return socket.bind(endpoint);
    }

    @Override
    public void connect(String endpoint) {
        socket.connect(endpoint);
    }

    @Override
    public void send(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            boolean last = i == frames.size() - 1;
            boolean sent = last ? socket.send(frames.get(i)) : socket.sendMore(frames.get(i));
            assertTrue(sent, name + ": frame " + i + " of " + frames.size() + " not sent within " + WAIT);
        }
    }

    @Override
    public List<byte[]> recv(Duration timeout) {
        byte[] first = socket.recv(timeout);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasMore()) {
            byte[] next = socket.recv(WAIT);
            assertNotNull(next, name + ": frame " + frames.size() + " of a started message missing after " + WAIT);
            frames.add(next);
        }
        return frames;
    }

    @Override
    public void subscribe(byte[] prefix) {
        socket.subscribe(prefix);
    }

    @Override
    public void unsubscribe(byte[] prefix) {
        socket.unsubscribe(prefix);
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
