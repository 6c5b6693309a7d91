package io.weft.devices;

import io.weft.SocketType;

/** The three classic devices: the command that starts each, and the socket types of its two sides. */
enum DeviceKind {
    QUEUE("queue", SocketType.ROUTER, SocketType.DEALER,
            "ROUTER frontend <-> DEALER backend: spreads requests over workers, replies go back to their requester."),
    FORWARDER("forwarder", SocketType.XSUB, SocketType.XPUB,
            "XSUB frontend <-> XPUB backend: fans publishers' messages out to subscribers; subscriptions go up."),
    STREAMER("streamer", SocketType.PULL, SocketType.PUSH,
            "PULL frontend <-> PUSH backend: a pipeline stage that spreads work over the next stage's workers.");

    private final String command;
    private final SocketType frontend;
    private final SocketType backend;
    private final String description;

    DeviceKind(String command, SocketType frontend, SocketType backend, String description) {
        this.command = command;
        this.frontend = frontend;
        this.backend = backend;
        this.description = description;
    }

    /** The device named {@code command} ({@code queue}, {@code forwarder}, {@code streamer}), or null. */
    static DeviceKind of(String command) {
        for (DeviceKind k : values()) {
            if (k.command.equals(command)) {
                return k;
            }
        }
        return null;
    }

    String command() {
        return command;
    }

    SocketType frontend() {
        return frontend;
    }

    SocketType backend() {
        return backend;
    }

    String description() {
        return description;
    }
}
