package io.weft.transports;

import io.weft.Option;
import io.weft.spi.SocketOptions;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies libzmq's TCP_KEEPALIVE* options to a channel; -1 leaves the system's setting. */
final class TcpKeepalive {
    private static final Logger log = LoggerFactory.getLogger(TcpKeepalive.class);

    private TcpKeepalive() {
    }

    static void apply(SocketChannel ch, SocketOptions o) throws IOException {
        int on = o.get(Option.TCP_KEEPALIVE);
        if (on >= 0) {
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, on == 1);
        }
        if (on == 1) {
            set(ch, ExtendedSocketOptions.TCP_KEEPIDLE, o.get(Option.TCP_KEEPALIVE_IDLE));
            set(ch, ExtendedSocketOptions.TCP_KEEPCOUNT, o.get(Option.TCP_KEEPALIVE_CNT));
            set(ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, o.get(Option.TCP_KEEPALIVE_INTVL));
        }
    }

    private static void set(SocketChannel ch, SocketOption<Integer> option, int value) throws IOException {
        if (value < 0) {
            return;
        }
        if (ch.supportedOptions().contains(option)) {
            ch.setOption(option, value);
        } else {
            log.debug("{} is not supported on this platform; left at the system default", option.name());
        }
    }
}
