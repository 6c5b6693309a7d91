package io.weft.transports.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.weft.Monitor;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.internal.SocketBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Deadline-bounded waits for transport tests: no sleeps, every wait ends by itself and fails with
 * what it was waiting for.
 */
public final class Wait {
    /** Generous bound for anything that should happen "at once" on loopback. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Wait() {
    }

    /** Polls {@code condition} until true, failing after {@link #TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, TIMEOUT, condition);
    }

    /** Polls {@code condition} until true, failing after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Receives a frame within {@link #TIMEOUT}, failing otherwise. */
    public static byte[] recv(Socket socket) {
        byte[] b = socket.recv(TIMEOUT);
        assertNotNull(b, "nothing received on " + socket + " within " + TIMEOUT);
        return b;
    }

    /** Asserts that the next frame received is the UTF-8 text {@code expected}. */
    public static void expect(Socket socket, String expected) {
        assertEquals(expected, new String(recv(socket), StandardCharsets.UTF_8));
    }

    /** Waits until {@code socket} has {@code peers} attached peers. */
    public static void peers(Socket socket, int peers) {
        until(socket + " to have " + peers + " peers", () -> ((SocketBase) socket).peerCount() == peers);
    }

    /** Waits until the network sessions of {@code socket}'s context number {@code count}. */
    public static void sessions(Socket socket, int count) {
        until("sessions of the context of " + socket + " to number " + count,
                () -> sessionCount(socket) == count);
    }

    /** The network sessions (of every socket) alive in {@code socket}'s context. */
    public static int sessionCount(Socket socket) {
        return ((SocketBase) socket).context().sessionCount();
    }

    /**
     * Takes events from {@code monitor} until one of {@code type} comes, within {@link #TIMEOUT};
     * fails listing the events seen meanwhile.
     */
    public static SocketEvent event(Monitor monitor, SocketEvent.Type type) {
        return event(monitor, type, TIMEOUT);
    }

    /** As {@link #event(Monitor, SocketEvent.Type)} with its own deadline. */
    public static SocketEvent event(Monitor monitor, SocketEvent.Type type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SocketEvent> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            SocketEvent e = left > 0 ? monitor.next(Duration.ofNanos(left)) : monitor.poll();
            if (e == null) {
                fail("no " + type + " event within " + timeout + "; saw " + seen);
            }
            if (e.type() == type) {
                return e;
            }
            seen.add(e);
        }
    }

    /** Asserts that no event of {@code type} is queued, nor comes within {@code window}. */
    public static void noEvent(Monitor monitor, SocketEvent.Type type, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        SocketEvent queued;
        while ((queued = monitor.poll()) != null) {
            if (queued.type() == type) {
                fail("unexpected " + queued);
            }
        }
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            SocketEvent e = monitor.next(Duration.ofNanos(left));
            if (e != null && e.type() == type) {
                fail("unexpected " + e);
            }
        }
    }
}
