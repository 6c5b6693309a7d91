package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs REQ and REP. */
@Timeout(30)
class ReqRepDemoTest {
    @Test
    void requestsAreRoundRobinedOverBothReps() {
        ReqRepDemo.Result r = ReqRepDemo.run(Duration.ofSeconds(5));
        assertEquals(Map.of("alpha", 2, "beta", 2), r.servedBy());
        assertEquals(4, r.exchanges().size());
    }

    @Test
    void eachRequestGetsTheReplyToIt() {
        ReqRepDemo.Result r = ReqRepDemo.run(Duration.ofSeconds(5));
        for (int i = 1; i <= 4; i++) {
            String exchange = r.exchanges().get(i - 1);
            assertEquals(true, exchange.startsWith("request " + i + " -> reply to request " + i + " from "), exchange);
        }
    }

    @Test
    void secondSendBeforeTheReplyIsRefused() {
        assertEquals("IllegalSocketStateException", ReqRepDemo.run(Duration.ofSeconds(5)).lockStepError());
    }
}
