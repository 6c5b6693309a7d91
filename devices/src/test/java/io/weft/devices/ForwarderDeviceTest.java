package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.weft.Context;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.Socket;
import io.weft.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code bin/weft forwarder} over tcp: subscriptions travel up to the publisher, matching messages down. */
@Timeout(60)
class ForwarderDeviceTest {

    @Test
    void forwarderCarriesSubscriptionsUpToThePublisherAndOnlyMatchingMessagesDown() throws Exception {
        try (Context ctx = Context.create();
             DeviceRun device = DeviceRun.start("forwarder", "--frontend", "tcp://127.0.0.1:*",
                     "--backend", "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*")) {
            // An XPUB publisher shows the subscriptions it receives.
            Socket publisher = ctx.socket(SocketType.XPUB);
            publisher.setOption(Option.LINGER, 0);
            publisher.connect(device.endpoint("frontend"));
            Socket subscriber = ctx.socket(SocketType.SUB);
            subscriber.connect(device.endpoint("backend"));
            subscriber.subscribe("weather");

            byte[] subscription = publisher.recv(DeviceRun.TIMEOUT);
            assertNotNull(subscription, "the subscription did not reach the publisher through the forwarder");
            assertEquals(1, subscription[0], "a subscribe message (0x01 + prefix)");
            assertEquals("weather", new String(subscription, 1, subscription.length - 1, StandardCharsets.UTF_8));

            Multipart.of("sports", "1-0").send(publisher);
            Multipart.of("weather", "sunny", "22C").send(publisher);
            // Same path, same order: had "sports" passed the filter, it would come first.
            Multipart got = Multipart.recv(subscriber);
            assertEquals(List.of("weather", "sunny", "22C"),
                    got.frames().stream().map(f -> new String(f, StandardCharsets.UTF_8)).toList());
        }
    }
}
