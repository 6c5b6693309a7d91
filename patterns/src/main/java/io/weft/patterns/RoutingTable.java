package io.weft.patterns;

import io.weft.spi.Pipe;
import java.util.Collection;
import java.util.HashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A ROUTER's directory: routing id to {@link Route}, with the ids it makes up for peers that did
 * not name themselves. Generated ids follow libzmq: five bytes, a zero byte then a 32-bit counter
 * (big-endian) that starts at a random value; a user-chosen ROUTING_ID can never start with a zero
 * byte, so the two never clash. Lookups by {@code byte[]} allocate nothing. Owner thread only.
 */
final class RoutingTable {
    /** One routed peer: its pipe, its id, and whether it may be written to (false from a refusal at the HWM until its activation). */
    static final class Route {
        final Pipe pipe;
        final RoutingKey key;
        boolean writable = true;

        Route(Pipe pipe, RoutingKey key) {
            this.pipe = pipe;
            this.key = key;
        }
    }

    private final HashMap<RoutingKey, Route> routes = new HashMap<>();
    private final RoutingKey probe = new RoutingKey(new byte[0]);
    private int nextId = ThreadLocalRandom.current().nextInt();

    /** The route for {@code id}, or null. Allocates nothing. */
    Route get(byte[] id) {
        Route r = routes.get(probe.point(id));
        probe.point(null);
        return r;
    }

    /** Registers {@code pipe} under {@code id} (which must be free) and records the id on the pipe. */
    Route put(byte[] id, Pipe pipe) {
        Route r = new Route(pipe, new RoutingKey(id));
        routes.put(r.key, r);
        pipe.routingId(id);
        pipe.attachment(r);
        return r;
    }

    /** Forgets {@code route} if it is still the one registered under its id. */
    void remove(Route route) {
        routes.remove(route.key, route);
    }

    /** A fresh libzmq-style id ({@code 0x00} + 32-bit counter) that no peer holds now. */
    byte[] generate() {
        while (true) {
            int n = nextId++;
            byte[] id = {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            if (get(id) == null) {
                return id;
            }
        }
    }

    Collection<Route> routes() {
        return routes.values();
    }

    int size() {
        return routes.size();
    }

    /** A routing id for messages and logs: printable text as is, anything else in hex. */
    static String show(byte[] id) {
        if (id == null) {
            return "null";
        }
        boolean printable = id.length > 0;
        for (byte b : id) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        if (printable) {
            return "'" + new String(id, java.nio.charset.StandardCharsets.US_ASCII) + "'";
        }
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : id) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
