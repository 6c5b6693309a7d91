package io.weft.internal.stream;

import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.internal.EventSink;
import io.weft.internal.MsgBodies;
import io.weft.internal.Options;
import io.weft.internal.PooledBody;
import io.weft.internal.io.IoThread;
import io.weft.internal.zmtp.Command;
import io.weft.internal.zmtp.Commands;
import io.weft.internal.zmtp.FrameHeader;
import io.weft.internal.zmtp.Greeting;
import io.weft.internal.zmtp.Mechanism;
import io.weft.internal.zmtp.NullMechanism;
import io.weft.internal.zmtp.ZmtpDecoder;
import io.weft.internal.zmtp.ZmtpEncoder;
import io.weft.internal.zmtp.ZmtpProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZMTP 3.x connection over a byte stream: greeting, mechanism handshake, then frames both ways,
 * on its session's I/O thread.
 *
 * <p><b>Batching.</b> Input: one {@code read} fills a 64 KiB buffer and the decoder cuts out every
 * complete frame; they go into the pipe and are published with one flush (one wake-up of the
 * socket at most) per read. Output: the engine drains the pipe into the encoder's 64,000-byte batch
 * (large bodies by reference) and writes the batch with one gathering {@code write}. So neither
 * direction costs a system call or a wake-up per message.
 *
 * <p><b>Back-pressure.</b> When the pipe to the socket is at RCVHWM the engine stops reading (TCP
 * then pushes back on the sender) until the socket drains it; when the channel cannot take more,
 * the engine stops taking from the pipe, so the socket's sends block or drop as its type says.
 *
 * <p><b>Faults.</b> A peer that breaks the protocol (bad greeting, bad flags, a frame over
 * MAXMSGSIZE, a command out of place, an incompatible socket type), stalls its handshake past
 * HANDSHAKE_IVL, or stops answering heartbeats is dropped: the connection is closed, a log line
 * says why, the monitor hears it, and nothing else is disturbed.
 */
final class StreamEngine implements IoThread.Handler, ZmtpDecoder.FrameHandler {
    private static final Logger log = LoggerFactory.getLogger(StreamEngine.class);
    private static final int READ_BUFFER = 64 * 1024;
    /**
     * While large frames stream in, a read into the read buffer is capped at this: it takes the next
     * header and the start of its body, and the rest of the body is read straight into its pooled
     * buffer (libzmq's decoder does the same with its 8 KiB batch).
     */
    private static final int LARGE_FRAME_READ_WINDOW = 8 * 1024;
    private static final int MAX_BATCHES_PER_TURN = 16;
    /** Most reads of one connection per readiness, so that the thread's other connections get theirs. */
    private static final int MAX_READS_PER_TURN = 8;
    /** libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED. */
    private static final int ZMTP_UNSPECIFIED = 0x10000000;

    private static final int GREETING = 0;
    private static final int HANDSHAKE = 1;
    private static final int ACTIVE = 2;
    private static final int CLOSED = 3;

    private final Session session;
    private final IoThread io;
    private final SocketChannel channel;
    private final Options options;
    private final SocketType type;
    private final EventSink events;
    private final String endpoint;
    private final String peer;
    private SelectionKey key;

