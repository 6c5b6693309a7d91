package io.weft.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order in which Weft sends its greeting, seen from a raw TCP client: like libzmq, the
 * signature and major version (11 octets) first, the other 53 only once the peer's version has
 * arrived. JeroMQ 0.6.0 depends on it: a JeroMQ connecter caught by its poller race (see
 * {@link JeroMqPeer}) reads whatever is already there when it starts, and if that is a whole
 * greeting it cancels its handshake timer and then waits forever to write; with 11 octets its
 * timer stays armed and it reconnects.
 */
@Timeout(30)
class GreetingPhasesTest {
    private static final byte[] PEER_VERSION = {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 3};

    @Test
    void weftSendsSignatureAndMajorVersionFirstAndTheRestAfterThePeersVersion() throws IOException {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.setOption(Option.LINGER, 0);
            String ep = pull.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), (int) Peer.WAIT.toMillis());
                InputStream in = raw.getInputStream();

                raw.setSoTimeout((int) Peer.WAIT.toMillis());
                byte[] first = in.readNBytes(11);
                assertEquals(11, first.length, "octets before the connection ended");
                assertEquals(0xFF, first[0] & 0xFF, "signature start");
                assertEquals(1, first[9] & 1, "signature end (lowest bit)");
                assertEquals(3, first[10], "major version");

                raw.setSoTimeout(200);
                try {
                    int b = in.read();
                    fail("greeting octet 11 (" + b + ") sent before the peer's version arrived");
                } catch (SocketTimeoutException expected) {
                    // nothing more until we show our version
                }

                raw.getOutputStream().write(PEER_VERSION);
                raw.setSoTimeout((int) Peer.WAIT.toMillis());
                byte[] rest = in.readNBytes(53);
                assertEquals(53, rest.length, "octets 11 to 63 of the greeting");
                assertEquals(1, rest[0], "minor version (ZMTP 3.1)");
                assertArrayEquals("NULL".getBytes(), Arrays.copyOfRange(rest, 1, 5), "mechanism");
            }
        }
    }
}
