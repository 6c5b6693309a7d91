package io.weft.examples;

/**
 * An example did not see what it expected (a message that never came within its deadline, or the
 * wrong one). The message says what was awaited or expected, so a failed run explains itself.
 */
public final class ExampleFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExampleFailure(String message) {
        super(message);
    }

    public ExampleFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
