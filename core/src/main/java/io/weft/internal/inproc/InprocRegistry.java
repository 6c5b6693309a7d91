package io.weft.internal.inproc;

import io.weft.AddressInUseException;
import io.weft.IncompatiblePeerException;
import io.weft.Option;
import io.weft.internal.SocketBase;
import io.weft.internal.pipe.PipeEnd;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inproc://} names of one context. A connect to a bound name creates a pipe straight
 * between the two sockets (no I/O thread, no copy); a connect to a name not bound yet is kept
 * pending, its pipe already usable on the connecting side, and completed when the bind comes.
 *
 * <p>Bind, connect and close of sockets from different threads meet only here, under this
 * object's lock; everything after that goes by commands.
 */
public final class InprocRegistry {
    private static final Logger log = LoggerFactory.getLogger(InprocRegistry.class);

    private record Pending(SocketBase connector, PipeEnd connectorEnd, PipeEnd binderEnd) {
    }

    private final Map<String, SocketBase> bound = new HashMap<>();
    private final Map<String, List<Pending>> pending = new HashMap<>();

    /** Binds {@code name} to {@code binder} and completes connects that waited for it. Binder's thread. */
    public synchronized void bind(String name, SocketBase binder) {
        if (bound.containsKey(name)) {
            throw new AddressInUseException("inproc://" + name + " is already bound in this context");
        }
        bound.put(name, binder);
        List<Pending> waiting = pending.remove(name);
        if (waiting == null) {
            return;
        }
        for (Pending p : waiting) {
            if (!p.connector.type().isCompatibleWith(binder.type())) {
                log.warn("inproc://{}: refusing a {} peer for a {} socket (incompatible socket types)", name,
                        p.connector.type(), binder.type());
                p.binderEnd.owner(binder);
                p.binderEnd.terminate(false);
                continue;
            }
            p.binderEnd.owner(binder);
            p.binderEnd.peerRoutingId(p.connector.optionStore().peek(Option.ROUTING_ID));
            byte[] binderId = binder.optionStore().peek(Option.ROUTING_ID);
            p.connector.mailbox().send(() -> p.connector.inprocBound(p.connectorEnd, binderId));
            binder.attachPipe(p.binderEnd, "inproc://" + name);
        }
    }

    /** Connects {@code connector} to {@code name}, now or when it is bound. Connector's thread. */
    public synchronized void connect(String name, SocketBase connector, String endpoint) {
        SocketBase binder = bound.get(name);
        int cSnd = connector.optionStore().peek(Option.SNDHWM);
        int cRcv = connector.optionStore().peek(Option.RCVHWM);
        if (binder == null) {
            // Peer HWMs unknown yet: count both directions against the connector's own, as libzmq does.
            boolean conflate = conflates(connector);
            PipeEnd[] ends = PipeEnd.pair(PipeEnd.combinedHwm(cSnd, cRcv), PipeEnd.combinedHwm(cSnd, cRcv), conflate,
                    conflate);
            ends[0].owner(connector);
            ends[0].endpoint(endpoint);
            pending.computeIfAbsent(name, k -> new ArrayList<>()).add(new Pending(connector, ends[0], ends[1]));
            connector.connectPending(ends[0]);
            return;
        }
        if (!connector.type().isCompatibleWith(binder.type())) {
            throw new IncompatiblePeerException("cannot connect a " + connector.type() + " socket to inproc://" + name
                    + ", which is a " + binder.type() + " socket (compatible peers: " + compatibleWith(connector) + ")");
        }
        int bSnd = binder.optionStore().peek(Option.SNDHWM);
        int bRcv = binder.optionStore().peek(Option.RCVHWM);
        // A direction keeps only the newest message if its writer or its reader asked for CONFLATE.
        boolean conflate = conflates(connector) || conflates(binder);
        PipeEnd[] ends = PipeEnd.pair(PipeEnd.combinedHwm(cSnd, bRcv), PipeEnd.combinedHwm(bSnd, cRcv), conflate,
                conflate);
        ends[0].owner(connector);
        ends[1].owner(binder);
        ends[0].peerRoutingId(binder.optionStore().peek(Option.ROUTING_ID));
        ends[1].peerRoutingId(connector.optionStore().peek(Option.ROUTING_ID));
        String bindEndpoint = "inproc://" + name;
        binder.mailbox().send(() -> binder.attachPipe(ends[1], bindEndpoint));
        connector.attachPipe(ends[0], endpoint);
    }

    private static boolean conflates(SocketBase s) {
        return Option.CONFLATE.appliesTo(s.type()) && s.optionStore().peek(Option.CONFLATE);
    }

    private static String compatibleWith(SocketBase s) {
        StringBuilder sb = new StringBuilder();
        for (io.weft.SocketType t : io.weft.SocketType.values()) {
            if (s.type().isCompatibleWith(t)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(t);
            }
        }
        return sb.toString();
    }

    /** Releases {@code name} if {@code binder} holds it; returns whether it did. */
    public synchronized boolean unbind(String name, SocketBase binder) {
        return bound.remove(name, binder);
    }

    /** Drops a connect still waiting for its bind; returns whether one was found. */
    public synchronized boolean cancelPending(String name, PipeEnd connectorEnd) {
        List<Pending> list = pending.get(name);
        if (list == null) {
            return false;
        }
        boolean removed = list.removeIf(p -> p.connectorEnd == connectorEnd);
        if (list.isEmpty()) {
            pending.remove(name);
        }
        return removed;
    }

    /** Forgets every bind and pending connect of a closing socket. */
    public synchronized void removeAll(SocketBase socket) {
        bound.values().removeIf(s -> s == socket);
        for (Iterator<List<Pending>> it = pending.values().iterator(); it.hasNext();) {
            List<Pending> list = it.next();
            list.removeIf(p -> p.connector == socket);
            if (list.isEmpty()) {
                it.remove();
            }
        }
    }
}
