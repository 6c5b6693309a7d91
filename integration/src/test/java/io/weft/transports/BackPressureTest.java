package io.weft.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Back-pressure across a byte stream: a PULL that does not read fills its queue, its engine stops
 * reading, the kernel buffers fill, the PUSH's engine stops writing, its queue reaches SNDHWM, and
 * {@code trySend} refuses. Kernel buffers sit in between, so the count is bounded, not exact (the
 * exact HWM arithmetic is an inproc spec test). Then every message sent arrives once the PULL reads.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BackPressureTest {
    private static final int SIZE = 64 * 1024;
    private static final int BOUND = 20_000;
    private static final Duration STALLED = Duration.ofMillis(300);

    @ParameterizedTest
    @EnumSource(Wire.class)
    void pushToAPullThatDoesNotReadIsRefusedWithinABoundThenEverythingArrives(Wire wire) {
        byte[] body = new byte[SIZE]; // one array, sent again and again without a copy
        for (int i = 0; i < SIZE; i++) {
            body[i] = (byte) (i * 31);
        }
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.setOption(Option.SNDHWM, 10);
            push.setOption(Option.LINGER, 0);
            pull.setOption(Option.RCVHWM, 10);
            push.connect(pull.bind(wire.bindEndpoint()));
            Wait.peers(push, 1);

            Msg msg = new Msg(body);
            int sent = 0;
            long stalledSince = 0;
            while (sent < BOUND) {
                if (push.trySend(msg)) {
                    sent++;
                    stalledSince = 0;
                } else if (stalledSince == 0) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > STALLED.toNanos()) {
                    break; // refused for a while: the pressure reached the sender
                }
            }
            assertTrue(sent < BOUND, "trySend never refused over " + BOUND + " messages of " + SIZE + " octets");
            assertFalse(push.trySend(msg), "still refused");
            assertTrue(sent >= 20, "at least both HWMs' worth went out: " + sent);

            Msg in = new Msg();
            for (int i = 0; i < sent; i++) {
                byte[] got = pull.recv(Wait.TIMEOUT);
                assertNotNull(got, "message " + i + " of " + sent + " never arrived");
                assertEquals(SIZE, got.length);
            }
            assertNull(pull.recv(Duration.ofMillis(100)), "exactly what was sent arrives, no more");

            // The path is clear again, and the content is intact.
            push.send(msg);
            assertTrue(pull.recv(in));
            assertEquals(SIZE, in.size());
            for (int i = 0; i < SIZE; i += 4099) {
                assertEquals(body[i], in.data()[i], "octet " + i);
            }
            assertSame(body, msg.data(), "the sender's holder is unchanged");
        }
    }
}
