package io.weft.transports.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Monitor;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connecting socket outlives its connections: it connects to an endpoint nobody serves yet, backs
 * off between attempts (RECONNECT_IVL doubling up to RECONNECT_IVL_MAX), and survives its peer's
 * restart, keeping what was sent meanwhile in its queue.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ReconnectTest {

    @ParameterizedTest
    @EnumSource(Wire.class)
    void pushConnectedBeforeItsPullBindsDeliversOnceThePullAppears(Wire wire) {
        String endpoint = wire.unusedEndpoint();
        try (Context ctx = Context.create();
                Socket push = ctx.socket(SocketType.PUSH);
                Socket pull = ctx.socket(SocketType.PULL)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            push.connect(endpoint);
            assertTrue(push.send("sent before anyone listened"), "the message waits in the queue");
            Wait.event(events, SocketEvent.Type.CONNECT_RETRIED); // it really found nobody, and retries

            assertEquals(endpoint, pull.bind(endpoint));
            Wait.expect(pull, "sent before anyone listened");
            push.send("and after");
            Wait.expect(pull, "and after");
            events.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void peerRestartIsSurvivedAndMessagesSentMeanwhileArrive(Wire wire) {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            String endpoint;
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                endpoint = pull.bind(wire.bindEndpoint());
                push.connect(endpoint);
                push.send("first life");
                Wait.expect(pull, "first life");
            }
            Wait.event(events, SocketEvent.Type.DISCONNECTED);
            push.send("while the peer was away");

            try (Socket pull = ctx.socket(SocketType.PULL)) {
                assertEquals(endpoint, pull.bind(endpoint), "the same endpoint can be bound again at once");
                Wait.event(events, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                Wait.expect(pull, "while the peer was away");
                push.send("second life");
                Wait.expect(pull, "second life");
            }
            events.close();
        }
    }

    @Test
    void reconnectIntervalDoublesUpToReconnectIvlMax() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 50);
            push.setOption(Option.RECONNECT_IVL_MAX, 400);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.CONNECT_RETRIED.number());
            long start = System.nanoTime();
            push.connect(Wire.TCP.unusedEndpoint());
            List<Long> intervals = retries(events, 6);
            assertEquals(List.of(50L, 100L, 200L, 400L, 400L, 400L), intervals);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // The sixth retry is announced after the first five waits: 50+100+200+400+400 ms.
            assertTrue(elapsedMs >= 1100, "retries came faster than their intervals: " + elapsedMs + " ms");
            events.close();
        }
    }

    @Test
    void reconnectIntervalStaysPutWithoutAMaximum() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 30);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.CONNECT_RETRIED.number());
            push.connect(Wire.TCP.unusedEndpoint());
            assertEquals(List.of(30L, 30L, 30L, 30L), retries(events, 4));
            events.close();
        }
    }

    @Test
    void reconnectIvlOfMinusOneMeansASingleAttempt() {
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, -1);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            push.connect(Wire.TCP.unusedEndpoint());
            Wait.event(events, SocketEvent.Type.CLOSED);
            Wait.noEvent(events, SocketEvent.Type.CONNECT_RETRIED, Duration.ofMillis(300));
            events.close();
        }
    }

    @Test
    void reconnectingAfterAFailedAttemptResetsTheBackoff() {
        String endpoint = Wire.TCP.unusedEndpoint();
        try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.RECONNECT_IVL, 20);
            push.setOption(Option.RECONNECT_IVL_MAX, 80);
            push.setOption(Option.LINGER, 0);
            Monitor events = push.monitor(SocketEvent.Type.ALL);
            push.connect(endpoint);
            assertEquals(List.of(20L, 40L, 80L), retries(events, 3));
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(endpoint);
                Wait.event(events, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            }
            Wait.event(events, SocketEvent.Type.DISCONNECTED);
            assertEquals(20L, Wait.event(events, SocketEvent.Type.CONNECT_RETRIED).value(),
                    "a successful connection starts the backoff over");
            events.close();
        }
    }

    private static List<Long> retries(Monitor events, int n) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SocketEvent e = Wait.event(events, SocketEvent.Type.CONNECT_RETRIED);
            values.add(e.value());
        }
        return values;
    }
}
