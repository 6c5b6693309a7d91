package io.weft.interop;

import io.weft.SocketType;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InteropContract} against libzmq (through pyzmq in a subprocess) over ipc://: Unix domain
 * sockets at file system paths in a fresh temporary directory (no abstract names; Weft cannot
 * reach those). Tagged {@code libzmq}: run with {@code -Plibzmq-interop}.
 */
@Tag("libzmq")
class LibzmqIpcInteropTest extends InteropContract {
    @TempDir
    Path dir;
    private int count;

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
        return "ipc://" + dir.resolve("weft-" + (++count) + ".sock");
    }

    @Override
    protected String peerBindEndpoint() {
        return "ipc://" + dir.resolve("zmq-" + (++count) + ".sock");
    }
}
