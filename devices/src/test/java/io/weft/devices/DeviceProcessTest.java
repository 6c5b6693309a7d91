package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Context;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A device in its own JVM, as bin/weft starts it: SIGTERM ends it cleanly, with exit code 0 and a totals line. */
@Timeout(90)
class DeviceProcessTest {

    @Test
    void sigtermStopsTheDeviceCleanlyWithATotalsLineAndExitCode0(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.weft.devices.DeviceMain", "streamer", "--frontend", "tcp://127.0.0.1:*",
                "--backend", "tcp://127.0.0.1:*").redirectError(stderr.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        }, "device-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String startup = lines.poll(60, TimeUnit.SECONDS); // a cold JVM on a busy machine
            if (startup == null) {
                fail("no startup line within 60 s; stderr: " + Files.readString(stderr));
            }
            Matcher m = Pattern.compile("^weft streamer: frontend PULL bound (\\S+), backend PUSH bound (\\S+)$")
                    .matcher(startup);
            assertTrue(m.matches(), "startup line: " + startup);
            try (Context ctx = Context.create();
                 Socket producer = ctx.socket(SocketType.PUSH);
                 Socket consumer = ctx.socket(SocketType.PULL)) {
                producer.setOption(Option.LINGER, 0);
                producer.connect(m.group(1));
                consumer.connect(m.group(2));
                Multipart.of("hello", "world").send(producer);
                byte[] first = consumer.recv(DeviceRun.TIMEOUT);
                assertEquals("hello", first == null ? null : new String(first, StandardCharsets.UTF_8));
                assertTrue(consumer.hasMore());
                assertEquals("world", new String(consumer.recv(), StandardCharsets.UTF_8));
            }
            // SIGTERM, as Process.destroy() sends, but without closing our end of the device's stdout.
            p.toHandle().destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the device did not exit within 30 s of SIGTERM");
            reader.join(5_000);
            assertEquals(0, p.exitValue(), "exit code after SIGTERM; stdout: " + lines + " stderr: "
                    + Files.readString(stderr));
            List<String> rest = List.copyOf(lines);
            assertEquals(List.of("weft streamer: totals frontend->backend 1 msg 10 B | backend->frontend 0 msg 0 B"),
                    rest, "the output after the startup line");
        } finally {
            p.destroyForcibly();
        }
    }
}
