package io.weft.internal;

import io.weft.InvalidEndpointException;
import java.util.Set;

/** A parsed endpoint: {@code scheme://address}. */
public record Endpoint(String scheme, String address) {
    /** Schemes a Weft or libzmq user may write; the ones without a transport get a helpful error. */
    static final Set<String> KNOWN = Set.of("inproc", "ipc", "tcp", "udp", "pgm", "epgm", "norm", "ws", "wss", "tipc",
            "vmci");

    public static Endpoint parse(String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw new InvalidEndpointException("endpoint is empty (expected: scheme://address, e.g. tcp://127.0.0.1:5555)");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new InvalidEndpointException("'" + endpoint + "' is not an endpoint (expected: scheme://address, "
                    + "e.g. inproc://name or tcp://127.0.0.1:5555)");
        }
        String scheme = endpoint.substring(0, sep);
        String address = endpoint.substring(sep + 3);
        if (!KNOWN.contains(scheme)) {
            throw new InvalidEndpointException("unknown transport '" + scheme + "' in '" + endpoint
                    + "' (expected one of: inproc, ipc, tcp)");
        }
        if (address.isEmpty()) {
            throw new InvalidEndpointException("'" + endpoint + "' has no address after '" + scheme + "://'");
        }
        return new Endpoint(scheme, address);
    }

    @Override
    public String toString() {
        return scheme + "://" + address;
    }
}
