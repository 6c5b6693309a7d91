package io.weft.perf.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The perf tools' command lines through {@link PerfMain}: help exits 0, a refused command line 2
 * with picocli's message, a failure while running 1 with one line on stderr and no stack trace.
 */
@Timeout(60)
class CommandLineTest {
    private record Run(int status, Captured out, Captured err) {
    }

    private static Run perf(String... args) {
        Captured out = new Captured();
        Captured err = new Captured();
        int status = PerfMain.run(args, out.stream, err.stream);
        return new Run(status, out, err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local_thr", "remote_thr", "local_lat", "remote_lat", "inproc_thr", "inproc_lat", "compare"})
    void everyToolHasHelp(String tool) {
        Run r = perf(tool, "--help");
        assertEquals(0, r.status(), r.err()::text);
        assertTrue(r.out().text().startsWith("Usage: " + tool), r.out()::text);
        assertTrue(r.out().text().contains("--help"), r.out()::text);
    }

    @Test
    void jmhHelpExplainsTheBenchmarksBeforeJmhsOwnOptions() {
        Run r = perf("jmh", "--help");
        assertEquals(0, r.status(), r.err()::text);
        assertTrue(r.out().text().startsWith("Usage: jmh"), r.out()::text);
        assertTrue(r.out().text().contains("SubscriptionMatchBenchmark"), r.out()::text);
    }

    @Test
    void perfMainHelpListsTheCommands() {
        Run r = perf("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().text().contains("local_thr, remote_thr, local_lat, remote_lat, inproc_thr, inproc_lat, "
                + "compare, jmh"), r.out()::text);
    }

    static Stream<Arguments> refusedCommandLines() {
        return Stream.of(
                Arguments.of(List.of("local_thr", "tcp://127.0.0.1:*", "64"), "Missing required parameter"),
                Arguments.of(List.of("local_thr", "tcp://127.0.0.1:*", "big", "10"), "'big' is not an int"),
                Arguments.of(List.of("remote_thr", "tcp://127.0.0.1:1", "64", "0"), "<message-count>=0"),
                Arguments.of(List.of("local_lat", "tcp://127.0.0.1:*", "-1", "10"), "<message-size>=-1"),
                Arguments.of(List.of("remote_lat", "--warmup", "-5", "tcp://127.0.0.1:1", "64", "10"), "--warmup=-5"),
                Arguments.of(List.of("inproc_thr", "64", "1000", "extra"), "Unmatched argument"),
                Arguments.of(List.of("inproc_lat", "--lib", "zeromq", "64", "10"), "Invalid value for option '--lib'"),
                Arguments.of(List.of("local_thr", "--lib", "weft_direct", "tcp://127.0.0.1:*", "64", "10"),
                        "'weft_direct' (expected: weft, weft-direct or jeromq)"),
                Arguments.of(List.of("compare", "--transport", "udp"), "Invalid value for option '--transport'"),
                Arguments.of(List.of("compare", "--rounds", "0"), "--rounds=0"),
                Arguments.of(List.of("compare", "--mode", "lat", "--copy"), "--copy"),
                Arguments.of(List.of("nosuchtool"), "unknown command 'nosuchtool'"),
                Arguments.of(List.of(), "no command given"));
    }

    @ParameterizedTest
    @MethodSource("refusedCommandLines")
    void aRefusedCommandLineExitsWithStatus2AndSaysWhy(List<String> args, String reason) {
        Run r = perf(args.toArray(new String[0]));
        assertEquals(2, r.status(), r.err()::text);
        assertTrue(r.err().text().contains(reason), r.err()::text);
        assertEquals("", r.out().text());
    }

    @Test
    void aBindThatFailsExitsWithStatus1AndOneLine() {
        Run r = perf("local_thr", "bogus://nowhere", "64", "10");
        assertEquals(1, r.status());
        assertOneLineStartingWith("local_thr: ", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"weft", "jeromq"})
    void anEndpointInUseExitsWithStatus1AndOneLine(String lib) {
        try (Context ctx = Context.create(); Socket holder = ctx.socket(SocketType.PULL)) {
            String taken = holder.bind("tcp://127.0.0.1:*");
            Run r = perf("local_lat", "--lib", lib, taken, "64", "10");
            assertEquals(1, r.status());
            assertOneLineStartingWith("local_lat: ", r.err());
            assertTrue(r.err().text().contains(taken.substring(taken.lastIndexOf(':') + 1)), r.err()::text);
        }
    }

    private static void assertOneLineStartingWith(String prefix, Captured err) {
        List<String> lines = err.lines();
        assertEquals(1, lines.size(), err::text);
        assertTrue(lines.get(0).startsWith(prefix), err::text);
        assertFalse(err.text().contains("\tat "), err::text);
    }

    @Test
    void jmhListsTheBenchmarks() {
        assertEquals(0, perf("jmh", "-l").status());
    }

    @Test
    void jmhRefusesAnUnknownOptionOrAPatternThatMatchesNothing() {
        Run bad = perf("jmh", "-no-such-option");
        assertEquals(2, bad.status());
        assertTrue(bad.err().text().startsWith("jmh: "), bad.err()::text);
        Run none = perf("jmh", "NoBenchmarkIsCalledThis");
        assertEquals(2, none.status());
        assertTrue(none.err().text().contains("no benchmark matches"), none.err()::text);
    }
}
