package io.weft.perf.tools;

import java.io.PrintStream;

/**
 * The "what is running now" line of a long command, on stderr. On a terminal it is one line
 * rewritten in place ({@code \r}) and wiped before results are printed; otherwise (a pipe, a log
 * file) each step is a plain line of its own.
 */
final class Progress {
    private final PrintStream err;
    private final boolean inPlace;
    private int shown;

    Progress(PrintStream err, boolean terminal) {
        this.err = err;
        this.inPlace = terminal;
    }

    /** Whether this JVM's stdout and stderr are a terminal. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    void show(String step) {
        if (inPlace) {
            clear();
            err.print(step);
            shown = step.length();
        } else {
            err.println(step);
        }
        err.flush();
    }

    /** Wipes the line shown on a terminal; nothing otherwise. */
    void clear() {
        if (inPlace && shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }
}
