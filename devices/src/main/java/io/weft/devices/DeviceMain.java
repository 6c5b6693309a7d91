package io.weft.devices;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The entry point of {@code bin/weft queue|forwarder|streamer [options]}: the device's name
 * first, then its options (see {@link DeviceOptions}, or {@code --help}).
 *
 * <p>Output: one startup line on stdout saying what the device does and where (with the resolved
 * endpoints, so {@code tcp://*:*} shows its port), rate lines with {@code --stats-interval}, and a
 * totals line when it stops. Errors are one line on stderr, never a stack trace. Exit codes: 0
 * stopped cleanly (TERMINATE on the control socket, SIGINT or SIGTERM), 1 an endpoint could not be
 * bound or connected (or the proxy failed), 2 bad arguments.
 */
public final class DeviceMain {
    /** How long a signal waits for the device to print its totals and close. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private DeviceMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(execute(args, System.out, System.err, true));
    }

    /**
     * Runs a device in this JVM until it stops, without touching signals or calling
     * {@code System.exit}, and returns its exit code. Stop it with TERMINATE on its control
     * endpoint ({@code --control}). For tests and embedding.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, false);
    }

    private static int execute(String[] args, PrintStream out, PrintStream err, boolean handleSignals) {
        if (args.length == 0 || DeviceKind.of(args[0]) == null) {
            err.println("weft: " + (args.length == 0 ? "no device named" : "unknown device '" + args[0] + "'")
                    + " (expected: queue, forwarder or streamer)");
            return 2;
        }
        DeviceKind kind = DeviceKind.of(args[0]);
        String prefix = "weft " + kind.command() + ": ";
        DeviceOptions options = new DeviceOptions();
        CommandLine cl = new CommandLine(options).setCommandName("bin/weft " + kind.command());
        cl.getCommandSpec().usageMessage().description(kind.description());
        try {
            cl.parseArgs(Arrays.copyOfRange(args, 1, args.length));
        } catch (ParameterException e) {
            err.println(prefix + e.getMessage() + " (bin/weft " + kind.command() + " --help lists the options)");
            return 2;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        String problem = options.problem();
        if (problem != null) {
            err.println(prefix + problem);
            return 2;
        }
        Device device;
        try {
            device = Device.open(kind, options);
        } catch (DeviceException e) {
            err.println(prefix + e.getMessage());
            return 1;
        }
        out.println(prefix + device.description());
        out.flush();
        if (handleSignals) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> onSignal(device, out, err), "weft-device-stop"));
        }
        return device.run(out, err);
    }

    /**
     * The shutdown hook. When the JVM ends because the device returned (System.exit), there is
     * nothing to do. When a signal ends it, stop the device, let it print its totals, and end
     * with its exit code (0) rather than the signal's 128+n.
     */
    private static void onSignal(Device device, PrintStream out, PrintStream err) {
        if (device.isFinished()) {
            return;
        }
        device.stop();
        boolean done;
        try {
            done = device.awaitFinished(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            done = false;
        }
        if (!done) {
            err.println("weft: the device did not stop within " + STOP_TIMEOUT.toSeconds() + " s; exiting anyway");
        }
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(done ? device.exitCode() : 1);
    }
}
