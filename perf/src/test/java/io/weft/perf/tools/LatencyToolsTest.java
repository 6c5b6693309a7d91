package io.weft.perf.tools;

import static io.weft.perf.tools.ToolAssertions.BOUND;
import static io.weft.perf.tools.ToolAssertions.LIMIT;
import static io.weft.perf.tools.ToolAssertions.assertLines;
import static io.weft.perf.tools.ToolAssertions.background;
import static io.weft.perf.tools.ToolAssertions.latencyLines;
import static io.weft.perf.tools.ToolAssertions.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** local_lat with remote_lat, and inproc_lat: tiny counts, libzmq's lines and the percentiles. */
@Timeout(60)
class LatencyToolsTest {
    @TempDir
    Path dir;

    /** Runs local_lat on a thread and remote_lat here; returns remote_lat's stdout lines. */
    private List<String> localAndRemote(String bindTo, String lib, int roundTrips, int warmup) throws Exception {
        Captured localErr = new Captured();
        String[] localArgs = {"--lib", lib, bindTo, "64", Integer.toString(roundTrips + warmup)};
        FutureTask<Integer> local = background("local_lat",
                () -> LocalLat.run(localArgs, new Captured().stream, localErr.stream));
        String connectTo = bindTo.endsWith(":*") ? localErr.await(BOUND, LIMIT).group(1) : bindTo;
        Captured out = new Captured();
        Captured err = new Captured();
        assertEquals(0, RemoteLat.run(new String[] {"--lib", lib, "--warmup", Integer.toString(warmup), connectTo,
            "64", Integer.toString(roundTrips)}, out.stream, err.stream), err::text);
        assertEquals(0, status(local), localErr::text);
        return out.lines();
    }

    @ParameterizedTest
    @ValueSource(strings = {"weft", "weft-direct", "jeromq"})
    void remoteLatReportsLibzmqLinesAndPercentilesOverTcp(String lib) throws Exception {
        assertLines(latencyLines(64, 100), localAndRemote("tcp://127.0.0.1:*", lib, 100, 0));
    }

    @Test
    void remoteLatReportsLibzmqLinesAndPercentilesOverIpc() throws Exception {
        assertLines(latencyLines(64, 100), localAndRemote("ipc://" + dir.resolve("lat.sock"), "weft", 100, 0));
    }

    @Test
    void remoteLatWarmupRoundTripsAreNotCounted() throws Exception {
        assertLines(latencyLines(64, 100), localAndRemote("tcp://127.0.0.1:*", "weft", 100, 50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"weft", "jeromq"})
    void inprocLatPrintsLibzmqLinesAndPercentiles(String lib) {
        Captured out = new Captured();
        Captured err = new Captured();
        assertEquals(0, InprocLat.run(new String[] {"--lib", lib, "64", "100"}, out.stream, err.stream), err::text);
        assertLines(latencyLines(64, 100), out.lines());
    }

    @Test
    void averageLatencyIsHalfTheMeanRoundTripAsInLibzmq() {
        Histogram h = LatencyResult.newHistogram();
        for (int i = 0; i < 100; i++) {
            h.recordValue(200_000); // 200 us each
        }
        LatencyResult r = LatencyResult.of(64, 100, 100 * 200_000L, h);
        assertEquals(100.0, r.averageMicros(), 1e-9);
        assertEquals(200.0, r.p50Micros(), 0.2);
        assertEquals(200.0, r.p999Micros(), 0.2);
    }

    @Test
    void latencyLinesReadBackAsPrinted() {
        LatencyResult r = new LatencyResult(64, 100, 12.5, 20.25, 30.5, 40.75, 50.125);
        Captured out = new Captured();
        r.printHeader(out.stream);
        r.printLatencies(out.stream);
        List<String> lines = out.lines();
        assertLines(latencyLines(64, 100), lines);
        assertEquals(r, LatencyResult.parse(64, 100, lines));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatencyResult.parse(64, 100, lines.subList(0, 5)));
        assertTrue(e.getMessage().contains("p99"), e::getMessage);
    }
}
