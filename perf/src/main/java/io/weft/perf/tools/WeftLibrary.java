package io.weft.perf.tools;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/**
 * Weft behind the perf tools: zero-copy {@code send(Msg)}/{@code recv(Msg)} with reused holders.
 * With {@code direct}, bodies live in direct memory: each sent body is one direct buffer handed over,
 * and sockets set {@link Option#ZERO_COPY_RECV}, so a large frame is read from the socket straight
 * into a pooled buffer, given back when the holder receives the next one.
 */
final class WeftLibrary implements PerfLibrary {
    private final Context ctx = Context.create();
    private final boolean direct;

    WeftLibrary(boolean direct) {
        this.direct = direct;
    }

    @Override
    public PerfSocket socket(SocketType type) {
        Socket s = ctx.socket(type);
        if (direct) {
            s.setOption(Option.ZERO_COPY_RECV, true);
        }
        return new WeftSocket(s, direct);
    }

    @Override
    public void close() {
        ctx.close();
    }

    private static final class WeftSocket implements PerfSocket {
        private final Socket socket;
        private final boolean direct;

        WeftSocket(Socket socket, boolean direct) {
            this.socket = socket;
            this.direct = direct;
        }

        /** A message of {@code size} zero bytes, in a direct buffer or an array. */
        private Msg body(int size) {
            return direct ? new Msg(ByteBuffer.allocateDirect(size)) : new Msg(new byte[size]);
        }

        @Override
        public String bind(String endpoint) {
            return socket.bind(endpoint);
        }

        @Override
        public void connect(String endpoint) {
            socket.connect(endpoint);
        }

        private void next(Msg into, int size) {
            if (!socket.recv(into)) {
                throw new IllegalStateException("recv returned nothing (RCVTIMEO expired)");
            }
            if (into.size() != size) {
                throw PerfSocket.wrongSize(into.size(), size);
            }
        }

        @Override
        public long receive(int size, int count) {
            Msg msg = new Msg();
            next(msg, size);
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                next(msg, size);
            }
            return System.nanoTime() - start;
        }

        @Override
        public void send(int size, int count, boolean copy) {
            byte[] body = new byte[size];
            if (copy) {
                for (int i = 0; i < count; i++) {
                    socket.send(body);
                }
            } else {
                Msg msg = body(size); // the same body every time: handed over, never modified
                for (int i = 0; i < count; i++) {
                    socket.send(msg);
                }
            }
        }

        @Override
        public void echo(int size, int count) {
            Msg msg = new Msg();
            for (int i = 0; i < count; i++) {
                next(msg, size);
                socket.send(msg);
            }
        }

        @Override
        public long roundTrips(int size, int count, int warmup, Histogram roundTrips) {
            Msg out = body(size);
            Msg in = new Msg();
            for (int i = 0; i < warmup; i++) {
                socket.send(out);
                next(in, size);
            }
            long start = System.nanoTime();
            long last = start;
            for (int i = 0; i < count; i++) {
                socket.send(out);
                next(in, size);
                long now = System.nanoTime();
                roundTrips.recordValue(now - last);
                last = now;
            }
            return last - start;
        }
    }
}
