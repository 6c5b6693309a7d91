package io.weft.patterns;

import io.weft.Msg;
import io.weft.spi.Pipe;

/**
 * Sends each message to the next peer that has room, round-robin (libzmq's {@code lb}). A
 * multipart message goes whole to one peer. Peers at their HWM are skipped until they drain; with
 * none left, {@link #send} says "would block".
 */
final class LoadBalancer {
    private final PipeSet pipes = new PipeSet();
    private int current;
    private boolean more;
    private boolean dropping;
    private Pipe last;

    void attach(Pipe p) {
        pipes.addActive(p);
    }

    void activated(Pipe p) {
        pipes.activate(p);
    }

    void terminated(Pipe p) {
        if (p == last && more) {
            // The peer went in the middle of our message: drop its remaining frames.
            dropping = true;
        }
        pipes.remove(p);
        if (current >= pipes.active()) {
            current = 0;
        }
    }

    /** Sends one frame; false if no peer can take a new message now. */
    boolean send(Msg msg) {
        if (dropping) {
            more = msg.hasMore();
            dropping = more;
            return true;
        }
        while (pipes.active() > 0) {
            Pipe p = pipes.get(current);
            if (p.write(msg)) {
                last = p;
                break;
            }
            if (more) {
                // A peer stopped in mid-message (it is closing): drop what is left of the message.
                p.rollback();
                dropping = msg.hasMore();
                more = false;
                return true;
            }
            pipes.deactivate(current);
            if (current >= pipes.active()) {
                current = 0;
            }
        }
        if (pipes.active() == 0) {
            return false;
        }
        more = msg.hasMore();
        if (!more) {
            last.flush();
            if (++current >= pipes.active()) {
                current = 0;
            }
        }
        return true;
    }

    /**
     * The pipe the last frame accepted by {@link #send} was written to (REQ remembers where its
     * request went); null before any.
     */
    Pipe lastPipe() {
        return last;
    }

    boolean hasOut() {
        if (more) {
            return true;
        }
        while (pipes.active() > 0) {
            if (pipes.get(current).checkWrite()) {
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
