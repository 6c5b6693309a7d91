package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.ProxyStatistics;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bin/weft streamer} over tcp: multipart work intact, a capture that sees copies, the
 * control commands, a connecting side ({@code >}), the rate lines.
 */
@Timeout(60)
class StreamerDeviceTest {

    private static List<String> strings(Multipart m) {
        List<String> l = new ArrayList<>();
        for (byte[] f : m) {
            l.add(new String(f, StandardCharsets.UTF_8));
        }
        return l;
    }

    private static Multipart recv(Socket s) {
        byte[] first = s.recv(DeviceRun.TIMEOUT);
        assertNotNull(first, "nothing received on " + s + " within " + DeviceRun.TIMEOUT);
        Multipart m = Multipart.of(first);
        while (s.hasMore()) {
            m.add(s.recv());
        }
        return m;
    }

    @Test
    void streamerCarriesMultipartWorkWholeAndTheCaptureSeesACopyOfEachFrame() throws Exception {
        try (Context ctx = Context.create();
             DeviceRun device = DeviceRun.start("streamer", "--frontend", "tcp://127.0.0.1:*",
                     "--backend", "tcp://127.0.0.1:*", "--capture", "tcp://127.0.0.1:*",
                     "--control", "tcp://127.0.0.1:*", "--hwm", "100")) {
            Socket producer = ctx.socket(SocketType.PUSH);
            producer.setOption(Option.LINGER, 0);
            producer.connect(device.endpoint("frontend"));
            Socket consumer = ctx.socket(SocketType.PULL);
            consumer.connect(device.endpoint("backend"));
            Socket tap = ctx.socket(SocketType.SUB);
            tap.connect(device.endpoint("capture"));
            tap.subscribe("");

            // The capture is a PUB: it drops until the tap's subscription lands. Probe until it has.
            int probes = 0;
            String seen;
            long deadline = System.nanoTime() + DeviceRun.TIMEOUT.toNanos();
            while (true) {
                producer.send("probe-" + probes);
                assertEquals(List.of("probe-" + probes), strings(recv(consumer)));
                probes++;
                byte[] copy = tap.recv(Duration.ofMillis(20));
                if (copy != null) {
                    seen = new String(copy, StandardCharsets.UTF_8);
                    break;
                }
                assertTrue(System.nanoTime() - deadline < 0, "the capture never delivered to a subscriber");
            }
            while (!seen.equals("probe-" + (probes - 1))) {
                seen = new String(recv(tap).get(0), StandardCharsets.UTF_8); // the other probes on their way
            }

            for (int i = 0; i < 100; i++) {
                Multipart.of("job", "" + i, "payload").send(producer);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(List.of("job", "" + i, "payload"), strings(recv(consumer)), "work item " + i);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals(List.of("job", "" + i, "payload"), strings(recv(tap)), "capture of item " + i);
            }

            int total = probes + 100;
            long bytes = 0;
            for (int i = 0; i < probes; i++) {
                bytes += ("probe-" + i).length();
            }
            for (int i = 0; i < 100; i++) {
                bytes += 3 + ("" + i).length() + 7;
            }
            assertEquals(new ProxyStatistics(total, bytes, 0, 0, 0, 0, total, bytes),
                    ProxyStatistics.fromFrames(device.control(ctx, "STATISTICS")));
            List<byte[]> paused = device.control(ctx, "PAUSE");
            assertEquals(1, paused.size(), "a REP control answers PAUSE with one empty frame");
            assertEquals(0, paused.get(0).length);
            producer.send("while paused");
            assertEquals(null, consumer.recv(Duration.ofMillis(200)), "paused: nothing moves");
            device.control(ctx, "RESUME");
            assertEquals(List.of("while paused"), strings(recv(consumer)));
            device.control(ctx, "TERMINATE");
            assertEquals(0, device.awaitExit());
            device.awaitLine("weft streamer: totals frontend->backend " + (total + 1) + " msg " + (bytes + 12)
                    + " B \\| backend->frontend 0 msg 0 B");
        }
    }

    @Test
    void aLeadingAngleBracketConnectsTheSideInsteadOfBindingIt() throws Exception {
        try (Context ctx = Context.create()) {
            Socket consumer = ctx.socket(SocketType.PULL);
            String consumerEp = consumer.bind("tcp://127.0.0.1:*");
            try (DeviceRun device = DeviceRun.start("streamer", "--frontend", "tcp://127.0.0.1:*",
                    "--backend", ">" + consumerEp, "--control", "tcp://127.0.0.1:*")) {
                device.awaitLine("backend PUSH connected to " + java.util.regex.Pattern.quote(consumerEp));
                Socket producer = ctx.socket(SocketType.PUSH);
                producer.setOption(Option.LINGER, 0);
                producer.connect(device.endpoint("frontend"));
                Multipart.of("a", "b").send(producer);
                assertEquals(List.of("a", "b"), strings(recv(consumer)));
            }
        }
    }

    @Test
    void statsIntervalPrintsMessagesAndBytesPerSecondPerDirection() throws Exception {
        try (Context ctx = Context.create();
             DeviceRun device = DeviceRun.start("streamer", "--frontend", "tcp://127.0.0.1:*",
                     "--backend", "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*",
                     "--stats-interval", "0.05")) {
            device.awaitLine("^weft streamer: frontend->backend \\d+ msg/s \\d+ B/s \\| backend->frontend \\d+ msg/s \\d+ B/s$");
        }
    }
}
