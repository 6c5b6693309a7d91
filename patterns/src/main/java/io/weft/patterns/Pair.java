package io.weft.patterns;

import io.weft.Msg;
import io.weft.SocketType;
import io.weft.spi.Pipe;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PAIR (RFC 31): an exclusive connection to one peer. A second peer is refused while the first is
 * connected. Sending blocks at the HWM.
 */
final class Pair extends SocketPattern {
    private static final Logger log = LoggerFactory.getLogger(Pair.class);

    private Pipe pipe;
    private boolean more;

    Pair(SocketOptions options) {
        super(SocketType.PAIR, options);
    }

    @Override
    public void attach(Pipe p) {
        if (pipe != null) {
            log.warn("PAIR already has a peer; refusing another ({})", p);
            p.terminate(false);
            return;
        }
        pipe = p;
    }

    @Override
    public void readActivated(Pipe p) {
        // Reading just retries the one pipe.
    }

    @Override
    public void writeActivated(Pipe p) {
        // Writing just retries the one pipe.
    }

    @Override
    public void terminated(Pipe p) {
        if (p == pipe) {
            pipe = null;
            more = false;
        }
    }

    @Override
    public boolean send(Msg msg) {
        if (pipe == null || !pipe.write(msg)) {
            return false;
        }
        if (!msg.hasMore()) {
            pipe.flush();
        }
        return true;
    }

    @Override
    public boolean recv(Msg msg) {
        return pipe != null && pipe.read(msg);
    }

    @Override
    public boolean hasIn() {
        return pipe != null && pipe.checkRead();
    }

    @Override
    public boolean hasOut() {
        return pipe != null && pipe.checkWrite();
    }
}
