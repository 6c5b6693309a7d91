package io.weft.internal.zmtp;

import io.weft.internal.zmtp.ZmtpProtocolException.Kind;

/**
 * A ZMTP security mechanism's handshake, as a pure state machine: it consumes the command frames the
 * decoder cut out and produces the commands to send; it touches no socket, thread or clock. NULL is
 * {@link NullMechanism}; PLAIN and CURVE implement the same contract later (CURVE will add message
 * encryption once the handshake is done).
 *
 * <p>How the engine drives it, after both greetings are complete:
 * <ol>
 *   <li>{@link #checkPeerGreeting(String, boolean)} with the peer's mechanism and as-server flag.</li>
 *   <li>Send every command {@link #nextCommand()} returns, until it returns {@code null}.</li>
 *   <li>For each frame received: {@link #process(int, byte[])}, then step 2 again.</li>
 *   <li>When {@link #status()} is {@link Status#READY}, traffic may flow: {@link #peerMetadata()} tells
 *       who the peer is. When it is {@link Status#FAILED}, send what {@link #nextCommand()} still
 *       returns (an ERROR), close the connection and report {@link #failure()}.</li>
 * </ol>
 * A malformed or misplaced frame makes {@link #process} throw {@link ZmtpProtocolException}: close
 * at once. Not thread-safe: one mechanism per connection.
 */
public interface Mechanism {
    /** Where the handshake stands. */
    enum Status {
        /** Commands are still to be exchanged. */
        HANDSHAKING,
        /** Done on both sides: messages may flow. */
        READY,
        /** Refused (by us or by the peer): close after sending what {@link #nextCommand()} returns. */
        FAILED
    }

    /** The mechanism name announced in our greeting ("NULL", "PLAIN", "CURVE"). */
    String name();

    /** The as-server flag announced in our greeting. */
    boolean asServer();

    /**
     * Checks the peer's greeting against ours. By default the mechanism names must match exactly;
     * mechanisms with client and server roles also check the as-server flags.
     *
     * @throws ZmtpProtocolException ({@link Kind#MECHANISM_MISMATCH}) if they do not fit
     */
    default void checkPeerGreeting(String peerMechanism, boolean peerAsServer) {
        if (!name().equals(peerMechanism)) {
            throw new ZmtpProtocolException(Kind.MECHANISM_MISMATCH,
                    "peer mechanism=" + peerMechanism + " (expected: " + name() + ")");
        }
    }

    /** The next command to send now, or {@code null} if there is none until more is received. */
    Command nextCommand();

    /**
     * Consumes one frame received during the handshake.
     *
     * @param flags the frame's flags ({@link FrameHeader#COMMAND}, {@link FrameHeader#MORE})
     * @param body its body
     * @throws ZmtpProtocolException if the frame is malformed or has no place in the handshake
     */
    void process(int flags, byte[] body);

    /** Where the handshake stands. */
    Status status();

    /** Why the handshake failed ({@link Kind#INVALID_METADATA}, {@link Kind#PEER_ERROR}...), or {@code null}. */
    ZmtpProtocolException failure();

    /** The peer's validated metadata once {@link Status#READY}, else {@code null}. */
    PeerMetadata peerMetadata();
}
