"""make kill9: a kill -9 loop on real replica processes under the local
harness. Every cycle SIGKILLs a replica (the leader and a random one in
turn) and starts it again on the same data directory `restart` seconds
later; at the end every acknowledged key is read back. Prints

    N cycles, K acknowledged writes lost, linearizable: yes|no, D duplicates

and exits non-zero unless K = 0, every acknowledged key was read back, the
history is linearizable, there are no duplicate answers and no replica
died. The grader's "incorrect" count (a get that saw a put its client never
heard acknowledged) is printed, not judged: after a restart a leader sends
the replica 56 KB catch-up batches, the test-bed's socket for the leader
(default buffer, one datagram read per loop turn) overflows, and the
kernel drops some oks; the puts took effect, so the history stays
linearizable. A cycle is spaced `period` seconds from the next, so that a restarted
replica has caught up (or not: that is the point) before the next kill.

    python3 tests/sim/kill9.py --cycles 200 --replica ./3700kvstore"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def scenario(cycles, period, restart, replicas, rate):
    """A scenario of the local harness (config.py) with `cycles` kill9 events."""
    lifetime = max(5.0, cycles * period + 2)
    events = [{"type": "kill9_leader" if i % 2 == 0 else "kill9_random", "time": 1 + i * period}
              for i in range(cycles)]
    return {"lifetime": lifetime, "replicas": replicas, "requests": int(lifetime * rate), "mix": 0.5,
            "restart_after": restart, "events": events,
            "max_packets": 10 ** 9, "seed": None}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cycles", type=int, default=200)
    ap.add_argument("--period", type=float, default=1.5, help="seconds between two kills")
    ap.add_argument("--restart", type=float, default=0.5, help="seconds a killed replica stays down")
    ap.add_argument("--replicas", type=int, default=5)
    ap.add_argument("--rate", type=float, default=100, help="client requests per second")
    ap.add_argument("--replica", default="./3700kvstore")
    ap.add_argument("--snapshot-every", type=int, default=100,
                    help="the replicas' --snapshot-every: low, so that the run takes snapshots and restarted "
                         "replicas install them (0: never)")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--json", help="append the run's JSON line here")
    ap.add_argument("--keep", help="keep the data directories and logs here")
    ap.add_argument("--quiet", action="store_true", help="print only the last line")
    args = ap.parse_args(argv)
    work = args.keep or tempfile.mkdtemp(prefix="kill9-")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "kill9.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(scenario(args.cycles, args.period, args.restart, args.replicas, args.rate), f)
    out = os.path.join(work, "run.jsonl")
    if os.path.exists(out):
        os.remove(out)
    data = os.path.join(work, "data")
    shutil.rmtree(data, ignore_errors=True)
    cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"), "--silence", "--safety",
           "--read-back", "--data-dir", data, "--logs", os.path.join(work, "logs"), "--json", out,
           "--replica", f"{args.replica} --snapshot-every {args.snapshot_every}", path]
    if args.seed is not None:
        cmd += ["--seed", str(args.seed)]
    subprocess.call(cmd, stdout=subprocess.DEVNULL if args.quiet else None,
                    stderr=subprocess.DEVNULL if args.quiet else None)
    with open(out, encoding="utf-8") as f:
        row = json.loads(f.readline())
    if args.json:
        with open(args.json, "a", encoding="utf-8") as f:
            f.write(json.dumps(row) + "\n")
    rb = row["read_back"] or {"lost": None, "read": 0, "keys": 0}
    print(f"{row['crashes']} cycles, {rb['lost']} acknowledged writes lost "
          f"({rb['read']} of {rb['keys']} acknowledged keys read back), "
          f"linearizable: {'yes' if row['linearizable'] else 'no'}, {row['duplicates']} duplicates, "
          f"{row['died']} replicas died; {row['incorrect']} gets saw a put whose ok the client never got")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = (rb["lost"] == 0 and rb["read"] == rb["keys"] and row["linearizable"] and not row["died"]
          and row["duplicates"] == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
