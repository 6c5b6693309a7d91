package io.weft.perf.tools;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tool printed on one of its streams, for assertions; {@link #await} blocks until a line
 * matching a pattern has been written (woken by each write, bounded by a deadline).
 */
final class Captured extends OutputStream {
    private final StringBuilder text = new StringBuilder();
    final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(int b) {
        text.append((char) b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        text.append(new String(b, off, len, StandardCharsets.UTF_8));
        notifyAll();
    }

    synchronized String text() {
        return text.toString();
    }

    /** The complete lines written so far. */
    synchronized List<String> lines() {
        String s = text.toString();
        int end = s.lastIndexOf('\n');
        return end < 0 ? List.of() : Arrays.asList(s.substring(0, end).split("\r?\n", -1));
    }

    /**
     * Waits until a complete line matches {@code pattern} and returns the match.
     *
     * @throws AssertionError if none did within {@code timeout}
     */
    synchronized Matcher await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines()) {
                Matcher m = pattern.matcher(line);
                if (m.matches()) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no line matching " + pattern + " within " + timeout + "; got: " + text);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
