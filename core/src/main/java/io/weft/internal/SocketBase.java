package io.weft.internal;

import io.weft.ContextClosedException;
import io.weft.IllegalSocketStateException;
import io.weft.InvalidEndpointException;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.WeftInterruptedException;
import io.weft.internal.pipe.PipeEnd;
import io.weft.internal.pipe.PipeOwner;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import io.weft.spi.Transport;
import io.weft.spi.TransportSite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine behind every {@link Socket}: blocking, timeouts, commands, pipes and endpoints. What
 * differs between socket types is delegated to a {@link SocketPattern}.
 *
 * <p>Runs on the application thread that calls it. Other threads reach it only through its
 * {@link Mailbox}; the commands run here, at the start of each call and whenever the call would
 * otherwise wait. A waiting call parks the thread (no descriptor, no spinning) until a command
 * arrives, its timeout passes, it is interrupted, or the context closes.
 */
public final class SocketBase implements Socket, PipeOwner, TransportSite {
    private static final long FOREVER = -1;
    /**
     * How many times a call about to wait looks at its mailbox before parking. A short spin may save
     * a futex round trip when the peer is producing right now, on a machine with CPUs to spare. On 2
     * CPUs every spin takes the CPU from a thread that has work (the peer, an I/O thread): 200 spins
     * cost a third of tcp and inproc throughput there and raised tcp round trips by 40% (see
     * docs/performance.md), so up to 2 CPUs there is none.
     */
    private static final int SPINS = Integer.getInteger("weft.spins",
            Runtime.getRuntime().availableProcessors() > 2 ? 200 : 0);

    private final ContextCore ctx;
    private final SocketType type;
    private final Options options;
    /** SNDTIMEO and RCVTIMEO, read on every call: kept here as plain ints, refreshed by setOption. */
    private int sendTimeout;
    private int recvTimeout;
    private final SocketPattern pattern;
    private final ParkingWakeup wakeup = new ParkingWakeup();
    private final Mailbox mailbox = new Mailbox(wakeup);
    private final ThreadGuard guard;
    private final String name;

    private final List<PipeEnd> pipes = new ArrayList<>();
    /** Inproc connects with IMMEDIATE set, waiting for their bind before the pattern sees them. */
    private final List<PipeEnd> deferred = new ArrayList<>();
    private final List<String> inprocBinds = new ArrayList<>();
    private final Map<String, Transport.Binding> bindings = new HashMap<>();
    private final Map<String, Transport.Binding> connections = new HashMap<>();

    private final EventSink events = new EventSink();
    private final Msg tx = new Msg();
    private final Msg rx = new Msg();
    private boolean rcvMore;
    private volatile boolean closed;
    private volatile boolean ctxTerminated;

    SocketBase(ContextCore ctx, SocketType type, int id) {
        this.ctx = ctx;
        this.type = type;
        this.options = new Options(type);
        this.sendTimeout = options.peek(Option.SNDTIMEO);
        this.recvTimeout = options.peek(Option.RCVTIMEO);
        this.pattern = Providers.get().socketType(type).create(type, options);
        this.name = type + " socket #" + id;
        this.guard = new ThreadGuard(name);
    }

    @Override
    public SocketType type() {
        return type;
    }

    @Override
    public SocketType socketType() {
        return type;
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    /** The context this socket belongs to. */
    public ContextCore context() {
        return ctx;
    }

    public Options optionStore() {
        return options;
    }

    @Override
    public Mailbox mailbox() {
        return mailbox;
    }

    /** For {@link io.weft.Poller}: the wake-up a polling thread arms on this socket. */
    public ParkingWakeup wakeup() {
        return wakeup;
    }

    ThreadGuard guard() {
        return guard;
    }

    /** For {@link io.weft.Poller}: enters the socket like a call (one thread at a time, open). */
    public boolean enterForPoll() {
        return enter();
    }

    public void exitForPoll(boolean entered) {
        exit(entered);
    }

    // =================================================================== endpoints

    @Override
    public String bind(String endpoint) {
        boolean entered = enter();
        try {
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                ctx.inproc().bind(ep.address(), this);
                inprocBinds.add(ep.address());
                return ep.toString();
            }
            Transport.Binding b = Providers.get().transport(ep.scheme()).bind(this, ep.address());
            bindings.put(b.endpoint(), b);
            return b.endpoint();
        } finally {
            exit(entered);
        }
    }

