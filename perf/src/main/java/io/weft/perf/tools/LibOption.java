package io.weft.perf.tools;

import picocli.CommandLine.Option;

/** The {@code --lib} and {@code --help} options every perf tool shares (a picocli mixin). */
final class LibOption {
    @Option(names = "--lib", paramLabel = "<lib>", defaultValue = "weft",
            description = "The library this side runs on: weft (default); weft-direct (Weft with message bodies in "
                    + "direct memory: the sender hands over a direct ByteBuffer, the receiver sets ZERO_COPY_RECV and "
                    + "reads pooled buffers); or jeromq (JeroMQ 0.6.0, the same loop), e.g. to measure JeroMQ, or to "
                    + "pit Weft against it across two processes.")
    Lib lib;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
