package io.weft.patterns;

import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/**
 * XSUB (RFC 29): receives everything its publishers send (fair-queued, unfiltered) and sends
 * subscriptions upstream as messages the application builds itself: {@code 0x01 + prefix} to
 * subscribe, {@code 0x00 + prefix} to cancel, each a single frame.
 *
 * <p>Subscriptions are remembered with a reference count and replayed to every publisher that
 * attaches later. Every subscribe goes upstream (an XPUB downstream of a proxy may want to see
 * repeats); a cancel goes only when the last reference to its prefix goes. Any other message is
 * passed upstream to all publishers as it is, as libzmq does. Sending never blocks: a publisher
 * whose queue is full misses that message (a subscription lost that way comes back only when
 * the publisher reconnects, as in libzmq).
 *
 * <p>SUB is this type with local filtering and the subscription API instead of sending.
 */
class XSub extends SocketPattern {
    static final byte SUBSCRIBE = 1;
    static final byte CANCEL = 0;

    private final FairQueue fq = new FairQueue();
    private final Distributor dist = new Distributor();
    private final SubscriptionTrie subscriptions = new SubscriptionTrie();
    /** For subscriptions replayed to one pipe. */
    private final Msg replay = new Msg();

    /** Sending: the message in progress is user data, passed on whole. */
    private boolean sendingData;

    XSub(SocketOptions options) {
        this(SocketType.XSUB, options);
    }

    protected XSub(SocketType type, SocketOptions options) {
        super(type, options);
    }

    @Override
    public void attach(Pipe pipe) {
        fq.attach(pipe);
        dist.attach(pipe);
        sendSubscriptions(pipe);
    }

    /** The publisher behind {@code pipe} reconnected and knows nothing: tell it everything again. */
    @Override
    public void hiccuped(Pipe pipe) {
        sendSubscriptions(pipe);
    }

    private void sendSubscriptions(Pipe pipe) {
        if (subscriptions.isEmpty()) {
            return;
        }
        subscriptions.forEach(prefix -> {
            byte[] body = new byte[prefix.length + 1];
            body[0] = SUBSCRIBE;
            System.arraycopy(prefix, 0, body, 1, prefix.length);
            replay.set(body, 0);
            pipe.write(replay); // at the HWM the subscription is lost for this pipe, as in libzmq
        });
        replay.clear();
        pipe.flush();
    }

    @Override
    public void readActivated(Pipe pipe) {
        fq.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        dist.activated(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        fq.terminated(pipe);
        dist.terminated(pipe);
    }

    /**
     * Sends a subscription message ({@code 0x01}/{@code 0x00} + prefix, one frame) or any other
     * message upstream. Never blocks.
     */
    @Override
    public boolean send(Msg msg) {
        if (!sendingData && !msg.hasMore() && isSubscription(msg.data())) {
            byte[] d = msg.data();
            if (d[0] == SUBSCRIBE) {
                subscriptions.add(d, 1, d.length - 1);
                dist.sendToAll(msg);
            } else if (subscriptions.remove(d, 1, d.length - 1)) {
                dist.sendToAll(msg);
            }
            return true;
        }
        sendingData = msg.hasMore();
        dist.sendToAll(msg);
        return true;
    }

    /** Whether a single frame with this body is a (un)subscription request. */
    static boolean isSubscription(byte[] body) {
        return body.length > 0 && (body[0] == SUBSCRIBE || body[0] == CANCEL);
    }

    /** Adds or cancels one reference to {@code topic} and tells the publishers (SUB's API). */
    final void subscription(byte[] topic, boolean add) {
        byte[] body = new byte[topic.length + 1];
        body[0] = add ? SUBSCRIBE : CANCEL;
        System.arraycopy(topic, 0, body, 1, topic.length);
        Msg msg = new Msg(body);
        if (add) {
            subscriptions.add(topic);
            dist.sendToAll(msg);
        } else if (subscriptions.remove(topic)) {
            dist.sendToAll(msg);
        }
    }

    /** Whether a message whose first frame is {@code data} is wanted (SUB's filter). */
    final boolean subscribed(byte[] data) {
        return subscriptions.matches(data);
    }

    /** Receives the next frame from any publisher, unfiltered. */
    @Override
    public boolean recv(Msg msg) {
        return fq.recv(msg);
    }

    /** For SUB's filter: the next frame from the fair queue. */
    final boolean recvRaw(Msg msg) {
        return fq.recv(msg);
    }

    @Override
    public boolean hasIn() {
        return fq.hasIn();
    }

    /** Subscriptions and messages can always be sent (dropped for full publishers). */
    @Override
    public boolean hasOut() {
        return true;
    }
}
