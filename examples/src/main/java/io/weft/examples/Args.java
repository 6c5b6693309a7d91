package io.weft.examples;

/** Reads the optional positional arguments of the examples' {@code main} methods. */
final class Args {
    private Args() {
    }

    /** Argument {@code i}, or {@code fallback} when absent. */
    static String string(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }

    /** Argument {@code i} as a count of at least 1, or {@code fallback} when absent. */
    static int count(String[] args, int i, int fallback) {
        if (args.length <= i) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (i + 1) + "='" + args[i] + "' (expected: a count >= 1)", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("argument " + (i + 1) + "=" + n + " (expected: a count >= 1)");
        }
        return n;
    }

    /**
     * Whether {@code endpoint} is an {@code inproc://} name. Inproc peers must share a
     * {@link io.weft.Context}, so a main given one runs the example's other roles in-process too.
     */
    static boolean isInproc(String endpoint) {
        return endpoint.startsWith("inproc://");
    }
}
