package io.weft.patterns;

import io.weft.SocketType;
import io.weft.spi.SocketOptions;
import io.weft.spi.SocketPattern;
import io.weft.spi.SocketTypeProvider;
import java.util.EnumSet;
import java.util.Set;

/** Provides the eleven classic socket types to the core (registered for {@link java.util.ServiceLoader}). */
public final class PatternsProvider implements SocketTypeProvider {
    @Override
    public Set<SocketType> types() {
        return EnumSet.allOf(SocketType.class);
    }

    @Override
    public SocketPattern create(SocketType type, SocketOptions options) {
        switch (type) {
            case PAIR:
                return new Pair(options);
            case PUSH:
                return new Push(options);
            case PULL:
                return new Pull(options);
            case PUB:
                return new Pub(options);
            case SUB:
                return new Sub(options);
            case XPUB:
                return new XPub(options);
            case XSUB:
                return new XSub(options);
            case REQ:
                return new Req(options);
            case REP:
                return new Rep(options);
            case DEALER:
                return new Dealer(options);
            case ROUTER:
                return new Router(options);
            default:
                throw new IllegalArgumentException("no pattern for " + type);
        }
    }
}
