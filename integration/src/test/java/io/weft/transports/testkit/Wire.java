package io.weft.transports.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

/** The byte-stream transports a fault test runs over. */
public enum Wire {
    TCP("tcp://127.0.0.1:*") {
        @Override
        public String unusedEndpoint() {
            // A port the kernel just handed out and took back: nobody listens there now.
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return "tcp://127.0.0.1:" + s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },
    IPC("ipc://*") {
        @Override
        public String unusedEndpoint() {
            return "ipc://" + Path.of(System.getProperty("java.io.tmpdir"), "weft-test-" + UUID.randomUUID() + ".ipc");
        }
    };

    private final String bindEndpoint;

    Wire(String bindEndpoint) {
        this.bindEndpoint = bindEndpoint;
    }

    /** An endpoint to bind: an ephemeral loopback port, or a fresh socket file. */
    public String bindEndpoint() {
        return bindEndpoint;
    }

    /** A concrete endpoint nobody listens on yet, to connect to before binding it. */
    public abstract String unusedEndpoint();
}