    @Override
    public void connect(String endpoint) {
        boolean entered = enter();
        try {
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                ctx.inproc().connect(ep.address(), this, ep.toString());
                return;
            }
            Transport.Binding b = Providers.get().transport(ep.scheme()).connect(this, ep.address());
            connections.put(ep.toString(), b);
        } finally {
            exit(entered);
        }
    }

    @Override
    public void unbind(String endpoint) {
        boolean entered = enter();
        try {
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                if (!inprocBinds.remove(ep.address()) || !ctx.inproc().unbind(ep.address(), this)) {
                    throw notFound("bound to", endpoint);
                }
                terminatePipesOf(ep.toString());
                return;
            }
            Transport.Binding b = bindings.remove(endpoint);
            if (b == null) {
                throw notFound("bound to", endpoint);
            }
            b.close();
            terminatePipesOf(b.endpoint());
        } finally {
            exit(entered);
        }
    }

    @Override
    public void disconnect(String endpoint) {
        boolean entered = enter();
        try {
            Endpoint ep = Endpoint.parse(endpoint);
            if (ep.scheme().equals("inproc")) {
                boolean found = false;
                for (PipeEnd p : deferred) {
                    found |= endpointOf(p).equals(ep.toString());
                }
                for (PipeEnd p : pipes) {
                    found |= endpointOf(p).equals(ep.toString());
                }
                if (!found) {
                    throw notFound("connected to", endpoint);
                }
                for (Iterator<PipeEnd> it = deferred.iterator(); it.hasNext();) {
                    PipeEnd p = it.next();
                    if (endpointOf(p).equals(ep.toString())) {
                        ctx.inproc().cancelPending(ep.address(), p);
                        p.terminate(false);
                        it.remove();
                    }
                }
                terminatePipesOf(ep.toString());
                return;
            }
            Transport.Binding b = connections.remove(ep.toString());
            if (b == null) {
                throw notFound("connected to", endpoint);
            }
            b.close();
            terminatePipesOf(ep.toString());
        } finally {
            exit(entered);
        }
    }

    private static String endpointOf(PipeEnd p) {
        return String.valueOf(p.endpoint());
    }

    private InvalidEndpointException notFound(String what, String endpoint) {
        return new InvalidEndpointException(name + " is not " + what + " '" + endpoint + "'");
    }

    private void terminatePipesOf(String endpoint) {
        boolean linger = options.getInt(Option.LINGER) != 0;
        for (Iterator<PipeEnd> it = pipes.iterator(); it.hasNext();) {
            PipeEnd p = it.next();
            if (endpointOf(p).equals(endpoint)) {
                it.remove();
                p.terminate(linger);
                if (endpoint.startsWith("inproc://")) {
                    ctx.inproc().cancelPending(endpoint.substring("inproc://".length()), p);
                }
                pattern.terminated(p);
            }
        }
    }

    // =================================================================== pipes (owner thread)

    /** Gives a new pipe to this socket's pattern. Owner thread (directly or by command). */
    public void attachPipe(PipeEnd end, Object endpoint) {
        end.endpoint(endpoint);
        if (closed) {
            end.terminate(false);
            return;
        }
        pipes.removeIf(PipeEnd::isClosed);
        pipes.add(end);
        pattern.attach(end);
    }

    /** An inproc connect whose name is not bound yet. Owner thread. */
    public void connectPending(PipeEnd end) {
        if (options.getBool(Option.IMMEDIATE)) {
            deferred.add(end);
        } else {
            attachPipe(end, end.endpoint());
        }
    }

    /** The bind that a pending inproc connect waited for has come. Owner thread, by command. */
    public void inprocBound(PipeEnd end, byte[] binderRoutingId) {
        end.peerRoutingId(binderRoutingId);
        if (deferred.remove(end)) {
            attachPipe(end, end.endpoint());
        } else if (binderRoutingId != null && !closed && pipes.contains(end)) {
            pattern.peerRoutingIdKnown(end);
        }
    }

    /** A pipe's connection was re-established (by command from its session). Owner thread. */
    public void pipeHiccuped(PipeEnd pipe) {
        if (!closed && pipes.contains(pipe)) {
            pattern.hiccuped(pipe);
        }
    }

    @Override
    public void pipeReadActivated(PipeEnd pipe) {
        if (!closed) {
            pattern.readActivated(pipe);
        }
    }

    @Override
    public void pipeWriteActivated(PipeEnd pipe) {
        if (!closed) {
            pattern.writeActivated(pipe);
        }
    }

    @Override
    public void pipeTerminated(PipeEnd pipe) {
        if (pipes.remove(pipe) && !closed) {
            pattern.terminated(pipe);
        }
    }

    /**
     * Number of peers attached to this socket's pattern, after running pending commands (so a
     * test can wait, with a deadline, until its connects have landed). Like any call: one thread.
     */
    public int peerCount() {
        boolean entered = enter();
        try {
            // A pattern may close a pipe itself (a PAIR refusing a second peer): forget those here.
            pipes.removeIf(PipeEnd::isClosed);
            return pipes.size();
        } finally {
            exit(entered);
        }
    }

    // =================================================================== sending

    @Override
    public boolean send(byte[] data) {
        return sendFrame(data.clone(), 0, sendTimeout());
    }

    @Override
    public boolean send(String text) {
        return sendFrame(text.getBytes(StandardCharsets.UTF_8), 0, sendTimeout());
    }

    @Override
    public boolean send(ByteBuffer data) {
        return sendFrame(copy(data), 0, sendTimeout());
    }

    @Override
    public boolean send(Msg msg) {
        return sendFrame(MsgBodies.takeForSending(msg), msg.flags() & Msg.MORE, sendTimeout());
    }

    @Override
    public boolean sendMore(byte[] data) {
        return sendFrame(data.clone(), Msg.MORE, sendTimeout());
    }

    @Override
    public boolean sendMore(String text) {
        return sendFrame(text.getBytes(StandardCharsets.UTF_8), Msg.MORE, sendTimeout());
    }

    @Override
    public boolean sendMore(ByteBuffer data) {
        return sendFrame(copy(data), Msg.MORE, sendTimeout());
    }

    @Override
    public boolean sendMore(Msg msg) {
        return sendFrame(MsgBodies.takeForSending(msg), Msg.MORE, sendTimeout());
    }

    @Override
    public boolean trySend(byte[] data) {
        return sendFrame(data.clone(), 0, 0);
    }

    @Override
    public boolean trySend(String text) {
        return sendFrame(text.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    @Override
    public boolean trySend(Msg msg) {
        return sendFrame(MsgBodies.takeForSending(msg), msg.flags() & Msg.MORE, 0);
    }

    @Override
    public boolean trySendMore(byte[] data) {
        return sendFrame(data.clone(), Msg.MORE, 0);
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private long sendTimeout() {
        return sendTimeout;
    }

    private boolean sendFrame(Object body, int flags, long timeoutMillis) {
        boolean entered = enter();
        try {
            MsgBodies.set(tx, body, flags);
            if (pattern.send(tx)) {
                return true;
            }
            if (timeoutMillis == 0) {
                return false;
            }
            long deadline = deadline(timeoutMillis);
            while (awaitCommands(deadline)) {
                if (pattern.send(tx)) {
                    return true;
                }
            }
            return false;
        } finally {
            tx.clear();
            exit(entered);
        }
    }

    // =================================================================== receiving

    @Override
    public byte[] recv() {
        return recvFrame(rx, recvTimeout) ? takeRx() : null;
    }

    @Override
    public byte[] recv(Duration timeout) {
        return recvFrame(rx, timeout.toMillis()) ? takeRx() : null;
    }

    @Override
    public byte[] tryRecv() {
        return recvFrame(rx, 0) ? takeRx() : null;
    }

    @Override
    public String recvString() {
        byte[] b = recv();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public boolean recv(Msg into) {
        MsgBodies.releaseOwned(into); // as zmq_msg_recv closes the message it is given
        return recvFrame(into, recvTimeout);
    }

    private byte[] takeRx() {
        byte[] b = rx.data();
        rx.clear();
        return b;
    }

    private void setRcvMore(boolean more) {
        if (rcvMore != more) {
            rcvMore = more;
        }
    }

    @Override
    public boolean hasMore() {
        return rcvMore;
    }

    private boolean recvFrame(Msg into, long timeoutMillis) {
        boolean entered = enter();
        try {
            if (pattern.recv(into)) {
                setRcvMore(into.hasMore());
                return true;
            }
            if (timeoutMillis == 0) {
                return false;
            }
            long deadline = deadline(timeoutMillis);
            while (awaitCommands(deadline)) {
                if (pattern.recv(into)) {
                    setRcvMore(into.hasMore());
                    return true;
                }
            }
            return false;
        } finally {
            exit(entered);
        }
    }

    // =================================================================== waiting

    private static long deadline(long timeoutMillis) {
        return timeoutMillis < 0 ? FOREVER : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    /**
     * Waits until at least one command has run, then returns true; false once {@code deadline}
     * (a nanoTime, or FOREVER) has passed.
     */
    private boolean awaitCommands(long deadline) {
        while (true) {
            if (processCommands()) {
                return true;
            }
            long remaining = 0;
            if (deadline != FOREVER) {
                remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted();
            }
            if (spinForCommand()) {
                continue;
            }
            wakeup.arm(Thread.currentThread());
            if (mailbox.isEmpty()) {
                if (deadline == FOREVER) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remaining);
                }
            }
            wakeup.disarm();
        }
    }

    /**
     * Before parking, watch the mailbox for a few microseconds: a peer that is producing right now
     * usually activates us within that time, and catching it here saves both threads a futex
     * round trip. Bounded, so an idle socket still parks (and costs no CPU) almost at once.
     */
    private boolean spinForCommand() {
        for (int i = 0; i < SPINS; i++) {
            if (!mailbox.isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private WeftInterruptedException interrupted() {
        return new WeftInterruptedException(Thread.currentThread().getName() + " was interrupted while waiting on "
                + name + "; the socket is unharmed (interrupt flag left set)");
    }

    /** Runs waiting commands; true if any ran. Throws if the context is closing. Owner thread. */
    boolean processCommands() {
        boolean any = !mailbox.isEmpty() && mailbox.processAll() > 0;
        if (ctxTerminated) {
            throw contextClosed();
        }
        return any;
    }

    private ContextClosedException contextClosed() {
        return new ContextClosedException("the context of " + name + " was closed");
    }

    /** Readiness for a poller: bit 1 readable, bit 2 writable. Caller has entered the socket. */
    public int readiness() {
        processCommands();
        return (pattern.hasIn() ? 1 : 0) | (pattern.hasOut() ? 2 : 0);
    }

    // =================================================================== monitoring

    /** Where transports report connection events. Any thread. */
    public EventSink events() {
        return events;
    }

    @Override
    public io.weft.Monitor monitor(int eventMask) {
        boolean entered = enter();
        try {
            return events.open(checkMask(eventMask));
        } finally {
            exit(entered);
        }
    }

    @Override
    public void monitor(String inprocEndpoint, int eventMask) {
        boolean entered = enter();
        try {
            if (!inprocEndpoint.startsWith("inproc://")) {
                throw new InvalidEndpointException("a monitor endpoint must be inproc://, not '" + inprocEndpoint + "'");
            }
            int mask = checkMask(eventMask);
            SocketBase pair = ctx.socket(SocketType.PAIR);
            // Default LINGER: the last events (CLOSED, MONITOR_STOPPED) stay readable after the close.
            try {
                pair.bind(inprocEndpoint);
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            events.openZmqStyle(pair, mask);
        } finally {
            exit(entered);
        }
    }

    private static int checkMask(int mask) {
        if (mask == 0 || (mask & ~io.weft.SocketEvent.Type.ALL) != 0) {
            throw new IllegalArgumentException("events=0x" + Integer.toHexString(mask)
                    + " (expected: a non-empty mask of SocketEvent.Type numbers, or SocketEvent.Type.ALL)");
        }
        return mask;
    }

    // =================================================================== options and subscriptions

    @Override
    public <T> void setOption(Option<T> option, T value) {
        boolean entered = enter();
        try {
            options.set(option, value);
            sendTimeout = options.peek(Option.SNDTIMEO);
            recvTimeout = options.peek(Option.RCVTIMEO);
        } finally {
            exit(entered);
        }
    }

    @Override
    public <T> T getOption(Option<T> option) {
        boolean entered = enter();
        try {
            option.requireFor(type);
            return options.get(option);
        } finally {
            exit(entered);
        }
    }

    @Override
    public void subscribe(byte[] prefix) {
        subscription(prefix, true);
    }

    @Override
    public void subscribe(String prefix) {
        subscription(prefix.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public void unsubscribe(byte[] prefix) {
        subscription(prefix, false);
    }

    @Override
    public void unsubscribe(String prefix) {
        subscription(prefix.getBytes(StandardCharsets.UTF_8), false);
    }

    private void subscription(byte[] prefix, boolean add) {
        boolean entered = enter();
        try {
            pattern.subscribe(prefix.clone(), add);
        } finally {
            exit(entered);
        }
    }

    // =================================================================== life cycle

    /** Enters a call: one thread at a time, socket open, commands run. Returns false on re-entry. */
    private boolean enter() {
        boolean entered;
        try {
            entered = guard.enter();
        } catch (IllegalSocketStateException e) {
            if (ctx.isClosed()) {
                // The other thread is Context.close() closing this socket: say that, not "two threads".
                throw contextClosed();
            }
            throw e;
        }
        if (closed) {
            exit(entered);
            throw ctxTerminated ? contextClosed() : new IllegalSocketStateException(name + " is closed");
        }
        try {
            processCommands();
        } catch (RuntimeException e) {
            exit(entered);
            throw e;
        }
        return entered;
    }

    private void exit(boolean entered) {
        if (entered) {
            guard.exit();
        }
    }

    /** The context is closing: every call from now on, and any call waiting now, ends. Any thread. */
    void contextTerminating() {
        mailbox.send(() -> ctxTerminated = true);
    }

    /**
     * Closes the socket. Never fails because another thread is closing it too (typically
     * {@link io.weft.Context#close()} racing a worker's own close): it waits briefly for that
     * close to finish and returns.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!guard.tryEnter()) {
            if (closed && ctxTerminated) {
                return; // the context is closing this socket
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalSocketStateException(name + " is in use by another thread; close it from that thread");
            }
            LockSupport.parkNanos(50_000);
        }
        try {
            closeHeld();
        } finally {
            guard.exit();
        }
    }

    /** Closes with the guard held by the caller (the owner, or the context). */
    void closeHeld() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.inproc().removeAll(this);
        for (Transport.Binding b : bindings.values()) {
            b.close();
        }
        for (Transport.Binding b : connections.values()) {
            b.close();
        }
        bindings.clear();
        connections.clear();
        boolean linger = options.getInt(Option.LINGER) != 0;
        for (PipeEnd p : pipes) {
            p.terminate(linger);
        }
        for (PipeEnd p : deferred) {
            p.terminate(false);
        }
        pipes.clear();
        deferred.clear();
        // Commands still queued (activations, attaches) now find the socket closed and do nothing
        // but terminate what they bring.
        mailbox.processAll();
        events.closeAll();
        ctx.socketClosed(this, options.getInt(Option.LINGER));
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return name;
    }
}
