package io.weft.patterns;

import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;

/** PLACEHOLDER: PUB is being implemented; replace this whole file. */
final class Pub extends SocketPattern {
    Pub(SocketOptions options) {
        super(SocketType.PUB, options);
    }

    @Override
    public void attach(Pipe pipe) {
        throw new UnsupportedOperationException("PUB not implemented yet");
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
        throw new UnsupportedOperationException("PUB not implemented yet");
    }

    @Override
    public boolean recv(Msg msg) {
        throw new UnsupportedOperationException("PUB not implemented yet");
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
