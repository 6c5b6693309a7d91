package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device run in this JVM through {@link DeviceMain#run} on its own thread, with its stdout split
 * into lines the test can wait for. {@link #close()} stops it through its control endpoint (a
 * {@code --control} option is then required) and checks it exited with 0.
 */
final class DeviceRun implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final String command;

    private DeviceRun(String... args) {
        this.command = args[0];
        PrintStream outStream = new PrintStream(new LineSink(out), true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try {
                exit.complete(DeviceMain.run(args, outStream, errStream));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "device-" + command);
        t.setDaemon(true);
        t.start();
    }

    /** Starts {@code bin/weft <args>} in this JVM. */
    static DeviceRun start(String... args) {
        return new DeviceRun(args);
    }

    /** Runs a device that is expected to end by itself (bad arguments and the like). */
    static Result runToEnd(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = DeviceMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Waits for a stdout line matching {@code regex} (anywhere in the line) and returns the match. */
    Matcher awaitLine(String regex) {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (out) {
            while (true) {
                for (String line : out) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        return m;
                    }
                }
                if (exit.isDone()) {
                    fail("the device ended (" + exit.getNow(null) + ") before printing /" + regex + "/; stdout="
                            + out + " stderr=" + err());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no stdout line /" + regex + "/ within " + TIMEOUT + "; stdout=" + out + " stderr=" + err());
                }
                try {
                    // Woken by each new line; the bound also notices the device ending.
                    out.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /** The resolved endpoint of {@code role} (frontend, backend, capture, control), from the startup line. */
    String endpoint(String role) {
        return awaitLine("weft " + command + ": .*\\b" + role + " \\w+ (?:bound|connected to) ([^, ]+)").group(1);
    }

    /** Sends a one-frame command to the control endpoint from a REQ and returns the reply's frames. */
    List<byte[]> control(Context ctx, String cmd) {
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.setOption(Option.LINGER, 0);
            req.connect(endpoint("control"));
            req.send(cmd);
            List<byte[]> frames = new java.util.ArrayList<>();
            do {
                byte[] f = req.recv(TIMEOUT);
                assertNotNull(f, "no reply to " + cmd + " within " + TIMEOUT);
                frames.add(f);
            } while (req.hasMore());
            return frames;
        }
    }

    /** Waits for the device to end and returns its exit code. */
    int awaitExit() throws Exception {
        return exit.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<String> out() {
        return out;
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Stops the device with TERMINATE (if it still runs) and checks it ended cleanly. */
    @Override
    public void close() throws Exception {
        if (!exit.isDone()) {
            try (Context ctx = Context.create()) {
                control(ctx, "TERMINATE");
            }
        }
        assertEquals(0, awaitExit(), "exit code; stderr=" + err());
    }

    /** Splits what is written into lines. */
    private static final class LineSink extends OutputStream {
        private final List<String> lines;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineSink(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(int b) {
            synchronized (lines) {
                if (b == '\n') {
                    lines.add(current.toString(StandardCharsets.UTF_8));
                    current.reset();
                    lines.notifyAll();
                } else {
                    current.write(b);
                }
            }
        }
    }
}
