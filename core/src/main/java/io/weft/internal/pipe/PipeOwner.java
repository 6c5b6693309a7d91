package io.weft.internal.pipe;

import io.weft.internal.Mailbox;

/**
 * The object a pipe end belongs to (a socket, or a session on an I/O thread). The pipe calls these
 * on the owner's thread only, from commands taken out of the owner's {@link #mailbox()}.
 */
public interface PipeOwner {
    Mailbox mailbox();

    void pipeReadActivated(PipeEnd pipe);

    void pipeWriteActivated(PipeEnd pipe);

    /** The pipe is dead (peer closed it, or it finished draining); forget it. */
    void pipeTerminated(PipeEnd pipe);

    /**
     * The peer closed with delay: what is queued may still be read, then the pipe dies. A session
     * starts its LINGER clock here.
     */
    default void pipePeerClosing(PipeEnd pipe) {
    }
}
