package io.weft.patterns;

import io.weft.Msg;
import io.weft.spi.Pipe;
import java.util.Arrays;

/**
 * Sends each message to many pipes at once (libzmq's {@code dist}): to all of them, or to those a
 * socket type has marked as matching. It never blocks and never says "would block":
 * <ul>
 * <li>a pipe at its HWM when a message starts is skipped for that whole message (and every later
 * one) until it signals room again; the others still get it;</li>
 * <li>a multipart message reaches each pipe whole or not at all: the HWM is checked at the first
 * frame only, and a pipe that joins or gets room in the middle of a message waits for the next
 * one.</li>
 * </ul>
 * The body array is shared by every pipe it goes to, never copied.
 *
 * <p>The pipes live in one array split into regions, moved between by swaps (as in libzmq):
 * <pre>
 *   [0, matching)   chosen for the message being sent
 *   [0, active)     may take the current message (started it, or none is in progress)
 *   [0, eligible)   have room; those past active joined mid-message and wait for the next
 *   [eligible, n)   at their HWM, waiting for a write activation
 * </pre>
 * Each pipe's index is kept in its {@link Pipe#attachment()}, so marking a pipe as matching costs
 * no search and no allocation. A socket type using a Distributor must leave the attachment alone.
 *
 * <p>Not thread-safe: used on the owning socket's thread.
 */
final class Distributor {
    /** A pipe's place in {@link #pipes}. */
    private static final class Slot {
        int index;
    }

    private Pipe[] pipes = new Pipe[8];
    private int size;
    private int matching;
    private int active;
    private int eligible;
    /** Whether a multipart message is being sent (its first frame has gone out). */
    private boolean more;

    /** Adds a new pipe; if a message is in progress it starts with the next one. */
    void attach(Pipe p) {
        Slot slot = new Slot();
        p.attachment(slot);
        if (size == pipes.length) {
            pipes = Arrays.copyOf(pipes, size * 2);
        }
        pipes[size] = p;
        slot.index = size;
        size++;
        swap(size - 1, eligible);
        eligible++;
        if (!more) {
            swap(eligible - 1, active);
            active++;
        }
    }

    /** A pipe that was at its HWM has room again. */
    void activated(Pipe p) {
        int i = indexOf(p);
        if (i < eligible) {
            return; // not waiting (defensive: one activation per blocking is the contract)
        }
        swap(i, eligible);
        eligible++;
        if (!more) {
            swap(eligible - 1, active);
            active++;
        }
    }

    /** Forgets a pipe that has gone. */
    void terminated(Pipe p) {
        if (!(p.attachment() instanceof Slot)) {
            return;
        }
        int i = indexOf(p);
        if (i < matching) {
            swap(i, matching - 1);
            i = --matching;
        }
        if (i < active) {
            swap(i, active - 1);
            i = --active;
        }
        if (i < eligible) {
            swap(i, eligible - 1);
            i = --eligible;
        }
        swap(i, size - 1);
        pipes[--size] = null;
        p.attachment(null);
    }

    /** Marks {@code p} as a recipient of the message about to be sent (no-op if it has no room). */
    void match(Pipe p) {
        Object a = p.attachment();
        if (!(a instanceof Slot)) {
            return;
        }
        int i = ((Slot) a).index;
        if (i < matching || i >= eligible) {
            return;
        }
        swap(i, matching);
        matching++;
    }

    /** Swaps the choice: the pipes with room that were not marked become the recipients. */
    void reverseMatch() {
        int previous = matching;
        matching = 0;
        for (int i = previous; i < eligible; i++) {
            swap(i, matching++);
        }
    }

    /** Clears the recipients chosen with {@link #match}. */
    void unmatch() {
        matching = 0;
    }

    /** Sends one frame to every pipe that may take it. */
    void sendToAll(Msg msg) {
        matching = active;
        sendToMatching(msg);
        if (!msg.hasMore()) {
            matching = 0;
        }
    }

    /** Sends one frame to the pipes marked with {@link #match}; with none, the frame is dropped. */
    void sendToMatching(Msg msg) {
        boolean msgMore = msg.hasMore();
        for (int i = 0; i < matching;) {
            if (write(pipes[i], msg)) {
                i++;
            }
            // else the pipe was moved out of the matching region: the same index holds another one.
        }
        if (!msgMore) {
            active = eligible;
        }
        more = msgMore;
    }

    /** Whether a message is in progress (its first frame sent, its last not yet). */
    boolean inMessage() {
        return more;
    }

    /** Number of pipes, with room or not. */
    int size() {
        return size;
    }

    private boolean write(Pipe p, Msg msg) {
        if (!p.write(msg)) {
            // At its HWM (first frame) or closing: out of this message, and of the next ones until
            // it is activated again.
            int i = indexOf(p);
            swap(i, matching - 1);
            i = --matching;
            swap(i, active - 1);
            i = --active;
            swap(i, eligible - 1);
            eligible--;
            return false;
        }
        if (!msg.hasMore()) {
            p.flush();
        }
        return true;
    }

    private static int indexOf(Pipe p) {
        return ((Slot) p.attachment()).index;
    }

    private void swap(int a, int b) {
        if (a == b) {
            return;
        }
        Pipe pa = pipes[a];
        Pipe pb = pipes[b];
        pipes[a] = pb;
        pipes[b] = pa;
        ((Slot) pa.attachment()).index = b;
        ((Slot) pb.attachment()).index = a;
    }
}
