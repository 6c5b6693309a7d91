package io.weft.patterns;

import io.weft.Msg;
import io.weft.spi.Pipe;

/**
 * Receives from all peers in turn, one whole message each (libzmq's {@code fq}), so a fast
 * sender cannot starve the others. Peers with nothing queued are skipped until they are activated.
 */
final class FairQueue {
    private final PipeSet pipes = new PipeSet();
    private int current;
    private boolean more;
    private Pipe last;

    void attach(Pipe p) {
        pipes.addActive(p);
    }

    void activated(Pipe p) {
        pipes.activate(p);
    }

    void terminated(Pipe p) {
        if (p == last) {
            more = false;
            last = null;
        }
        pipes.remove(p);
        if (current >= pipes.active()) {
            current = 0;
        }
    }

    /** Receives one frame; false if nothing is queued. */
    boolean recv(Msg msg) {
        return recvPipe(msg) != null;
    }

    /** Receives one frame and returns the pipe it came from; null if nothing is queued. */
    Pipe recvPipe(Msg msg) {
        while (pipes.active() > 0) {
            Pipe p = pipes.get(current);
            if (p.read(msg)) {
                last = p;
                more = msg.hasMore();
                if (!more && ++current >= pipes.active()) {
                    current = 0;
                }
                return p;
            }
            pipes.deactivate(current);
            if (current >= pipes.active()) {
                current = 0;
            }
        }
        return null;
    }

    boolean hasIn() {
        if (more) {
            return true;
        }
        while (pipes.active() > 0) {
            if (pipes.get(current).checkRead()) {
                return true;
            }
            pipes.deactivate(current);
            if (current >= pipes.active()) {
                current = 0;
            }
        }
        return false;
    }
}
