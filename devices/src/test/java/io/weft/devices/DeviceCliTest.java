package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line's promises: bad arguments exit 2, endpoints that fail exit 1, one line each, no stack trace. */
@Timeout(30)
class DeviceCliTest {

    private static void assertOneCleanLine(DeviceRun.Result r, String expectedPrefix) {
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + r.err());
        assertTrue(lines.get(0).startsWith(expectedPrefix), "stderr: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }

    @Test
    void withoutADeviceNameItExits2() {
        DeviceRun.Result r = DeviceRun.runToEnd();
        assertEquals(2, r.exitCode());
        assertOneCleanLine(r, "weft: no device named (expected: queue, forwarder or streamer)");
    }

    @Test
    void anUnknownDeviceExits2() {
        DeviceRun.Result r = DeviceRun.runToEnd("broker", "--frontend", "tcp://127.0.0.1:*");
        assertEquals(2, r.exitCode());
        assertOneCleanLine(r, "weft: unknown device 'broker'");
    }

    @Test
    void aMissingRequiredOptionExits2WithPicocliMessage() {
        DeviceRun.Result r = DeviceRun.runToEnd("queue", "--frontend", "tcp://127.0.0.1:*");
        assertEquals(2, r.exitCode());
        assertOneCleanLine(r, "weft queue: Missing required option: '--backend=EP'");
    }

    @Test
    void aNonNumericValueExits2() {
        DeviceRun.Result r = DeviceRun.runToEnd("streamer", "--frontend", "tcp://127.0.0.1:*", "--backend",
                "tcp://127.0.0.1:*", "--hwm", "lots");
        assertEquals(2, r.exitCode());
        assertOneCleanLine(r, "weft streamer: Invalid value for option '--hwm': 'lots' is not an int");
    }

    @Test
    void anUnknownOptionExits2() {
        DeviceRun.Result r = DeviceRun.runToEnd("streamer", "--frontend", "tcp://127.0.0.1:*", "--backend",
                "tcp://127.0.0.1:*", "--verbose");
        assertEquals(2, r.exitCode());
        assertOneCleanLine(r, "weft streamer: Unknown option: '--verbose'");
    }

    @Test
    void outOfRangeNumbersExit2() {
        DeviceRun.Result threads = DeviceRun.runToEnd("queue", "--frontend", "tcp://127.0.0.1:*", "--backend",
                "tcp://127.0.0.1:*", "--io-threads", "0");
        assertEquals(2, threads.exitCode());
        assertOneCleanLine(threads, "weft queue: --io-threads=0 (expected: 1 or more)");
        DeviceRun.Result interval = DeviceRun.runToEnd("queue", "--frontend", "tcp://127.0.0.1:*", "--backend",
                "tcp://127.0.0.1:*", "--stats-interval", "-1");
        assertEquals(2, interval.exitCode());
        assertOneCleanLine(interval, "weft queue: --stats-interval=-1.0");
    }

    @Test
    void helpPrintsTheOptionsAndExits0() {
        DeviceRun.Result r = DeviceRun.runToEnd("forwarder", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("XSUB frontend <-> XPUB backend"), r.out());
        for (String option : List.of("--frontend", "--backend", "--capture", "--control", "--io-threads", "--hwm",
                "--stats-interval")) {
            assertTrue(r.out().contains(option), option + " in: " + r.out());
        }
    }

    @Test
    void aMalformedEndpointExits1WithOneLine() {
        DeviceRun.Result r = DeviceRun.runToEnd("queue", "--frontend", "tcp://127.0.0.1", "--backend",
                "tcp://127.0.0.1:*");
        assertEquals(1, r.exitCode());
        assertOneCleanLine(r, "weft queue: cannot bind frontend tcp://127.0.0.1: expected host:port");
    }

    @Test
    void anUnknownTransportExits1WithOneLine() {
        DeviceRun.Result r = DeviceRun.runToEnd("forwarder", "--frontend", "tcp://127.0.0.1:*", "--backend",
                "carrier-pigeon://loft");
        assertEquals(1, r.exitCode());
        assertOneCleanLine(r, "weft forwarder: cannot bind backend carrier-pigeon://loft: unknown transport");
    }

    @Test
    void aBadEndpointToConnectToExits1WithOneLine() {
        DeviceRun.Result r = DeviceRun.runToEnd("streamer", "--frontend", "tcp://127.0.0.1:*", "--backend",
                ">tcp://127.0.0.1:*");
        assertEquals(1, r.exitCode());
        assertOneCleanLine(r, "weft streamer: cannot connect backend tcp://127.0.0.1:*: connect needs a port number");
    }

    @Test
    void aPortInUseExits1WithOneLine() {
        try (Context ctx = Context.create(); Socket squatter = ctx.socket(SocketType.PULL)) {
            String taken = squatter.bind("tcp://127.0.0.1:*");
            DeviceRun.Result r = DeviceRun.runToEnd("streamer", "--frontend", "tcp://127.0.0.1:*", "--backend", taken,
                    "--control", "tcp://127.0.0.1:*");
            assertEquals(1, r.exitCode());
            assertOneCleanLine(r, "weft streamer: cannot bind backend " + taken + ": address already in use");
            assertEquals(1, r.errLines().size());
            assertEquals("weft streamer: cannot bind backend " + taken + ": address already in use", r.errLines().get(0));
        }
    }
}
