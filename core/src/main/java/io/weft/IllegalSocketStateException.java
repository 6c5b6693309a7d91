package io.weft;

/**
 * The call is not allowed in the socket's present state: a REQ sending twice without a reply, a
 * socket used after close, a socket used by two threads at once (libzmq's {@code EFSM}, or misuse).
 * The socket itself stays usable unless it was closed.
 */
public final class IllegalSocketStateException extends WeftException {
    private static final long serialVersionUID = 1L;

    public IllegalSocketStateException(String message) {
        super(message);
    }
}
