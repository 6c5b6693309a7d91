package io.weft.devices;

import io.weft.ProxyStatistics;

/**
 * The device's traffic lines, per direction: "frontend->backend" is what the backend sent (the
 * requests, the published messages, the work), "backend->frontend" what the frontend sent (the
 * replies, the subscriptions).
 */
final class TrafficReport {
    private TrafficReport() {
    }

    /** Rates between two snapshots {@code seconds} apart, e.g. {@code frontend->backend 12 msg/s 345 B/s | ...}. */
    static String rates(ProxyStatistics before, ProxyStatistics now, double seconds) {
        return "frontend->backend " + perSecond(now.backendMessagesOut() - before.backendMessagesOut(), seconds)
                + " msg/s " + perSecond(now.backendBytesOut() - before.backendBytesOut(), seconds) + " B/s"
                + " | backend->frontend " + perSecond(now.frontendMessagesOut() - before.frontendMessagesOut(), seconds)
                + " msg/s " + perSecond(now.frontendBytesOut() - before.frontendBytesOut(), seconds) + " B/s";
    }

    /** What has moved in all, e.g. {@code totals frontend->backend 12 msg 345 B | backend->frontend 0 msg 0 B}. */
    static String totals(ProxyStatistics s) {
        return "totals frontend->backend " + s.backendMessagesOut() + " msg " + s.backendBytesOut() + " B"
                + " | backend->frontend " + s.frontendMessagesOut() + " msg " + s.frontendBytesOut() + " B";
    }

    private static long perSecond(long delta, double seconds) {
        return seconds <= 0 ? 0 : Math.round(delta / seconds);
    }
}
