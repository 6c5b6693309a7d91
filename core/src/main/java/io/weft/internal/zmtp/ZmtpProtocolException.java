package io.weft.internal.zmtp;

import io.weft.WeftException;

/**
 * The peer broke ZMTP: a bad greeting, a malformed or oversized frame, a command out of place, or a
 * handshake that cannot succeed. The connection it came from cannot be trusted any further and must
 * be dropped; nothing else is disturbed. The {@link #kind()} says which rule was broken (for socket
 * monitor events), the message names the offending value and what was expected.
 */
public final class ZmtpProtocolException extends WeftException {
    private static final long serialVersionUID = 1L;

    /** Which rule the peer broke; close to libzmq's {@code ZMQ_PROTOCOL_ERROR_ZMTP_*} codes. */
    public enum Kind {
        /** The first bytes are not a ZMTP signature (not ZMTP at all, or unversioned ZMTP 1.0). */
        NOT_ZMTP,
        /** The peer speaks a ZMTP older than 3.0. */
        UNSUPPORTED_VERSION,
        /** The peer's greeting announces another security mechanism than ours, or an invalid one. */
        MECHANISM_MISMATCH,
        /** A frame header with reserved bits set, or MORE on a command frame. */
        INVALID_FLAGS,
        /** A frame longer than MAXMSGSIZE or than a Java array can hold. */
        FRAME_TOO_LARGE,
        /** A command body that does not follow its grammar (truncated, bad lengths). */
        MALFORMED_COMMAND,
        /** A frame that may not come at this point (a message during the handshake, a second READY...). */
        UNEXPECTED_FRAME,
        /** READY metadata that is valid ZMTP but unacceptable (missing or incompatible Socket-Type...). */
        INVALID_METADATA,
        /** The peer sent an ERROR command: the handshake failed on its side. */
        PEER_ERROR
    }

    private final Kind kind;

    public ZmtpProtocolException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Which rule was broken. */
    public Kind kind() {
        return kind;
    }
}
