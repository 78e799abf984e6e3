#!/usr/bin/env python3
"""Cluster mode as a new user tries it (make cluster-edges; issue 24, C):
three members on loopback, driven by kvctl, along the dimensions a user
steps outside of without meaning to:

- endpoints: kvctl given only a follower, or two members without the
  leader, must get answers (a follower forwards), quickly and without
  spinning; with the first listed member dead, a request must not wait
  for it;
- ids: four kvctl processes writing under one client id at once must not
  have a write acknowledged that no member holds; a client id that is a
  member's is refused at once (exit 2), not left to time out;
- input: a key that is not UTF-8, or empty, is refused at once (exit 2);
- clusters: a member started on another cluster's data directory refuses
  to start, naming both clusters; one started under another cluster's
  token (its own directory empty) is not heard by the others, who keep
  serving; kvctl draws client ids of 16 hex digits.

    tests/cluster/edges.py [--replica PATH] [--keep DIR]

Prints one line per check and `N passed, M failed`; exits 1 on a failure."""

import argparse
import json
import os
import socket
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from faults import KVCTL, STORE, Cluster  # noqa: E402

results = []


def check(name, ok, detail):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)


def kvctl(endpoints, args, timeout=5, client_id=None):
    cmd = [KVCTL, "--cluster", endpoints, "--timeout", str(timeout), "-v"]
    if client_id:
        cmd += ["--id", client_id]
    t0 = time.monotonic()
    r = subprocess.run(cmd + args, capture_output=True, timeout=timeout + 5)
    return r.returncode, r.stdout.decode(errors="replace").strip(), r.stderr.decode(errors="replace"), \
        time.monotonic() - t0


def wait_for_leader(c, seconds=10):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        leader = c.leader()
        if leader is not None:
            return leader
        time.sleep(0.1)
    return None


def redirects_of(stderr):
    for word in stderr.split(","):
        if "redirects" in word:
            return int(word.split()[0])
    return -1


def endpoints_without_leader(c, leader):
    addr = [f"127.0.0.1:{p}" for p in c.client]
    followers = [addr[i] for i in range(len(addr)) if i != leader]
    return followers[:1], followers


def check_endpoints(c, leader):
    one, both = endpoints_without_leader(c, leader)
    for name, eps in (("only a follower", one), ("two members without the leader", both)):
        rc, _, err, took = kvctl(",".join(eps), ["put", "ep", name])
        rc2, out, err2, took2 = kvctl(",".join(eps), ["get", "ep"])
        spins = max(redirects_of(err), redirects_of(err2))
        check(f"kvctl given {name}", rc == 0 and rc2 == 0 and out == name and took + took2 < 2 and spins < 10,
              f"put exit {rc} in {took:.3f} s, get exit {rc2} ({out!r}) in {took2:.3f} s, redirects {spins}")


def check_dead_first(c, leader):
    dead = next(i for i in range(len(c.ids)) if i != leader)
    c.kill(dead)
    order = [dead] + [i for i in range(len(c.ids)) if i != dead]
    eps = ",".join(f"127.0.0.1:{c.client[i]}" for i in order)
    times = []
    failures = 0
    for k in range(10):
        rc, _, _, took = kvctl(eps, ["get", "ep"])
        failures += rc != 0
        times.append(took)
    median = statistics.median(times)
    check("the first listed member dead", failures == 0 and median < 0.3,
          f"10 gets, {failures} failed, median {median * 1000:.0f} ms (an attempt's wait is 500 ms)")
    c.start(dead)


def check_shared_ids(c):
    """Two writers under one id, on keys of their own: every put acknowledged
    must read back (the last acknowledged value of each key)."""
    eps = c.endpoints
    acked = {}
    lock = threading.Lock()

    def writer(w):
        for k in range(40):
            key, value = f"shared-{w}-{k % 5}", f"{w}-{k}"
            rc, _, _, _ = kvctl(eps, ["put", key, value], timeout=2, client_id="0BAD")
            if rc == 0:
                with lock:
                    acked[key] = value

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lost = []
    for key, value in sorted(acked.items()):
        rc, out, _, _ = kvctl(eps, ["get", key])
        if rc != 0 or out != value:
            lost.append(f"{key}={value} read {out!r} (exit {rc})")
    check("four writers sharing a client id", not lost and len(acked) > 0,
          f"{len(acked)} keys with an acknowledged last put, {len(lost)} of them lost {lost[:3]}")


