package io.weft.patterns;

import io.weft.IllegalSocketStateException;
import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/** PULL (RFC 30): fair-queues messages from all connected PUSHes. */
final class Pull extends SocketPattern {
    private final FairQueue fq = new FairQueue();

    Pull(SocketOptions options) {
        super(SocketType.PULL, options);
    }

    @Override
    public void attach(Pipe pipe) {
        fq.attach(pipe);
    }

    @Override
    public void readActivated(Pipe pipe) {
        fq.activated(pipe);
    }

    @Override
    public void writeActivated(Pipe pipe) {
        // A PULL never writes.
    }

    @Override
    public void terminated(Pipe pipe) {
        fq.terminated(pipe);
    }

    @Override
    public boolean send(Msg msg) {
        throw new IllegalSocketStateException("a PULL socket cannot send (RFC 30)");
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
        return false;
    }
}
