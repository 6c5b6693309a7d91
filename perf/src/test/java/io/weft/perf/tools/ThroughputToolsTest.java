package io.weft.perf.tools;

import static io.weft.perf.tools.ToolAssertions.BOUND;
import static io.weft.perf.tools.ToolAssertions.LIMIT;
import static io.weft.perf.tools.ToolAssertions.assertLines;
import static io.weft.perf.tools.ToolAssertions.background;
import static io.weft.perf.tools.ToolAssertions.status;
import static io.weft.perf.tools.ToolAssertions.throughputLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** local_thr with remote_thr, and inproc_thr: tiny counts, libzmq's four lines. */
@Timeout(60)
class ThroughputToolsTest {
    @TempDir
    Path dir;

    /** Runs local_thr on a thread and remote_thr here; returns local_thr's stdout lines. */
    private List<String> localAndRemote(String bindTo, List<String> localOptions, List<String> remoteOptions)
            throws Exception {
        return localAndRemote(bindTo, 64, 1000, localOptions, remoteOptions);
    }

    private List<String> localAndRemote(String bindTo, int size, int count, List<String> localOptions,
            List<String> remoteOptions) throws Exception {
        Captured out = new Captured();
        Captured err = new Captured();
        String[] localArgs = args(localOptions, bindTo, Integer.toString(size), Integer.toString(count));
        FutureTask<Integer> local = background("local_thr", () -> LocalThr.run(localArgs, out.stream, err.stream));
        String connectTo = bindTo.endsWith(":*") ? err.await(BOUND, LIMIT).group(1) : bindTo;
        Captured remoteErr = new Captured();
        assertEquals(0, RemoteThr.run(args(remoteOptions, connectTo, Integer.toString(size), Integer.toString(count)),
                new Captured().stream,
                remoteErr.stream), remoteErr::text);
        assertEquals(0, status(local), err::text);
        return out.lines();
    }

    private static String[] args(List<String> options, String... positional) {
        List<String> all = new java.util.ArrayList<>(options);
        all.addAll(List.of(positional));
        return all.toArray(new String[0]);
    }

    @Test
    void localThrReportsLibzmqLinesForWhatRemoteThrSendsOverTcp() throws Exception {
        assertLines(throughputLines(64, 1000), localAndRemote("tcp://127.0.0.1:*", List.of(), List.of()));
    }

    @Test
    void localThrReportsLibzmqLinesForWhatRemoteThrSendsOverIpc() throws Exception {
        assertLines(throughputLines(64, 1000), localAndRemote("ipc://" + dir.resolve("thr.sock"), List.of(),
                List.of()));
    }

    @Test
    void remoteThrCopyingSendsTheSameMessages() throws Exception {
        assertLines(throughputLines(64, 1000), localAndRemote("tcp://127.0.0.1:*", List.of(), List.of("--copy")));
    }

    @Test
    void weftDirectSendsDirectBuffersAndReceivesPooledOnes() throws Exception {
        // 70,000 B: above the pooling threshold and the read buffer, so bodies are read straight in.
        assertLines(throughputLines(70_000, 300), localAndRemote("tcp://127.0.0.1:*", 70_000, 300,
                List.of("--lib", "weft-direct"), List.of("--lib", "weft-direct")));
    }

    @Test
    void localThrOnJeromqMeasuresRemoteThrOnWeft() throws Exception {
        assertLines(throughputLines(64, 1000), localAndRemote("tcp://127.0.0.1:*", List.of("--lib", "jeromq"),
                List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"weft", "jeromq"})
    void inprocThrPrintsLibzmqLines(String lib) {
        Captured out = new Captured();
        Captured err = new Captured();
        assertEquals(0, InprocThr.run(new String[] {"--lib", lib, "64", "1000"}, out.stream, err.stream), err::text);
        assertLines(throughputLines(64, 1000), out.lines());
    }

    @Test
    void inprocThrAcceptsEmptyMessages() {
        Captured out = new Captured();
        Captured err = new Captured();
        assertEquals(0, InprocThr.run(new String[] {"--copy", "0", "1000"}, out.stream, err.stream), err::text);
        assertLines(throughputLines(0, 1000), out.lines());
    }
}
