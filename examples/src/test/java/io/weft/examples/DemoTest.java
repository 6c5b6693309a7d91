package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs what {@code Demo.main} runs. Needs every socket type. */
@Timeout(30)
class DemoTest {
    @Test
    void everyStepPassesAndIsReported() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int failed = Demo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), Duration.ofSeconds(5));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, failed, out);
        for (Demo.Step step : Demo.steps(Duration.ofSeconds(5))) {
            assertTrue(out.contains(step.title()), "report lacks '" + step.title() + "':\n" + out);
        }
        assertTrue(out.contains("All steps passed"), out);
    }

    @Test
    void coversEverySocketType() {
        StringBuilder titles = new StringBuilder();
        Demo.steps(Duration.ofSeconds(1)).forEach(s -> titles.append(s.title()).append('\n'));
        for (io.weft.SocketType type : io.weft.SocketType.values()) {
            assertTrue(titles.toString().contains(type.name()), type + " missing from the demo:\n" + titles);
        }
    }
}
