/** The network transports: tcp:// and ipc:// (Unix domain sockets), found by ServiceLoader. */
module io.weft.transports {
    requires io.weft.core;
    requires org.slf4j;
    requires jdk.net;

    provides io.weft.spi.Transport with io.weft.transports.TcpTransport, io.weft.transports.IpcTransport;
}
