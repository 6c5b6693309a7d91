package io.weft.internal;

import java.lang.invoke.VarHandle;
import org.jctools.queues.MpscUnboundedArrayQueue;

/**
 * The command inbox of an object that lives on one thread (a socket on its application thread, or
 * anything on an I/O thread). Any thread may {@link #send} a command; only the owner thread runs
 * them, in the order each sender sent them. This is how objects on different threads talk:
 * there are no locks on the data path, only commands.
 *
 * <p>Frequent commands (pipe activations) are pre-allocated objects, so sending one allocates
 * nothing; the queue's chunks are reused once the owner keeps up.
 */
public final class Mailbox {
    /** How a mailbox rouses its owner thread after a command arrives. */
    public interface Wakeup {
        /** Called after every {@link Mailbox#send}; must be cheap when the owner is awake. */
        void wake();
    }

    private final MpscUnboundedArrayQueue<Runnable> commands = new MpscUnboundedArrayQueue<>(128);
    private final Wakeup wakeup;

    public Mailbox(Wakeup wakeup) {
        this.wakeup = wakeup;
    }

    /** Queues {@code command} for the owner thread and wakes it if it sleeps. Any thread. */
    public void send(Runnable command) {
        commands.offer(command);
        // Pairs with the owner's "announce sleep, then re-check the queue": a full fence here
        // means either the owner sees the command or we see the owner asleep.
        VarHandle.fullFence();
        wakeup.wake();
    }

    /** Whether no command is waiting. Any thread; exact on the owner's. */
    public boolean isEmpty() {
        return commands.isEmpty();
    }

    /** Takes the next command, or null. Owner thread only. */
    public Runnable poll() {
        return commands.poll();
    }

    /** Runs every waiting command. Owner thread only. Returns how many ran. */
    public int processAll() {
        int n = 0;
        Runnable c;
        while ((c = commands.poll()) != null) {
            c.run();
            n++;
        }
        return n;
    }
}
