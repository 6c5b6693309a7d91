package io.weft.perf.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.SocketType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * compare with tiny counts and one round: the header, every run, the medians, the ratio, and the
 * progress lines (plain lines on stderr, as tests have no terminal). Over tcp and ipc each run
 * starts a child JVM.
 */
class CompareTest {
    private static final String THR = "[0-9]+ msg/s +[0-9]+\\.[0-9]{3} Mb/s";
    private static final String LAT = "average +[0-9.]+ us +round trip p50 +[0-9.]+ +p90 +[0-9.]+ +p99 +[0-9.]+ "
            + "+p99\\.9 +[0-9.]+ us";

    private static List<String> compare(Captured err, String... args) {
        Captured out = new Captured();
        assertEquals(0, Compare.run(args, out.stream, err.stream), () -> out.text() + err.text());
        return out.lines();
    }

    @Test
    @Timeout(60)
    void compareInprocThroughputPrintsEachRunTheMediansAndTheRatio() {
        Captured err = new Captured();
        List<String> lines = compare(err, "--transport", "inproc", "--count", "2000", "--rounds", "1");
        ToolAssertions.assertLines(List.of(
                "compare: weft vs jeromq 0\\.6\\.0, inproc, PUSH->PULL throughput, 64 B x 2000 messages, 1 round "
                        + "after a warm-up round",
                "JDK .+, [0-9]+ CPUs, .+",
                "warm-up +weft +" + THR,
                "warm-up +jeromq +" + THR,
                "round 1/1 +jeromq +" + THR, // the order flips every round
                "round 1/1 +weft +" + THR,
                "median +weft +" + THR,
                "median +jeromq +" + THR,
                "ratio weft/jeromq: [0-9]+\\.[0-9]{2} \\(throughput: above 1 means faster than jeromq\\)"), lines);
        assertEquals(List.of("warm-up weft...", "warm-up jeromq...", "round 1/1 jeromq...", "round 1/1 weft..."),
                err.lines());
    }

    @Test
    @Timeout(120)
    void compareTcpThroughputRunsTheSenderInAChildJvmWithWeftCopyingAndDirectToo() {
        List<String> lines = compare(new Captured(), "--transport", "tcp", "--size", "32", "--count", "2000",
                "--rounds", "1", "--copy", "--direct");
        assertEquals(17, lines.size(), lines::toString);
        assertTrue(lines.get(0).contains(", tcp, PUSH->PULL throughput, 32 B x 2000 messages"), lines::toString);
        for (String name : List.of("weft", "weft-copy", "weft-direct", "jeromq")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches("round 1/1 +" + name + " +" + THR)), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.matches("median +" + name + " +" + THR)), lines::toString);
        }
        assertTrue(lines.get(14).matches("ratio weft/jeromq: [0-9]+\\.[0-9]{2} .*"), lines::toString);
        assertTrue(lines.get(15).matches("ratio weft-copy/jeromq: [0-9]+\\.[0-9]{2} .*"), lines::toString);
        assertTrue(lines.get(16).matches("ratio weft-direct/jeromq: [0-9]+\\.[0-9]{2} .*"), lines::toString);
    }

    @Test
    @Timeout(120)
    void compareIpcLatencyReadsTheChildRemoteLatLines() {
        List<String> lines = compare(new Captured(), "--mode", "lat", "--transport", "ipc", "--count", "200",
                "--rounds", "1");
        ToolAssertions.assertLines(List.of(
                "compare: weft vs jeromq 0\\.6\\.0, ipc, REQ->REP latency, 64 B x 200 round trips \\(after 1000 "
                        + "untimed\\), 1 round after a warm-up round",
                "JDK .+",
                "warm-up +weft +" + LAT,
                "warm-up +jeromq +" + LAT,
                "round 1/1 +jeromq +" + LAT,
                "round 1/1 +weft +" + LAT,
                "median +weft +" + LAT,
                "median +jeromq +" + LAT,
                "ratio weft/jeromq: average [0-9.]+ +p50 [0-9.]+ +p90 [0-9.]+ +p99 [0-9.]+ +p99\\.9 [0-9.]+ "
                        + "\\(latency: below 1 means faster than jeromq\\)"), lines);
    }

    @Test
    @Timeout(60)
    void compareInprocLatencyRunsBothEndsInProcess() {
        List<String> lines = compare(new Captured(), "--mode", "lat", "--transport", "inproc", "--count", "200",
                "--rounds", "1");
        assertEquals(9, lines.size(), lines::toString);
        assertTrue(lines.get(6).matches("median +weft +" + LAT), lines::toString);
    }

    @ParameterizedTest
    @EnumSource(Lib.class)
    @Timeout(60)
    void aChildThatFailsReleasesTheWaitingParentAndSaysWhy(Lib lib) throws Exception {
        try (PerfLibrary library = lib.open()) {
            PerfSocket pull = library.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            // refused by the child: a count of 0 (status 2)
            try (ChildTool child = ChildTool.start("remote_thr", List.of("tcp://127.0.0.1:9", "64", "0"))) {
                child.abortOnTrouble(Duration.ofSeconds(50), library::close);
                assertThrows(RuntimeException.class, () -> pull.receive(64, 10));
                IllegalStateException why = child.failure();
                assertNotNull(why);
                assertTrue(why.getMessage().startsWith("remote_thr (child JVM) exited with status 2: "
                        + "<message-count>=0"), why::getMessage);
            }
        }
    }

    @Test
    void mediansTakeTheMiddleOfEachColumn() {
        double[] m = Compare.medians(List.of(new double[] {3, 30}, new double[] {1, 10}, new double[] {2, 40}));
        assertEquals(2, m[0]);
        assertEquals(30, m[1]);
        double[] even = Compare.medians(List.of(new double[] {1}, new double[] {4}));
        assertEquals(2.5, even[0]);
    }
}