    private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER);
    /** A scattering read: the rest of a pooled body, then the read buffer. */
    private final ByteBuffer[] scatter = new ByteBuffer[2];
    /** The last frame was pooled: read small windows into {@link #in}, bodies straight into their buffers. */
    private boolean largeFrames;
    private final ZmtpEncoder encoder = new ZmtpEncoder();
    private final ByteBuffer greetingOut;
    private final Greeting.Parser greeting = new Greeting.Parser();
    private final Mechanism mechanism;
    private ZmtpDecoder decoder;
    private boolean zmtp30;
    /** The connection ended on a protocol error: the session must not reconnect. */
    private boolean brokeProtocol;
    private int state = GREETING;

    private final Msg inMsg = new Msg();
    private final Msg outMsg = new Msg();
    private final ArrayDeque<Command> commandsOut = new ArrayDeque<>();
    private boolean writing;
    private boolean outPending;
    private boolean outMidMessage;
    private boolean inputPaused;
    private boolean inPending;
    private boolean closeWhenWritten;

    private long lastReceived = System.nanoTime();
    private long peerTtlNanos;
    private IoThread.Timer handshakeTimer;
    private IoThread.Timer heartbeatTimer;

    StreamEngine(Session session, SocketChannel channel, SelectionKey key, String peer) {
        this.session = session;
        this.io = session.io();
        this.channel = channel;
        this.key = key;
        this.options = session.options();
        this.type = session.socket().type();
        this.events = session.socket().events();
        this.endpoint = session.endpoint();
        this.peer = peer;
        this.mechanism = new NullMechanism(type, options.peek(Option.ROUTING_ID));
        this.greetingOut = ByteBuffer.wrap(Greeting.encode(mechanism.name(), mechanism.asServer()));
        // As libzmq: signature and major version first, the rest once the peer's version is known.
        greetingOut.limit(Greeting.VERSION_DETECTION_SIZE);
    }

    void start() {
        if (key == null) {
            key = io.register(channel, SelectionKey.OP_READ, this);
        } else {
            key.attach(this);
            key.interestOps(SelectionKey.OP_READ);
        }
        int handshakeIvl = options.peek(Option.HANDSHAKE_IVL);
        if (handshakeIvl > 0) {
            handshakeTimer = io.schedule(handshakeIvl, () -> {
                if (state < ACTIVE) {
                    fail(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL,
                            "handshake not complete within HANDSHAKE_IVL=" + handshakeIvl + " ms");
                }
            });
        }
        write();
    }

    @Override
    public void ready(SelectionKey k) {
        if (!k.isValid()) {
            return;
        }
        try {
            int ready = k.readyOps();
            if ((ready & SelectionKey.OP_READ) != 0) {
                read();
            }
            if (state != CLOSED && (ready & SelectionKey.OP_WRITE) != 0) {
                write();
            }
        } catch (RuntimeException e) {
            // A bug of ours must cost this connection only: drop it cleanly, session and all.
            log.error("{}: unexpected failure on the connection to {}", endpoint, peer, e);
            fail(SocketEvent.Type.DISCONNECTED, "internal error: " + e);
        }
    }

    // ================================================================ input

    /**
     * Reads while the socket has more (a read that filled everything offered), up to
     * {@link #MAX_READS_PER_TURN} reads, decoding after each; then publishes what was decoded with
     * one {@code flushIn}, so a busy stream wakes the socket once per turn, not once per read.
     */
    private void read() {
        if (inputPaused) {
            // Readable while paused: stop asking now (level-triggered, the selector would report it
            // again and again). Often the socket resumes us before the selector runs, and the
            // interest never changes: no epoll_ctl pair per pause.
            if (key.isValid()) {
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
            }
            return;
        }
        for (int reads = 0; reads < MAX_READS_PER_TURN && !inputPaused && state != CLOSED; reads++) {
            if (!readOnce()) {
                break;
            }
        }
        if (state != CLOSED) {
            session.flushIn();
        }
    }

    /** One read and its decoding; returns whether the read filled all it was offered. */
    private boolean readOnce() {
        long n;
        long offered;
        ByteBuffer body = state == ACTIVE ? decoder.pooledBodyTarget() : null;
        try {
            if (largeFrames) {
                in.limit(Math.min(in.capacity(), in.position() + LARGE_FRAME_READ_WINDOW));
            }
            offered = in.remaining();
            if (body != null) {
                offered += body.remaining();
                scatter[0] = body;
                scatter[1] = in;
                n = channel.read(scatter);
                scatter[0] = null;
            } else {
                n = channel.read(in);
            }
            in.limit(in.capacity());
        } catch (IOException e) {
            session.flushIn();
            lost("read failed: " + e.getMessage());
            return false;
        }
        if (n < 0) {
            session.flushIn(); // what arrived before the end is delivered
            if (state < ACTIVE) {
                // As libzmq: a connection lost before the handshake ends is a failed handshake.
                fail(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, "peer closed during the handshake");
            } else if (decoder.midFrame()) {
                fail(SocketEvent.Type.DISCONNECTED, "peer closed in the middle of a frame");
            } else {
                fail(SocketEvent.Type.DISCONNECTED, "peer closed");
            }
            return false;
        }
        if (n == 0) {
            return false;
        }
        lastReceived = System.nanoTime();
        if (body != null && !decoder.bodyTargetFilled()) {
            return false; // paused: what is in the read buffer waits for resumeInput()
        }
        process();
        return n == offered;
    }

    /** Decodes what the read buffer holds; the caller publishes it with {@code session.flushIn()}. */
    private void process() {
        in.flip();
        try {
            if (state == GREETING) {
                Greeting.Parser.Progress progress = greeting.feed(in);
                if (progress != Greeting.Parser.Progress.NEED_VERSION && greetingOut.limit() < Greeting.SIZE) {
                    greetingOut.limit(Greeting.SIZE);
                    write();
                }
                if (progress == Greeting.Parser.Progress.COMPLETE && state == GREETING) {
                    onGreeting();
                }
            }
            if (state == HANDSHAKE || state == ACTIVE) {
                decoder.decode(in);
            }
        } catch (ZmtpProtocolException e) {
            in.clear();
            if (state < ACTIVE) {
                failProtocol(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, protocolErrorCode(e.kind()),
                        "protocol error: " + e.getMessage());
            } else {
                failProtocol(SocketEvent.Type.DISCONNECTED, 0, "protocol error: " + e.getMessage());
            }
            return;
        }
        in.compact();
    }

    private void onGreeting() {
        zmtp30 = greeting.isZmtp30();
        mechanism.checkPeerGreeting(greeting.mechanism(), greeting.asServer());
        decoder = new ZmtpDecoder(options.peek(Option.MAXMSGSIZE), options.peek(Option.ZERO_COPY_RECV), this);
        state = HANDSHAKE;
        queueMechanismCommands();
    }

    @Override
    public boolean onPooledFrame(int flags, PooledBody body) {
        if (state != ACTIVE || (flags & FrameHeader.COMMAND) != 0) {
            return ZmtpDecoder.FrameHandler.super.onPooledFrame(flags, body); // as an array
        }
        largeFrames = true;
        return push(body, flags & FrameHeader.MORE);
    }

    @Override
    public boolean onFrame(int flags, byte[] body) {
        largeFrames = false;
        if (state == HANDSHAKE) {
            mechanism.process(flags, body);
            if (mechanism.status() != Mechanism.Status.FAILED) {
                queueMechanismCommands();
            } else {
                // Decide before writing: a peer that refused us first may be gone already, and a
                // failed write must not hide why we refuse it. fail() still tries to send the ERROR.
                takeMechanismCommands();
                ZmtpProtocolException failure = mechanism.failure();
                String why = failure == null ? "refused" : failure.getMessage();
                closeWhenWritten = true;
                failProtocol(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
                        failure == null ? ZMTP_UNSPECIFIED : protocolErrorCode(failure.kind()), "handshake refused: " + why);
                return false;
            }
            if (mechanism.status() == Mechanism.Status.READY) {
                handshakeDone();
            }
            return state != CLOSED;
        }
        if (state != ACTIVE) {
            return false;
        }
        if ((flags & FrameHeader.COMMAND) != 0) {
            return onCommand(Commands.parse(body));
        }
        return push(body, flags & FrameHeader.MORE);
    }

    private boolean onCommand(Command c) {
        if (c instanceof Command.Ping ping) {
            peerTtlNanos = TimeUnit.MILLISECONDS.toNanos(ping.ttlDeciseconds() * 100L);
            if (heartbeatTimer == null && peerTtlNanos > 0) {
                // We do not heartbeat ourselves, but the peer asked us to drop it once silent for its TTL.
                heartbeatTimer = io.schedule(Math.max(1, TimeUnit.NANOSECONDS.toMillis(peerTtlNanos) / 2),
                        this::heartbeat);
            }
            sendCommand(Command.Pong.answering(ping));
            return true;
        }
        if (c instanceof Command.Pong) {
            return true;
        }
        if (c instanceof Command.Subscribe || c instanceof Command.Cancel) {
            // The socket types speak subscriptions as 0x01/0x00-prefixed messages.
            return push(Commands.toLegacySubscription(c), 0);
        }
        if (c instanceof Command.Error err) {
            failProtocol(SocketEvent.Type.DISCONNECTED, 0, "peer sent ERROR: " + err.reason());
            return false;
        }
        if (c instanceof Command.Ready) {
            throw new ZmtpProtocolException(ZmtpProtocolException.Kind.UNEXPECTED_FRAME,
                    "READY after the handshake");
        }
        log.debug("{}: ignoring unknown command {} from {}", endpoint, c.name(), peer);
        return true;
    }

    private boolean push(Object body, int more) {
        MsgBodies.set(inMsg, body, more);
        if (session.pushFrame(inMsg)) {
            return true;
        }
        // The pipe is at RCVHWM: keep the frame, stop reading until the socket drains the pipe.
        inPending = true;
        pauseInput();
        return false;
    }

    /** Stops reading; OP_READ is dropped only if the selector reports the socket readable meanwhile. */
    private void pauseInput() {
        inputPaused = true;
    }

    /** The socket made room in the pipe: deliver the held frame and what is buffered, read again. */
    void resumeInput() {
        if (state != ACTIVE || !inputPaused) {
            return;
        }
        if (inPending) {
            if (!session.pushFrame(inMsg)) {
                return;
            }
            inPending = false;
        }
        inputPaused = false;
        if (in.position() > 0) {
            process();
            session.flushIn();
        }
        if (state != CLOSED && !inputPaused && key.isValid()) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
        }
    }

    private void queueMechanismCommands() {
        takeMechanismCommands();
        write();
    }

    private void takeMechanismCommands() {
        Command c;
        while ((c = mechanism.nextCommand()) != null) {
            commandsOut.add(c);
        }
    }

    private void handshakeDone() {
        state = ACTIVE;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        events.emit(SocketEvent.Type.HANDSHAKE_SUCCEEDED, endpoint, 0, peer);
        session.engineReady(this, mechanism.peerMetadata());
        startHeartbeats();
        write();
    }

    // ================================================================ output

    /** The socket wrote to the pipe. */
    void outputAvailable() {
        if (state == ACTIVE && !writing) {
            write();
        }
    }

    private void sendCommand(Command c) {
        commandsOut.add(c);
        if (!writing) {
            write();
        }
    }

    /** Fills batches from the greeting, queued commands and the pipe, and writes them. */
    private void write() {
        try {
            if (greetingOut.hasRemaining()) {
                channel.write(greetingOut);
                if (greetingOut.hasRemaining()) {
                    writeInterest(true);
                    return;
                }
            }
            for (int batch = 0; batch < MAX_BATCHES_PER_TURN && state != CLOSED; batch++) {
                if (!writing) {
                    fill();
                    if (encoder.isEmpty()) {
                        writeInterest(false);
                        if (closeWhenWritten) {
                            close(null, "closing after flushing");
                        }
                        return;
                    }
                    encoder.flip();
                    writing = true;
                }
                channel.write(encoder.segments(), 0, encoder.segmentCount());
                if (!encoder.isWritten()) {
                    writeInterest(true);
                    return;
                }
                encoder.clear();
                writing = false;
            }
            writeInterest(true); // more to send: come back once the selector has served the others
        } catch (IOException e) {
            lost("write failed: " + e.getMessage());
        }
    }

    private void fill() {
        // Commands go between messages, never inside one.
        while (!outMidMessage && !commandsOut.isEmpty()) {
            if (!encoder.encode(commandsOut.peek())) {
                return;
            }
            commandsOut.poll();
        }
        if (state != ACTIVE) {
            return;
        }
        while (true) {
            if (!outPending) {
                if (!session.pullFrame(outMsg)) {
                    return;
                }
                outPending = true;
            }
            if (!encodeOut()) {
                return;
            }
            outPending = false;
            outMidMessage = outMsg.hasMore();
            outMsg.clear();
        }
    }

    private boolean encodeOut() {
        Object b = MsgBodies.body(outMsg);
        boolean more = outMsg.hasMore();
        if (!(b instanceof byte[])) {
            if (!isSubscriber()) {
                // A buffer body: referenced, so a large direct one goes out with no copy at all.
                ByteBuffer buffer = b instanceof PooledBody p ? p.buffer().duplicate().position(0) : (ByteBuffer) b;
                return encoder.encode(more ? FrameHeader.MORE : 0, buffer);
            }
            b = outMsg.data(); // a subscriber's message may be a subscription: look at it as an array
        }
        byte[] body = (byte[]) b;
        if (!zmtp30 && !outMidMessage && !more && isSubscriber() && body.length > 0
                && (body[0] == Commands.LEGACY_SUBSCRIBE || body[0] == Commands.LEGACY_CANCEL)) {
            // ZMTP 3.1 carries subscriptions as SUBSCRIBE/CANCEL commands.
            return encoder.encode(Commands.fromLegacySubscription(body));
        }
        return encoder.encode(more ? FrameHeader.MORE : 0, body);
    }

    private boolean isSubscriber() {
        return type == SocketType.SUB || type == SocketType.XSUB;
    }

    private void writeInterest(boolean on) {
        if (key.isValid()) {
            int ops = key.interestOps();
            key.interestOps(on ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
        }
    }

    boolean hasUnwrittenOutput() {
        return writing || greetingOut.hasRemaining() || !commandsOut.isEmpty();
    }

    /** Close once what is already in the batch has gone out (the pipe is done). */
    void closeWhenWritten() {
        closeWhenWritten = true;
        write();
    }

    // ================================================================ heartbeats

    private void startHeartbeats() {
        int ivl = options.peek(Option.HEARTBEAT_IVL);
        if (ivl > 0 && !zmtp30) {
            heartbeatTimer = io.schedule(ivl, this::heartbeat);
        } else if (peerTtlNanos > 0) {
            heartbeatTimer = io.schedule(Math.max(1, TimeUnit.NANOSECONDS.toMillis(peerTtlNanos)), this::heartbeat);
        }
    }

    private void heartbeat() {
        if (state != ACTIVE) {
            return;
        }
        int ivl = options.peek(Option.HEARTBEAT_IVL);
        int timeout = options.peek(Option.HEARTBEAT_TIMEOUT);
        long silentNanos = System.nanoTime() - lastReceived;
        long limit = TimeUnit.MILLISECONDS.toNanos(timeout > 0 ? timeout : ivl);
        if (ivl > 0 && silentNanos > limit + TimeUnit.MILLISECONDS.toNanos(ivl)) {
            fail(SocketEvent.Type.DISCONNECTED, "no traffic for " + TimeUnit.NANOSECONDS.toMillis(silentNanos)
                    + " ms after heartbeats (HEARTBEAT_TIMEOUT=" + (timeout > 0 ? timeout : ivl) + " ms)");
            return;
        }
        if (peerTtlNanos > 0 && silentNanos > peerTtlNanos) {
            fail(SocketEvent.Type.DISCONNECTED, "peer's heartbeat TTL expired");
            return;
        }
        if (ivl > 0) {
            int ttl = options.peek(Option.HEARTBEAT_TTL);
            sendCommand(new Command.Ping(Math.min(Commands.MAX_TTL, ttl / 100), new byte[0]));
        }
        if (ivl <= 0 && peerTtlNanos <= 0) {
            heartbeatTimer = null; // the peer withdrew its TTL: nothing left to watch
            return;
        }
        long next = ivl > 0 ? ivl : Math.max(1, TimeUnit.NANOSECONDS.toMillis(peerTtlNanos) / 2);
        heartbeatTimer = io.schedule(next, this::heartbeat);
    }

    // ================================================================ closing

    /** The connection broke (reset, broken pipe); before the handshake ends that fails it, as in libzmq. */
    private void lost(String why) {
        if (state < ACTIVE) {
            fail(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, "connection lost during the handshake (" + why + ")");
        } else {
            fail(SocketEvent.Type.DISCONNECTED, why);
        }
    }

    /**
     * The value libzmq gives HANDSHAKE_FAILED_PROTOCOL ({@code ZMQ_PROTOCOL_ERROR_ZMTP_*}, zmq.h),
     * so that monitor tools written for libzmq read the same codes.
     */
    static int protocolErrorCode(ZmtpProtocolException.Kind kind) {
        switch (kind) {
            case UNEXPECTED_FRAME:
                return 0x10000001; // ZMTP_UNEXPECTED_COMMAND
            case MALFORMED_COMMAND:
                return 0x10000011; // ZMTP_MALFORMED_COMMAND_UNSPECIFIED
            case INVALID_METADATA:
                return 0x10000018; // ZMTP_INVALID_METADATA
            case MECHANISM_MISMATCH:
                return 0x11000002; // ZMTP_MECHANISM_MISMATCH
            default:
                return ZMTP_UNSPECIFIED;
        }
    }

    /** Drops the connection for a reason worth a log line and an event. */
    private void fail(SocketEvent.Type event, String reason) {
        fail(event, 0, reason);
    }

    /**
     * As {@link #fail(SocketEvent.Type, long, String)} for a broken rule of the protocol (or an ERROR
     * from the peer): as in libzmq, a connecting session then stops instead of reconnecting, since the
     * same peer would refuse or break the same way again.
     */
    private void failProtocol(SocketEvent.Type event, long value, String reason) {
        brokeProtocol = true;
        fail(event, value, reason);
    }

    /** As {@link #fail(SocketEvent.Type, String)}, the event carrying {@code value}. */
    private void fail(SocketEvent.Type event, long value, String reason) {
        if (state == CLOSED) {
            return;
        }
        if (event == SocketEvent.Type.DISCONNECTED && reason.equals("peer closed")) {
            log.debug("{}: {} ({})", endpoint, reason, peer);
        } else {
            log.warn("{}: dropping peer {}: {}", endpoint, peer, reason);
        }
        if (closeWhenWritten && !commandsOut.isEmpty()) {
            // Try to tell the peer why (the ERROR command) before closing; never wait for it.
            try {
                fill();
                encoder.flip();
                channel.write(encoder.segments(), 0, encoder.segmentCount());
            } catch (IOException | RuntimeException ignored) {
                // The peer may already be gone.
            }
        }
        close(event, value, reason);
    }

    /** Closes the connection; {@code event} (may be null) is reported, then DISCONNECTED. */
    void close(SocketEvent.Type event, String reason) {
        close(event, 0, reason);
    }

    private void close(SocketEvent.Type event, long value, String reason) {
        if (state == CLOSED) {
            return;
        }
        boolean wasActive = state == ACTIVE;
        state = CLOSED;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (heartbeatTimer != null) {
            heartbeatTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        StreamSupport.closeQuietly(channel);
        encoder.clear();
        if (event != null && event != SocketEvent.Type.DISCONNECTED) {
            events.emit(event, endpoint, value, reason);
        }
        if (event != null || wasActive) {
            events.emit(SocketEvent.Type.DISCONNECTED, endpoint, 0, reason);
        }
        session.engineGone(this, brokeProtocol);
    }
}
