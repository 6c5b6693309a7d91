package io.weft.perf.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A perf tool running in a child JVM: {@code java} from {@code java.home}, this JVM's class path
 * and its {@code weft.*} system properties (the same tuning on both sides), and
 * {@link PerfMain}. Its stdout and stderr are collected together, by a thread of their own so
 * the child never blocks on a full pipe.
 *
 * <p>{@link #close()} kills a child still running, so no measurement leaves a JVM behind.
 */
final class ChildTool implements AutoCloseable {
    private final String command;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    /** Set when {@link #abortOnTrouble} killed the child for taking too long. */
    private volatile Duration timedOut;

    private ChildTool(String command, Process process) {
        this.command = command;
        this.process = process;
        Thread reader = new Thread(this::drain, "perf child output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code PerfMain command args...} in a child JVM. */
    static ChildTool start(String command, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path")));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("weft.")) {
                cmd.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        cmd.add(PerfMain.class.getName());
        cmd.add(command);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        return new ChildTool(command, pb.start());
    }

    private static String javaExecutable() {
        return System.getProperty("java.home") + "/bin/java";
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the child was killed: what was read is all there is
        } finally {
            drained.complete(null);
        }
    }

    /**
     * Runs {@code abort} on a thread of its own if the child exits with a status other than 0, or
     * is still running after {@code limit} (it is then killed): the parent, blocked in a loop
     * that would wait for it forever, is released by closing its library.
     */
    void abortOnTrouble(Duration limit, Runnable abort) {
        process.onExit().thenAccept(p -> {
            if (p.exitValue() != 0) {
                Thread t = new Thread(abort, "perf child failed");
                t.setDaemon(true);
                t.start();
            }
        });
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                timedOut = limit;
                process.destroyForcibly();
            }
        });
    }

    /**
     * If the child has exited with a status other than 0: why, in one line (its failure line, or
     * its first line of output); else null.
     */
    IllegalStateException failure() {
        if (process.isAlive() || process.exitValue() == 0) {
            return null;
        }
        awaitOutput(Duration.ofSeconds(2));
        Duration limit = timedOut;
        if (limit != null) {
            return new IllegalStateException(command + " (child JVM) did not finish within " + limit.toSeconds()
                    + " s; killed" + lastLine());
        }
        return new IllegalStateException(command + " (child JVM) exited with status " + process.exitValue()
                + lastLine());
    }

    /**
     * Waits up to {@code timeout} for the child to end and returns its output.
     *
     * @throws IllegalStateException if it does not end in time (it is then killed) or ends with a
     *     status other than 0
     */
    List<String> awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " (child JVM) did not finish within " + timeout.toSeconds()
                        + " s; killed" + lastLine());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command + " (child JVM)", e);
        }
        awaitOutput(Duration.ofSeconds(5));
        IllegalStateException failed = failure();
        if (failed != null) {
            throw failed;
        }
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    private void awaitOutput(Duration timeout) {
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a grandchild holding the pipe open: report what we have
        }
    }

    /** The child's own failure line ({@code <command>: why}) if it printed one, else its first line. */
    private String lastLine() {
        synchronized (lines) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(command + ": ")) {
                    return ": " + lines.get(i).trim();
                }
            }
            for (String line : lines) {
                if (!line.isBlank()) {
                    return ": " + line.trim();
                }
            }
        }
        return "";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
