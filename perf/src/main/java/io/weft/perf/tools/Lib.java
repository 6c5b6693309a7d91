package io.weft.perf.tools;

import java.util.function.Supplier;

/** The libraries a perf tool can run on (its {@code --lib} option): Weft, or JeroMQ as the baseline. */
enum Lib {
    WEFT("weft", WeftLibrary::new),
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

    /** The name on the command line and in reports. */
    String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
