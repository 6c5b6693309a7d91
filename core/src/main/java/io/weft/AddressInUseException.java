package io.weft;

/** {@link Socket#bind(String)} named an endpoint that another socket (or process) has bound already. */
public final class AddressInUseException extends WeftException {
    private static final long serialVersionUID = 1L;

    public AddressInUseException(String message) {
        super(message);
    }

    public AddressInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
