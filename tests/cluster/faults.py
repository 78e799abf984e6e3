#!/usr/bin/env python3
"""Cluster mode under faults (make cluster-faults): real replicas started
with their cluster-mode flags and data directories, clients that are kvctl
processes, and a nemesis that SIGKILLs and restarts the leader, pauses a
replica (SIGSTOP/SIGCONT), moves the leader to a follower (kvctl
move-leader), and cuts the leader or a follower off from its
peers (KVSTORE_PARTITION_FILE, src/net/transport.h). Every operation's call
and return times and result make a history, which must be linearizable
(tests/sim/linearizability.py: a delete is a put of the empty value, a
compare-and-set expects what its client last saw of the key, and a request
kvctl gave up on may or may not have taken effect).

    tests/cluster/faults.py [--replicas 3] [--seconds 40] [--clients 4] [--seed N] [--replica PATH]

Prints the faults, then `ops, answered, unknown, linearizable`, and exits
1 when the history is not linearizable, when too few requests were
answered (liveness: under 60%), when a replica died by itself, or when a
replica's log holds a sanitizer report (with --replica build/asan/3700kvstore)."""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "sim"))
import linearizability  # noqa: E402

sys.path.insert(0, HERE)
from ports import free_ports  # noqa: E402

STORE = os.path.join(ROOT, "3700kvstore")
KVCTL = os.path.join(ROOT, "kvctl")
KEYS = [f"key{k}" for k in range(6)]


class Cluster:
    def __init__(self, n, work, binary):
        self.binary = binary
        self.ids = [f"{i + 1:04X}" for i in range(n)]
        ports = free_ports(2 * n)
        self.peer = ports[:n]
        self.client = ports[n:]
        self.work = work
        self.members = ",".join(f"{i}=127.0.0.1:{p}" for i, p in zip(self.ids, self.peer))
        self.endpoints = ",".join(f"127.0.0.1:{p}" for p in self.client)
        self.procs = [None] * n
        self.paused = [False] * n
        self.deaths = []  # replicas that exited without being killed
        self.token = [None] * n  # --initial-cluster-token of each member
        self.data = [os.path.join(work, i) for i in self.ids]

    def partition_file(self, i):
        return os.path.join(self.work, f"{self.ids[i]}.partition")

    def start(self, i):
        env = dict(os.environ, KVSTORE_PARTITION_FILE=self.partition_file(i))
        log = open(self.log_of(i), "ab")
        token = ["--initial-cluster-token", self.token[i]] if self.token[i] else []
        self.procs[i] = subprocess.Popen(
            [self.binary, "--name", self.ids[i], "--initial-cluster", self.members,
             "--listen-client", f"127.0.0.1:{self.client[i]}",
             "--data-dir", self.data[i], "--snapshot-every", "200"] + token,
            stdout=log, stderr=log, env=env)
        log.close()

    def log_of(self, i):
        return os.path.join(self.work, f"{self.ids[i]}.log")

    def kill(self, i):
        if self.procs[i] and self.paused[i]:
            self.procs[i].send_signal(signal.SIGCONT)
            self.paused[i] = False
        if self.procs[i]:
            self.procs[i].kill()
            self.procs[i].wait()
            self.procs[i] = None

    def pause(self, i, on):
        if self.procs[i]:
            self.procs[i].send_signal(signal.SIGSTOP if on else signal.SIGCONT)
            self.paused[i] = on

    def cut(self, groups):
        """Members of different groups exchange nothing; [] heals."""
        side = {}
        for g, members in enumerate(groups):
            for i in members:
                side[i] = g
        for i in range(len(self.ids)):
            away = [self.ids[j] for j in range(len(self.ids))
                    if i in side and j in side and side[i] != side[j]]
            tmp = self.partition_file(i) + ".new"
            with open(tmp, "w") as f:
                f.write(" ".join(away) + "\n")
            os.replace(tmp, self.partition_file(i))

    def check_alive(self):
        for i, p in enumerate(self.procs):
            if p and p.poll() is not None:
                self.deaths.append((self.ids[i], p.returncode))
                self.procs[i] = None

    def kvctl(self, args, timeout=8, client_id=None):
        cmd = [KVCTL, "--cluster", self.endpoints, "--timeout", str(timeout)]
        if client_id:
            cmd += ["--id", client_id]
        r = subprocess.run(cmd + args, capture_output=True, text=True, timeout=timeout + 5)
        return r.returncode, r.stdout.rstrip("\n")

    def leader(self):
        _, out = self.kvctl(["-w", "simple", "status"], timeout=1)
        for line in out.splitlines():
            f = line.split(", ")
            if len(f) > 2 and f[2] == "leader":
                return self.ids.index(f[1])
        return None

    def stop(self):
        for i in range(len(self.ids)):
            if self.procs[i] and self.paused[i]:
                self.pause(i, False)
            if self.procs[i]:
                self.procs[i].terminate()
        for i in range(len(self.ids)):
            if self.procs[i]:
                try:
                    self.procs[i].wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.procs[i].kill()


