package io.weft.patterns;

import java.util.Arrays;

/**
 * A routing id used as a hash key: equal when the bytes are equal. The keys stored in a
 * {@link RoutingTable} never change; the table keeps one extra instance as a probe and points it at
 * each id it looks up, so a lookup on the send path allocates nothing.
 */
final class RoutingKey {
    private byte[] bytes;
    private int hash;

    RoutingKey(byte[] bytes) {
        point(bytes);
    }

    /** Points this key at {@code id} (probe only: a stored key must never be repointed). */
    RoutingKey point(byte[] id) {
        this.bytes = id;
        this.hash = Arrays.hashCode(id);
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingKey && Arrays.equals(bytes, ((RoutingKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return RoutingTable.show(bytes);
    }
}
