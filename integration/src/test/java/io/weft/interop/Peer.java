package io.weft.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;

/**
 * One socket of some ZeroMQ implementation (Weft, JeroMQ, libzmq), seen the same way by every
 * interop test: whole messages in, whole messages out, every wait bounded.
 */
interface Peer extends AutoCloseable {
    /** How long anything that should happen "at once" may take before a test fails. */
    Duration WAIT = Duration.ofSeconds(5);

    /** Who this is, for failure messages ("weft PUSH", "libzmq 4.3.4 PULL"). */
    String name();

    /** Whether this is a Weft socket (the side under test) rather than a reference peer. */
    boolean isWeft();

    /** Binds and returns the endpoint resolved (the real port or path). */
    String bind(String endpoint);

    void connect(String endpoint);

    /** Sends one message; fails the test if it cannot be sent within {@link #WAIT}. */
    void send(List<byte[]> frames);

    /** Receives one whole message, or null if none began within {@code timeout}. */
    List<byte[]> recv(Duration timeout);

    /** Receives one whole message, failing the test if none comes within {@link #WAIT}. */
    default List<byte[]> recv() {
        List<byte[]> m = recv(WAIT);
        assertNotNull(m, name() + ": no message within " + WAIT);
        return m;
    }

    /** SUB: subscribes to {@code prefix} through the socket's API. */
    void subscribe(byte[] prefix);

    /** SUB: cancels one subscription to {@code prefix}. */
    void unsubscribe(byte[] prefix);

    /** Closes the socket, dropping unsent messages (LINGER 0). */
    @Override
    void close();
}
