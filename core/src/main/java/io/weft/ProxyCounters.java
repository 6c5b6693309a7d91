package io.weft;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The published copy of a {@link Proxy}'s counters: the proxy thread writes it once per batch,
 * any thread reads a consistent snapshot (all eight counters from the same moment) without a
 * lock, through a sequence number (a seqlock: an odd sequence means "being written", a reader
 * that saw it change retries). One writer only.
 */
final class ProxyCounters {
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(ProxyCounters.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through SEQ
    private volatile long seq;
    private final long[] values = new long[8];

    /** Publishes the eight counters in libzmq's order. Proxy thread only. */
    void publish(long fMsgIn, long fBytesIn, long fMsgOut, long fBytesOut, long bMsgIn, long bBytesIn,
            long bMsgOut, long bBytesOut) {
        long s = (long) SEQ.getOpaque(this);
        SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
        long[] v = values;
        v[0] = fMsgIn;
        v[1] = fBytesIn;
        v[2] = fMsgOut;
        v[3] = fBytesOut;
        v[4] = bMsgIn;
        v[5] = bBytesIn;
        v[6] = bMsgOut;
        v[7] = bBytesOut;
        SEQ.setRelease(this, s + 2);
    }

    /** A consistent snapshot. Any thread. */
    ProxyStatistics snapshot() {
        long[] v = values;
        while (true) {
            long before = (long) SEQ.getAcquire(this);
            if ((before & 1) == 0) {
                ProxyStatistics s = new ProxyStatistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
                VarHandle.loadLoadFence();
                if ((long) SEQ.getOpaque(this) == before) {
                    return s;
                }
            }
            Thread.onSpinWait();
        }
    }
}
