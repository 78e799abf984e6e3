"""make bench-durable: what --data-dir costs. One group of three replicas
on loopback under the local harness takes only puts at a fixed offered
rate, three ways: in memory (the test-bed's invocation), with its
write-ahead log on this machine's disk, and on tmpfs. Prints, for each,
the puts answered per second and the put latency (median, 99th
percentile), as medians over the runs.

    python3 tests/sim/bench_durable.py [--rate 300] [--seconds 20] [--runs 3]
        [--disk DIR] [--tmpfs DIR]

The harness is one Python loop, as the test-bed is: the offered rate is
what it can send, not what the replicas could take (the answered rate
equal to the offered one means the store kept up)."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile


def scenario(rate, seconds):
    return {"lifetime": seconds, "replicas": 3, "requests": int(rate * seconds), "mix": 0.0,
            "max_packets": 10 ** 9, "start_wait": 3, "end_wait": 2}


def run_once(path, data_dir, replica, out):
    cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"), "--silence", "--safety",
           "--json", out, "--replica", replica, path]
    if data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
        cmd[2:2] = ["--data-dir", data_dir]
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        lines = f.readlines()
    return json.loads(lines[-1])


def figures(row, seconds):
    answered = row["puts"] - row["unanswered_puts"] - row["put_fails"]
    deciles = row["latency_deciles_ms"]
    return {"puts_per_s": answered / seconds, "median_ms": row["median_latency_ms"],
            "p90_ms": deciles[-1] if deciles else None, "linearizable": row["linearizable"],
            "unanswered": row["unanswered_puts"]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=300, help="puts per second offered (the harness keeps up to about 300)")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--replica", default="./3700kvstore")
    ap.add_argument("--disk", default="build/bench-durable", help="a directory on this machine's disk")
    ap.add_argument("--tmpfs", default="/dev/shm/kvstore-bench-durable", help="a directory on tmpfs")
    args = ap.parse_args(argv)
    work = tempfile.mkdtemp(prefix="bench-durable-")
    path = os.path.join(work, "puts.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(scenario(args.rate, args.seconds), f)
    ways = [("in memory", None), ("disk", args.disk), ("tmpfs", args.tmpfs)]
    results = {name: [] for name, _ in ways}
    for i in range(args.runs):  # interleaved, so that a noisy spell hits every way alike
        for name, data in ways:
            row = run_once(path, data, args.replica, os.path.join(work, "runs.jsonl"))
            results[name].append(figures(row, args.seconds))
            if data:
                shutil.rmtree(data, ignore_errors=True)
    print(f"{args.rate:.0f} puts/s offered for {args.seconds:.0f} s, 3 replicas, {args.runs} runs each (medians):")
    print(f"{'':12} {'puts/s answered':>16} {'median ms':>10} {'p90 ms':>8} {'unanswered':>11}  linearizable")
    for name, _ in ways:
        rs = results[name]
        med = lambda k: statistics.median(r[k] for r in rs if r[k] is not None)
        print(f"{name:12} {med('puts_per_s'):16.0f} {med('median_ms'):10.3f} {med('p90_ms'):8.3f} "
              f"{med('unanswered'):11.0f}  {'yes' if all(r['linearizable'] for r in rs) else 'NO'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if all(r["linearizable"] for rs in results.values() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())
