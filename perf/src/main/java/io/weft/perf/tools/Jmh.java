package io.weft.perf.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code jmh [JMH options] [benchmark regex...]}: the JMH micro-benchmarks of this module, run by
 * JMH's own runner with JMH's own options (what {@code org.openjdk.jmh.Main} does), but with the
 * perf tools' exit statuses: 2 for a command line JMH refuses or a pattern that matches nothing,
 * 1 for a run that fails. JMH writes its results to stdout itself.
 */
final class Jmh {
    private static final List<String> USAGE = List.of(
            "Usage: jmh [JMH options] [benchmark regex...]",
            "Runs Weft's JMH micro-benchmarks (module perf) with JMH's runner; every argument is JMH's.",
            "Benchmarks:",
            "  InprocSendRecvBenchmark     inproc PUSH->PULL send+recv on one thread: Weft (zero-copy, byte[]) and JeroMQ",
            "  PipeBenchmark               core's pipe: FrameQueue and PipeEnd write+flush+read, one thread",
            "  SubscriptionMatchBenchmark  subscription tries: SUB-side prefix match, PUB-side match to pipes",
            "Examples:",
            "  jmh -l                                       list them",
            "  jmh PipeBenchmark -prof gc                   with allocation per operation (gc.alloc.rate.norm)",
            "  jmh Pipe -f 1 -wi 1 -i 1 -w 1s -r 1s -prof gc  a short smoke run",
            "JMH's options:");

    private Jmh() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            USAGE.forEach(out::println);
            out.flush();
            args = new String[] {"-h"};
        }
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            err.println("jmh: " + Cli.reason(e) + " (bin/weft jmh --help lists the options)");
            return Cli.BAD_ARGUMENTS;
        }
        try {
            Runner runner = new Runner(options);
            if (options.shouldHelp()) {
                options.showHelp();
            } else if (options.shouldList()) {
                runner.list();
            } else if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else if (options.shouldListProfilers()) {
                options.listProfilers();
            } else if (options.shouldListResultFormats()) {
                options.listResultFormats();
            } else {
                Collection<RunResult> results = runner.run();
                if (results.isEmpty()) {
                    err.println("jmh: no benchmark ran");
                    return Cli.FAILED;
                }
            }
            return 0;
        } catch (NoBenchmarksException e) {
            err.println("jmh: no benchmark matches " + options.getIncludes() + " (bin/weft jmh -l lists them)");
            return Cli.BAD_ARGUMENTS;
        } catch (RunnerException | IOException | RuntimeException e) {
            err.println("jmh: " + Cli.reason(e));
            return Cli.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
