package io.weft.spi;

import io.weft.Option;

/** A read-only view of a socket's options, for socket types and transports. Owner thread only. */
public interface SocketOptions {
    <T> T get(Option<T> option);

    default int getInt(Option<Integer> option) {
        return get(option);
    }

    default boolean getBool(Option<Boolean> option) {
        return get(option);
    }
}
