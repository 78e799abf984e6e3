#!/usr/bin/env python3
"""make bench-cluster: the load shapes of `etcdctl check perf` against a
three-member etcd (Debian's etcd-server, measured by its own `etcdctl
check perf`) and against three 3700kvstore replicas in cluster mode
(measured by build/bench_cluster, on kvctl's client library), on this
machine, in the same run: data directories on the same disk, fsync on for
both, every process started and stopped here. Each load gets a fresh
cluster. Then one closed-loop client of ours (put, then a linearizable get
of it). Prints one table: per load, each system's throughput, p50, p99,
slowest, standard deviation and verdict, and the ratio.

    tests/cluster/bench.py [--seconds 60] [--loads s,m,l] [--no-etcd]

etcd's check perf reports throughput, slowest and standard deviation only,
so its p50 and p99 columns are empty. Both systems snapshot every 100,000
entries (etcd 3.4's default --snapshot-count)."""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from ports import free_ports  # noqa: E402
STORE = os.path.join(ROOT, "3700kvstore")
KVCTL = os.path.join(ROOT, "kvctl")
BENCH = os.path.join(ROOT, "build", "bench_cluster")
LOADS = {"s": (150, 50), "m": (1000, 200), "l": (8000, 500)}  # etcdctl check perf: puts/s, clients
SNAPSHOT_EVERY = "100000"


def stop(procs):
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def spawn(work, name, argv):
    """A process of the cluster under test, its output in WORK/NAME.log."""
    with open(os.path.join(work, f"{name}.log"), "ab") as log:
        return subprocess.Popen(argv, stdout=log, stderr=log)


def wait_ready(procs, ready, what):
    """Waits up to 20 s for ready() to hold, else stops procs and gives up."""
    deadline = time.time() + 20
    while not ready():
        if time.time() > deadline:
            stop(procs)
            raise SystemExit(f"bench-cluster: {what} within 20 s")
        time.sleep(0.2)


def start_etcd(work):
    ports = free_ports(6)
    names = ["e1", "e2", "e3"]
    peers = ",".join(f"{n}=http://127.0.0.1:{ports[3 + i]}" for i, n in enumerate(names))
    procs = []
    for i, n in enumerate(names):
        client, peer = f"http://127.0.0.1:{ports[i]}", f"http://127.0.0.1:{ports[3 + i]}"
        procs.append(spawn(work, n, [
            "etcd", "--name", n, "--data-dir", os.path.join(work, n),
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", peers, "--initial-cluster-state", "new",
            "--initial-cluster-token", "bench-cluster", "--snapshot-count", SNAPSHOT_EVERY,
            "--logger", "zap", "--log-outputs", "stderr", "--log-level", "error"]))
    endpoints = ",".join(f"127.0.0.1:{p}" for p in ports[:3])
    wait_ready(procs, lambda: subprocess.run(["etcdctl", "--endpoints", endpoints, "endpoint", "health"],
                                             capture_output=True,
                                             env=dict(os.environ, ETCDCTL_API="3")).returncode == 0,
               "etcd did not become healthy")
    return procs, endpoints


def start_ours(work):
    ports = free_ports(6)
    ids = ["0001", "0002", "0003"]
    members = ",".join(f"{m}=127.0.0.1:{ports[3 + i]}" for i, m in enumerate(ids))
    procs = [spawn(work, m, [STORE, "--name", m, "--initial-cluster", members,
                             "--listen-client", f"127.0.0.1:{ports[i]}",
                             "--data-dir", os.path.join(work, m), "--snapshot-every", SNAPSHOT_EVERY])
             for i, m in enumerate(ids)]
    endpoints = ",".join(f"127.0.0.1:{p}" for p in ports[:3])

    def has_leader():
        out = subprocess.run([KVCTL, "--cluster", endpoints, "-w", "simple", "status"],
                             capture_output=True, text=True).stdout
        return any(line.split(", ")[2] == "leader" for line in out.splitlines() if line.count(", ") >= 2)

    wait_ready(procs, has_leader, "3700kvstore elected no leader")
    return procs, endpoints


def seconds_of(text, what):
    m = re.search(what + r"[^0-9]*([0-9.]+)s", text)
    return float(m.group(1)) * 1e3 if m else None


def etcd_check_perf(endpoints, load, seconds):
    """etcdctl check perf runs 60 s whatever; its own figures."""
    r = subprocess.run(["etcdctl", "--endpoints", endpoints, "check", "perf", "--load", load],
                       capture_output=True, text=True, env=dict(os.environ, ETCDCTL_API="3"),
                       timeout=seconds + 120)
    text = r.stdout + r.stderr
    tput = re.search(r"Throughput (?:is|too low:) ([0-9]+) writes/s", text)
    return {"throughput": float(tput.group(1)) if tput else None, "p50": None, "p99": None,
            "slowest": seconds_of(text, "[Ss]lowest request took"),
            "stddev": seconds_of(text, "Stddev (?:is|too high:)"),
            "pass": r.returncode == 0 and "\nPASS" in "\n" + text.splitlines()[-1] if text.strip() else False,
            "raw": [re.sub(r"^.*?(PASS|FAIL|Slowest|Stddev)", r"\1", line) for line in text.strip().splitlines()[-4:]]}


