package io.weft.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.weft.Context;
import io.weft.Multipart;
import io.weft.Option;
import io.weft.Poller;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code bin/weft queue} over tcp: REQ clients and REP workers on either side, replies find their requester. */
@Timeout(60)
class QueueDeviceTest {

    @Test
    void queueCarriesRequestsToWorkersAndEachReplyBackToItsRequester() throws Exception {
        try (Context ctx = Context.create();
             DeviceRun device = DeviceRun.start("queue", "--frontend", "tcp://127.0.0.1:*",
                     "--backend", "tcp://127.0.0.1:*", "--control", "tcp://127.0.0.1:*")) {
            String frontend = device.endpoint("frontend");
            String backend = device.endpoint("backend");
            List<Socket> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Socket rep = ctx.socket(SocketType.REP);
                rep.connect(backend);
                workers.add(rep);
            }
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket req = ctx.socket(SocketType.REQ);
                req.setOption(Option.LINGER, 0);
                req.connect(frontend);
                clients.add(req);
                Multipart.of("client-" + i, "two-part request").send(req);
            }
            Poller poller = new Poller();
            for (Socket w : workers) {
                poller.register(w, Poller.IN);
            }
            int answered = 0;
            while (answered < clients.size()) {
                assertEquals(true, poller.poll(DeviceRun.TIMEOUT) > 0, "a request should reach a worker");
                for (int i = 0; i < workers.size(); i++) {
                    if (poller.isReadable(i)) {
                        Multipart request = Multipart.recv(workers.get(i));
                        assertEquals(2, request.size(), "multipart request intact");
                        assertEquals("two-part request", request.getString(1));
                        Multipart.of("reply-to-" + request.getString(0), "from-worker-" + i).send(workers.get(i));
                        answered++;
                    }
                }
            }
            for (int i = 0; i < clients.size(); i++) {
                Socket c = clients.get(i);
                byte[] first = c.recv(DeviceRun.TIMEOUT);
                assertNotNull(first, "client-" + i + " got no reply");
                assertEquals("reply-to-client-" + i, new String(first, java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(true, c.hasMore(), "multipart reply intact");
                c.recv();
            }
            device.control(ctx, "TERMINATE");
            assertEquals(0, device.awaitExit());
            device.awaitLine("weft queue: totals frontend->backend 4 msg \\d+ B \\| backend->frontend 4 msg \\d+ B");
        }
    }
}
