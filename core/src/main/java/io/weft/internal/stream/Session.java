package io.weft.internal.stream;

import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketEvent;
import io.weft.SocketType;
import io.weft.internal.Mailbox;
import io.weft.internal.Options;
import io.weft.internal.SocketBase;
import io.weft.internal.io.IoThread;
import io.weft.internal.pipe.PipeEnd;
import io.weft.internal.pipe.PipeOwner;
import io.weft.internal.zmtp.PeerMetadata;
import io.weft.spi.StreamTransport;
import io.weft.spi.Transport;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's side of one peer on an I/O thread: it owns the session end of the pipe to the socket
 * and moves messages between that pipe and the current {@link StreamEngine}.
 *
 * <p>An accepted session lives as long as its connection. A connecting session outlives its
 * connections: it connects, reconnects with backoff (RECONNECT_IVL, doubling up to
 * RECONNECT_IVL_MAX), and keeps its pipe across reconnects, so messages sent while the peer is
 * away wait in the pipe (unless IMMEDIATE). When the socket lets go of the pipe, the session keeps
 * sending what is queued for LINGER, then ends.
 *
 * <p>Everything here runs on the session's I/O thread.
 */
final class Session implements PipeOwner {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final StreamTransport transport;
    private final SocketBase socket;
    private final Options options;
    private final IoThread io;
    private final String endpoint;
    private final SocketAddress remote;
    private final Listener listener;

    private PipeEnd pipe;
    private PipeEnd socketEnd;
    private StreamEngine engine;
    private boolean outMidMessage;
    /** A handshake has completed before: the next one is a reconnect (the peer knows nothing). */
    private boolean handshaken;
    private boolean lingering;
    private boolean stopConnecting;
    private boolean ended;
    private int currentIvl;
    private IoThread.Timer reconnectTimer;
    private IoThread.Timer lingerTimer;
    private SocketChannel connecting;
    private SelectionKey connectKey;

    private Session(StreamTransport transport, SocketBase socket, IoThread io, String endpoint, SocketAddress remote,
            Listener listener) {
        this.transport = transport;
        this.socket = socket;
        this.options = socket.optionStore();
        this.io = io;
        this.endpoint = endpoint;
        this.remote = remote;
        this.listener = listener;
        socket.context().sessionStarted();
    }

    static Session connecting(StreamTransport transport, SocketBase socket, IoThread io, SocketAddress remote,
            String endpoint) {
        return new Session(transport, socket, io, endpoint, remote, null);
    }

    static Session accepted(SocketBase socket, IoThread io, String endpoint, Listener listener) {
        return new Session(null, socket, io, endpoint, null, listener);
    }

    SocketBase socket() {
        return socket;
    }

    Options options() {
        return options;
    }

    String endpoint() {
        return endpoint;
    }

    IoThread io() {
        return io;
    }

