package io.weft.transports.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Option;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.internal.zmtp.Command;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import io.weft.transports.testkit.Zmtp;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many bad peers in a row leave nothing behind: every one is dropped and reported, its session ends,
 * descriptors are released, the heap after a GC does not grow, and the good peer still gets through.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GarbageSoakTest {
    private static final int ROUNDS = 200;
    private static final long HEAP_GROWTH_BOUND = 32L << 20;
    private static final long DESCRIPTOR_GROWTH_BOUND = 16;

    /** Each kind of bad peer, as what it writes, or does, on its connection. */
    private static final List<Consumer<RawPeer>> KINDS = List.of(
            raw -> raw.write("SSH-2.0-OpenSSH_9.0\r\n".getBytes(StandardCharsets.US_ASCII)),
            raw -> raw.write(Zmtp.prefix(Zmtp.greeting(1, 0, "NULL"), 11)),
            raw -> raw.write(Zmtp.greeting(3, 1, "CURVE")),
            raw -> raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.frame(0xFF, new byte[8]))),
            raw -> raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.command(new Command.Ping(1, new byte[0])))),
            raw -> raw.write(Zmtp.concat(Zmtp.greeting(), Zmtp.ready(SocketType.SUB))),
            raw -> {
                raw.handshake(SocketType.PUSH);
                raw.write(Zmtp.longHeader(0, 1L << 40));
            });

    @Test
    void twoHundredBadPeersLeaveNoSessionDescriptorOrMemoryBehind() {
        try (Victim v = new Victim(Wire.TCP, s -> s.setOption(Option.MAXMSGSIZE, 1L << 20))) {
            attack(v, KINDS.size() * 2); // warm up: classes loaded, buffers pooled
            long heapBefore = usedHeapAfterGc();
            long fdsBefore = openDescriptors();

            Map<SocketEvent.Type, Integer> events = attack(v, ROUNDS);

            assertTrue(events.getOrDefault(SocketEvent.Type.DISCONNECTED, 0) == ROUNDS, "one DISCONNECTED per bad peer: " + events);
            int failures = events.getOrDefault(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, 0);
            assertTrue(failures >= ROUNDS * (KINDS.size() - 1) / KINDS.size(), "handshake failures reported: " + events);
            v.expectLoggedAndIsolated("dropping peer");
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            assertTrue(heapGrowth < HEAP_GROWTH_BOUND, "heap grew by " + heapGrowth + " bytes over " + ROUNDS + " bad peers");
            if (fdsBefore >= 0) {
                long fdGrowth = openDescriptors() - fdsBefore;
                assertTrue(fdGrowth < DESCRIPTOR_GROWTH_BOUND, "open descriptors grew by " + fdGrowth);
            }
        }
    }

    /** Runs {@code rounds} bad peers one after the other; returns the monitor events they caused. */
    private static Map<SocketEvent.Type, Integer> attack(Victim v, int rounds) {
        for (int i = 0; i < rounds; i++) {
            try (RawPeer raw = RawPeer.connect(v.endpoint)) {
                KINDS.get(i % KINDS.size()).accept(raw);
                assertTrue(raw.closedByPeer(Wait.TIMEOUT), "bad peer " + i + " was not dropped");
            }
        }
        Map<SocketEvent.Type, Integer> counts = new EnumMap<>(SocketEvent.Type.class);
        int[] disconnected = {0};
        Wait.until(rounds + " DISCONNECTED events", () -> {
            SocketEvent e;
            while ((e = v.monitor.poll()) != null) {
                counts.merge(e.type(), 1, Integer::sum);
                if (e.type() == SocketEvent.Type.DISCONNECTED) {
                    disconnected[0]++;
                }
            }
            return disconnected[0] >= rounds;
        });
        return counts;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Open file descriptors of this process, or -1 where the JVM does not tell. */
    private static long openDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }
}
