package io.weft.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes an application thread parked on a {@link Mailbox}: inside the JVM, with park/unpark, so
 * waiting costs no file descriptor and no spinning (JeroMQ opens a selector and a pipe per socket).
 *
 * <p>Protocol for the waiter: {@link #arm(Thread)}, re-check the mailbox, park, {@link #disarm()}.
 * A {@link Poller}-style waiter may arm many of these with the same thread.
 */
public final class ParkingWakeup implements Mailbox.Wakeup {
    private volatile Thread waiter;

    @Override
    public void wake() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Names the thread to unpark on the next command (a volatile store, ordered before re-checks). */
    public void arm(Thread t) {
        waiter = t;
    }

    public void disarm() {
        waiter = null;
    }
}
