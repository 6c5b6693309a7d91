package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketType;
import io.weft.spi.SocketOptions;

/**
 * SUB (RFC 29): receives, fair-queued, the messages of its publishers whose first frame starts
 * with one of its subscriptions. {@link io.weft.Socket#subscribe} adds a reference to a prefix and
 * tells every publisher ({@code 0x01 + prefix}); {@link io.weft.Socket#unsubscribe} drops one, and
 * the cancel ({@code 0x00 + prefix}) goes upstream only with the last reference. A publisher that
 * attaches later is sent every current subscription.
 *
 * <p>Publishers filter already, but a SUB filters again on arrival (a publisher may send before
 * it has seen a cancel): a message whose first frame matches nothing is dropped whole. With
 * {@link Option#INVERT_MATCHING} it is the other way round: only non-matching messages arrive.
 * A SUB cannot send.
 */
final class Sub extends XSub {
    /** A matching first frame read ahead by {@link #hasIn()}. */
    private final Msg ahead = new Msg();
    private boolean hasAhead;
    /** Receiving: the frames after a delivered first frame belong to the same message. */
    private boolean more;

    Sub(SocketOptions options) {
        super(SocketType.SUB, options);
    }

    @Override
    public void subscribe(byte[] topic, boolean add) {
        subscription(topic, add);
    }

    @Override
    public boolean send(Msg msg) {
        throw new IllegalSocketStateException("a SUB socket cannot send (RFC 29); use subscribe/unsubscribe, "
                + "or an XSUB socket to send subscriptions and messages upstream");
    }

    @Override
    public boolean recv(Msg msg) {
        if (hasAhead) {
            msg.set(ahead.data(), ahead.flags());
            ahead.clear();
            hasAhead = false;
            more = msg.hasMore();
            return true;
        }
        if (more) {
            if (!recvRaw(msg)) {
                return false;
            }
            more = msg.hasMore();
            return true;
        }
        if (!nextWanted(msg)) {
            return false;
        }
        more = msg.hasMore();
        return true;
    }

    @Override
    public boolean hasIn() {
        if (more || hasAhead) {
            return true;
        }
        hasAhead = nextWanted(ahead);
        return hasAhead;
    }

    @Override
    public boolean hasOut() {
        return false;
    }

    /** Reads first frames until one is wanted, dropping unwanted messages whole. */
    private boolean nextWanted(Msg msg) {
        boolean invert = options.getBool(Option.INVERT_MATCHING);
        while (recvRaw(msg)) {
            if (subscribed(msg.data()) != invert) {
                return true;
            }
            // Whole messages are published at once: the rest of this one is already queued.
            while (msg.hasMore() && recvRaw(msg)) {
                // dropped
            }
        }
        msg.clear();
        return false;
    }
}
