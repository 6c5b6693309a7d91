package io.weft.internal.pipe;

import io.weft.Msg;
import io.weft.internal.MsgBodies;
import io.weft.internal.PooledBody;
import io.weft.spi.Pipe;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One end of a bidirectional pipe: writes go into one {@link FrameQueue}, reads come from the
 * other, and the peer end does the opposite. Each end is used by its owner's thread only; the two
 * ends talk through the queues' flags and through commands sent to each other's owner.
 *
 * <p><b>Termination.</b> The end that closes first stops reading and writing, drops the part of
 * a message it had not finished, and sends the peer a term command. With {@code delay} (LINGER
 * not 0) the peer first reads what is queued, then reports the pipe gone to its socket type; without,
 * it drops the queue at once. No acknowledgement is needed: whichever side stops last (counted
 * atomically) releases whatever bodies are left in both queues, so nothing leaks and nothing waits.
 */
public final class PipeEnd implements Pipe {
    private static final int ACTIVE = 0;
    /** The peer closed with delay; we read what is left, then die. */
    private static final int DRAINING = 1;
    private static final int CLOSED = 2;

    private final PipeQueue in;
    private final PipeQueue out;
    private final AtomicInteger stoppedSides;
    private PipeEnd peer;
    private volatile PipeOwner owner;

    private int state = ACTIVE;
    private boolean inActive = true;
    /** The reader has taken some frames of a message but not its last. */
    private boolean readingMidMessage;
    /** The peer closed without delay while we were in mid-message: finish it, then die. */
    private boolean closeAfterMessage;
    private boolean outActive = true;
    private byte[] routingId;
    private volatile byte[] peerRoutingId;
    private Object attachment;
    private Object endpoint;

    private final Runnable activateRead = this::onActivateRead;
    private final Runnable activateWrite = this::onActivateWrite;
    private final Runnable notifyTerminated = this::onTerminatedNotice;

    private PipeEnd(PipeQueue in, PipeQueue out, AtomicInteger stoppedSides) {
        this.in = in;
        this.out = out;
        this.stoppedSides = stoppedSides;
    }

    /**
     * Creates the two ends of a pipe.
     *
     * @param hwmAtoB HWM of messages from end 0 to end 1 (0 = none)
     * @param hwmBtoA HWM of messages from end 1 to end 0 (0 = none)
     */
    public static PipeEnd[] pair(long hwmAtoB, long hwmBtoA) {
        return pair(hwmAtoB, hwmBtoA, false, false);
    }

    /**
     * Creates the two ends of a pipe whose directions may conflate (keep only the newest message,
     * never block: the {@code CONFLATE} option).
     */
    public static PipeEnd[] pair(long hwmAtoB, long hwmBtoA, boolean conflateAtoB, boolean conflateBtoA) {
        PipeQueue ab = conflateAtoB ? new ConflateQueue() : new FrameQueue(hwmAtoB);
        PipeQueue ba = conflateBtoA ? new ConflateQueue() : new FrameQueue(hwmBtoA);
        AtomicInteger stopped = new AtomicInteger();
        PipeEnd a = new PipeEnd(ba, ab, stopped);
        PipeEnd b = new PipeEnd(ab, ba, stopped);
        a.peer = b;
        b.peer = a;
        return new PipeEnd[] {a, b};
    }

    /** libzmq's rule for a pipe's HWM from the writer's SNDHWM and the reader's RCVHWM. */
    public static long combinedHwm(int sndHwm, int rcvHwm) {
        return sndHwm == 0 || rcvHwm == 0 ? 0 : (long) sndHwm + rcvHwm;
    }

    /** Gives this end to {@code owner}; before any command can be sent to it. */
    public void owner(PipeOwner owner) {
        this.owner = owner;
    }

    public PipeOwner owner() {
        return owner;
    }

    public PipeEnd peer() {
        return peer;
    }

    /** The endpoint (or other key) that created this end on its owner's side. */
    public Object endpoint() {
        return endpoint;
    }

    public void endpoint(Object endpoint) {
        this.endpoint = endpoint;
    }

    public void peerRoutingId(byte[] id) {
        this.peerRoutingId = id;
    }

    @Override
    public byte[] peerRoutingId() {
        return peerRoutingId;
    }

    @Override
    public byte[] routingId() {
        return routingId;
    }

