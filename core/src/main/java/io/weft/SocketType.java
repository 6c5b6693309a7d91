package io.weft;

import java.util.EnumSet;
import java.util.Set;

/**
 * The eleven classic socket types (RFC 28-31). Each constant knows its libzmq number, its name on
 * the wire (the ZMTP {@code Socket-Type} property, spelled exactly as libzmq matches it) and which
 * peer types it may talk to: an incompatible peer is refused, never half-served.
 */
public enum SocketType {
    PAIR(0), PUB(1), SUB(2), REQ(3), REP(4), DEALER(5), ROUTER(6), PULL(7), PUSH(8), XPUB(9), XSUB(10);

    private final int number;
    private Set<SocketType> peers;

    SocketType(int number) {
        this.number = number;
    }

    static {
        PAIR.peers = EnumSet.of(PAIR);
        PUB.peers = EnumSet.of(SUB, XSUB);
        SUB.peers = EnumSet.of(PUB, XPUB);
        XPUB.peers = EnumSet.of(SUB, XSUB);
        XSUB.peers = EnumSet.of(PUB, XPUB);
        REQ.peers = EnumSet.of(REP, ROUTER);
        REP.peers = EnumSet.of(REQ, DEALER);
        DEALER.peers = EnumSet.of(REP, DEALER, ROUTER);
        ROUTER.peers = EnumSet.of(REQ, DEALER, ROUTER);
        PUSH.peers = EnumSet.of(PULL);
        PULL.peers = EnumSet.of(PUSH);
    }

    /** The number libzmq gives this type ({@code ZMQ_PAIR} = 0 ... {@code ZMQ_XSUB} = 10). */
    public int number() {
        return number;
    }

    /** The {@code Socket-Type} metadata value sent in the ZMTP READY command. */
    public String wireName() {
        return name();
    }

    /** Whether a socket of this type may exchange messages with a peer of type {@code peer}. */
    public boolean isCompatibleWith(SocketType peer) {
        return peers.contains(peer);
    }

    /** The type whose {@link #wireName()} is exactly {@code name}, or {@code null}. */
    public static SocketType fromWireName(String name) {
        for (SocketType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
