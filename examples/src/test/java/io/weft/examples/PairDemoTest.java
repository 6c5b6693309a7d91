package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PairDemoTest {
    @Test
    void multipartMessageArrivesWholeWithMoreBetweenFrames() {
        PairDemo.Result r = PairDemo.run(Duration.ofSeconds(5));
        assertEquals(List.of("ping", "#1"), r.framesAtB());
        assertEquals(List.of(true, false), r.moreAtB());
    }

    @Test
    void replyTravelsBackAsTheVeryArraySentOverInproc() {
        PairDemo.Result r = PairDemo.run(Duration.ofSeconds(5));
        assertEquals("pong", r.replyAtA());
        assertTrue(r.sameArray(), "send(Msg) hands the array over without a copy");
    }
}
