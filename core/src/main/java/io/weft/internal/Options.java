package io.weft.internal;

import io.weft.Option;
import io.weft.SocketType;
import io.weft.spi.SocketOptions;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A socket's option values, one slot per {@link Option}. Written by the owner thread; read by it
 * and, for the few values a peer needs at connect time (routing id, HWMs), by other threads — hence
 * volatile slots, which cost a plain load on the usual hardware.
 */
public final class Options implements SocketOptions {
    private final SocketType type;
    private final AtomicReferenceArray<Object> values;

    public Options(SocketType type) {
        this.type = type;
        int n = Option.count();
        values = new AtomicReferenceArray<>(n);
        for (Option<?> o : Option.all()) {
            values.set(o.index(), o.defaultValue());
        }
    }

    /** Validates and stores {@code value}; throws IllegalArgumentException with the reason. */
    public <T> void set(Option<T> option, T value) {
        values.set(option.index(), option.check(type, value));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object v = values.get(option.index());
        return option.type() == byte[].class && v != null ? (T) ((byte[]) v).clone() : (T) v;
    }

    /** Like {@link #get} without the defensive copy of byte arrays: callers must not modify. */
    @SuppressWarnings("unchecked")
    public <T> T peek(Option<T> option) {
        return (T) values.get(option.index());
    }

    public SocketType type() {
        return type;
    }
}
