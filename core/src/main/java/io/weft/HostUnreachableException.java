package io.weft;

/**
 * A ROUTER with {@link Option#ROUTER_MANDATORY} set was asked to send to a routing id that no
 * connected peer has (libzmq's {@code EHOSTUNREACH}). Nothing was sent.
 */
public final class HostUnreachableException extends WeftException {
    private static final long serialVersionUID = 1L;

    public HostUnreachableException(String message) {
        super(message);
    }
}
