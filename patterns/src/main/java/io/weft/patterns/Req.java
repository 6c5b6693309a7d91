package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import java.util.concurrent.ThreadLocalRandom;

/**
 * REQ (RFC 28): a client that sends a request and then receives its reply, in strict alternation
 * (libzmq's {@code req.cpp}, a DEALER underneath).
 *
 * <ul>
 *   <li>Each request goes, behind an empty delimiter frame, to one peer chosen round-robin among
 *       those with room; only a reply from that peer, starting with the delimiter, is accepted.
 *       Anything else (replies from other peers, malformed messages, messages queued before the
 *       request) is dropped.</li>
 *   <li>Sending twice without the reply, or receiving before sending, throws
 *       {@link IllegalSocketStateException}; the socket stays usable. With REQ_RELAXED a new
 *       request may be sent at any time and abandons the previous one.</li>
 *   <li>REQ_CORRELATE puts a 4-byte request id (host byte order as in libzmq: little-endian)
 *       before the delimiter and accepts only the reply carrying the current id.</li>
 *   <li>If the peer asked goes away before replying, the REQ keeps waiting and, like libzmq,
 *       accepts the reply from whichever peer sends one; REQ_RELAXED is the way out.</li>
 * </ul>
 */
final class Req extends SocketPattern {
    private static final int ID_SIZE = 4;

    private final LoadBalancer lb = new LoadBalancer();
    private final FairQueue fq = new FairQueue();
    private final Msg prefix = new Msg();
    private final Msg drop = new Msg();

    /** A request was sent and its reply is not fully received yet. */
    private boolean receivingReply;
    /** The next frame sent or received starts a message (so it carries the envelope). */
    private boolean messageBegins = true;
    /** Where the current request went; null if that peer has gone (then any peer may answer). */
    private Pipe replyPipe;
    private int requestId = ThreadLocalRandom.current().nextInt();

    Req(SocketOptions options) {
        super(SocketType.REQ, options);
    }

    @Override
    public void attach(Pipe pipe) {
        if (options.getBool(Option.PROBE_ROUTER)) {
            Probe.send(pipe);
        }
        lb.attach(pipe);
        fq.attach(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        fq.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        lb.activated(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        if (pipe == replyPipe) {
            replyPipe = null;
        }
        lb.terminated(pipe);
        fq.terminated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        if (receivingReply) {
            if (!options.getBool(Option.REQ_RELAXED)) {
                throw new IllegalSocketStateException("REQ must receive the reply before sending again"
                        + " (RFC 28 strict alternation; set REQ_RELAXED to allow abandoning a request)");
            }
            receivingReply = false; // abandon the pending request
            messageBegins = true;
        }
        if (messageBegins) {
            if (!sendEnvelope()) {
                return false;
            }
            messageBegins = false;
        }
        lb.send(msg); // the envelope started the message, so the rest is always taken
        if (!msg.hasMore()) {
            receivingReply = true;
            messageBegins = true;
        }
        return true;
    }

    /** Starts a request: [request id,] empty delimiter, to the next peer with room; false if none has. */
    private boolean sendEnvelope() {
        boolean correlate = options.getBool(Option.REQ_CORRELATE);
        if (correlate) {
            if (!lb.send(prefix.set(intLe(requestId + 1), Msg.MORE))) {
                return false;
            }
            requestId++;
            lb.send(prefix.set(Msg.emptyBody(), Msg.MORE));
        } else if (!lb.send(prefix.set(Msg.emptyBody(), Msg.MORE))) {
            return false;
        }
        prefix.clear();
        replyPipe = lb.lastPipe();
        // Drop whatever came in before this request (late replies to older requests, probes), so
        // an old answer can never be taken for the new one.
        while (fq.recv(drop)) {
            drop.clear();
        }
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (!receivingReply) {
            throw new IllegalSocketStateException("REQ must send a request before receiving a reply"
                    + " (RFC 28 strict alternation)");
        }
        while (messageBegins) {
            if (options.getBool(Option.REQ_CORRELATE)) {
                if (!recvFromReplyPipe(msg)) {
                    return false;
                }
                if (!msg.hasMore() || msg.size() != ID_SIZE || readIntLe(msg.data()) != requestId) {
                    skipRest(msg);
                    continue;
                }
            }
            if (!recvFromReplyPipe(msg)) {
                return false;
            }
            if (!msg.hasMore() || msg.size() != 0) {
                skipRest(msg); // no delimiter: not a reply
                continue;
            }
            messageBegins = false;
        }
        if (!recvFromReplyPipe(msg)) {
            return false;
        }
        if (!msg.hasMore()) {
            receivingReply = false;
            messageBegins = true;
        }
        return true;
    }

    /** Reads the next frame from the peer the request went to, dropping frames from any other. */
    private boolean recvFromReplyPipe(Msg msg) {
        while (true) {
            Pipe p = fq.recvPipe(msg);
            if (p == null) {
                return false;
            }
            if (replyPipe == null || p == replyPipe) {
                return true;
            }
        }
    }

    /** Drops the frames left of a message whose first frame is in {@code msg}. */
    private void skipRest(Msg msg) {
        while (msg.hasMore() && recvFromReplyPipe(msg)) {
            // dropped
        }
        msg.clear();
    }

    @Override
    public boolean hasIn() {
        return receivingReply && fq.hasIn();
    }

    @Override
    public boolean hasOut() {
        if (receivingReply && !options.getBool(Option.REQ_RELAXED)) {
            return false;
        }
        return lb.hasOut();
    }

    private static byte[] intLe(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static int readIntLe(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
