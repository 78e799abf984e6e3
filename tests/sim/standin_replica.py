#!/usr/bin/env python3
"""STAND-IN REPLICA, for testing the harness only; it is not the store.

    standin_replica.py [--stale-reads] <port> <id> <peer-id>...

The lowest id is the leader for ever: it applies each put at once, tells its
peers with one message each, and answers. Others redirect to it. No fault
tolerance at all, so scenarios that kill the leader fail.

--stale-reads makes it deliberately wrong: followers apply the leader's
updates two seconds late, answer gets from that stale copy, and every answer
names no leader, so clients spread over all replicas. The linearizability
checker must flag it."""

import json
import select
import socket
import sys
import time

STALE_LAG = 2.0


def main(argv):
    stale = "--stale-reads" in argv
    argv = [a for a in argv if a != "--stale-reads"]
    port, me, peers = int(argv[0]), argv[1], argv[2:]
    leader = min([me, *peers])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    target = ("127.0.0.1", port)

    def send(msg):
        sock.sendto(json.dumps(msg).encode(), target)

    send({"src": me, "dst": "FFFF", "leader": "FFFF", "type": "hello"})
    store, pending = {}, []
    shown_leader = "FFFF" if stale else leader
    while True:
        ready, _, _ = select.select([sock], [], [], 0.05)
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, key, value = pending.pop(0)
            store[key] = value
        if not ready:
            continue
        msg = json.loads(sock.recv(65535))
        reply = {"src": me, "dst": msg["src"], "leader": shown_leader, "MID": msg.get("MID")}
        if msg["type"] == "standin_update":
            pending.append((now + (STALE_LAG if stale else 0), msg["key"], msg["value"]))
        elif me == leader and msg["type"] == "put":
            store[msg["key"]] = msg["value"]
            for peer in peers:
                send({"src": me, "dst": peer, "leader": leader, "type": "standin_update",
                      "key": msg["key"], "value": msg["value"]})
            send({**reply, "type": "ok"})
        elif msg["type"] == "get" and (me == leader or stale):
            send({**reply, "type": "ok", "value": store.get(msg["key"], "")})
        elif msg["type"] in ("get", "put"):
            send({**reply, "type": "redirect"})


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        pass
