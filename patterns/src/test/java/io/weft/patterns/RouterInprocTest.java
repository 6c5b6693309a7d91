package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * inproc only: a ROUTER that connects before its peer binds learns the peer's ROUTING_ID when the
 * bind comes, and routes by it (libzmq sends the id in-band; Weft tells the pattern).
 */
@Timeout(30)
class RouterInprocTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final byte[] ID = "late-binder".getBytes(StandardCharsets.UTF_8);

    @Test
    void routerConnectedBeforeTheBindKnowsTheBindersRoutingId() {
        try (Context ctx = Context.create(); Socket router = ctx.socket(SocketType.ROUTER);
                Socket dealer = ctx.socket(SocketType.DEALER)) {
            router.setOption(Option.LINGER, 0);
            dealer.setOption(Option.LINGER, 0);
            dealer.setOption(Option.ROUTING_ID, ID);
            router.connect("inproc://router-connects-first");
            dealer.bind("inproc://router-connects-first");

            assertTrue(dealer.send("hello"));
            byte[] id = router.recv(WAIT);
            assertNotNull(id);
            assertArrayEquals(ID, id, "the binder's ROUTING_ID, not a generated id");
            assertEquals("hello", new String(router.recv(WAIT), StandardCharsets.UTF_8));

            assertTrue(router.sendMore(ID));
            assertTrue(router.send("routed by name"));
            assertEquals("routed by name", new String(dealer.recv(WAIT), StandardCharsets.UTF_8));
        }
    }

    @Test
    void routerConnectedBeforeTheBindCanSendByIdBeforeHearingFromThePeer() {
        try (Context ctx = Context.create(); Socket router = ctx.socket(SocketType.ROUTER);
                Socket dealer = ctx.socket(SocketType.DEALER)) {
            router.setOption(Option.LINGER, 0);
            router.setOption(Option.ROUTER_MANDATORY, true);
            router.setOption(Option.SNDTIMEO, 5000);
            dealer.setOption(Option.LINGER, 0);
            dealer.setOption(Option.ROUTING_ID, ID);
            router.connect("inproc://router-speaks-first");
            dealer.bind("inproc://router-speaks-first");

            assertTrue(router.sendMore(ID));
            assertTrue(router.send("first words"));
            assertEquals("first words", new String(dealer.recv(WAIT), StandardCharsets.UTF_8));
        }
    }
}
