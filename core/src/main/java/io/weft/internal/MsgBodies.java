package io.weft.internal;

import io.weft.Msg;

/**
 * The engine's access to a {@link Msg}'s body as it travels: a {@code byte[]}, a
 * {@link java.nio.ByteBuffer} (the application's, sent as it is) or a {@link PooledBody} (a large
 * incoming frame). Pipes carry the body object untouched, so no body is copied or converted on
 * the way; only the public {@code Msg} methods turn one kind into another. {@code Msg} installs
 * the accessor when it is loaded, which is before any holder exists.
 */
public final class MsgBodies {
    /** Implemented by {@code Msg}. */
    public interface Accessor {
        Object body(Msg msg);

        Msg set(Msg msg, Object body, int flags);

        Object takeForSending(Msg msg);

        void releaseOwned(Msg msg);
    }

    private static Accessor accessor;

    private MsgBodies() {
    }

    /** Called once by {@code Msg}'s static initializer. */
    public static void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("accessor already installed");
        }
        accessor = a;
    }

    /** The body object, whatever its kind, without converting it. */
    public static Object body(Msg msg) {
        return accessor.body(msg);
    }

    /** Refills {@code msg} with a body object of any kind (a pooled one becomes the holder's). */
    public static Msg set(Msg msg, Object body, int flags) {
        return accessor.set(msg, body, flags);
    }

    /**
     * The body to hand to a pipe when {@code msg} is sent. A pooled body leaves the holder's
     * ownership: it goes on as a plain buffer (the holder keeps a view of it) and is never given
     * back to the pool, since it may now be read by others.
     */
    public static Object takeForSending(Msg msg) {
        return accessor.takeForSending(msg);
    }

    /** Gives a pooled body the holder owns back to the pool, and empties the holder. */
    public static void releaseOwned(Msg msg) {
        accessor.releaseOwned(msg);
    }
}
