package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.SocketOptions;

/**
 * PUB (RFC 29): sends each message, whole, to every subscriber with a matching subscription, and
 * never blocks: a subscriber whose queue is at its HWM silently misses the message while the
 * others get it. Subscriptions arriving from subscribers are applied, never shown to the
 * application; anything else subscribers send is discarded. A PUB cannot receive.
 *
 * <p>This is an {@link XPub} that keeps its subscriptions to itself (as libzmq's {@code pub} is
 * an {@code xpub}).
 */
final class Pub extends XPub {
    Pub(SocketOptions options) {
        super(SocketType.PUB, options);
    }

    @Override
    public boolean recv(Msg msg) {
        throw new IllegalSocketStateException("a PUB socket cannot receive (RFC 29); use an XPUB socket "
                + "to receive subscriptions");
    }

    @Override
    public void subscribe(byte[] topic, boolean add) {
        throw new IllegalArgumentException("a PUB socket has no subscriptions of its own: its subscribers' arrive "
                + "by themselves (an XPUB with XPUB_MANUAL=true applies them itself with subscribe/unsubscribe)");
    }

    @Override
    public boolean hasIn() {
        return false;
    }
}
