package io.weft.patterns;

import io.weft.spi.Pipe;
import java.util.ArrayList;

/**
 * The pipes of a strategy, split in two regions: the first {@link #active()} are usable, the rest
 * are waiting for an activation. Moving a pipe between regions is a swap, as in libzmq's
 * {@code array_t}, so the usable ones can be walked round-robin without gaps.
 */
final class PipeSet {
    private final ArrayList<Pipe> pipes = new ArrayList<>();
    private int active;

    int size() {
        return pipes.size();
    }

    int active() {
        return active;
    }

    Pipe get(int i) {
        return pipes.get(i);
    }

    /** Adds a pipe to the usable region. */
    void addActive(Pipe p) {
        pipes.add(p);
        swap(pipes.size() - 1, active);
        active++;
    }

    /** Moves a waiting pipe back to the usable region (no-op if it is usable already). */
    void activate(Pipe p) {
        int i = indexOf(p);
        if (i >= active) {
            swap(i, active);
            active++;
        }
    }

    /** Moves the usable pipe at {@code i} to the waiting region. */
    void deactivate(int i) {
        active--;
        swap(i, active);
    }

    /** Removes a pipe; returns the index it had, or -1. */
    int remove(Pipe p) {
        int i = indexOf(p);
        if (i < 0) {
            return -1;
        }
        if (i < active) {
            active--;
            swap(i, active);
            i = active;
        }
        swap(i, pipes.size() - 1);
        pipes.remove(pipes.size() - 1);
        return i;
    }

    int indexOf(Pipe p) {
        for (int i = 0; i < pipes.size(); i++) {
            if (pipes.get(i) == p) {
                return i;
            }
        }
        return -1;
    }

    private void swap(int a, int b) {
        if (a != b) {
            Pipe t = pipes.get(a);
            pipes.set(a, pipes.get(b));
            pipes.set(b, t);
        }
    }
}
