package io.weft.internal;

import io.weft.InvalidEndpointException;
import io.weft.SocketType;
import io.weft.WeftException;
import io.weft.spi.SocketTypeProvider;
import io.weft.spi.Transport;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds socket types and transports with {@link ServiceLoader}, once per JVM, the way JDBC finds
 * drivers: the core knows neither, and a missing module is named in the error.
 */
public final class Providers {
    private static volatile Providers instance;

    private final Map<SocketType, SocketTypeProvider> socketTypes = new EnumMap<>(SocketType.class);
    private final Map<String, Transport> transports = new HashMap<>();

    private Providers(ClassLoader loader) {
        for (SocketTypeProvider p : ServiceLoader.load(SocketTypeProvider.class, loader)) {
            for (SocketType t : p.types()) {
                socketTypes.putIfAbsent(t, p);
            }
        }
        for (Transport t : ServiceLoader.load(Transport.class, loader)) {
            transports.putIfAbsent(t.scheme(), t);
        }
    }

    public static Providers get() {
        Providers p = instance;
        if (p == null) {
            synchronized (Providers.class) {
                p = instance;
                if (p == null) {
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    instance = p = new Providers(cl != null ? cl : Providers.class.getClassLoader());
                }
            }
        }
        return p;
    }

    public SocketTypeProvider socketType(SocketType type) {
        SocketTypeProvider p = socketTypes.get(type);
        if (p == null) {
            throw new WeftException("no implementation of socket type " + type
                    + " found: add the weft-patterns module (io.weft:weft-patterns) to the class or module path");
        }
        return p;
    }

    public Transport transport(String scheme) {
        Transport t = transports.get(scheme);
        if (t == null) {
            String module = scheme.equals("tcp") || scheme.equals("ipc") || scheme.equals("udp") || scheme.equals("epgm")
                    || scheme.equals("pgm") ? "weft-transports (io.weft:weft-transports)" : "one that provides it";
            throw new InvalidEndpointException("no transport for scheme '" + scheme + "': add " + module
                    + " to the class or module path");
        }
        return t;
    }
}
