package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs DEALER and ROUTER. */
@Timeout(30)
class DealerRouterDemoTest {
    @Test
    void routerSeesEachDealersRoutingIdInFrontOfItsMessage() {
        DealerRouterDemo.Result r = DealerRouterDemo.run(Duration.ofSeconds(5));
        assertEquals(2, r.routerSaw().size());
        assertEquals(true, r.routerSaw().containsAll(List.of("Multipart[alice | hi, I am alice]",
                "Multipart[bob | hi, I am bob]")), r.routerSaw().toString());
    }

    @Test
    void repliesReachTheDealerNamedByTheRoutingId() {
        DealerRouterDemo.Result r = DealerRouterDemo.run(Duration.ofSeconds(5));
        assertEquals(Map.of("alice", "welcome, alice", "bob", "welcome, bob"), r.dealerGot());
    }

    @Test
    void mandatoryRouterRefusesUnknownRoutingId() {
        assertEquals("HostUnreachableException", DealerRouterDemo.run(Duration.ofSeconds(5)).unroutableError());
    }
}
