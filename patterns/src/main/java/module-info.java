/** The eleven classic socket types and the routing strategies they share. */
module io.weft.patterns {
    requires io.weft.core;
    requires org.slf4j;

    provides io.weft.spi.SocketTypeProvider with io.weft.patterns.PatternsProvider;
}
