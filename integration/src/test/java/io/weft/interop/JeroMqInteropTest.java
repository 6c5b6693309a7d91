package io.weft.interop;

import io.weft.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.zeromq.ZContext;

/** {@link InteropContract} against JeroMQ 0.6.0 in the same JVM, over tcp:// on loopback. */
class JeroMqInteropTest extends InteropContract {
    private ZContext zctx;

    @BeforeEach
    void openJeroMq() {
        zctx = new ZContext();
    }

    @AfterEach
    void closeJeroMq() {
        zctx.close();
    }

    @Override
    protected Peer peer(SocketType type, byte[] routingId) {
        return new JeroMqPeer(zctx, type, routingId);
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
