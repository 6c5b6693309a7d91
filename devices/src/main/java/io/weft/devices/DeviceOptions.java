package io.weft.devices;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options every device takes, as picocli parses them. */
@Command(sortOptions = false, usageHelpAutoWidth = true,
        footer = {"", "An endpoint is bound unless it starts with '>' (quote it in the shell), which connects instead.",
            "Control commands (one frame, on a REQ connected to --control): PAUSE, RESUME, TERMINATE, STATISTICS.",
            "SIGINT or SIGTERM stops the device cleanly with a totals line (exit code 0).",
            "Exit codes: 0 stopped cleanly, 1 an endpoint could not be bound or connected, 2 bad arguments.",
            "More: docs/devices.md."})
final class DeviceOptions {
    @Option(names = "--frontend", required = true, paramLabel = "EP", converter = EndpointSpec.Converter.class,
            description = "Where clients (requesters, publishers, producers) reach the device, e.g. tcp://*:5555.")
    EndpointSpec frontend;

    @Option(names = "--backend", required = true, paramLabel = "EP", converter = EndpointSpec.Converter.class,
            description = "Where workers (repliers, subscribers, consumers) reach the device, e.g. tcp://*:5556.")
    EndpointSpec backend;

    @Option(names = "--capture", paramLabel = "EP", converter = EndpointSpec.Converter.class,
            description = "A PUB socket here gets a copy of every frame moved either way (subscribe to \"\").")
    EndpointSpec capture;

    @Option(names = "--control", paramLabel = "EP", converter = EndpointSpec.Converter.class,
            description = "A REP socket here takes the commands PAUSE, RESUME, TERMINATE and STATISTICS.")
    EndpointSpec control;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
            description = "I/O threads of the device's context (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Option(names = "--hwm", paramLabel = "N",
            description = "SNDHWM and RCVHWM of the frontend and backend sockets, in messages (default: 1000; 0: none).")
    Integer hwm;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", defaultValue = "0",
            description = "Print messages/s and bytes/s per direction every SECONDS (decimals allowed; default: off).")
    double statsInterval;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** What is wrong with the values picocli could not judge, or null if nothing. */
    String problem() {
        if (ioThreads < 1) {
            return "--io-threads=" + ioThreads + " (expected: 1 or more)";
        }
        if (hwm != null && hwm < 0) {
            return "--hwm=" + hwm + " (expected: 0 or more)";
        }
        if (Double.isNaN(statsInterval) || statsInterval < 0 || (statsInterval > 0 && statsInterval < 0.001)) {
            return "--stats-interval=" + statsInterval + " (expected: seconds, 0.001 or more, or 0 for none)";
        }
        return null;
    }
}
