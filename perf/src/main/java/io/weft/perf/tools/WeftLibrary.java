package io.weft.perf.tools;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Socket;
import io.weft.SocketType;
import org.HdrHistogram.Histogram;

/** Weft behind the perf tools: zero-copy {@code send(Msg)}/{@code recv(Msg)} with reused holders. */
final class WeftLibrary implements PerfLibrary {
    private final Context ctx = Context.create();

    @Override
    public PerfSocket socket(SocketType type) {
        return new WeftSocket(ctx.socket(type));
    }

    @Override
    public void close() {
        ctx.close();
    }

    private static final class WeftSocket implements PerfSocket {
        private final Socket socket;

        WeftSocket(Socket socket) {
            this.socket = socket;
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
                Msg msg = new Msg(body); // the same body every time: handed over, never modified
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
            Msg out = new Msg(new byte[size]);
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
