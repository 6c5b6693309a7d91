package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs XPUB, XSUB and SUB. */
@Timeout(30)
class XPubXSubDemoTest {
    @Test
    void xpubReadsSubscriptionsOfXsubAndSubThenTheCancellation() {
        XPubXSubDemo.Result r = XPubXSubDemo.run(Duration.ofSeconds(5));
        assertEquals(Set.of("subscribe 'A'", "subscribe 'B'"), Set.copyOf(r.xpubSaw().subList(0, 2)));
        assertEquals("unsubscribe 'B'", r.xpubSaw().get(2));
    }

    @Test
    void eachSubscriberGetsOnlyItsTopic() {
        XPubXSubDemo.Result r = XPubXSubDemo.run(Duration.ofSeconds(5));
        assertEquals(List.of("A: for the XSUB"), r.xsubGot());
        assertEquals(List.of("B: for the SUB"), r.subGot());
    }
}
