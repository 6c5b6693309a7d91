package io.weft.spi;

import io.weft.SocketType;

/**
 * What a socket offers the transports it binds and connects with: its type and options. The
 * wire issue grows this into the session hooks a stream engine needs.
 */
public interface TransportSite {
    SocketType socketType();

    SocketOptions options();
}
