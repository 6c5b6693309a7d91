package io.weft.transports.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the library logs while it is open. The tests log through slf4j-simple, which writes
 * to whatever {@code System.err} is at the time of each line; this tees it into a buffer (the
 * lines still reach the original stream) and restores the original on close.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Everything logged so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits (bounded) until a logged line contains every one of {@code fragments}. */
    public String awaitLine(String... fragments) {
        String[] found = new String[1];
        Wait.until("a log line containing " + String.join(" and ", fragments) + "; logged so far:\n" + text(), () -> {
            for (String line : text().split("\n")) {
                boolean all = true;
                for (String f : fragments) {
                    all &= line.contains(f);
                }
                if (all) {
                    found[0] = line;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
