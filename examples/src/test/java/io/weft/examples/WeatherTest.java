package io.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The classic weather example over inproc. Needs PUB and SUB. */
@Timeout(30)
class WeatherTest {
    @Test
    void clientReceivesOnlyUpdatesForItsZipCode() {
        WeatherClient.Forecast f = InProcess.weather("inproc://test-weather", "10042", 20, Duration.ofSeconds(5));
        assertEquals(20, f.updates().size());
        f.updates().forEach(u -> assertTrue(u.startsWith("10042 "), u));
        assertTrue(f.averageTemperature() >= -80 && f.averageTemperature() <= 134, f.toString());
    }
}
