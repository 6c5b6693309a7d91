package io.weft;

/**
 * The socket's context was closed (libzmq's {@code ETERM}). Any call that was blocked on the
 * socket when {@link Context#close()} began ends with this exception; the socket is then closed.
 */
public final class ContextClosedException extends WeftException {
    private static final long serialVersionUID = 1L;

    public ContextClosedException(String message) {
        super(message);
    }
}
