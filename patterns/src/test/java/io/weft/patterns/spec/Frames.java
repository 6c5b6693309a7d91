package io.weft.patterns.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.Context;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import io.weft.internal.SocketBase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Multipart helpers for spec tests: send a message frame by frame, read a whole one back, find who got one. */
final class Frames {
    private Frames() {
    }

    /** A socket with LINGER 0, so a test may close it with messages still queued. */
    static Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.setOption(Option.LINGER, 0);
        return s;
    }

    /** Sends {@code frames} as one message (UTF-8), failing if any frame is refused. */
    static void send(Socket s, String... frames) {
        for (int i = 0; i < frames.length; i++) {
            boolean last = i == frames.length - 1;
            assertTrue(last ? s.send(frames[i]) : s.sendMore(frames[i]), "send of frame " + i + " on " + s);
        }
    }

    /** Sends a message whose first frame is binary (a routing id) and the rest UTF-8. */
    static void send(Socket s, byte[] first, String... rest) {
        assertTrue(rest.length == 0 ? s.send(first) : s.sendMore(first), "send of first frame on " + s);
        send(s, rest);
    }

    /** Receives one whole message (every frame up to the last) as UTF-8 strings, within the deadline. */
    static List<String> recv(Socket s) {
        List<String> frames = new ArrayList<>();
        for (byte[] f : recvBytes(s)) {
            frames.add(new String(f, StandardCharsets.UTF_8));
        }
        return frames;
    }

    /** Receives one whole message as raw frames, within the deadline. */
    static List<byte[]> recvBytes(Socket s) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(Await.recv(s));
        while (s.hasMore()) {
            frames.add(Await.recv(s));
        }
        return frames;
    }

    /** The rest of a message whose first frame {@code first} was just received from {@code s}. */
    private static List<String> rest(Socket s, byte[] first) {
        List<String> frames = new ArrayList<>();
        frames.add(new String(first, StandardCharsets.UTF_8));
        while (s.hasMore()) {
            frames.add(Await.recvString(s));
        }
        return frames;
    }

    /** Which of {@code sockets} received the next message, and what it was. */
    record Received(int index, List<String> frames) {
    }

    /** Waits until one of {@code sockets} receives a message and returns which, with the message. */
    static Received recvAny(Socket... sockets) {
        Received[] got = new Received[1];
        Await.until("a message on one of " + sockets.length + " sockets", () -> {
            for (int i = 0; i < sockets.length; i++) {
                byte[] b = sockets[i].tryRecv();
                if (b != null) {
                    got[0] = new Received(i, rest(sockets[i], b));
                    return true;
                }
            }
            return false;
        });
        return got[0];
    }

    /** Peers attached to {@code s} right now (after its pending commands ran). */
    static int peers(Socket s) {
        return ((SocketBase) s).peerCount();
    }
}
