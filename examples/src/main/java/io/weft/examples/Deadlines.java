package io.weft.examples;

import io.weft.Multipart;
import io.weft.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Receives with a deadline: every wait in the examples ends by itself, and a timeout becomes an
 * {@link ExampleFailure} naming what was awaited instead of a hang.
 */
final class Deadlines {
    private Deadlines() {
    }

    /** The next frame, waiting at most {@code timeout}. */
    static byte[] recv(Socket socket, Duration timeout, String what) {
        byte[] frame = socket.recv(timeout);
        if (frame == null) {
            throw new ExampleFailure("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
        return frame;
    }

    /** The next frame as UTF-8 text, waiting at most {@code timeout}. */
    static String recvString(Socket socket, Duration timeout, String what) {
        return new String(recv(socket, timeout, what), StandardCharsets.UTF_8);
    }

    /** Every frame of the next message, waiting at most {@code timeout} for the first. */
    static Multipart recvMultipart(Socket socket, Duration timeout, String what) {
        Multipart message = new Multipart().add(recv(socket, timeout, what));
        while (socket.hasMore()) {
            message.add(recv(socket, timeout, what + " (next frame)"));
        }
        return message;
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new ExampleFailure(message);
        }
    }
}
