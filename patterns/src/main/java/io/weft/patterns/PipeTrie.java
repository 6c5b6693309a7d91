package io.weft.patterns;

import io.weft.spi.Pipe;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * The subscriptions a PUB or XPUB has received: a prefix trie whose nodes hold the set of pipes
 * subscribed to that prefix (libzmq's {@code mtrie}). A pipe subscribed twice to one prefix is in
 * its set once; reference counting of repeated subscriptions is the subscriber's job.
 *
 * <p>{@link #match} walks the first frame of a message along the trie and hands each pipe found
 * on the way to a visitor: no allocation per message, and the walk stops where the trie does.
 *
 * <p>Not thread-safe: owned by one socket, used on its thread.
 */
final class PipeTrie {
    /** Outcome of {@link #remove(byte[], int, int, Pipe)}, as libzmq's {@code rm_result}. */
    enum Removal {
        /** The pipe was not subscribed to that prefix. */
        NOT_FOUND,
        /** The pipe was the last one subscribed to that prefix. */
        LAST_REMOVED,
        /** Other pipes are still subscribed to that prefix. */
        VALUES_REMAIN
    }

    /** Told of each subscription dropped by {@link #removePipe}. */
    interface RemovalListener {
        /**
         * @param topic the prefix (a fresh array)
         * @param last whether no pipe is subscribed to it any more
         */
        void removed(byte[] topic, boolean last);
    }

    private static final Pipe[] NO_PIPES = new Pipe[0];

    private static final class Node extends ByteTrieNode<Node> {
        Pipe[] pipes = NO_PIPES;
        int count;

        @Override
        boolean isVacant() {
            return count == 0;
        }

        int indexOf(Pipe p) {
            for (int i = 0; i < count; i++) {
                if (pipes[i] == p) {
                    return i;
                }
            }
            return -1;
        }

        void removeAt(int i) {
            pipes[i] = pipes[--count];
            pipes[count] = null;
            if (count == 0) {
                pipes = NO_PIPES;
            }
        }
    }

    private final Node root = new Node();

    /**
     * Subscribes {@code pipe} to the prefix {@code buf[off, off + len)}.
     *
     * @return true if no pipe was subscribed to that prefix before (a new topic)
     */
    boolean add(byte[] buf, int off, int len, Pipe pipe) {
        Node node = root.descendCreating(buf, off, len, Node::new);
        boolean first = node.count == 0;
        if (node.indexOf(pipe) < 0) {
            if (node.count == node.pipes.length) {
                node.pipes = Arrays.copyOf(node.pipes, Math.max(4, node.count * 2));
            }
            node.pipes[node.count++] = pipe;
        }
        return first;
    }

    /** Unsubscribes {@code pipe} from the prefix {@code buf[off, off + len)}. */
    Removal remove(byte[] buf, int off, int len, Pipe pipe) {
        Node[] path = new Node[len + 1];
        Node node = root;
        path[0] = node;
        for (int i = 0; i < len; i++) {
            node = node.child(buf[off + i] & 0xff);
            if (node == null) {
                return Removal.NOT_FOUND;
            }
            path[i + 1] = node;
        }
        int at = node.indexOf(pipe);
        if (at < 0) {
            return Removal.NOT_FOUND;
        }
        node.removeAt(at);
        if (node.count > 0) {
            return Removal.VALUES_REMAIN;
        }
        for (int d = len; d > 0 && path[d].isPrunable(); d--) {
            path[d - 1].removeChild(buf[off + d - 1] & 0xff);
        }
        return Removal.LAST_REMOVED;
    }

    /**
     * Unsubscribes {@code pipe} from everything (it is gone), telling {@code listener} (if not
     * null) of each prefix it had, in byte order.
     */
    void removePipe(Pipe pipe, RemovalListener listener) {
        root.walk((node, prefix, length) -> {
            int at = node.indexOf(pipe);
            if (at >= 0) {
                node.removeAt(at);
                if (listener != null) {
                    listener.removed(Arrays.copyOf(prefix, length), node.count == 0);
                }
            }
        }, true);
    }

    /**
     * Hands {@code visitor} every pipe subscribed to a prefix of {@code data}. A pipe subscribed to
     * several such prefixes is handed over once per prefix.
     */
    void match(byte[] data, Consumer<Pipe> visitor) {
        Node node = root;
        int i = 0;
        while (true) {
            Pipe[] pipes = node.pipes;
            for (int k = 0; k < node.count; k++) {
                visitor.accept(pipes[k]);
            }
            if (i == data.length) {
                return;
            }
            node = node.child(data[i++] & 0xff);
            if (node == null) {
                return;
            }
        }
    }

    /** Calls {@code action} with each subscribed prefix (a fresh array) and its pipe count. */
    void forEach(ObjIntConsumer<byte[]> action) {
        root.walk((node, prefix, length) -> {
            if (node.count > 0) {
                action.accept(Arrays.copyOf(prefix, length), node.count);
            }
        }, false);
    }

    /** Whether no pipe is subscribed to anything. */
    boolean isEmpty() {
        return root.isPrunable();
    }
}