def check_late_write(c, leader):
    """Two writes under one id reach the leader back to back, the higher
    serial number first (two processes that drew one id): the lower is late
    and not applied, so it must not be acknowledged (issue 24, C1; on
    ab1f889 it was, and its value never read back)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.2)
    writes = [("EDGESHIGHSEQ0001", "late-high", "high", 2000), ("EDGESLOWSEQ00001", "late-low", "low", 1000)]
    for mid, key, value, seq in writes:
        put = {"src": "0BAD", "dst": c.ids[leader], "leader": "FFFF", "type": "put", "MID": mid, "key": key,
               "value": value, "seq": seq}
        sock.sendto(json.dumps(put).encode(), ("127.0.0.1", c.client[leader]))
    answers = {}
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        try:
            m = json.loads(sock.recv(65535))
        except (socket.timeout, ValueError):
            continue
        answers.setdefault(m.get("MID"), m.get("type"))
    sock.close()
    wrong = []
    for mid, key, value, _ in writes:
        if answers.get(mid) == "ok":
            rc, out, _, _ = kvctl(c.endpoints, ["get", key])
            if out != value:
                wrong.append(f"{mid} acknowledged, {key} reads {out!r}")
    check("a late write under a shared id", not wrong and answers.get(writes[0][0]) == "ok",
          f"answers {answers}; {wrong or 'every acknowledged write reads back'}")


def check_refusals(c):
    rc, _, err, took = kvctl(c.endpoints, ["put", "k", "v"], client_id=c.ids[0])
    check("a client id that is a member's", rc == 2 and took < 2, f"exit {rc} in {took:.3f} s: {err.strip()[:80]}")
    cases = (("a key that is not UTF-8", ["put", "\udcff\udcfe", "v"]), ("an empty key", ["put", "", "v"]))
    for name, args in cases:
        args = [a.encode("utf-8", "surrogateescape") for a in args]
        cmd = [KVCTL.encode(), b"--cluster", c.endpoints.encode(), b"--timeout", b"5"] + args
        t0 = time.monotonic()
        r = subprocess.run(cmd, capture_output=True, timeout=10)
        took = time.monotonic() - t0
        check(name, r.returncode == 2 and took < 1,
              f"exit {r.returncode} in {took:.3f} s: {r.stderr.decode(errors='replace').strip()[:80]}")


def check_foreign_directory(c, work, binary):
    """Issue 24, C3: another cluster's data directory (same member id) was
    accepted, and its log won the next election."""
    other = Cluster(3, os.path.join(work, "other"), binary)
    os.makedirs(other.work)
    for i in range(3):
        other.start(i)
    if wait_for_leader(other) is None or other.kvctl(["put", "foreign", "theirs"])[0] != 0:
        other.stop()
        check("another cluster's data directory", False, "the other cluster did not take a write")
        return
    other.stop()
    victim = next(i for i in range(3) if i != c.leader())
    c.kill(victim)
    own = c.data[victim]
    c.data[victim] = other.data[victim]
    c.start(victim)
    try:
        rc = c.procs[victim].wait(timeout=5)
    except subprocess.TimeoutExpired:
        rc = None
    c.procs[victim] = None
    with open(c.log_of(victim), errors="replace") as f:
        said = [line.strip() for line in f if "another cluster's data directory" in line]
    c.data[victim] = own
    c.start(victim)
    got = c.kvctl(["get", "foreign"])
    check("another cluster's data directory", rc == 1 and said and got == (0, ""),
          f"start exit {rc}; {said[-1][:110] if said else 'said nothing'}; its key here: {got}")


def check_foreign_token(c):
    """A member under another token (a copied configuration) is not heard:
    the others keep their leader and serve, and say why once."""
    victim = next(i for i in range(3) if i != c.leader())
    c.kill(victim)
    own = c.data[victim]
    c.data[victim] = own + "-stranger"
    c.token[victim] = "stranger"
    c.start(victim)
    time.sleep(3)  # past its first election timeout (1 to 2 s)
    rc, _, err, _ = kvctl(c.endpoints, ["put", "token", "ours"])
    said = 0
    for i in range(3):
        if i != victim:
            with open(c.log_of(i), errors="replace") as f:
                said += sum("not this one" in line for line in f)
    alive = c.procs[victim] is not None and c.procs[victim].poll() is None
    c.kill(victim)
    c.data[victim], c.token[victim] = own, None
    c.start(victim)
    drawn = err.split("client ")[1].split(",")[0] if "client " in err else ""
    check("a member under another cluster's token", rc == 0 and said >= 1 and alive,
          f"put exit {rc} beside it, {said} drop(s) said by the others, it ran: {alive}")
    check("kvctl draws a client id of 16 hex digits", len(drawn) == 16 and all(x in "0123456789ABCDEF" for x in drawn),
          f"drew {drawn!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--replica", default=STORE)
    ap.add_argument("--keep")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="cluster-edges-")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    c = Cluster(3, work, args.replica)
    try:
        for i in range(3):
            c.start(i)
        leader = wait_for_leader(c)
        if leader is None:
            check("a leader", False, "none within 10 s")
        else:
            check_endpoints(c, leader)
            check_late_write(c, leader)
            check_refusals(c)
            check_shared_ids(c)
            check_dead_first(c, wait_for_leader(c))
            wait_for_leader(c)
            check_foreign_directory(c, work, args.replica)
            wait_for_leader(c)
            check_foreign_token(c)
        c.check_alive()
        check("no member died by itself", not c.deaths, f"{c.deaths}")
    finally:
        c.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
