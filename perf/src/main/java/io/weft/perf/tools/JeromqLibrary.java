package io.weft.perf.tools;

import io.weft.SocketType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.HdrHistogram.Histogram;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * JeroMQ 0.6.0 behind the perf tools, the baseline: {@code send(byte[])} (JeroMQ passes the array
 * by reference) and {@code recv()}. LINGER is -1, as libzmq's default, so that a closing sender
 * delivers what it queued.
 */
final class JeromqLibrary implements PerfLibrary {
    private final ZContext ctx = new ZContext();

    JeromqLibrary() {
        ctx.setLinger(-1); // ZContext would otherwise close its sockets with LINGER 0
    }

    /** The JeroMQ version on the class path, from its Maven metadata. */
    static String version() {
        try (InputStream in = ZMQ.class.getResourceAsStream("/META-INF/maven/org.zeromq/jeromq/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "?");
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    @Override
    public PerfSocket socket(SocketType type) {
        return new JeromqSocket(ctx.createSocket(org.zeromq.SocketType.valueOf(type.name())));
    }

    @Override
    public void close() {
        ctx.close();
    }

    private static final class JeromqSocket implements PerfSocket {
        private final ZMQ.Socket socket;

        JeromqSocket(ZMQ.Socket socket) {
            this.socket = socket;
        }

        @Override
        public String bind(String endpoint) {
            try {
                if (socket.bind(endpoint)) {
                    return socket.getLastEndpoint();
                }
            } catch (ZMQException e) {
                throw failed("bind", endpoint, e.getErrorCode(), e);
            }
            throw failed("bind", endpoint, socket.errno(), null);
        }

        @Override
        public void connect(String endpoint) {
            try {
                if (socket.connect(endpoint)) {
                    return;
                }
            } catch (ZMQException e) {
                throw failed("connect", endpoint, e.getErrorCode(), e);
            }
            throw failed("connect", endpoint, socket.errno(), null);
        }

        private static IllegalStateException failed(String what, String endpoint, int errno, Throwable cause) {
            String reason;
            try {
                reason = ZMQ.Error.findByCode(errno).getMessage();
            } catch (IllegalArgumentException unknown) {
                reason = "errno " + errno;
            }
            return new IllegalStateException(what + " failed: endpoint=" + endpoint + " (" + reason + ")", cause);
        }

        private byte[] next(int size) {
            byte[] m = socket.recv();
            if (m == null) {
                throw new IllegalStateException("recv returned nothing (errno=" + socket.errno() + ")");
            }
            if (m.length != size) {
                throw PerfSocket.wrongSize(m.length, size);
            }
            return m;
        }

        @Override
        public long receive(int size, int count) {
            next(size);
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                next(size);
            }
            return System.nanoTime() - start;
        }

        @Override
        public void send(int size, int count, boolean copy) {
            byte[] body = new byte[size];
            for (int i = 0; i < count; i++) {
                socket.send(body);
            }
        }

        @Override
        public void echo(int size, int count) {
            for (int i = 0; i < count; i++) {
                socket.send(next(size));
            }
        }

        @Override
        public long roundTrips(int size, int count, int warmup, Histogram roundTrips) {
            byte[] body = new byte[size];
            for (int i = 0; i < warmup; i++) {
                socket.send(body);
                next(size);
            }
            long start = System.nanoTime();
            long last = start;
            for (int i = 0; i < count; i++) {
                socket.send(body);
                next(size);
                long now = System.nanoTime();
                roundTrips.recordValue(now - last);
                last = now;
            }
            return last - start;
        }
    }
}
