package io.weft.spi;

import io.weft.SocketType;
import java.util.Set;

/**
 * Supplies socket-type implementations to the core, found with {@link java.util.ServiceLoader}
 * (module {@code io.weft.patterns} provides all eleven). The core itself knows no socket type.
 */
public interface SocketTypeProvider {
    /** The types this provider can create. */
    Set<SocketType> types();

    /** A new pattern for a socket of {@code type}. */
    SocketPattern create(SocketType type, SocketOptions options);
}
