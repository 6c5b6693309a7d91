package io.weft.transports;

import io.weft.AddressInUseException;
import io.weft.InvalidEndpointException;
import io.weft.spi.SocketOptions;
import io.weft.spi.StreamTransport;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ipc://}: real Unix domain sockets (JDK 16+ NIO), not TCP in disguise. The address is a
 * file system path; {@code ipc://*} binds a fresh path in the temporary directory. The socket file
 * is removed when the endpoint is unbound or the socket closed, and a stale file left by a process
 * that died does not block a new bind: it is detected (nobody accepts on it) and replaced.
 *
 * <p>Linux abstract names ({@code ipc://@name}) are refused with an explanation: the JDK's Unix
 * domain sockets cannot address the abstract namespace without native code.
 */
public final class IpcTransport extends StreamTransport {
    private static final Logger log = LoggerFactory.getLogger(IpcTransport.class);
    /** sun_path is 108 bytes on Linux, including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    @Override
    public String scheme() {
        return "ipc";
    }

    @Override
    public SocketAddress bindAddress(String address) {
        if (address.equals("*")) {
            Path p = Path.of(System.getProperty("java.io.tmpdir"), "weft-" + UUID.randomUUID() + ".ipc");
            return UnixDomainSocketAddress.of(p);
        }
        return parse(address);
    }

    @Override
    public SocketAddress connectAddress(String address) {
        return parse(address);
    }

    static UnixDomainSocketAddress parse(String address) {
        if (address.startsWith("@")) {
            throw new InvalidEndpointException("ipc://" + address + ": Linux abstract socket names are not supported "
                    + "(the JDK's Unix domain sockets cannot reach the abstract namespace without native code); "
                    + "use a file system path such as ipc:///tmp/" + address.substring(1));
        }
        int bytes = address.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new InvalidEndpointException("ipc://" + address + ": path too long (" + bytes + " bytes, at most "
                    + MAX_PATH_BYTES + " on Linux)");
        }
        try {
            return UnixDomainSocketAddress.of(address);
        } catch (InvalidPathException e) {
            throw new InvalidEndpointException("ipc://" + address + ": not a valid path (" + e.getReason() + ")", e);
        }
    }

    @Override
    public ServerSocketChannel openServer(SocketAddress address, SocketOptions options) throws IOException {
        UnixDomainSocketAddress a = (UnixDomainSocketAddress) address;
        try {
            return bindOnce(a);
        } catch (BindException e) {
            Path p = a.getPath();
            if (!Files.exists(p) || Files.isRegularFile(p) || Files.isDirectory(p) || isAlive(a)) {
                throw e; // only a socket file nobody accepts on is taken over, never a plain file
            }
            // A socket file nobody accepts on: left by a process that died. Replace it.
            log.info("ipc://{}: removing a stale socket file left by a dead process", a.getPath());
            Files.deleteIfExists(a.getPath());
            return bindOnce(a);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new AddressInUseException("ipc://" + a.getPath() + ": permission denied", e);
        }
    }

    private static ServerSocketChannel bindOnce(UnixDomainSocketAddress a) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(a);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static boolean isAlive(UnixDomainSocketAddress a) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(a);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public SocketChannel openClient(SocketAddress address) throws IOException {
        return SocketChannel.open(StandardProtocolFamily.UNIX);
    }

    @Override
    public String endpointOf(SocketAddress local) {
        return "ipc://" + ((UnixDomainSocketAddress) local).getPath();
    }

    @Override
    public void released(SocketAddress address) {
        try {
            Files.deleteIfExists(((UnixDomainSocketAddress) address).getPath());
        } catch (IOException e) {
            log.warn("could not remove socket file {}: {}", address, e.getMessage());
        }
    }
}
