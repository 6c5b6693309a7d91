/** Weft's core: the public API, the extension points, and the engine (internal). */
module io.weft.core {
    requires transitive org.slf4j;
    requires io.netty.buffer;
    requires io.netty.common;
    requires org.jctools.core;

    exports io.weft;
    exports io.weft.spi;

    uses io.weft.spi.SocketTypeProvider;
    uses io.weft.spi.Transport;
}
