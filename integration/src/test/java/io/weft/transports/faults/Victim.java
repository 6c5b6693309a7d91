package io.weft.transports.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.transports.testkit.IoThreads;
import io.weft.transports.testkit.LogCapture;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.util.List;
import java.util.function.Consumer;

/**
 * The socket a fault test attacks: a PULL bound on one transport, watched by a monitor, with a
 * well-behaved Weft PUSH connected to it. {@link #expectDropped} checks everything the issue asks of
 * a dropped bad peer: the monitor reports it, the connection is closed by Weft, a log line says
 * why, its session is gone, no I/O thread died, and the good peer still gets through.
 */
final class Victim implements AutoCloseable {
    final Context ctx;
    final Socket pull;
    final Socket good;
    final Monitor monitor;
    final String endpoint;
    final LogCapture log;
    private final List<String> ioThreads;
    private final int baselineSessions;
    private int exchanged;

    Victim(Wire wire) {
        this(wire, s -> { });
    }

    Victim(Wire wire, Consumer<Socket> configure) {
        log = new LogCapture();
        ctx = Context.create();
        pull = ctx.socket(SocketType.PULL);
        configure.accept(pull);
        monitor = pull.monitor(SocketEvent.Type.ALL);
        endpoint = pull.bind(wire.bindEndpoint());
        good = ctx.socket(SocketType.PUSH);
        good.setOption(Option.LINGER, 0);
        good.connect(endpoint);
        exchange();
        Wait.event(monitor, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
        ioThreads = IoThreads.alive();
        baselineSessions = Wait.sessionCount(pull);
    }

    /** The good peer's message goes through. */
    void exchange() {
        String text = "good-" + (++exchanged);
        good.send(text);
        Wait.expect(pull, text);
    }

    /** A raw peer connected to the victim, once the victim has accepted it. */
    RawPeer raw() {
        RawPeer r = RawPeer.connect(endpoint);
        Wait.event(monitor, SocketEvent.Type.ACCEPTED);
        return r;
    }

    /**
     * Asserts that {@code raw} was dropped with {@code failure} (then DISCONNECTED) and that a log
     * line holds every one of {@code why}; returns the failure event.
     */
    SocketEvent expectDropped(RawPeer raw, SocketEvent.Type failure, String... why) {
        SocketEvent e = Wait.event(monitor, failure);
        if (failure != SocketEvent.Type.DISCONNECTED) {
            Wait.event(monitor, SocketEvent.Type.DISCONNECTED);
        }
        if (raw != null) {
            assertTrue(raw.closedByPeer(Wait.TIMEOUT), "Weft did not close the bad peer's connection");
        }
        expectLoggedAndIsolated(why);
        return e;
    }

    /** The bad peer's log line is there, its session is gone, and nothing else was disturbed. */
    void expectLoggedAndIsolated(String... why) {
        log.awaitLine(why);
        Wait.sessions(pull, baselineSessions);
        IoThreads.assertStillAlive(ioThreads);
        exchange();
    }

    @Override
    public void close() {
        try {
            monitor.close();
            ctx.close();
        } finally {
            log.close();
        }
    }
}
