package io.weft.perf.tools;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How every perf tool runs its command line: picocli parses it and prints help; a bad argument
 * gets picocli's message and usage on stderr and exit status 2; a failure while running (a bind
 * refused, a peer gone, a message of the wrong size) gets one line on stderr,
 * {@code <tool>: <reason>}, and exit status 1, without a stack trace.
 */
final class Cli {
    /** Exit status of a run that failed after its arguments were accepted. */
    static final int FAILED = 1;
    /** Exit status of a command line that was refused (picocli's USAGE). */
    static final int BAD_ARGUMENTS = CommandLine.ExitCode.USAGE;

    private Cli() {
    }

    /** Parses {@code args} into {@code command} and runs it; returns the exit status. */
    static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.registerConverter(Lib.class, Lib::parse);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            err.println(line.getCommandName() + ": " + reason(ex));
            err.flush();
            return FAILED;
        });
        int status = cl.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Refuses the command line (exit status 2) unless {@code ok}. */
    static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /**
     * Tells the user where a socket ended up when that differs from what was asked (a port
     * {@code *} resolved), on stderr: stdout keeps exactly libzmq's lines.
     */
    static void reportBound(String tool, String requested, String bound, PrintStream err) {
        if (!bound.equals(requested)) {
            err.println(tool + ": bound to " + bound);
            err.flush();
        }
    }

    /** One line saying why: the exception's message (its first line), or its type if it has none. */
    static String reason(Throwable ex) {
        Throwable t = ex;
        while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
