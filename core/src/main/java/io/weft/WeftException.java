package io.weft;

/**
 * Base of every exception Weft throws. Unchecked: a messaging call that fails has a reason a
 * caller can act on (named by the subclass and the message), not an error code to test.
 */
public class WeftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WeftException(String message) {
        super(message);
    }

    public WeftException(String message, Throwable cause) {
        super(message, cause);
    }
}
