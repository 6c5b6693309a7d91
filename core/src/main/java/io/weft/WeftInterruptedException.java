package io.weft;

/**
 * The calling thread was interrupted while blocked in a send, receive or poll. The thread's
 * interrupt flag is left set; the socket, its connections and the context remain fully usable
 * (unlike JeroMQ, where an interrupt closes NIO channels under the socket).
 */
public final class WeftInterruptedException extends WeftException {
    private static final long serialVersionUID = 1L;

    public WeftInterruptedException(String message) {
        super(message);
    }
}
