package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The classic hello world over inproc. Needs REQ and REP. */
@Timeout(30)
class HelloWorldTest {
    @Test
    void clientGetsWorldForEveryHello() {
        assertEquals(Collections.nCopies(10, "World"),
                InProcess.helloWorld("inproc://test-hello", 10, Duration.ofSeconds(5)));
    }
}
