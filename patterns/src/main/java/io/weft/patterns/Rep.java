package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import java.util.ArrayList;

/**
 * REP (RFC 28): a service that receives a request and then sends its reply, in strict alternation
 * (libzmq's {@code rep.cpp}).
 *
 * <ul>
 *   <li>Requests are fair-queued from all peers. The envelope of each (every frame up to and
 *       including the first empty one) is kept back and only the body is delivered; a message
 *       without that empty delimiter is dropped.</li>
 *   <li>The reply goes, behind the saved envelope, to the peer the request came from. If that peer
 *       has gone, or is at its HWM, the reply is dropped silently, as libzmq does.</li>
 *   <li>Sending before receiving a request, or receiving again before replying, throws
 *       {@link IllegalSocketStateException}; the socket stays usable.</li>
 * </ul>
 */
final class Rep extends SocketPattern {
    /** Marks (as the pipe's attachment) a pipe that refused a write and has not been activated since. */
    private static final Object FULL = new Object();

    private final FairQueue fq = new FairQueue();
    /** Envelope frames of the request being answered (reused: no allocation per request). */
    private final ArrayList<byte[]> envelope = new ArrayList<>();
    private final Msg frame = new Msg();

    /** The whole request was received; its reply is not fully sent yet. */
    private boolean sendingReply;
    /** The next frame received starts a request (so it carries the envelope). */
    private boolean requestBegins = true;
    /** The next frame sent starts the reply. */
    private boolean replyBegins = true;
    /** Where the request came from; null once that peer has gone. */
    private Pipe source;
    /** Where the reply being sent goes; null to drop it. */
    private Pipe out;

    Rep(SocketOptions options) {
        super(SocketType.REP, options);
    }

    @Override
    public void attach(Pipe pipe) {
        fq.attach(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        fq.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        pipe.attachment(null);
    }

    @Override
    public void terminated(Pipe pipe) {
        fq.terminated(pipe);
        if (pipe == out) {
            out = null; // drop the rest of the reply
        }
        if (pipe == source) {
            source = null;
            if (!sendingReply) {
                // Gone in the middle of its request: forget it and wait for a new one.
                envelope.clear();
                requestBegins = true;
            }
        }
    }

    @Override
    public boolean recv(Msg msg) {
        if (sendingReply) {
            throw new IllegalSocketStateException("REP must send the reply before receiving the next request"
                    + " (RFC 28 strict alternation)");
        }
        if (requestBegins) {
            if (!recvEnvelope(msg)) {
                return false;
            }
            requestBegins = false;
        }
        if (fq.recvPipe(msg) == null) {
            return false;
        }
        if (!msg.hasMore()) {
            sendingReply = true;
            requestBegins = true;
        }
        return true;
    }

    /** Reads frames up to and including the empty delimiter, dropping malformed messages; false if none is queued. */
    private boolean recvEnvelope(Msg msg) {
        while (true) {
            Pipe p = fq.recvPipe(msg);
            if (p == null) {
                return false;
            }
            source = p;
            if (!msg.hasMore()) {
                envelope.clear(); // ended without a delimiter: not a request
                continue;
            }
            envelope.add(msg.data());
            if (msg.size() == 0) {
                msg.clear();
                return true;
            }
        }
    }

    @Override
    public boolean send(Msg msg) {
        if (!sendingReply) {
            throw new IllegalSocketStateException("REP must receive a request before sending a reply"
                    + " (RFC 28 strict alternation)");
        }
        if (replyBegins) {
            out = source != null && source.attachment() != FULL ? source : null;
            if (out != null && !writeEnvelope(out)) {
                out = null;
            }
            envelope.clear();
            replyBegins = false;
        }
        if (out != null && !out.write(msg)) {
            out.rollback(); // the peer is closing
            out = null;
        }
        if (!msg.hasMore()) {
            if (out != null) {
                out.flush();
            }
            out = null;
            source = null;
            sendingReply = false;
            replyBegins = true;
        }
        return true;
    }

    /** Writes the saved envelope to {@code pipe}; false (nothing written) if it is at its HWM or closing. */
    private boolean writeEnvelope(Pipe pipe) {
        for (int i = 0; i < envelope.size(); i++) {
            if (!pipe.write(frame.set(envelope.get(i), Msg.MORE))) {
                if (i == 0) {
                    pipe.attachment(FULL);
                } else {
                    pipe.rollback();
                }
                frame.clear();
                return false;
            }
        }
        frame.clear();
        return true;
    }

    @Override
    public boolean hasIn() {
        return !sendingReply && fq.hasIn();
    }

    @Override
    public boolean hasOut() {
        return sendingReply;
    }
}
