package io.weft.perf;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Socket;
import io.weft.SocketType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * inproc PUSH→PULL throughput, Weft and JeroMQ side by side in one JVM, rounds alternating so that
 * both see the same machine noise. A sender thread sends {@code count} messages of {@code size}
 * bytes; the receiving thread times from its first to its last message (libzmq's inproc_thr way).
 *
 * <p>Usage: {@code InprocThroughput [size=64] [count=5000000] [rounds=5]}
 */
public final class InprocThroughput {
    private InprocThroughput() {
    }

    /** One contender: runs a round and returns messages per second. */
    interface Contender {
        double run(int size, int count) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, Contender> contenders = new LinkedHashMap<>();
        contenders.put("weft send(byte[]) (copies)", InprocThroughput::weftCopy);
        contenders.put("weft send(Msg) (zero-copy)", InprocThroughput::weftZeroCopy);
        contenders.put("jeromq 0.6.0 send(byte[]) (by reference)", InprocThroughput::jeromq);
        Map<String, List<Double>> results = new LinkedHashMap<>();
        contenders.keySet().forEach(k -> results.put(k, new ArrayList<>()));
        System.out.printf("inproc PUSH->PULL, %d B x %d messages, %d rounds, JDK %s, %d CPUs%n", size, count, rounds,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, Contender> c : contenders.entrySet()) {
            c.getValue().run(size, Math.min(count, 1_000_000)); // warm-up
        }
        for (int r = 1; r <= rounds; r++) {
            for (Map.Entry<String, Contender> c : contenders.entrySet()) {
                double rate = c.getValue().run(size, count);
                results.get(c.getKey()).add(rate);
                System.out.printf("round %d  %-42s %8.2f M msg/s%n", r, c.getKey(), rate / 1e6);
            }
        }
        double jeromq = median(results.get("jeromq 0.6.0 send(byte[]) (by reference)"));
        System.out.println("medians:");
        for (Map.Entry<String, List<Double>> e : results.entrySet()) {
            double m = median(e.getValue());
            System.out.printf("  %-42s %8.2f M msg/s  %5.2fx JeroMQ%n", e.getKey(), m / 1e6, m / jeromq);
        }
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    static double weftCopy(int size, int count) throws Exception {
        return weft(size, count, false);
    }

    static double weftZeroCopy(int size, int count) throws Exception {
        return weft(size, count, true);
    }

    private static double weft(int size, int count, boolean zeroCopy) throws Exception {
        try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("inproc://thr"));
            byte[] body = new byte[size];
            Thread sender = new Thread(() -> {
                if (zeroCopy) {
                    Msg m = new Msg(body);
                    for (int i = 0; i < count; i++) {
                        push.send(m);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        push.send(body);
                    }
                }
            });
            sender.start();
            Msg m = new Msg();
            pull.recv(m);
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                pull.recv(m);
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return (count - 1) / (elapsed / 1e9);
        }
    }

    static double jeromq(int size, int count) throws Exception {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(org.zeromq.SocketType.PULL);
            ZMQ.Socket push = ctx.createSocket(org.zeromq.SocketType.PUSH);
            pull.bind("inproc://thr");
            push.connect("inproc://thr");
            byte[] body = new byte[size];
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    push.send(body);
                }
            });
            sender.start();
            pull.recv();
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                pull.recv();
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            return (count - 1) / (elapsed / 1e9);
        }
    }
}
