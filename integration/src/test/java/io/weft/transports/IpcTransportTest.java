package io.weft.transports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.AddressInUseException;
import io.weft.Context;
import io.weft.InvalidEndpointException;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.WeftException;
import io.weft.transports.testkit.RawPeer;
import io.weft.transports.testkit.Wait;
import io.weft.transports.testkit.Wire;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ipc://}: real Unix domain sockets at file system paths. The socket file appears on bind and
 * goes on unbind or close; a stale file left by a dead process is replaced, a live one is not;
 * abstract names, paths too long and places the process may not write fail with a clear message.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class IpcTransportTest {

    @Test
    void bindCreatesARealUnixDomainSocketFile() throws IOException {
        String endpoint = Wire.IPC.unusedEndpoint();
        Path path = pathOf(endpoint);
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            assertEquals(endpoint, pull.bind(endpoint));
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            assertTrue(attrs.isOther(), "a socket file, neither regular file nor directory");
            // A plain JDK Unix domain socket reaches it, and ZMTP answers.
            try (RawPeer raw = RawPeer.connect(endpoint)) {
                assertEquals((byte) 0xFF, raw.read(1)[0]);
            }
        }
        assertFalse(Files.exists(path), "the socket file is removed when the socket closes");
    }

    @Test
    void wildcardBindsAFreshPathInTheTemporaryDirectory() {
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("ipc://*");
            Path path = pathOf(endpoint);
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), path.getParent(), endpoint);
            assertTrue(Files.exists(path));
            push.connect(endpoint);
            push.send("over a Unix domain socket");
            Wait.expect(pull, "over a Unix domain socket");
        }
    }

    @Test
    void socketFileIsRemovedOnUnbind() {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
            String endpoint = pull.bind("ipc://*");
            Path path = pathOf(endpoint);
            pull.unbind(endpoint);
            Wait.until("socket file " + path + " removed after unbind", () -> !Files.exists(path));
            assertEquals(endpoint, pull.bind(endpoint), "and the path can be bound again");
        }
    }

    @Test
    void socketFileIsRemovedOnClose() {
        Path path;
        try (Context ctx = Context.create()) {
            Socket pull = ctx.socket(SocketType.PULL);
            path = pathOf(pull.bind("ipc://*"));
            pull.close();
            Wait.until("socket file " + path + " removed after close", () -> !Files.exists(path));
        }
    }

    @Test
    void staleFileLeftByADeadProcessDoesNotBlockBind() throws IOException {
        String endpoint = Wire.IPC.unusedEndpoint();
        Path path = pathOf(endpoint);
        // What a process that died leaves behind: the socket file, with nobody accepting on it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "the stale socket file is there");
        try (Context ctx = Context.create();
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            assertEquals(endpoint, pull.bind(endpoint));
            push.connect(endpoint);
            push.send("through the replaced file");
            Wait.expect(pull, "through the replaced file");
        }
    }

    @Test
    void liveSocketFileIsNotTakenOver() {
        try (Context ctx = Context.create();
                Socket first = ctx.socket(SocketType.PULL);
                Socket second = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            String endpoint = first.bind("ipc://*");
            AddressInUseException e = assertThrows(AddressInUseException.class, () -> second.bind(endpoint));
            assertTrue(e.getMessage().contains(endpoint), e.getMessage());
            push.connect(endpoint);
            push.send("still the first");
            Wait.expect(first, "still the first");
        }
    }

    @Test
    void abstractNamesAreRefusedWithAClearError() {
        try (Context ctx = Context.create(); Socket s = ctx.socket(SocketType.PULL)) {
            for (String endpoint : new String[] {"ipc://@weft-abstract", "ipc://@"}) {
                InvalidEndpointException bind = assertThrows(InvalidEndpointException.class, () -> s.bind(endpoint));
                assertTrue(bind.getMessage().contains("abstract socket names are not supported"), bind.getMessage());
                assertTrue(bind.getMessage().contains("JDK"), "says why: " + bind.getMessage());
                InvalidEndpointException connect = assertThrows(InvalidEndpointException.class, () -> s.connect(endpoint));
                assertEquals(bind.getMessage(), connect.getMessage());
            }
            InvalidEndpointException e = assertThrows(InvalidEndpointException.class, () -> s.bind("ipc://@weft"));
            assertTrue(e.getMessage().contains("use a file system path such as ipc:///tmp/weft"), e.getMessage());
        }
    }

    @Test
    void pathTooLongFailsWithAClearMessage() {
        String endpoint = "ipc:///tmp/" + "x".repeat(120) + ".ipc";
        try (Context ctx = Context.create(); Socket s = ctx.socket(SocketType.PULL)) {
            InvalidEndpointException bind = assertThrows(InvalidEndpointException.class, () -> s.bind(endpoint));
            assertTrue(bind.getMessage().contains("path too long (129 bytes, at most 107 on Linux)"), bind.getMessage());
            assertThrows(InvalidEndpointException.class, () -> s.connect(endpoint));
        }
    }

    @Test
    void pathInADirectoryThatDoesNotExistFailsWithAClearMessage() {
        String endpoint = "ipc:///weft-no-such-directory/x.ipc";
        try (Context ctx = Context.create(); Socket s = ctx.socket(SocketType.PULL)) {
            WeftException e = assertThrows(WeftException.class, () -> s.bind(endpoint));
            assertFalse(e instanceof AddressInUseException, "not an address in use: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot bind " + endpoint + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        }
    }

    @Test
    void pathWhereTheProcessMayNotCreateAFileFailsWithAClearMessage() {
        // sysfs refuses new files even to root, so this holds whoever runs the tests.
        String endpoint = "ipc:///sys/weft-not-permitted.ipc";
        try (Context ctx = Context.create(); Socket s = ctx.socket(SocketType.PULL)) {
            WeftException e = assertThrows(WeftException.class, () -> s.bind(endpoint));
            assertFalse(e instanceof AddressInUseException, "not an address in use: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot bind " + endpoint + ": "), e.getMessage());
            assertFalse(Files.exists(Path.of("/sys/weft-not-permitted.ipc")));
        }
    }

    private static Path pathOf(String endpoint) {
        return Path.of(endpoint.substring("ipc://".length()));
    }
}
