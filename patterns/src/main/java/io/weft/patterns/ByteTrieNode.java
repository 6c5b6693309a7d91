package io.weft.patterns;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * A node of a byte-keyed trie: its children, one per next byte, kept in a table that covers only
 * the range of bytes in use (libzmq's {@code trie}/{@code mtrie} layout). Looking up a child is an
 * index into that table, so walking a topic allocates nothing; tables grow and shrink only when
 * subscriptions change.
 *
 * <p>Not thread-safe: a trie belongs to one socket and is used on its owner's thread.
 *
 * @param <N> the concrete node type (what the trie stores at each node is the subclass's business)
 */
abstract class ByteTrieNode<N extends ByteTrieNode<N>> {
    /** The byte (0-255) of {@code next[0]}. */
    private int min;
    /** Children for bytes {@code min .. min + next.length - 1}; null when there are none. */
    private ByteTrieNode<?>[] next;
    /** How many entries of {@link #next} are not null. */
    private int children;

    /** Whether this node holds nothing of its own (no subscription ends here). */
    abstract boolean isVacant();

    /** Whether this node can be pruned: vacant and without children. */
    final boolean isPrunable() {
        return children == 0 && isVacant();
    }

    final boolean hasChildren() {
        return children > 0;
    }

    /** The child for byte {@code b} (0-255), or null. */
    @SuppressWarnings("unchecked")
    final N child(int b) {
        ByteTrieNode<?>[] t = next;
        if (t == null) {
            return null;
        }
        int i = b - min;
        return i >= 0 && i < t.length ? (N) t[i] : null;
    }

    /** Sets the child for byte {@code b} (0-255), growing the table to cover it. */
    /**
     * The node for the prefix {@code buf[off, off + len)} below this one, creating the missing
     * nodes on the way with {@code make}.
     */
    final N descendCreating(byte[] buf, int off, int len, java.util.function.Supplier<N> make) {
        @SuppressWarnings("unchecked")
        N node = (N) this;
        for (int i = 0; i < len; i++) {
            int b = buf[off + i] & 0xff;
            N next = node.child(b);
            if (next == null) {
                next = make.get();
                node.putChild(b, next);
            }
            node = next;
        }
        return node;
    }

    final void putChild(int b, N child) {
        if (next == null) {
            next = new ByteTrieNode<?>[1];
            min = b;
        } else if (b < min) {
            ByteTrieNode<?>[] t = new ByteTrieNode<?>[next.length + (min - b)];
            System.arraycopy(next, 0, t, min - b, next.length);
            next = t;
            min = b;
        } else if (b - min >= next.length) {
            ByteTrieNode<?>[] t = new ByteTrieNode<?>[b - min + 1];
            System.arraycopy(next, 0, t, 0, next.length);
            next = t;
        }
        if (next[b - min] == null) {
            children++;
        }
        next[b - min] = child;
    }

    /** Removes the child for byte {@code b}, trimming the table to the bytes still in use. */
    final void removeChild(int b) {
        int i = b - min;
        if (next == null || i < 0 || i >= next.length || next[i] == null) {
            return;
        }
        next[i] = null;
        if (--children == 0) {
            next = null;
            return;
        }
        int lo = 0;
        while (next[lo] == null) {
            lo++;
        }
        int hi = next.length - 1;
        while (next[hi] == null) {
            hi--;
        }
        if (lo > 0 || hi < next.length - 1) {
            ByteTrieNode<?>[] t = new ByteTrieNode<?>[hi - lo + 1];
            System.arraycopy(next, lo, t, 0, t.length);
            next = t;
            min += lo;
        }
    }

    /** The smallest byte with a child; only when {@link #hasChildren()}. */
    final int firstByte() {
        return min;
    }

    /** The largest byte the child table covers; only when {@link #hasChildren()}. */
    final int lastByte() {
        return min + next.length - 1;
    }

    /** Called for each node of a {@link #walk}: the prefix that leads to it is {@code prefix[0, length)}. */
    interface Visitor<N> {
        void visit(N node, byte[] prefix, int length);
    }

    /**
     * Visits this node and every node below it, parents before children and children in byte
     * order, without recursion (topics may be long). With {@code prune}, nodes the visitor left
     * vacant and childless are removed afterwards. The prefix buffer is reused between visits.
     */
    @SuppressWarnings("unchecked")
    final void walk(Visitor<N> visitor, boolean prune) {
        ArrayList<ByteTrieNode<?>> stack = new ArrayList<>();
        int[] depths = new int[16];
        int[] keys = new int[16];
        ArrayList<ByteTrieNode<?>> order = prune ? new ArrayList<>() : null;
        ArrayList<ByteTrieNode<?>> parents = prune ? new ArrayList<>() : null;
        int[] orderKeys = prune ? new int[16] : null;
        byte[] prefix = new byte[16];
        stack.add(this);
        ArrayList<ByteTrieNode<?>> stackParents = new ArrayList<>();
        stackParents.add(null);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            ByteTrieNode<?> node = stack.remove(top);
            ByteTrieNode<?> parent = stackParents.remove(top);
            int depth = depths[top];
            if (depth > 0) {
                if (depth > prefix.length) {
                    prefix = Arrays.copyOf(prefix, Math.max(depth, prefix.length * 2));
                }
                prefix[depth - 1] = (byte) keys[top];
            }
            visitor.visit((N) node, prefix, depth);
            if (prune) {
                int n = order.size();
                if (n == orderKeys.length) {
                    orderKeys = Arrays.copyOf(orderKeys, n * 2);
                }
                orderKeys[n] = keys[top];
                order.add(node);
                parents.add(parent);
            }
            if (node.children > 0) {
                for (int b = node.lastByte(); b >= node.min; b--) {
                    ByteTrieNode<?> c = node.next[b - node.min];
                    if (c != null) {
                        int at = stack.size();
                        if (at == depths.length) {
                            depths = Arrays.copyOf(depths, at * 2);
                            keys = Arrays.copyOf(keys, at * 2);
                        }
                        depths[at] = depth + 1;
                        keys[at] = b;
                        stack.add(c);
                        stackParents.add(node);
                    }
                }
            }
        }
        if (prune) {
            // Reverse pre-order: every child is looked at before its parent.
            for (int i = order.size() - 1; i > 0; i--) {
                if (order.get(i).isPrunable()) {
                    parents.get(i).removeChild(orderKeys[i]);
                }
            }
        }
    }
}
