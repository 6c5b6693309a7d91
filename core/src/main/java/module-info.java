/** Weft's core: the public API, the extension points, and the engine (internal). */
module io.weft.core {
    requires transitive org.slf4j;
    requires org.jctools.core;
    requires jdk.unsupported; // JCTools, an automatic module, uses sun.misc.Unsafe

    exports io.weft;
    exports io.weft.spi;
    // The engine is internal; the sibling modules that plug into it (and their tests) may see it.
    exports io.weft.internal to io.weft.transports, io.weft.patterns;
    exports io.weft.internal.io to io.weft.transports;
    exports io.weft.internal.pipe to io.weft.transports;
    exports io.weft.internal.zmtp to io.weft.transports;
    exports io.weft.internal.stream to io.weft.transports;

    uses io.weft.spi.SocketTypeProvider;
    uses io.weft.spi.Transport;
}
