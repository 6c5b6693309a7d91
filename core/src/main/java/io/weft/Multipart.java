package io.weft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A whole multipart message as a list of frames, with the envelope operations routing sockets need:
 * a ROUTER prefixes the sender's routing id, REQ/REP put an empty delimiter frame between the
 * envelope and the body. {@link #unwrap()} takes the envelope off, {@link #wrap(Multipart)} puts one on.
 *
 * <p>Not thread-safe. Frames are held, not copied.
 */
public final class Multipart implements Iterable<byte[]> {
    private final ArrayList<byte[]> frames = new ArrayList<>();

    /** A message of the given frames. */
    public static Multipart of(byte[]... frames) {
        Multipart m = new Multipart();
        for (byte[] f : frames) {
            m.add(f);
        }
        return m;
    }

    /** A message of the given UTF-8 frames. */
    public static Multipart of(String... frames) {
        Multipart m = new Multipart();
        for (String f : frames) {
            m.add(f);
        }
        return m;
    }

    /**
     * Receives every frame of the next message, waiting up to the socket's RCVTIMEO for the first;
     * null if it expired.
     */
    public static Multipart recv(Socket socket) {
        byte[] first = socket.recv();
        return first == null ? null : rest(socket, first);
    }

    /** Receives the next whole message if one is queued now, else null. */
    public static Multipart tryRecv(Socket socket) {
        byte[] first = socket.tryRecv();
        return first == null ? null : rest(socket, first);
    }

    private static Multipart rest(Socket socket, byte[] first) {
        Multipart m = new Multipart().add(first);
        while (socket.hasMore()) {
            // The remaining frames of a message are already queued: they arrive as a whole.
            m.add(socket.recv());
        }
        return m;
    }

    /** Sends every frame, the last without MORE. False if SNDTIMEO expired before the first went. */
    public boolean send(Socket socket) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one frame");
        }
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            if (!socket.sendMore(frames.get(i)) && i == 0) {
                return false;
            }
        }
        return socket.send(frames.get(last));
    }

    /** Appends a frame. */
    public Multipart add(byte[] frame) {
        frames.add(frame);
        return this;
    }

    public Multipart add(String frame) {
        return add(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Prepends a frame. */
    public Multipart push(byte[] frame) {
        frames.add(0, frame);
        return this;
    }

    /** Removes and returns the first frame. */
    public byte[] pop() {
        if (frames.isEmpty()) {
            throw new IllegalStateException("no frame to pop: the message is empty");
        }
        return frames.remove(0);
    }

    public String popString() {
        return new String(pop(), StandardCharsets.UTF_8);
    }

    /**
     * Removes the envelope: the frames up to and including the first empty frame, which are returned
     * as a message of their own (with the delimiter). With no empty frame, the envelope is empty.
     */
    public Multipart unwrap() {
        Multipart envelope = new Multipart();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).length == 0) {
                for (int j = 0; j <= i; j++) {
                    envelope.add(frames.remove(0));
                }
                break;
            }
        }
        return envelope;
    }

    /** Puts {@code envelope}'s frames in front of this message's. */
    public Multipart wrap(Multipart envelope) {
        frames.addAll(0, envelope.frames);
        return this;
    }

    public byte[] get(int index) {
        return frames.get(index);
    }

    public String getString(int index) {
        return new String(frames.get(index), StandardCharsets.UTF_8);
    }

    public int size() {
        return frames.size();
    }

    public List<byte[]> frames() {
        return frames;
    }

    @Override
    public Iterator<byte[]> iterator() {
        return frames.iterator();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Multipart[");
        for (int i = 0; i < frames.size(); i++) {
            sb.append(i == 0 ? "" : " | ").append(new String(frames.get(i), StandardCharsets.UTF_8));
        }
        return sb.append(']').toString();
    }
}
