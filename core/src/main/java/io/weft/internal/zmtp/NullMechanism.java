package io.weft.internal.zmtp;

import io.weft.SocketType;
import io.weft.internal.zmtp.ZmtpProtocolException.Kind;

/**
 * The NULL mechanism (RFC 37 "The NULL Security Mechanism"): no authentication, no encryption; each
 * side sends one READY carrying its Socket-Type (and Identity for REQ, DEALER, ROUTER) and checks the
 * peer's. As libzmq does, both sides send READY at once rather than the client first; the as-server
 * flag is always 0.
 *
 * <p>The peer's READY is validated by {@link PeerMetadata}: a missing, unknown or incompatible
 * Socket-Type or an oversized Identity makes the handshake {@link Status#FAILED} with an ERROR command
 * to send (instead of our READY if that was not sent yet). An ERROR from the peer fails it too, with
 * nothing to send. Anything other than one READY or ERROR command is a protocol error.
 */
public final class NullMechanism implements Mechanism {
    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";

    private final SocketType socketType;
    private final byte[] routingId;

    private boolean readySent;
    private boolean readyReceived;
    private Command.Error pendingError;
    private ZmtpProtocolException failure;
    private PeerMetadata peer;

    /**
     * @param socketType our socket type (announced as Socket-Type, used to check the peer's)
     * @param routingId our ROUTING_ID option, or {@code null}; announced as Identity by REQ, DEALER
     *     and ROUTER only
     */
    public NullMechanism(SocketType socketType, byte[] routingId) {
        this.socketType = socketType;
        this.routingId = routingId;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public Command nextCommand() {
        if (pendingError != null) {
            Command c = pendingError;
            pendingError = null;
            return c;
        }
        if (failure != null || readySent) {
            return null;
        }
        readySent = true;
        return Command.Ready.of(socketType, routingId);
    }

    @Override
    public void process(int flags, byte[] body) {
        if (status() != Status.HANDSHAKING || readyReceived) {
            throw new ZmtpProtocolException(Kind.UNEXPECTED_FRAME, "frame of length=" + body.length
                    + " after the peer's READY or ERROR (expected: nothing more in the NULL handshake)");
        }
        if ((flags & FrameHeader.COMMAND) == 0) {
            throw new ZmtpProtocolException(Kind.UNEXPECTED_FRAME, "message frame of length=" + body.length
                    + " during the NULL handshake (expected: a READY or ERROR command)");
        }
        Command command = Commands.parse(body);
        if (command instanceof Command.Error error) {
            failure = new ZmtpProtocolException(Kind.PEER_ERROR,
                    "peer refused the handshake with ERROR reason=" + error.reason());
            return;
        }
        if (!(command instanceof Command.Ready ready)) {
            throw new ZmtpProtocolException(Kind.UNEXPECTED_FRAME,
                    "command=" + command.name() + " during the NULL handshake (expected: READY or ERROR)");
        }
        readyReceived = true;
        try {
            peer = PeerMetadata.validate(socketType, ready.properties());
        } catch (ZmtpProtocolException e) {
            failure = e;
            pendingError = Commands.error(e.getMessage());
        }
    }

    @Override
    public Status status() {
        if (failure != null) {
            return Status.FAILED;
        }
        return readySent && readyReceived ? Status.READY : Status.HANDSHAKING;
    }

    @Override
    public ZmtpProtocolException failure() {
        return failure;
    }

    @Override
    public PeerMetadata peerMetadata() {
        return status() == Status.READY ? peer : null;
    }
}
