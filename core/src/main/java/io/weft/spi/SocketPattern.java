package io.weft.spi;

import io.weft.Msg;
import io.weft.SocketType;

/**
 * The routing behaviour of one socket type (libzmq's {@code xsend}/{@code xrecv} family): which
 * pipe a message goes to, which pipe the next one comes from, and what happens at the HWM.
 *
 * <p>The engine owns pipes, blocking, timeouts and threads; a pattern only decides. Every method
 * runs on the owning socket's thread, so a pattern needs no synchronisation. Implementations are
 * created by a {@link SocketTypeProvider}.
 *
 * <p>Return values carry expected outcomes ({@code false} = "would block": the engine waits for
 * an activation and retries); misuse, like a REQ sending twice, is an exception.
 */
public abstract class SocketPattern {
    protected final SocketType type;
    protected final SocketOptions options;

    protected SocketPattern(SocketType type, SocketOptions options) {
        this.type = type;
        this.options = options;
    }

    /** A new peer, ready to read from and write to. */
    public abstract void attach(Pipe pipe);

    /** A pipe that had been found empty has data again (exactly once per emptiness). */
    public abstract void readActivated(Pipe pipe);

    /** A pipe that had been found full has room again (exactly once per fullness). */
    public abstract void writeActivated(Pipe pipe);

    /** A pipe is gone (the peer closed or disconnected); forget it. */
    public abstract void terminated(Pipe pipe);

    /**
     * The peer's ROUTING_ID ({@link Pipe#peerRoutingId()}) became known after the pipe was
     * attached: an inproc connect made before its bind. Only types that name peers (ROUTER) care.
     */
    public void peerRoutingIdKnown(Pipe pipe) {
    }

    /**
     * Sends one frame ({@link Msg#hasMore()} says whether more of the message follow).
     *
     * @return false if the frame cannot go now and the caller may wait; true once it is queued
     *     (or deliberately dropped, as a PUB does)
     */
    public abstract boolean send(Msg msg);

    /** Receives one frame into {@code msg}; false if none is ready. */
    public abstract boolean recv(Msg msg);

    /** Whether {@link #recv} would succeed now. */
    public abstract boolean hasIn();

    /** Whether {@link #send} of a new message would succeed now. */
    public abstract boolean hasOut();

    /**
     * The connection behind {@code pipe} was lost and re-established (the pipe survived, but the new
     * peer knows nothing of what was said before): a SUB resends its subscriptions here.
     */
    public void hiccuped(Pipe pipe) {
    }

    /**
     * Adds ({@code subscribe}) or removes a topic prefix. Only SUB-like types accept it.
     *
     * @throws IllegalArgumentException for types without subscriptions
     */
    public void subscribe(byte[] topic, boolean subscribe) {
        throw new IllegalArgumentException("subscribe/unsubscribe is for SUB sockets, not " + type
                + " (an XSUB sends subscriptions as messages: 0x01 + topic, 0x00 + topic to cancel)");
    }

    /** The socket type this pattern implements. */
    public SocketType type() {
        return type;
    }
}
