package io.weft.patterns;

import io.weft.Msg;
import io.weft.spi.Pipe;

/**
 * PROBE_ROUTER: an empty one-frame message written to a new peer as soon as it is attached, so a
 * ROUTER on the other side learns of us (and our routing id) before we say anything.
 */
final class Probe {
    private Probe() {
    }

    /** Writes the probe to {@code pipe} and makes it visible. A new pipe has room; if not, no probe. */
    static void send(Pipe pipe) {
        if (pipe.write(new Msg())) {
            pipe.flush();
        }
    }
}
