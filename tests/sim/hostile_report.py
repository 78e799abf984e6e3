#!/usr/bin/env python3
"""Side by side: the same scenarios and seeds without and with the flood.

    hostile_report.py QUIET.jsonl FLOOD.jsonl

Prints, per scenario, each run's verdict, crashes, incorrect answers,
duplicates, failures, median latency, tiers and the replicas' peak RSS,
then the flood's totals. Exits 1 when a flooded run crashed a replica,
got an incorrect answer, is not linearizable or failed the grader's
checks (its draw alone aside)."""

import json
import sys

TIER = {"bonus": "B", "full": "F", "partial": "p", "none": "-"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def peak_mb(row):
    kb = [v for v in row["peak_rss_kb"].values() if v is not None]
    return f"{max(kb) / 1024:.1f}" if kb else "-"


def tiers(row):
    return " ".join(TIER.get(row["tiers"].get(m), "?")
                    for m in ("total_msgs", "failures", "duplicates", "median_latency"))


def line(label, row):
    lat = "-" if row["median_latency_ms"] is None else f"{row['median_latency_ms']:.3f}"
    return (f"  {label:<6} {row['verdict']:<5} {row['died']:>4} {row['incorrect']:>5} {row['duplicates']:>4} "
            f"{row['failures']:>5} {lat:>8}  {tiers(row):<8} {'yes' if row['linearizable'] else 'NO':<4} "
            f"{peak_mb(row):>6} {row.get('replica_cpu_s', 0):>6.1f}")


def broken(row):
    """What the flood may not cause, whatever the timing."""
    why = []
    if row["died"]:
        why.append(f"{row['died']} replicas died")
    if row["incorrect"]:
        why.append(f"{row['incorrect']} incorrect answers")
        why += [f"  incorrect: {reason}" for reason in row.get("incorrect_reasons", [])]

    if not row["linearizable"]:
        why.append("not linearizable")
    if row["verdict"] == "fail":
        why.append("failed: " + "; ".join(row["problems"]))
    return why


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    quiet = {(r["scenario"], r["seed"]): r for r in load(argv[1])}
    flooded = load(argv[2])
    print(f"  {'run':<6} {'result':<5} {'died':>4} {'wrong':>5} {'dup':>4} {'fail':>5} {'lat ms':>8}  "
          f"tiers    lin  {'RSS MB':>6} {'CPU s':>6}  (tiers: msgs failures dups latency;"
          f" RSS: the largest replica's peak; CPU: all replicas')")
    bad, sent, categories, size, cpu = [], 0, 0, 0, 0.0
    for row in flooded:
        print(f"{row['scenario']} (seed {row['seed']})")
        base = quiet.get((row["scenario"], row["seed"]))
        if base:
            print(line("quiet", base))
        print(line("flood", row))
        if row.get("harness_kernel_drops"):  # not the replicas' doing, but it can cost an ok
            print(f"         the kernel dropped {row['harness_kernel_drops']} datagrams at the test-bed's sockets")
        fl = row.get("flood") or {}
        sent += fl.get("sent", 0)
        size += fl.get("bytes", 0)
        categories = max(categories, fl.get("categories", 0))
        cpu += fl.get("cpu_s", 0)
        bad += [f"{row['scenario']}: {why}" for why in broken(row)]
    print(f"{sent} malformed datagrams in {categories} categories, {size / 1e6:.0f} MB, "
          f"over {len(flooded)} runs; the flooding process used {cpu:.1f} s of CPU")
    for why in bad:
        print(f"  ! {why}")
    print("hostile: " + ("FAIL" if bad else "no crash, no incorrect answer, every flooded run linearizable"))
    return 1 if bad or not flooded else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
