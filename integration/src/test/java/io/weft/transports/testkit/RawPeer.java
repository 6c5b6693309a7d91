package io.weft.transports.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.SocketType;
import io.weft.internal.zmtp.Command;
import io.weft.internal.zmtp.Commands;
import io.weft.internal.zmtp.FrameHeader;
import io.weft.internal.zmtp.Greeting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A hand-driven peer on a plain NIO channel (tcp:// or ipc://) that writes whatever octets a test
 * gives it, well-formed ZMTP or garbage, and reads what Weft answers, every read bounded by a
 * deadline. It is how the fault tests speak to a Weft socket without a Weft socket on the other end.
 */
public final class RawPeer implements AutoCloseable {
    /** One frame as read from the wire. */
    public record Frame(int flags, byte[] body) {
        public boolean isCommand() {
            return (flags & FrameHeader.COMMAND) != 0;
        }

        public Command command() {
            return Commands.parse(body);
        }
    }

    private final SocketChannel channel;
    private final Selector selector;

    private RawPeer(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    /** Connects (blocking, on loopback) to a Weft endpoint such as {@code tcp://127.0.0.1:40001}. */
    public static RawPeer connect(String endpoint) {
        try {
            return new RawPeer(SocketChannel.open(address(endpoint)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect a raw peer to " + endpoint, e);
        }
    }

    /** Wraps a connected channel, e.g. one a raw server accepted from a connecting Weft socket. */
    public static RawPeer of(SocketChannel connected) {
        try {
            return new RawPeer(connected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket address behind a {@code tcp://host:port} or {@code ipc://path} endpoint. */
    public static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("ipc://")) {
            return UnixDomainSocketAddress.of(endpoint.substring("ipc://".length()));
        }
        if (!endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException("endpoint=" + endpoint + " (expected: tcp:// or ipc://)");
        }
        String a = endpoint.substring("tcp://".length());
        int colon = a.lastIndexOf(':');
        String host = a.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(a.substring(colon + 1)));
    }

    /** Writes all of {@code octets}, failing if the peer does not take them within {@link Wait#TIMEOUT}. */
    public RawPeer write(byte[] octets) {
        ByteBuffer b = ByteBuffer.wrap(octets);
        long deadline = System.nanoTime() + Wait.TIMEOUT.toNanos();
        try {
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    await(SelectionKey.OP_WRITE, deadline, "room to write " + b.remaining() + " more octets");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("raw write failed", e);
        }
        return this;
    }

    /** Reads exactly {@code n} octets within {@link Wait#TIMEOUT}; fails on timeout or end of stream. */
    public byte[] read(int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        long deadline = System.nanoTime() + Wait.TIMEOUT.toNanos();
        try {
            while (b.hasRemaining()) {
                int r = channel.read(b);
                if (r < 0) {
                    fail("raw peer: end of stream after " + b.position() + " of " + n + " octets");
                }
                if (r == 0) {
                    await(SelectionKey.OP_READ, deadline, n + " octets (have " + b.position() + ")");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("raw read failed", e);
        }
        return b.array();
    }

    /** Reads one whole frame. */
    public Frame readFrame() {
        int flags = read(1)[0] & 0xFF;
        long size = (flags & FrameHeader.LONG) != 0 ? ByteBuffer.wrap(read(8)).getLong() : read(1)[0] & 0xFF;
        return new Frame(flags & ~FrameHeader.LONG, read((int) size));
    }

    /** Reads frames until a command comes; returns it. */
    public Command readCommand() {
        while (true) {
            Frame f = readFrame();
            if (f.isCommand()) {
                return f.command();
            }
        }
    }

    /**
     * Completes the NULL handshake as a peer of {@code type}: sends its greeting and READY, reads
     * Weft's greeting and READY (returned).
     */
    public Command.Ready handshake(SocketType type) {
        write(Zmtp.greeting());
        byte[] g = read(Greeting.SIZE);
        assertEquals((byte) 0xFF, g[0], "Weft's greeting signature");
        write(Zmtp.ready(type));
        Command c = readCommand();
        if (!(c instanceof Command.Ready r)) {
            throw new AssertionError("expected READY from Weft, got " + c);
        }
        return r;
    }

    /**
     * Whether Weft closed the connection within {@code timeout}: everything it still sends is read
     * and discarded until the end of the stream (or a reset).
     */
    public boolean closedByPeer(Duration timeout) {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                sink.clear();
                int r = channel.read(sink);
                if (r < 0) {
                    return true;
                }
                if (r == 0 && !tryAwait(SelectionKey.OP_READ, deadline)) {
                    return false;
                }
            }
        } catch (IOException e) {
            return true; // reset by peer: closed as well
        }
    }

    /** Closes our end abruptly (the peer "vanishes"). */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    private void await(int op, long deadline, String what) throws IOException {
        if (!tryAwait(op, deadline)) {
            fail("raw peer: timed out waiting for " + what);
        }
    }

    private boolean tryAwait(int op, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        SelectionKey key = channel.register(selector, op);
        try {
            selector.select(Math.max(1, left / 1_000_000));
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
        return true;
    }
}
