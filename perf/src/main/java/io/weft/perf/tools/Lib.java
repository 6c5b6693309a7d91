package io.weft.perf.tools;

import java.util.function.Supplier;

/**
 * The libraries a perf tool can run on (its {@code --lib} option): Weft, Weft with message bodies in
 * direct memory, or JeroMQ as the baseline.
 */
enum Lib {
    WEFT("weft", () -> new WeftLibrary(false)),
    /** Weft sending bodies in direct buffers and receiving with {@code ZERO_COPY_RECV}. */
    WEFT_DIRECT("weft-direct", () -> new WeftLibrary(true)),
    JEROMQ("jeromq", JeromqLibrary::new);

    private final String label;
    private final Supplier<PerfLibrary> factory;

    Lib(String label, Supplier<PerfLibrary> factory) {
        this.label = label;
        this.factory = factory;
    }

    /** A fresh context of this library. */
    PerfLibrary open() {
        return factory.get();
    }

    /** The library named {@code label} (any case), for picocli. */
    static Lib parse(String label) {
        for (Lib l : values()) {
            if (l.label.equalsIgnoreCase(label)) {
                return l;
            }
        }
        throw new picocli.CommandLine.TypeConversionException("'" + label + "' (expected: weft, weft-direct or jeromq)");
    }

    /** The name on the command line and in reports. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
