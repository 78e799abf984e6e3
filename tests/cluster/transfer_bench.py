#!/usr/bin/env python3
"""make bench-transfer: leadership transfer time, ours beside etcd's, in
one run on this machine. A three-member etcd (Debian's etcd-server) and
three 3700kvstore replicas in cluster mode; on each, N times: find the
leader, move leadership to the next member with the command line
(`kvctl move-leader ID`, `etcdctl move-leader HEXID`), then put a key with
the command line; the time from starting the move to the put's answer
(which the new leader gave) is one sample. Each tool's own cost is
measured too, as the median time of a put with no transfer before it, so
that what the transfer adds can be told from a process start.

    tests/cluster/transfer_bench.py [--transfers 100] [--no-etcd]

Prints per system: median and slowest transfer-then-put, median put
alone, and how many moves failed."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from bench import KVCTL, start_etcd, start_ours, stop  # noqa: E402

ETCD_ENV = dict(os.environ, ETCDCTL_API="3")


def ms_since(t0):
    return (time.monotonic() - t0) * 1e3


class Ours:
    name = "3700kvstore"

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def run(self, args):
        return subprocess.run([KVCTL, "--cluster", self.endpoints] + args, capture_output=True, text=True)

    def members(self):
        """Member ids, and the leader's (None: none)."""
        ids, leader = [], None
        for line in self.run(["-w", "simple", "status"]).stdout.splitlines():
            f = line.split(", ")
            if len(f) > 2 and f[1] != "-":
                ids.append(f[1])
                leader = f[1] if f[2] == "leader" else leader
        return sorted(ids), leader

    def move(self, target):
        return self.run(["move-leader", target]).returncode == 0

    def put(self, key, value):
        return self.run(["put", key, value]).returncode == 0


class Etcd:
    name = "etcd"

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def run(self, args):
        return subprocess.run(["etcdctl", "--endpoints", self.endpoints] + args, capture_output=True, text=True,
                              env=ETCD_ENV)

    def members(self):
        ids, leader = set(), None
        for s in json.loads(self.run(["endpoint", "status", "-w", "json"]).stdout or "[]"):
            member = format(s["Status"]["header"]["member_id"], "x")
            ids.add(member)
            if s["Status"]["leader"] == s["Status"]["header"]["member_id"]:
                leader = member
        return sorted(ids), leader

    def move(self, target):
        return self.run(["move-leader", target]).returncode == 0

    def put(self, key, value):
        return self.run(["put", key, value]).returncode == 0


def measure(system, transfers):
    """Put alone, then N move-then-put samples, in ms."""
    alone = []
    for i in range(20):
        t0 = time.monotonic()
        system.put("alone", str(i))
        alone.append(ms_since(t0))
    samples, failed = [], 0
    for i in range(transfers):
        ids, leader = system.members()
        if leader is None or len(ids) < 2:
            time.sleep(0.2)
            failed += 1
            continue
        target = ids[(ids.index(leader) + 1) % len(ids)]
        t0 = time.monotonic()
        if not system.move(target) or not system.put("moved", str(i)):
            failed += 1
            continue
        samples.append(ms_since(t0))
    return samples, alone, failed


def report(name, samples, alone, failed):
    if not samples:
        print(f"{name:<12} no transfer succeeded ({failed} failed)")
        return
    print(f"{name:<12} {statistics.median(samples):>8.1f} {max(samples):>8.1f} {statistics.median(alone):>10.1f}"
          f" {len(samples):>6} {failed:>7}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--transfers", type=int, default=100)
    ap.add_argument("--no-etcd", action="store_true")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "bench-transfer"))
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    results = []
    systems = [("ours", start_ours, Ours)] + ([] if args.no_etcd else [("etcd", start_etcd, Etcd)])
    for label, start, kind in systems:
        work = os.path.join(args.work, label)
        os.makedirs(work)
        procs, endpoints = start(work)
        try:
            system = kind(endpoints)
            results.append((system.name,) + measure(system, args.transfers))
        finally:
            stop(procs)
    print(f"leadership transfer, {args.transfers} moves each: from the command to the answer of the put after it (ms)")
    print(f"{'system':<12} {'median':>8} {'slowest':>8} {'put alone':>10} {'moves':>6} {'failed':>7}")
    for r in results:
        report(*r)
    return 1 if any(r[3] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
