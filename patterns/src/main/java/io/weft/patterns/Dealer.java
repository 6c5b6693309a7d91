package io.weft.patterns;

import io.weft.Msg;
import io.weft.Option;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/**
 * DEALER (RFC 28): round-robins outgoing messages over peers with room (blocking when all are
 * full) and fair-queues incoming ones, with no envelope handling of its own (libzmq's
 * {@code dealer.cpp}: {@link LoadBalancer} out, {@link FairQueue} in). With PROBE_ROUTER it sends
 * each new peer an empty message.
 */
final class Dealer extends SocketPattern {
    private final LoadBalancer lb = new LoadBalancer();
    private final FairQueue fq = new FairQueue();

    Dealer(SocketOptions options) {
        super(SocketType.DEALER, options);
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
        lb.terminated(pipe);
        fq.terminated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        return lb.send(msg);
    }

    @Override
    public boolean recv(Msg msg) {
        return fq.recv(msg);
    }

    @Override
    public boolean hasIn() {
        return fq.hasIn();
    }

    @Override
    public boolean hasOut() {
        return lb.hasOut();
    }
}
