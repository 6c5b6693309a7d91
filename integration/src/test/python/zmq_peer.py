#!/usr/bin/python3
"""A libzmq socket driven line by line, for Weft's interop tests (LibzmqPeer.java).

Usage: zmq_peer.py TYPE [ROUTING_ID_HEX]

Opens one pyzmq socket of TYPE (PUSH, PULL, REQ, REP, PUB, SUB, XPUB, XSUB, DEALER, ROUTER,
PAIR) with LINGER 0, prints "ready <libzmq version>", then answers one line per command read on
stdin. A frame is written "x" followed by its bytes in hex ("x" alone is an empty frame).

    bind ENDPOINT            -> ok RESOLVED_ENDPOINT
    connect ENDPOINT         -> ok
    send FRAME...            -> ok | timeout          (one message, SNDTIMEO 5 s)
    recv TIMEOUT_MS          -> msg FRAME... | timeout (one whole message)
    subscribe FRAME          -> ok                    (SUB: ZMQ_SUBSCRIBE)
    unsubscribe FRAME        -> ok
    quit                     -> ok, then exit 0

End of input also ends the peer (status 0). Any failure prints "error <text>" and exits 1;
"import zmq" failing prints "error pyzmq missing ..." and exits 2. The peer never lives longer
than 120 s whatever happens (SIGALRM), so a lost test cannot leave it behind.
"""
import signal
import sys

signal.alarm(120)

try:
    import zmq
except ImportError as e:
    print("error pyzmq missing: %s cannot import zmq (%s); install it with apt-get install -y python3-zmq"
          % (sys.executable, e), flush=True)
    sys.exit(2)


def encode(frames):
    return " ".join("x" + f.hex() for f in frames)


def decode(tokens):
    frames = []
    for t in tokens:
        if not t.startswith("x"):
            raise ValueError("frame token must start with 'x', got %r" % t[:20])
        frames.append(bytes.fromhex(t[1:]))
    return frames


def reply(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def serve(sock):
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        cmd, args = words[0], words[1:]
        if cmd == "bind":
            sock.bind(args[0])
            reply("ok " + sock.getsockopt_string(zmq.LAST_ENDPOINT))
        elif cmd == "connect":
            sock.connect(args[0])
            reply("ok")
        elif cmd == "send":
            frames = decode(args)
            try:
                sock.send_multipart(frames)
                reply("ok")
            except zmq.Again:
                reply("timeout")
        elif cmd == "recv":
            sock.setsockopt(zmq.RCVTIMEO, int(args[0]))
            try:
                reply("msg " + encode(sock.recv_multipart()))
            except zmq.Again:
                reply("timeout")
        elif cmd == "subscribe":
            sock.setsockopt(zmq.SUBSCRIBE, decode(args)[0])
            reply("ok")
        elif cmd == "unsubscribe":
            sock.setsockopt(zmq.UNSUBSCRIBE, decode(args)[0])
            reply("ok")
        elif cmd == "quit":
            reply("ok")
            return
        else:
            raise ValueError("unknown command %r" % cmd)


def main():
    if len(sys.argv) not in (2, 3):
        raise ValueError("usage: zmq_peer.py TYPE [ROUTING_ID_HEX]")
    ctx = zmq.Context()
    sock = ctx.socket(getattr(zmq, sys.argv[1]))
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.SNDTIMEO, 5000)
    if len(sys.argv) == 3:
        sock.setsockopt(zmq.ROUTING_ID, bytes.fromhex(sys.argv[2]))
    reply("ready " + zmq.zmq_version())
    try:
        serve(sock)
    finally:
        sock.close()
        ctx.term()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # report to the test, then fail
        reply("error %s: %s" % (type(e).__name__, e))
        raise SystemExit(1)
