package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/** PUSH (RFC 30): round-robins messages over connected PULLs with room; blocks when all are full. */
final class Push extends SocketPattern {
    private final LoadBalancer lb = new LoadBalancer();

    Push(SocketOptions options) {
        super(SocketType.PUSH, options);
    }

    @Override
    public void attach(Pipe pipe) {
        lb.attach(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        // A PUSH never reads.
    }

    @Override
    public void writeActivated(Pipe pipe) {
        lb.activated(pipe);
    }

    @Override
    public void terminated(Pipe pipe) {
        lb.terminated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        return lb.send(msg);
    }

    @Override
    public boolean recv(Msg msg) {
        throw new IllegalSocketStateException("a PUSH socket cannot receive (RFC 30)");
    }

    @Override
    public boolean hasIn() {
        return false;
    }

    @Override
    public boolean hasOut() {
        return lb.hasOut();
    }
}