    /** The handle {@code connect()} returns: closing it stops (re)connecting. */
    Transport.Binding binding() {
        return new Transport.Binding() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public void close() {
                io.execute(Session.this::disconnect);
            }
        };
    }

    // ------------------------------------------------------------------ connecting side

    /**
     * Connect side, on the socket's own thread inside {@code connect()}: attach the pipe at once, as
     * libzmq does, so messages (and a SUB's subscriptions) queue while we connect. Not with
     * IMMEDIATE, and not for a ROUTER, which must learn the peer's routing id first.
     */
    void attachEarly() {
        if (!options.peek(Option.IMMEDIATE) && socket.type() != SocketType.ROUTER) {
            createPipe(null, true);
        }
    }

    /** Connect side, on the I/O thread: start connecting. */
    void start() {
        if (!ended) {
            tryConnect();
        }
    }

    private void tryConnect() {
        reconnectTimer = null;
        if (ended || stopConnecting) {
            return;
        }
        SocketChannel ch = null;
        try {
            ch = transport.openClient(remote);
            ch.configureBlocking(false);
            transport.configure(ch, options);
            if (ch.connect(remote)) {
                connected(ch, null);
                return;
            }
            connecting = ch;
            connectKey = io.register(ch, SelectionKey.OP_CONNECT, k -> finishConnect());
            socket.events().emit(SocketEvent.Type.CONNECT_DELAYED, endpoint, 0, "");
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                StreamSupport.closeQuietly(ch);
            }
            connectFailed(e);
        }
    }

    private void finishConnect() {
        SocketChannel ch = connecting;
        try {
            if (ch.finishConnect()) {
                connecting = null;
                SelectionKey k = connectKey;
                connectKey = null;
                connected(ch, k);
            }
        } catch (IOException e) {
            connectKey.cancel();
            connectKey = null;
            connecting = null;
            StreamSupport.closeQuietly(ch);
            connectFailed(e);
        }
    }

    private void connected(SocketChannel ch, SelectionKey key) {
        currentIvl = 0;
        String peer = Listener.remoteOf(ch);
        socket.events().emit(SocketEvent.Type.CONNECTED, endpoint, 0, peer);
        attachEngine(ch, key, peer);
    }

    private void connectFailed(Exception e) {
        log.debug("{}: connect failed: {}", endpoint, e.toString());
        socket.events().emit(SocketEvent.Type.CLOSED, endpoint, 0, String.valueOf(e.getMessage()));
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        int ivl = options.peek(Option.RECONNECT_IVL);
        if (ended || remote == null) {
            return;
        }
        if (stopConnecting || ivl < 0) {
            // No reconnection (RECONNECT_IVL -1): the endpoint is done, as in libzmq.
            end();
            return;
        }
        ivl = Math.max(1, ivl); // 0 means "at once", but never a busy loop
        int max = options.peek(Option.RECONNECT_IVL_MAX);
        if (currentIvl == 0) {
            currentIvl = ivl;
        } else if (max > ivl) {
            currentIvl = Math.min(currentIvl * 2, max);
        }
        socket.events().emit(SocketEvent.Type.CONNECT_RETRIED, endpoint, currentIvl, "");
        reconnectTimer = io.schedule(currentIvl, this::tryConnect);
    }

    /**
     * disconnect() or socket close. With no pipe (IMMEDIATE, or a ROUTER not yet connected) there
     * is nothing to deliver: end now. Otherwise the socket is terminating the pipe right after
     * this, and LINGER decides (see {@link #pipePeerClosing}): we go on connecting meanwhile, so
     * a PUSH that sends and closes at once still delivers, as with libzmq.
     */
    private void disconnect() {
        if (pipe == null) {
            end();
        }
    }

    // ------------------------------------------------------------------ engine

    /** Starts an engine on a connected channel. */
    void attachEngine(SocketChannel ch, SelectionKey key, String peer) {
        engine = new StreamEngine(this, ch, key, peer);
        engine.start();
    }

    /** The handshake is done: messages may flow. */
    void engineReady(StreamEngine e, PeerMetadata peer) {
        boolean reconnected = handshaken;
        handshaken = true;
        if (pipe == null) {
            createPipe(peer, false);
        } else if (reconnected) {
            // Reconnected: tell the socket type, so that e.g. a SUB sends its subscriptions again.
            PipeEnd end = socketEnd;
            socket.mailbox().send(() -> socket.pipeHiccuped(end));
        }
    }

    /**
     * The engine's connection is gone (error, peer closed, heartbeat timeout).
     *
     * @param protocolError the peer broke the protocol or refused us: as in libzmq, a connecting
     *     session then ends rather than reconnect to a peer that would do the same again
     */
    void engineGone(StreamEngine e, boolean protocolError) {
        if (e != engine) {
            return;
        }
        engine = null;
        if (pipe != null && remote != null && !lingering
                && (options.peek(Option.IMMEDIATE) || socket.type() == SocketType.ROUTER)) {
            // IMMEDIATE (and a ROUTER, which names pipes by peer): no pipe while there is no
            // connection, so nothing queues for an absent peer; a new one comes with the next handshake.
            pipe.terminate(true);
            pipe = null;
            socketEnd = null;
        }
        if (pipe != null) {
            // Half a message from the network is dropped; half a message to the network is skipped.
            pipe.rollback();
            pipe.flush();
            Msg drop = new Msg();
            while (outMidMessage && pipe.read(drop)) {
                outMidMessage = drop.hasMore();
            }
            outMidMessage = false;
        }
        if (remote == null) {
            end();
        } else if (protocolError && !lingering) {
            log.warn("{}: not reconnecting: the peer broke the protocol or refused the handshake", endpoint);
            end();
        } else {
            scheduleReconnect();
        }
    }

    /** A frame from the network for the socket; false at the HWM (then wait for writeActivated). */
    boolean pushFrame(Msg msg) {
        return pipe != null && pipe.write(msg);
    }

    /** Publishes the frames pushed since the last call (once per read batch). */
    void flushIn() {
        if (pipe != null) {
            pipe.flush();
        }
    }

    /** The next frame the socket sent, or false if none. */
    boolean pullFrame(Msg into) {
        if (pipe == null || !pipe.read(into)) {
            return false;
        }
        outMidMessage = into.hasMore();
        return true;
    }

    // ------------------------------------------------------------------ pipe

    private void createPipe(PeerMetadata peer, boolean onSocketThread) {
        int snd = options.peek(Option.SNDHWM);
        int rcv = options.peek(Option.RCVHWM);
        boolean conflate = Option.CONFLATE.appliesTo(socket.type()) && options.peek(Option.CONFLATE);
        PipeEnd[] ends = PipeEnd.pair(snd, rcv, conflate, conflate);
        socketEnd = ends[0];
        pipe = ends[1];
        pipe.owner(this);
        pipe.endpoint(endpoint);
        socketEnd.owner(socket);
        if (peer != null) {
            socketEnd.peerRoutingId(peer.identity());
        }
        PipeEnd end = socketEnd;
        if (onSocketThread) {
            socket.attachPipe(end, endpoint);
        } else {
            socket.mailbox().send(() -> socket.attachPipe(end, endpoint));
        }
    }

    @Override
    public Mailbox mailbox() {
        return io.mailbox();
    }

    @Override
    public void pipeReadActivated(PipeEnd p) {
        if (engine != null) {
            engine.outputAvailable();
        }
    }

    @Override
    public void pipeWriteActivated(PipeEnd p) {
        if (engine != null) {
            engine.resumeInput();
        }
    }

    @Override
    public void pipePeerClosing(PipeEnd p) {
        lingering = true;
        int linger = options.peek(Option.LINGER);
        if (linger == 0 || (engine == null && remote == null)) {
            // Nothing may be delivered, or nobody can receive it: drop at once.
            end();
            return;
        }
        if (linger > 0) {
            lingerTimer = io.schedule(linger, () -> {
                log.debug("{}: LINGER of {} ms expired with messages unsent; dropping them", endpoint, linger);
                end();
            });
        }
        if (engine != null) {
            engine.outputAvailable();
        }
    }

    @Override
    public void pipeTerminated(PipeEnd p) {
        // The socket closed (and everything it sent has been taken), or refused the pipe.
        lingering = true;
        stopConnecting = true;
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        if (engine != null && engine.hasUnwrittenOutput()) {
            engine.closeWhenWritten();
        } else {
            end();
        }
    }

    /** The listener that accepted us was closed: a session still in its handshake ends now. */
    void listenerClosed() {
        if (pipe == null) {
            end();
        }
    }

    /** Ends the session: connection, timers, pipe. Idempotent. I/O thread. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (connecting != null) {
            connectKey.cancel();
            StreamSupport.closeQuietly(connecting);
            connecting = null;
        }
        StreamEngine e = engine;
        engine = null;
        if (e != null) {
            e.close(null, "session ended");
        }
        if (pipe != null) {
            // With delay: what arrived from the network stays readable by the socket (libzmq).
            pipe.terminate(true);
        }
        if (listener != null) {
            listener.forget(this);
        }
        socket.context().sessionEnded();
    }

    @Override
    public String toString() {
        return "session[" + endpoint + "]";
    }
}
