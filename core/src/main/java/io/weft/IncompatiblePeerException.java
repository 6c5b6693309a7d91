package io.weft;

/**
 * The peer's socket type cannot talk to this socket's (a PUSH connecting to a PUB, say; RFC 23's
 * table). Thrown where it is known at once; a peer found incompatible later is dropped and logged.
 */
public final class IncompatiblePeerException extends WeftException {
    private static final long serialVersionUID = 1L;

    public IncompatiblePeerException(String message) {
        super(message);
    }
}
