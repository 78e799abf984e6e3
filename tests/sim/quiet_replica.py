#!/usr/bin/env python3
"""A stand-in process for the harness's own loop tests: says hello, writes
one line to stdout and one to stderr, then ignores everything.

    quiet_replica.py [--exit-delay SECONDS] <port> <id> <peer-id>...

With --exit-delay it takes that long to exit after SIGTERM, so a test can
tell whether the harness waited for it."""

import json
import signal
import socket
import sys
import time


def main(argv):
    delay = 0.0
    if argv[:1] == ["--exit-delay"]:
        delay, argv = float(argv[1]), argv[2:]
    port, me = int(argv[0]), argv[1]

    def on_term(signum, frame):
        time.sleep(delay)
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_term)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.sendto(json.dumps({"src": me, "dst": "FFFF", "leader": "FFFF", "type": "hello"}).encode(),
                ("127.0.0.1", port))
    print(f"quiet replica {me} up", file=sys.stderr, flush=True)
    print(f"{me} says nothing more", flush=True)
    while True:
        sock.recv(65535)


if __name__ == "__main__":
    main(sys.argv[1:])
