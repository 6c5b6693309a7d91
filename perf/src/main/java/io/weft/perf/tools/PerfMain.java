package io.weft.perf.tools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point of the perf tools ({@code bin/weft <command> [args]}): takes the command name
 * first, then that command's arguments, runs it and exits with its status (0 done, 1 failed while
 * running, 2 bad arguments).
 */
public final class PerfMain {
    /** A command: its arguments and streams in, its exit status out. */
    @FunctionalInterface
    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

    static {
        TOOLS.put("local_thr", LocalThr::run);
        TOOLS.put("remote_thr", RemoteThr::run);
        TOOLS.put("local_lat", LocalLat::run);
        TOOLS.put("remote_lat", RemoteLat::run);
        TOOLS.put("inproc_thr", InprocThr::run);
        TOOLS.put("inproc_lat", InprocLat::run);
        TOOLS.put("compare", Compare::run);
        TOOLS.put("jmh", Jmh::run);
    }

    private PerfMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs {@code args[0]} with the rest of {@code args}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("usage: PerfMain <command> [args]   commands: " + String.join(", ", TOOLS.keySet())
                    + " (each has --help)");
            out.flush();
            return 0;
        }
        Tool tool = args.length == 0 ? null : TOOLS.get(args[0]);
        if (tool == null) {
            err.println(args.length == 0 ? "perf: no command given" : "perf: unknown command '" + args[0] + "'");
            err.println("usage: PerfMain <command> [args]   commands: " + String.join(", ", TOOLS.keySet())
                    + " (each has --help)");
            return Cli.BAD_ARGUMENTS;
        }
        return tool.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }
}
