package io.weft.transports.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

/** Looks at the library's I/O threads ({@code weft-io-*}) from the outside. */
public final class IoThreads {
    private IoThreads() {
    }

    /** Names of the live I/O threads of every context in this JVM. */
    public static List<String> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("weft-io-") && t.isAlive())
                .map(Thread::getName)
                .sorted()
                .collect(Collectors.toList());
    }

    /** Asserts that every thread named in {@code before} is still alive (none died meanwhile). */
    public static void assertStillAlive(List<String> before) {
        List<String> now = alive();
        assertTrue(now.containsAll(before), "I/O threads died: before " + before + ", now " + now);
    }
}