def client_loop(cluster, client_id, rng, stop, history, lock, t0):
    n = 0
    seen = {}  # the last value this client read or found for each key: what its cas expects
    while not stop.is_set():
        key = rng.choice(KEYS)
        r = rng.random()
        n += 1
        value = f"{client_id}-{n}"
        if r < 0.35:
            kind, args = "put", ["put", key, value]
        elif r < 0.45:
            kind, value, args = "put", "", ["del", key]
        elif r < 0.6:
            kind, args = "cas", ["cas", key, seen.get(key, ""), value]
        else:
            kind, value, args = "get", None, ["get", key]
        invoke = time.monotonic() - t0
        rc, out = cluster.kvctl(args, client_id=client_id)
        complete = time.monotonic() - t0
        if rc not in (0, 1) and not (kind == "cas" and rc == 3):
            raise SystemExit(f"kvctl {' '.join(args)} exited {rc}: {out}")
        op = {"kind": kind, "key": key, "value": out if kind == "get" else value,
              "invoke": invoke, "complete": None if rc == 1 else complete, "client": client_id}
        if kind == "cas":
            op["expected"] = args[2]
            op["found"] = None if rc == 1 else args[2] if rc == 0 else out
        if kind == "get" and rc == 0:
            seen[key] = out
        elif kind == "cas" and rc != 1:
            seen[key] = value if rc == 0 else out
        with lock:
            history.append(op)


def nemesis(cluster, rng, stop, log):
    n = len(cluster.ids)
    while not stop.wait(rng.uniform(1.5, 3.0)):
        leader = cluster.leader()
        fault = rng.choice(["kill-leader", "pause", "cut-leader", "cut-follower", "move-leader"])
        if leader is None:
            fault = "pause"
        victim = leader if fault in ("kill-leader", "cut-leader") else \
            rng.choice([i for i in range(n) if i != leader]) if leader is not None else rng.randrange(n)
        hold = rng.uniform(1.0, 3.0)
        log.append(f"{fault} {cluster.ids[victim]} for {hold:.1f} s")
        print(f"  nemesis: {log[-1]}", flush=True)
        if fault == "move-leader":  # an operator's, amid the clients' writes
            rc, out = cluster.kvctl(["move-leader", cluster.ids[victim]], timeout=5)
            log[-1] = f"move-leader to {cluster.ids[victim]}: exit {rc}"
            print(f"  nemesis: {log[-1]} {out}", flush=True)
            stop.wait(hold)
        elif fault == "kill-leader":
            cluster.kill(victim)
            stop.wait(hold)
            cluster.start(victim)
        elif fault == "pause":
            cluster.pause(victim, True)
            stop.wait(hold)
            cluster.pause(victim, False)
        else:
            cluster.cut([[victim], [i for i in range(n) if i != victim]])
            stop.wait(hold)
            cluster.cut([])
        cluster.check_alive()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replicas", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=40)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "cluster-faults"))
    ap.add_argument("--replica", default=STORE, help="the replica binary (a planted-bug build, say)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"cluster-faults: {args.replicas} replicas, {args.clients} kvctl clients, "
          f"{args.seconds:.0f} s, seed {seed}", flush=True)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    cluster = Cluster(args.replicas, args.work, os.path.abspath(args.replica))
    history, lock, stop, faults = [], threading.Lock(), threading.Event(), []
    try:
        cluster.cut([])
        for i in range(args.replicas):
            cluster.start(i)
        deadline = time.monotonic() + 10
        while cluster.leader() is None:
            if time.monotonic() > deadline:
                raise SystemExit("cluster-faults: no leader within 10 s")
            time.sleep(0.1)
        t0 = time.monotonic()
        threads = [threading.Thread(target=client_loop, daemon=True,
                                    args=(cluster, f"C{c:03X}", random.Random(rng.random()), stop, history, lock, t0))
                   for c in range(args.clients)]
        threads.append(threading.Thread(target=nemesis, args=(cluster, random.Random(rng.random()), stop, faults),
                                        daemon=True))
        for t in threads:
            t.start()
        time.sleep(args.seconds)
        stop.set()
        for t in threads:
            t.join()
        cluster.cut([])
        for i in range(args.replicas):
            if cluster.procs[i] is None:
                cluster.start(i)
        # every key read back at the end, through the healed cluster
        for key in KEYS:
            invoke = time.monotonic() - t0
            rc, out = cluster.kvctl(["get", key], timeout=15)
            history.append({"kind": "get", "key": key, "value": out, "invoke": invoke,
                            "complete": time.monotonic() - t0 if rc == 0 else None, "client": "final"})
        cluster.check_alive()
    finally:
        stop.set()
        cluster.stop()
    answered = sum(1 for op in history if op["complete"] is not None)
    ok, bad = linearizability.check(history)
    print(f"{len(faults)} faults; {len(history)} operations, {answered} answered, "
          f"{len(history) - answered} unknown (kvctl gave up), "
          f"{sum(1 for op in history if op['kind'] == 'get')} gets, "
          f"{sum(1 for op in history if op['kind'] == 'cas' and op['found'] == op['expected'])} of "
          f"{sum(1 for op in history if op['kind'] == 'cas')} compare-and-sets swapped; "
          f"linearizable: {'yes' if ok else 'no'}")
    for key in bad:
        print(f"not linearizable on {key}:\n{linearizability.explain(history, key, limit=40)}")
    for who, rc in cluster.deaths:
        print(f"replica {who} exited by itself with status {rc}")
    reports = [name for name in sorted(os.listdir(args.work)) if name.endswith(".log") and
               any(w in open(os.path.join(args.work, name), errors="replace").read()
                   for w in ("Sanitizer", "runtime error"))]
    for name in reports:
        print(f"sanitizer report in {os.path.join(args.work, name)}")
    live = answered >= 0.6 * len(history)
    if not live:
        print("too few answered: under 60% of requests")
    passed = ok and live and not cluster.deaths and not reports
    print(f"{int(passed)} passed, {int(not passed)} failed")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