    @Override
    public void routingId(byte[] id) {
        this.routingId = id;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attachment(Object state) {
        this.attachment = state;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public boolean checkRead() {
        if (state == CLOSED || !inActive) {
            return false;
        }
        if (in.checkRead()) {
            return true;
        }
        inActive = false;
        if (state == DRAINING) {
            // Everything the closed peer sent has been read: the pipe is done. Tell the owner by a
            // command, not a call, because we are inside the socket type's own read loop.
            stop();
            owner.mailbox().send(notifyTerminated);
        }
        return false;
    }

    @Override
    public boolean read(Msg into) {
        if (!checkRead()) {
            return false;
        }
        int flags = in.peekFlags();
        MsgBodies.set(into, in.read(), flags);
        boolean more = (flags & Msg.MORE) != 0;
        if (more != readingMidMessage) {
            // Written only when it changes: the peer end sits next to this object in memory, and a
            // store per message would bounce the writer's cache line.
            readingMidMessage = more;
        }
        if (!more) {
            if (in.readCompletedMessage()) {
                wake(peer.owner, peer.activateWrite);
            }
            if (closeAfterMessage) {
                stop();
                owner.mailbox().send(notifyTerminated);
            } else if (state == DRAINING) {
                checkRead(); // finishes the pipe as soon as its last message has been taken
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public boolean checkWrite() {
        if (state != ACTIVE || !outActive) {
            return false;
        }
        if (out.checkWrite()) {
            return true;
        }
        outActive = false;
        return false;
    }

    @Override
    public boolean write(Msg msg) {
        if (!out.midMessage() && !checkWrite()) {
            return false;
        }
        if (state != ACTIVE) {
            return false;
        }
        out.write(MsgBodies.body(msg), msg.flags(), msg.hasMore());
        return true;
    }

    @Override
    public void rollback() {
        for (Object body : out.rollback()) {
            PooledBody.discard(body);
        }
    }

    @Override
    public void flush() {
        if (state == ACTIVE && out.flush()) {
            wake(peer.owner, peer.activateRead);
        }
    }

    private static void wake(PipeOwner target, Runnable command) {
        if (target != null) {
            target.mailbox().send(command);
        }
        // A null owner is a peer not yet attached (inproc connect before bind): it has never read,
        // so it cannot be asleep, and it reads from the start once attached.
    }

    // ------------------------------------------------------------------ termination

    @Override
    public void terminate(boolean delay) {
        if (state == CLOSED) {
            return;
        }
        boolean peerAlreadyGone = state == DRAINING;
        rollback();
        if (state == ACTIVE && out.flush()) {
            // Wake a sleeping reader before the term command (same sender, so it arrives first):
            // the messages just published must not be mistaken for an empty pipe.
            wake(peer.owner, peer.activateRead);
        }
        stop();
        if (!peerAlreadyGone) {
            PipeOwner peerOwner = peer.owner;
            if (peerOwner != null) {
                peerOwner.mailbox().send(delay ? peer::onPeerClosedDelay : peer::onPeerClosedNow);
            }
        }
    }

    /** Whether this end is dead (closed by either side and done). */
    public boolean isClosed() {
        return state == CLOSED;
    }

    private void onPeerClosedDelay() {
        if (state != ACTIVE) {
            return;
        }
        state = DRAINING;
        // Inactive means we found the pipe empty and the peer sent nothing since (a flush before
        // the term would have activated us first). Otherwise look: the peer writes no more.
        if (!inActive || !in.checkRead()) {
            inActive = false;
            stop();
            owner.pipeTerminated(this);
        } else {
            owner.pipePeerClosing(this);
        }
    }

    private void onPeerClosedNow() {
        if (state == CLOSED) {
            return;
        }
        if (readingMidMessage) {
            // The rest of the message is queued (messages are published whole): let the reader
            // finish it, so a socket type is never left with half a message, as in libzmq.
            state = DRAINING;
            closeAfterMessage = true;
            return;
        }
        stop();
        owner.pipeTerminated(this);
    }

    private void onTerminatedNotice() {
        owner.pipeTerminated(this);
    }

    private void onActivateRead() {
        if (state != CLOSED && !inActive) {
            inActive = true;
            owner.pipeReadActivated(this);
        }
    }

    private void onActivateWrite() {
        if (state == ACTIVE && !outActive) {
            outActive = true;
            owner.pipeWriteActivated(this);
        }
    }

    /** Stops using both queues; the second side to stop releases what is left in them. */
    private void stop() {
        state = CLOSED;
        if (stoppedSides.incrementAndGet() == 2) {
            for (Object body : in.drain()) {
                PooledBody.discard(body);
            }
            for (Object body : out.drain()) {
                PooledBody.discard(body);
            }
        }
    }

    @Override
    public String toString() {
        return "pipe[" + (endpoint == null ? "?" : endpoint) + ", " + (state == ACTIVE ? "active" : state == DRAINING
                ? "draining" : "closed") + "]";
    }
}
