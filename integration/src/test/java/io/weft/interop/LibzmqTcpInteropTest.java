package io.weft.interop;

import io.weft.SocketType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link InteropContract} against libzmq (through pyzmq in a subprocess) over tcp:// on loopback.
 * Tagged {@code libzmq}: run with {@code -Plibzmq-interop}; fails, never skips, without pyzmq.
 */
@Tag("libzmq")
class LibzmqTcpInteropTest extends InteropContract {
    @BeforeAll
    static void requirePyzmq() {
        LibzmqPeer.requirePyzmq();
    }

    @Override
    protected Peer peer(SocketType type, byte[] routingId) {
        return new LibzmqPeer(type, routingId);
    }

    @Override
    protected String weftBindEndpoint() {
        return "tcp://127.0.0.1:*";
    }

    @Override
    protected String peerBindEndpoint() {
        return "tcp://127.0.0.1:*";
    }
}
