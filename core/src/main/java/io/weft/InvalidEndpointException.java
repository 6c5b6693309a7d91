package io.weft;

/** An endpoint string that cannot be parsed, names an unknown transport, or cannot be reached as written. */
public final class InvalidEndpointException extends WeftException {
    private static final long serialVersionUID = 1L;

    public InvalidEndpointException(String message) {
        super(message);
    }

    public InvalidEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
