/*
 * The libzmq side of docs/performance.md's figures: the same loops as Weft's perf tools, in C
 * against the system's libzmq, so that the three libraries are measured on one machine in one
 * sitting. Not part of the build (Weft has no native code); compile it by hand:
 *
 *   apt-get install -y libzmq3-dev && gcc -O2 -o /tmp/zperf perf/libzmq/zperf.c -lzmq
 *
 * Throughput (PUSH -> PULL; the receiver times from its first message to its last):
 *   /tmp/zperf recv tcp://127.0.0.1:5555 64 5000000 &  /tmp/zperf send tcp://127.0.0.1:5555 64 5000000
 * Round trips (REQ -> REP; 2,000 warm-up round trips, then the timed ones):
 *   /tmp/zperf rep tcp://127.0.0.1:5556 64 20000 &     /tmp/zperf req tcp://127.0.0.1:5556 64 20000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return (x > y) - (x < y);
}

static void check(int rc, const char *what) {
    if (rc < 0) {
        fprintf(stderr, "zperf: %s: %s\n", what, zmq_strerror(zmq_errno()));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: zperf recv|send|rep|req <endpoint> <size> <count>\n");
        return 2;
    }
    const char *role = argv[1], *endpoint = argv[2];
    int size = atoi(argv[3]), count = atoi(argv[4]);
    void *ctx = zmq_ctx_new();
    char *body = calloc(1, size > 0 ? size : 1);
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    if (strcmp(role, "recv") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PULL);
        check(zmq_bind(s, endpoint), "bind");
        check(zmq_msg_recv(&msg, s, 0), "recv");
        long long start = now_ns();
        for (int i = 1; i < count; i++) {
            check(zmq_msg_recv(&msg, s, 0), "recv");
        }
        double secs = (now_ns() - start) / 1e9;
        int major, minor, patch;
        zmq_version(&major, &minor, &patch);
        printf("libzmq %d.%d.%d: %.0f msg/s, %.1f MB/s\n", major, minor, patch, (count - 1) / secs,
               (count - 1) / secs * size / 1e6);
        zmq_close(s);
    } else if (strcmp(role, "send") == 0) {
        void *s = zmq_socket(ctx, ZMQ_PUSH);
        check(zmq_connect(s, endpoint), "connect");
        for (int i = 0; i < count; i++) {
            check(zmq_send(s, body, size, 0), "send");
        }
        zmq_close(s);
    } else if (strcmp(role, "rep") == 0) {
        void *s = zmq_socket(ctx, ZMQ_REP);
        check(zmq_bind(s, endpoint), "bind");
        for (int i = 0; i < count + 2000; i++) {
            check(zmq_msg_recv(&msg, s, 0), "recv");
            check(zmq_msg_send(&msg, s, 0), "send");
        }
        zmq_close(s);
    } else {
        void *s = zmq_socket(ctx, ZMQ_REQ);
        check(zmq_connect(s, endpoint), "connect");
        long long *rtt = malloc(sizeof(long long) * count);
        for (int i = 0; i < 2000 + count; i++) {
            long long t = now_ns();
            check(zmq_send(s, body, size, 0), "send");
            check(zmq_msg_recv(&msg, s, 0), "recv");
            if (i >= 2000) {
                rtt[i - 2000] = now_ns() - t;
            }
        }
        qsort(rtt, count, sizeof(long long), by_value);
        printf("libzmq round trip: p50 %.1f us, p99 %.1f us, p99.9 %.1f us\n", rtt[count / 2] / 1e3,
               rtt[(int) (count * 0.99)] / 1e3, rtt[(int) (count * 0.999)] / 1e3);
        zmq_close(s);
    }
    zmq_msg_close(&msg);
    zmq_ctx_term(ctx);
    return 0;
}
