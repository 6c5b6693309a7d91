package io.weft.spi;

import io.weft.Msg;

/**
 * One end of a pipe: the message channel between a socket and one peer. A socket type sees each
 * peer as a pipe; it reads from and writes to pipes, and the engine tells it when a pipe becomes
 * readable or writable again, or goes away.
 *
 * <p><b>Threading.</b> Every method is called on the owning socket's thread only.
 *
 * <p><b>Activation contract.</b> When {@link #read} finds nothing (or {@link #checkRead} says
 * false), the pipe becomes inactive for reading, and the socket type is told by exactly one
 * {@link SocketPattern#readActivated} when data arrives; likewise {@link #write}/{@link #checkWrite}
 * and {@link SocketPattern#writeActivated} at the high-water mark. Between those, a socket type
 * must not poll the pipe again, and needs no timers: this is what keeps wake-ups rare.
 *
 * <p><b>Messages.</b> A pipe carries whole messages: frames written with {@code MORE} become
 * visible to the peer only when the last frame is written and {@link #flush()} is called.
 */
public interface Pipe {
    /** Whether a frame can be read now. False makes the pipe inactive until readActivated. */
    boolean checkRead();

    /**
     * Reads the next frame into {@code into}. Returns false (and the pipe becomes inactive) when
     * nothing is there, or when the peer has gone.
     */
    boolean read(Msg into);

    /** Whether a new message may be started without passing the HWM. False makes the pipe inactive. */
    boolean checkWrite();

    /**
     * Writes a frame. The first frame of a message is refused (false) at the HWM; the frames
     * after it are always accepted, so a message is never cut.
     */
    boolean write(Msg msg);

    /** Drops the frames of an unfinished message written since the last complete one. */
    void rollback();

    /** Makes the messages written so far visible to the peer, waking it if it sleeps. */
    void flush();

    /** The routing id the socket type gave this pipe (ROUTER), or null. */
    byte[] routingId();

    void routingId(byte[] id);

    /** The routing id the peer asked to be known by (its ROUTING_ID option), or null. */
    byte[] peerRoutingId();

    /**
     * Closes this pipe. With {@code delay}, the peer first reads what was already sent (LINGER);
     * without, queued messages are dropped. The socket type hears no {@code terminated} for a
     * pipe it closes itself.
     */
    void terminate(boolean delay);

    /** Any per-pipe state a socket type wants to keep (e.g. its place in a trie); starts null. */
    Object attachment();

    void attachment(Object state);
}
