package io.weft.patterns;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The subscriptions of a SUB or XSUB: a prefix trie with a reference count per prefix (libzmq's
 * {@code trie}). Subscribing twice to the same prefix needs two cancels before it goes away, and
 * the add and remove results say when a prefix appears or disappears, which is when a cancel must
 * travel upstream.
 *
 * <p>{@link #matches} walks the message's first bytes along the trie and allocates nothing. The
 * empty prefix matches every message.
 *
 * <p>Not thread-safe: owned by one socket, used on its thread.
 */
final class SubscriptionTrie {
    private static final class Node extends ByteTrieNode<Node> {
        /** How many subscriptions end exactly here. */
        long refs;

        @Override
        boolean isVacant() {
            return refs == 0;
        }
    }

    private final Node root = new Node();
    private int prefixes;

    /**
     * Adds one reference to the prefix {@code buf[off, off + len)}.
     *
     * @return true if the prefix is new (it had no reference before)
     */
    boolean add(byte[] buf, int off, int len) {
        Node node = root.descendCreating(buf, off, len, Node::new);
        if (node.refs++ == 0) {
            prefixes++;
            return true;
        }
        return false;
    }

    /** Adds one reference to {@code prefix}; true if it is new. */
    boolean add(byte[] prefix) {
        return add(prefix, 0, prefix.length);
    }

    /**
     * Drops one reference to the prefix {@code buf[off, off + len)}.
     *
     * @return true if that was its last reference (the prefix is now gone); false if references
     *     remain or the prefix was not subscribed at all
     */
    boolean remove(byte[] buf, int off, int len) {
        Node[] path = new Node[len + 1];
        Node node = root;
        path[0] = node;
        for (int i = 0; i < len; i++) {
            node = node.child(buf[off + i] & 0xff);
            if (node == null) {
                return false;
            }
            path[i + 1] = node;
        }
        if (node.refs == 0) {
            return false;
        }
        if (--node.refs > 0) {
            return false;
        }
        prefixes--;
        for (int d = len; d > 0 && path[d].isPrunable(); d--) {
            path[d - 1].removeChild(buf[off + d - 1] & 0xff);
        }
        return true;
    }

    /** Drops one reference to {@code prefix}; true if it was the last. */
    boolean remove(byte[] prefix) {
        return remove(prefix, 0, prefix.length);
    }

    /** Whether some subscribed prefix is a prefix of {@code data} (allocation-free). */
    boolean matches(byte[] data) {
        Node node = root;
        int i = 0;
        while (true) {
            if (node.refs > 0) {
                return true;
            }
            if (i == data.length) {
                return false;
            }
            node = node.child(data[i++] & 0xff);
            if (node == null) {
                return false;
            }
        }
    }

    /** Calls {@code action} once per subscribed prefix (a fresh array each), in byte order. */
    void forEach(Consumer<byte[]> action) {
        root.walk((node, prefix, length) -> {
            if (node.refs > 0) {
                action.accept(Arrays.copyOf(prefix, length));
            }
        }, false);
    }

    /** How many distinct prefixes are subscribed. */
    int size() {
        return prefixes;
    }

    boolean isEmpty() {
        return prefixes == 0;
    }
}