def result_line(text):
    for line in text.splitlines():
        if line.startswith("result "):
            return dict(kv.split("=", 1) for kv in line.split()[1:])
    return None


def ours_load(endpoints, load, seconds):
    rate, clients = LOADS[load]
    r = subprocess.run([BENCH, "--cluster", endpoints, "--rate", str(rate), "--clients", str(clients),
                        "--seconds", str(seconds)], capture_output=True, text=True, timeout=seconds + 120)
    res = result_line(r.stdout)
    if not res:
        return {"throughput": None, "p50": None, "p99": None, "slowest": None, "stddev": None, "pass": False,
                "raw": (r.stdout + r.stderr).strip().splitlines()[-3:]}
    return {"throughput": float(res["throughput"]), "p50": float(res["p50_ms"]), "p99": float(res["p99_ms"]),
            "slowest": float(res["slowest_ms"]), "stddev": float(res["stddev_ms"]), "pass": res["pass"] == "1",
            "raw": [r.stdout.splitlines()[0]]}


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--loads", default="s,m,l")
    ap.add_argument("--no-etcd", action="store_true", help="measure ours only")
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "bench-cluster"))
    args = ap.parse_args()
    loads = [x for x in args.loads.split(",") if x]
    if any(x not in LOADS for x in loads):
        raise SystemExit(f"bench-cluster: loads are {', '.join(LOADS)}")
    have_etcd = not args.no_etcd and shutil.which("etcd") and shutil.which("etcdctl")
    if not args.no_etcd and not have_etcd:
        raise SystemExit("bench-cluster: etcd and etcdctl not found (make deps installs etcd-server, etcd-client)")
    if have_etcd and args.seconds != 60:
        print("note: etcdctl check perf always runs 60 s; --seconds applies to ours only")
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    rows = []
    for load in loads:
        for system in (["etcd"] if have_etcd else []) + ["ours"]:
            work = os.path.join(args.work, f"{system}-{load}")
            os.makedirs(work)
            print(f"load {load}: {system} ...", flush=True)
            procs, endpoints = (start_etcd if system == "etcd" else start_ours)(work)
            try:
                res = (etcd_check_perf if system == "etcd" else ours_load)(endpoints, load, args.seconds)
            finally:
                stop(procs)
            for line in res["raw"]:
                print(f"  {line}")
            rows.append((load, system, res))
    work = os.path.join(args.work, "ours-closed")
    os.makedirs(work)
    procs, endpoints = start_ours(work)
    try:
        closed = subprocess.run([BENCH, "--cluster", endpoints, "--closed-loop", "--seconds", "20"],
                                capture_output=True, text=True, timeout=200).stdout
    finally:
        stop(procs)

    print()
    print(f"{'load':4} {'system':12} {'rate':>5} {'clients':>7} {'puts/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'slowest ms':>10} {'stddev ms':>9}  result")
    by = {(load, system): res for load, system, res in rows}
    for load in loads:
        rate, clients = LOADS[load]
        for system in ["etcd", "ours"]:
            res = by.get((load, system))
            if not res:
                continue
            name = "etcd 3.4" if system == "etcd" else "3700kvstore"
            print(f"{load:4} {name:12} {rate:5} {clients:7} {fmt(res['throughput'], 0):>8} {fmt(res['p50'], 3):>7} "
                  f"{fmt(res['p99'], 3):>7} {fmt(res['slowest'], 1):>10} {fmt(res['stddev'], 2):>9}  "
                  f"{'PASS' if res['pass'] else 'FAIL'}")
        e, o = by.get((load, "etcd")), by.get((load, "ours"))
        if e and o and e["throughput"] and o["throughput"] and e["slowest"] and o["slowest"]:
            print(f"{load:4} {'ours/etcd':12} {'':5} {'':7} {o['throughput'] / e['throughput']:>8.2f} {'':>7} "
                  f"{'':>7} {o['slowest'] / e['slowest']:>10.2f} "
                  f"{(o['stddev'] / e['stddev']) if e['stddev'] else float('nan'):>9.2f}")
    print()
    print(closed.splitlines()[0] if closed else "closed loop: no result")
    ours_pass = all(res["pass"] for load, system, res in rows if system == "ours"
                    and (not have_etcd or by[(load, "etcd")]["pass"]))
    print(f"every load etcd passes, ours passes too: {'yes' if ours_pass else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
