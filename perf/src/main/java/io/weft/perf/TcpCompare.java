package io.weft.perf;

import io.weft.Context;
import io.weft.Msg;
import io.weft.Socket;
import io.weft.SocketType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Weft and JeroMQ side by side over tcp on loopback, in two processes, rounds alternating. The
 * parent binds and receives; a child JVM (same class path) connects and sends.
 *
 * <ul>
 *   <li>{@code thr <size> <count> <rounds>}: PUSH→PULL; the receiver times from its first message to
 *       its last (libzmq's local_thr way) and prints msg/s and MB/s.</li>
 *   <li>{@code lat <size> <roundtrips> <rounds>}: the child's REQ against the parent's REP; the child
 *       times every round trip and reports p50/p99/p99.9 in microseconds.</li>
 * </ul>
 * Run pinned to one CPU with {@code taskset -c 0 java ...} (the child inherits the affinity).
 */
public final class TcpCompare {
    private TcpCompare() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "thr":
            case "lat":
                compare(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                return;
            case "child":
                child(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                return;
            default:
                throw new IllegalArgumentException("usage: TcpCompare thr|lat <size> <count> <rounds>");
        }
    }

    private static void compare(String mode, int size, int count, int rounds) throws Exception {
        System.out.printf("tcp %s, %d B, %d %s, %d rounds, JDK %s, %d CPUs%n", mode, size, count,
                mode.equals("thr") ? "messages" : "round trips", rounds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        String[] libs = {"weft", "jeromq"};
        List<List<double[]>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r <= rounds; r++) {
            for (int l = 0; l < libs.length; l++) {
                double[] res = mode.equals("thr") ? receive(libs[l], size, count) : serve(libs[l], size, count);
                if (r == 0) {
                    continue; // warm-up round
                }
                results.get(l).add(res);
                System.out.printf("round %d  %-6s %s%n", r, libs[l], format(mode, size, res));
            }
        }
        System.out.println("medians:");
        double[][] med = new double[2][];
        for (int l = 0; l < libs.length; l++) {
            med[l] = medians(results.get(l));
            System.out.printf("  %-6s %s%n", libs[l], format(mode, size, med[l]));
        }
        if (mode.equals("thr")) {
            System.out.printf("  weft/jeromq throughput ratio: %.2fx%n", med[0][0] / med[1][0]);
        } else {
            System.out.printf("  weft/jeromq p50 ratio: %.2fx (lower is better)%n", med[0][0] / med[1][0]);
        }
    }

    private static String format(String mode, int size, double[] r) {
        if (mode.equals("thr")) {
            return String.format("%10.0f msg/s  %8.1f MB/s", r[0], r[0] * size / 1e6);
        }
        return String.format("p50 %6.1f us  p99 %7.1f us  p99.9 %7.1f us", r[0], r[1], r[2]);
    }

    private static double[] medians(List<double[]> rs) {
        int n = rs.get(0).length;
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            double[] v = rs.stream().mapToDouble(x -> x[k]).sorted().toArray();
            m[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
    }

    private static Process spawn(String lib, String role, String endpoint, int size, int count) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path")));
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("weft.")) {
                cmd.add("-D" + name + "=" + System.getProperty(name)); // same tuning on both sides
            }
        }
        cmd.addAll(List.of(TcpCompare.class.getName(), "child", lib, role, endpoint, Integer.toString(size),
                Integer.toString(count)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    private static double[] receive(String lib, int size, int count) throws Exception {
        if (lib.equals("weft")) {
            try (Context ctx = Context.create(); Socket pull = ctx.socket(SocketType.PULL)) {
                Process child = spawn(lib, "push", pull.bind("tcp://127.0.0.1:*"), size, count);
                Msg m = new Msg();
                pull.recv(m);
                long start = System.nanoTime();
                for (int i = 1; i < count; i++) {
                    pull.recv(m);
                }
                long elapsed = System.nanoTime() - start;
                finish(child);
                return new double[] {(count - 1) / (elapsed / 1e9)};
            }
        }
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pull = ctx.createSocket(org.zeromq.SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            Process child = spawn(lib, "push", pull.getLastEndpoint(), size, count);
            pull.recv();
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                pull.recv();
            }
            long elapsed = System.nanoTime() - start;
            finish(child);
            return new double[] {(count - 1) / (elapsed / 1e9)};
        }
    }

    private static double[] serve(String lib, int size, int count) throws Exception {
        Process child;
        if (lib.equals("weft")) {
            try (Context ctx = Context.create(); Socket rep = ctx.socket(SocketType.REP)) {
                child = spawn(lib, "req", rep.bind("tcp://127.0.0.1:*"), size, count);
                Msg m = new Msg();
                for (int i = 0; i < count + 1000; i++) {
                    rep.recv(m);
                    rep.send(m);
                }
                return finish(child);
            }
        }
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket rep = ctx.createSocket(org.zeromq.SocketType.REP);
            rep.bind("tcp://127.0.0.1:*");
            child = spawn(lib, "req", rep.getLastEndpoint(), size, count);
            for (int i = 0; i < count + 1000; i++) {
                rep.send(rep.recv());
            }
            return finish(child);
        }
    }

    /** Waits for the child and parses its RESULT line, if any. */
    private static double[] finish(Process child) throws Exception {
        double[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = Arrays.stream(line.substring(7).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
                }
            }
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new IllegalStateException("child did not finish");
        }
        return result;
    }

    private static void child(String lib, String role, String endpoint, int size, int count) throws Exception {
        byte[] body = new byte[size];
        if (role.equals("push")) {
            if (lib.equals("weft")) {
                try (Context ctx = Context.create(); Socket push = ctx.socket(SocketType.PUSH)) {
                    push.connect(endpoint);
                    Msg m = new Msg(body);
                    for (int i = 0; i < count; i++) {
                        push.send(m);
                    }
                }
            } else {
                try (ZContext ctx = new ZContext()) {
                    ZMQ.Socket push = ctx.createSocket(org.zeromq.SocketType.PUSH);
                    push.setLinger(-1);
                    push.connect(endpoint);
                    for (int i = 0; i < count; i++) {
                        push.send(body);
                    }
                }
            }
            return;
        }
        long[] rtt = new long[count];
        if (lib.equals("weft")) {
            try (Context ctx = Context.create(); Socket req = ctx.socket(SocketType.REQ)) {
                req.connect(endpoint);
                Msg out = new Msg(body);
                Msg in = new Msg();
                for (int i = 0; i < 1000; i++) {
                    req.send(out);
                    req.recv(in);
                }
                for (int i = 0; i < count; i++) {
                    long t = System.nanoTime();
                    req.send(out);
                    req.recv(in);
                    rtt[i] = System.nanoTime() - t;
                }
            }
        } else {
            try (ZContext ctx = new ZContext()) {
                ZMQ.Socket req = ctx.createSocket(org.zeromq.SocketType.REQ);
                req.connect(endpoint);
                for (int i = 0; i < 1000; i++) {
                    req.send(body);
                    req.recv();
                }
                for (int i = 0; i < count; i++) {
                    long t = System.nanoTime();
                    req.send(body);
                    req.recv();
                    rtt[i] = System.nanoTime() - t;
                }
            }
        }
        Arrays.sort(rtt);
        System.out.printf("RESULT %.1f %.1f %.1f%n", rtt[count / 2] / 1e3, rtt[(int) (count * 0.99)] / 1e3,
                rtt[(int) (count * 0.999)] / 1e3);
    }
}
