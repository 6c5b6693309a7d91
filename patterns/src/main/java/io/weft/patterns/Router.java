package io.weft.patterns;

import io.weft.HostUnreachableException;
import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketType;
import io.weft.patterns.RoutingTable.Route;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ROUTER (RFC 28): names every peer by a routing id and routes by it, as libzmq's
 * {@code router.cpp} does.
 *
 * <ul>
 *   <li>A peer's id is its ROUTING_ID if it set one and no other peer holds it, else a generated
 *       one ({@link RoutingTable#generate}). A peer claiming an id in use is refused (its pipe is
 *       closed) unless ROUTER_HANDOVER, which gives the id to the newcomer and closes the old
 *       pipe once anything it had sent and we started reading is read.</li>
 *   <li>Receiving fair-queues whole messages and puts a frame with the source's id in front.</li>
 *   <li>Sending takes the first frame as the id and sends the rest to that peer. An unknown id, or
 *       a peer at its HWM, drops the message; with ROUTER_MANDATORY an unknown id throws
 *       {@link HostUnreachableException} and a full peer makes the send wait (or
 *       {@code trySend} return false). Nothing of such a message is sent.</li>
 *   <li>PROBE_ROUTER sends each new peer an empty message.</li>
 * </ul>
 */
final class Router extends SocketPattern {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RoutingTable table = new RoutingTable();
    private final FairQueue fq = new FairQueue();

    /** The first frame of the message being received, held back while its id frame is delivered. */
    private final Msg prefetched = new Msg();
    private boolean prefetchedReady;
    private boolean moreIn;
    private Pipe currentIn;
    /** A handed-over pipe in the middle of being read: close it when its message ends. */
    private boolean terminateCurrentIn;

    private boolean moreOut;
    private Pipe currentOut;

    Router(SocketOptions options) {
        super(SocketType.ROUTER, options);
    }

    @Override
    public void attach(Pipe pipe) {
        if (options.getBool(Option.PROBE_ROUTER)) {
            Probe.send(pipe);
        }
        if (claim(pipe, pipe.peerRoutingId(), true)) {
            fq.attach(pipe);
        } else {
            pipe.terminate(false);
        }
    }

    /** An inproc connect made before its bind has learnt the peer's ROUTING_ID: route by it from now on. */
    @Override
    public void peerRoutingIdKnown(Pipe pipe) {
        Object attached = pipe.attachment();
        byte[] id = pipe.peerRoutingId();
        if (!(attached instanceof Route) || id == null || Arrays.equals(id, pipe.routingId())) {
            return;
        }
        Route provisional = (Route) attached;
        table.remove(provisional);
        if (!claim(pipe, id, provisional.writable)) {
            terminated(pipe);
            pipe.terminate(false);
        }
    }

    /**
     * Registers {@code pipe} under the id its peer asked for, or a generated one if none; false if
     * the id is taken and ROUTER_HANDOVER is off (the caller then closes the pipe).
     */
    private boolean claim(Pipe pipe, byte[] id, boolean writable) {
        if (id == null || id.length == 0) {
            id = table.generate();
        } else {
            Route old = table.get(id);
            if (old != null) {
                if (!options.getBool(Option.ROUTER_HANDOVER)) {
                    log.warn("ROUTER refused a peer: routing id {} is already in use by another peer ({}); "
                            + "set ROUTER_HANDOVER to let the newcomer take it over", RoutingTable.show(id), pipe);
                    return false;
                }
                handOver(old);
            }
        }
        table.put(id, pipe).writable = writable;
        return true;
    }

    /** Takes {@code old}'s id away and closes its pipe (after the message being read from it, if any). */
    private void handOver(Route old) {
        log.debug("ROUTER_HANDOVER: routing id {} moves to a new peer; closing {}", old.key, old.pipe);
        table.remove(old);
        old.pipe.routingId(null);
        if (old.pipe == currentOut) {
            currentOut.rollback();
            currentOut = null;
        }
        if (old.pipe == currentIn && moreIn) {
            terminateCurrentIn = true;
            return;
        }
        fq.terminated(old.pipe);
        old.pipe.terminate(true);
    }

    @Override
    public void readActivated(Pipe pipe) {
        fq.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        Object route = pipe.attachment();
        if (route instanceof Route) {
            ((Route) route).writable = true;
        }
    }

    @Override
    public void terminated(Pipe pipe) {
        Object route = pipe.attachment();
        if (route instanceof Route) {
            table.remove((Route) route);
        }
        fq.terminated(pipe);
        if (pipe == currentOut) {
            currentOut = null; // the rest of the message is dropped
        }
        if (pipe == currentIn) {
            currentIn = null;
            terminateCurrentIn = false;
        }
    }

    @Override
    public boolean send(Msg msg) {
        if (!moreOut) {
            return route(msg);
        }
        moreOut = msg.hasMore();
        if (currentOut != null) {
            if (!currentOut.write(msg)) {
                // Room was checked on the id frame, so the peer is closing: drop the message.
                currentOut.rollback();
                currentOut = null;
            } else if (!moreOut) {
                currentOut.flush();
                currentOut = null;
            }
        }
        return true;
    }

    /** Handles the id frame of a new message: picks the pipe, or decides to drop, wait or throw. */
    private boolean route(Msg idFrame) {
        if (!idFrame.hasMore()) {
            return true; // a lone id, no message: nothing to route (libzmq ignores it too)
        }
        boolean mandatory = options.getBool(Option.ROUTER_MANDATORY);
        Route r = table.get(idFrame.data());
        if (r == null) {
            if (mandatory) {
                throw new HostUnreachableException("ROUTER_MANDATORY is set and no connected peer has routing id="
                        + RoutingTable.show(idFrame.data()) + " (" + table.size() + " peers connected); nothing was sent");
            }
            moreOut = true; // drop the whole message
            return true;
        }
        if (!r.writable || !r.pipe.checkWrite()) {
            r.writable = false;
            if (mandatory) {
                return false; // would block until that peer drains
            }
            moreOut = true; // at its HWM: drop the whole message
            return true;
        }
        currentOut = r.pipe;
        moreOut = true;
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        if (prefetchedReady) {
            msg.set(prefetched.data(), prefetched.flags());
            prefetched.clear();
            prefetchedReady = false;
            endOfFrame(msg);
            return true;
        }
        if (moreIn) {
            if (fq.recvPipe(msg) == null) {
                return false;
            }
            endOfFrame(msg);
            return true;
        }
        Pipe p = fq.recvPipe(prefetched);
        if (p == null) {
            return false;
        }
        prefetchedReady = true;
        currentIn = p;
        moreIn = true;
        // A copy: the body handed to the application is its own, and the table's id must not change.
        msg.set(p.routingId().clone(), Msg.MORE);
        return true;
    }

    private void endOfFrame(Msg msg) {
        moreIn = msg.hasMore();
        if (!moreIn) {
            if (terminateCurrentIn && currentIn != null) {
                fq.terminated(currentIn);
                currentIn.terminate(true);
            }
            terminateCurrentIn = false;
            currentIn = null;
        }
    }

    @Override
    public boolean hasIn() {
        return moreIn || fq.hasIn();
    }

    @Override
    public boolean hasOut() {
        if (!options.getBool(Option.ROUTER_MANDATORY)) {
            return true; // libzmq: whether a send succeeds depends on where it goes
        }
        for (Route r : table.routes()) {
            if (r.writable) {
                if (r.pipe.checkWrite()) {
                    return true;
                }
                r.writable = false;
            }
        }
        return false;
    }
}
