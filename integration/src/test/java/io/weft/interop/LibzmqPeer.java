package io.weft.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.SocketType;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq socket as a {@link Peer}: one {@code /usr/bin/python3 zmq_peer.py TYPE} subprocess
 * (pyzmq) per socket, driven one command line at a time (the protocol is in the script's
 * docstring). Every answer is awaited with a deadline; {@link #close()} asks the peer to quit,
 * asserts it exited with status 0, and kills it in any case. If pyzmq is missing the test fails
 * with a message saying so: these tests run only where it is meant to be installed.
 */
final class LibzmqPeer implements Peer {
    /** The interpreter the tests use: Debian's, where {@code python3-zmq} installs pyzmq. */
    static final String PYTHON = "/usr/bin/python3";
    private static final HexFormat HEX = HexFormat.of();
    /** Put on the answer queue when the peer's stdout ends. */
    private static final String EOF = new String("<end of output>");

    private final Process process;
    private final BufferedWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private String name;
    private boolean closed;

    LibzmqPeer(SocketType type, byte[] routingId) {
        this.name = "libzmq " + type;
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script().toString(), type.name()));
        if (routingId != null) {
            cmd.add(HEX.formatHex(routingId));
        }
        try {
            process = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start the libzmq peer " + cmd + ": " + e.getMessage()
                    + " (the libzmq interop tests need " + PYTHON + " with pyzmq: apt-get install -y python3-zmq)", e);
        }
        try {
            commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
            pump(process.getInputStream(), "stdout", line -> answers.add(line), () -> answers.add(EOF));
            pump(process.getErrorStream(), "stderr", line -> stderr.append(line).append('\n'), () -> { });
            String ready = await("start", WAIT);
            if (!ready.startsWith("ready ")) {
                fail(name + ": expected 'ready <version>' at start, got '" + ready + "'" + stderrText());
            }
            name = "libzmq " + ready.substring("ready ".length()) + " " + type;
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Fails, with a message saying what to install, unless {@link #PYTHON} can import pyzmq. The
     * libzmq tests run only where pyzmq is meant to be: its absence is a broken setup, not a skip.
     */
    static void requirePyzmq() {
        String hint = "the libzmq interop tests (profile libzmq-interop) need " + PYTHON
                + " with pyzmq: apt-get install -y python3-zmq";
        Process p;
        try {
            p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(hint + " (cannot run " + PYTHON + ": " + e.getMessage() + ")", e);
        }
        try {
            if (!p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(hint + " (" + PYTHON + " -c 'import zmq' did not finish within " + WAIT + ")");
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                fail(hint + " (" + PYTHON + " -c 'import zmq' exited with status " + p.exitValue() + ": " + output + ")");
            }
        } catch (IOException e) {
            throw new AssertionError(hint + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking for pyzmq", e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The peer script: from the build ({@code weft.interop.peerScript}) or the module's sources. */
    private static Path script() {
        String configured = System.getProperty("weft.interop.peerScript");
        Path p = configured != null ? Path.of(configured) : Path.of("src", "test", "python", "zmq_peer.py");
        if (!Files.isRegularFile(p)) {
            fail("libzmq peer script not found: path=" + p.toAbsolutePath());
        }
        return p;
    }

    private void pump(InputStream stream, String what, java.util.function.Consumer<String> line, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
                for (String l; (l = r.readLine()) != null; ) {
                    line.accept(l);
                }
            } catch (IOException e) {
                // the process went away; atEnd reports it
            } finally {
                atEnd.run();
            }
        }, "libzmq-peer-" + what);
        t.setDaemon(true);
        t.start();
    }

    /** Sends one command line and returns the answer, failing on an error, an exit or a silence. */
    private String command(String line, Duration wait) {
        try {
            commands.write(line);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            fail(name + ": cannot send command '" + abbreviate(line) + "' (" + e.getMessage() + ")" + stderrText());
        }
        return await(abbreviate(line), wait);
    }

    private String await(String what, Duration wait) {
        String answer;
        try {
            answer = answers.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted waiting for the answer to '" + what + "'", e);
        }
        if (answer == null) {
            fail(name + ": no answer to '" + what + "' within " + wait + stderrText());
        }
        if (answer == EOF) {
            fail(name + ": the peer ended (status " + exitStatus() + ") instead of answering '" + what + "'" + stderrText());
        }
        if (answer.startsWith("error ")) {
            fail(name + ": '" + what + "' failed: " + answer.substring("error ".length()) + stderrText());
        }
        return answer;
    }

    private String exitStatus() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String stderrText() {
        return stderr.length() == 0 ? "" : "; peer stderr:\n" + stderr;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "... (" + line.length() + " chars)";
    }

    private void expectOk(String line) {
        String answer = command(line, WAIT);
        if (!answer.startsWith("ok")) {
            fail(name + ": '" + abbreviate(line) + "' answered '" + abbreviate(answer) + "'" + stderrText());
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isWeft() {
        return false;
    }

    @Override
    public String bind(String endpoint) {
        String answer = command("bind " + endpoint, WAIT);
        if (!answer.startsWith("ok ")) {
            fail(name + ": bind " + endpoint + " answered '" + answer + "'");
        }
        return answer.substring("ok ".length());
    }

    @Override
    public void connect(String endpoint) {
        expectOk("connect " + endpoint);
    }

    @Override
    public void send(List<byte[]> frames) {
        StringBuilder line = new StringBuilder("send");
        for (byte[] f : frames) {
            line.append(" x").append(HEX.formatHex(f));
        }
        // the peer's own SNDTIMEO is WAIT: give the answer a little longer
        String answer = command(line.toString(), WAIT.multipliedBy(2));
        if (!answer.equals("ok")) {
            fail(name + ": message of " + frames.size() + " frames not sent: " + answer);
        }
    }

    @Override
    public List<byte[]> recv(Duration timeout) {
        String answer = command("recv " + timeout.toMillis(), timeout.plus(WAIT));
        if (answer.equals("timeout")) {
            return null;
        }
        if (!answer.startsWith("msg ")) {
            fail(name + ": recv answered '" + abbreviate(answer) + "'");
        }
        List<byte[]> frames = new ArrayList<>();
        for (String token : answer.substring("msg ".length()).split(" ")) {
            frames.add(HEX.parseHex(token, 1, token.length()));
        }
        return frames;
    }

    @Override
    public void subscribe(byte[] prefix) {
        expectOk("subscribe x" + HEX.formatHex(prefix));
    }

    @Override
    public void unsubscribe(byte[] prefix) {
        expectOk("unsubscribe x" + HEX.formatHex(prefix));
    }

    /** Asks the peer to quit and asserts it exited with status 0; kills it whatever happens. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            expectOk("quit");
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail(name + ": did not exit within " + WAIT + " after quit" + stderrText());
            }
            assertEquals(0, process.exitValue(), name + ": exit status" + stderrText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while closing", e);
        } finally {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
