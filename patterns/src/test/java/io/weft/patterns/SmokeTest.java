package io.weft.patterns;

import static org.junit.jupiter.api.Assertions.*;

import io.weft.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void pushPullInproc() throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("inproc://x");
            push.connect("inproc://x");
            int n = 5_000_000;
            Thread t = new Thread(() -> { Msg m = new Msg(new byte[64]); for (int i = 0; i < n; i++) push.send(m); });
            long t0 = System.nanoTime();
            t.start();
            Msg m = new Msg();
            for (int i = 0; i < n; i++) assertTrue(pull.recv(m));
            long dt = System.nanoTime() - t0;
            t.join();
            System.out.printf("%.2f M msg/s%n", n / (dt / 1e9) / 1e6);
        }
    }
}
