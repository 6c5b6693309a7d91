package io.weft;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A message socket of one {@link SocketType}, made by {@link Context#socket(SocketType)}.
 *
 * <p><b>Threads.</b> Like a libzmq socket, a {@code Socket} is used by one thread at a time; it may
 * move between threads. Two threads inside it at once is detected and refused with an
 * {@link IllegalSocketStateException}. All network work happens on the context's I/O threads, so
 * interrupting a thread blocked here ends only that call ({@link WeftInterruptedException}) and
 * never a connection.
 *
 * <p><b>Blocking.</b> {@code send} and {@code recv} wait as long as {@link Option#SNDTIMEO} and
 * {@link Option#RCVTIMEO} say (forever by default) and report a timeout as {@code false} or
 * {@code null}; {@code trySend}/{@code tryRecv} never wait. Whether a send at the high-water mark
 * blocks or drops depends on the type (a PUSH blocks, a PUB drops): see docs/sockets.md.
 *
 * <p><b>Messages.</b> A message is one or more frames. {@code sendMore} sends a frame with more to
 * follow; the peer gets the whole message or nothing, never interleaved with another. After a
 * {@code recv}, {@link #hasMore()} says whether another frame of the same message follows.
 */
public interface Socket extends AutoCloseable {
    /** This socket's type. */
    SocketType type();

    /**
     * Accepts connections on {@code endpoint} and returns it resolved ({@code tcp://127.0.0.1:*}
     * comes back with the real port).
     *
     * @throws InvalidEndpointException if the endpoint is malformed or its transport is missing
     * @throws AddressInUseException if the endpoint is taken
     */
    String bind(String endpoint);

    /** Connects to {@code endpoint}, now or (as the transport allows) when it appears. */
    void connect(String endpoint);

    /** Stops accepting on an endpoint given to (or returned by) {@link #bind}, and drops its peers. */
    void unbind(String endpoint);

    /** Stops connecting to {@code endpoint} and drops that peer. */
    void disconnect(String endpoint);

    /** Sends a copy of {@code data} as the last frame of a message. False if SNDTIMEO expired. */
    boolean send(byte[] data);

    /** Sends {@code text} in UTF-8 as the last frame of a message. */
    boolean send(String text);

    /** Sends a copy of the remaining bytes of {@code data} (its position is not moved). */
    boolean send(ByteBuffer data);

    /** Sends {@code msg}'s body without a copy (see {@link Msg} on ownership), with its MORE flag. */
    boolean send(Msg msg);

    /** Sends a copy of {@code data} with more frames to follow. */
    boolean sendMore(byte[] data);

    boolean sendMore(String text);

    boolean sendMore(ByteBuffer data);

    /** Sends {@code msg}'s body without a copy, with more frames to follow. */
    boolean sendMore(Msg msg);

    /** Sends a copy of {@code data} as a last frame if that is possible without waiting. */
    boolean trySend(byte[] data);

    boolean trySend(String text);

    /** Sends {@code msg} (with its MORE flag) if that is possible without waiting. */
    boolean trySend(Msg msg);

    /** Sends a copy of {@code data} with more to follow, if that is possible without waiting. */
    boolean trySendMore(byte[] data);

    /** Receives the next frame, waiting up to RCVTIMEO; null if it expired. */
    byte[] recv();

    /** Receives the next frame, waiting up to {@code timeout}; null if it expired. */
    byte[] recv(Duration timeout);

    /** The next frame if one is queued now, else null. */
    byte[] tryRecv();

    /** Receives the next frame as UTF-8 text, waiting up to RCVTIMEO; null if it expired. */
    String recvString();

    /** Receives into {@code into} without a copy, waiting up to RCVTIMEO; false if it expired. */
    boolean recv(Msg into);

    /** Whether the frame just received has more frames of the same message after it. */
    boolean hasMore();

    /** SUB: receive messages starting with {@code prefix} (empty: all). */
    void subscribe(byte[] prefix);

    void subscribe(String prefix);

    /** SUB: stop one earlier {@link #subscribe} of the same prefix. */
    void unsubscribe(byte[] prefix);

    void unsubscribe(String prefix);

    /**
     * Starts reporting this socket's connection events whose {@link SocketEvent.Type#number()}
     * bits are set in {@code events} ({@link SocketEvent.Type#ALL} for all), as Java objects.
     */
    Monitor monitor(int events);

    /**
     * Publishes this socket's connection events on {@code inprocEndpoint} in libzmq's monitor
     * format (a PAIR socket is bound there; connect a PAIR to it): each event is two frames, the
     * first a 16-bit event number and a 32-bit value in host byte order, the second the endpoint.
     * Tools written against {@code zmq_socket_monitor} read it unchanged.
     */
    void monitor(String inprocEndpoint, int events);

    /** Sets an option; see {@link Option} for names, units and which types have which. */
    <T> void setOption(Option<T> option, T value);

    <T> T getOption(Option<T> option);

    /**
     * Closes the socket. Messages already sent stay deliverable for LINGER (inproc peers can read
     * them after the close unless LINGER is 0). Never blocks on the network. Idempotent.
     */
    @Override
    void close();
}
