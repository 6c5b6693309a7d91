package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Needs PUB and SUB. */
@Timeout(30)
class PubSubDemoTest {
    @Test
    void subscriberGetsOnlyMessagesMatchingItsPrefix() {
        PubSubDemo.Result r = PubSubDemo.run(Duration.ofSeconds(5));
        assertEquals(List.of("weather.paris 12C", "weather.oslo -3C"), r.weatherSubscriber());
    }

    @Test
    void emptySubscriptionGetsEverythingInOrder() {
        PubSubDemo.Result r = PubSubDemo.run(Duration.ofSeconds(5));
        assertEquals(PubSubDemo.PUBLISHED, r.everythingSubscriber());
    }
}
