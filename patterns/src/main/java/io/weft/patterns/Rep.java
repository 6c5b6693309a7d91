package io.weft.patterns;

import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/** PLACEHOLDER: REP is being implemented; replace this whole file. */
final class Rep extends SocketPattern {
    Rep(SocketOptions options) {
        super(SocketType.REP, options);
    }

    @Override
    public void attach(Pipe pipe) {
        throw new UnsupportedOperationException("REP not implemented yet");
    }

    @Override
    public void readActivated(Pipe pipe) {
    }

    @Override
    public void writeActivated(Pipe pipe) {
    }

    @Override
    public void terminated(Pipe pipe) {
    }

    @Override
    public boolean send(Msg msg) {
        throw new UnsupportedOperationException("REP not implemented yet");
    }

    @Override
    public boolean recv(Msg msg) {
        throw new UnsupportedOperationException("REP not implemented yet");
    }

    @Override
    public boolean hasIn() {
        return false;
    }

    @Override
    public boolean hasOut() {
        return false;
    }
}
