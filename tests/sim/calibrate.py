#!/usr/bin/env python3
"""Compares the harness with the grading test-bed, scenario by scenario.

    calibrate.py GRADER.jsonl HARNESS.jsonl

GRADER.jsonl holds the grading test-bed's own figures for one commit
(../shared/calibration/<commit>.jsonl, described in its README); HARNESS.jsonl
the rows that run.py --json wrote for the same binary on the same scenarios.
Several runs of a scenario on either side are averaged. Prints a table of
harness vs grader with their ratio, then how many scenarios agree on the
verdict and lie within the tolerance on messages and puts sent. The pace
columns: the harness's floor a datagram (run.py --hop-us) and its loop's
time a datagram as it ran (selecting over every replica's socket, routing,
the floor), which grows with the replica count as the grader's does."""

import json
import statistics
import sys

TOLERANCE = 0.10  # issue 8: messages and puts sent within +-10%

# (label, grader field, harness field)
FIGURES = [("msgs", "total_msgs", "total_msgs"),
           ("puts", "puts_sent", "puts"),
           ("gets", "gets_sent", "gets"),
           ("requests", "requests_sent", "requests"),
           ("redirects", "redirects", "redirects"),
           ("failures", "failures", "failures"),
           ("dups", "duplicates", "duplicates"),
           ("lat ms", "median_latency_ms", "median_latency_ms"),
           ("mean ms", "mean_latency_ms", "mean_latency_ms")]


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                add_requests(row)
                rows.setdefault(row["scenario"], []).append(row)
    return rows


def add_requests(row):
    """Requests sent of either kind (the grader's gets_sent + puts_sent, the
    harness's gets + puts): a request caught in a redirect loop stays the
    kind it was drawn, so which kind a loop inflates is luck, and the sum
    is what the loop's length decides."""
    for total, gets, puts in (("requests_sent", "gets_sent", "puts_sent"), ("requests", "gets", "puts")):
        if row.get(gets) is not None and row.get(puts) is not None:
            row[total] = row[gets] + row[puts]


def mean(rows, field):
    values = [r[field] for r in rows if r.get(field) is not None]
    return statistics.mean(values) if values else None


def passes(rows, passed):
    return f"{sum(1 for r in rows if passed(r))}/{len(rows)}"


def harness_passed(row):
    return row["passed"] and row["linearizable"]


def ratio(h, g):
    if h is None or g is None:
        return "-"
    if g == 0:
        return "=" if h == 0 else "inf"
    return f"{h / g:.2f}"


def within(h, g):
    return g and abs(h - g) <= TOLERANCE * g


def within_spread(h, g_rows, field):
    """Within the tolerance of the grader's own range over its runs: where
    two runs of the same binary on the grader differ by more than ±10%
    (redirect loops, which side of a partition the leader lands on), the
    mean of those runs is no sharper a target than the runs themselves."""
    values = [r[field] for r in g_rows if r.get(field) is not None]
    return values and min(values) * (1 - TOLERANCE) <= h <= max(values) * (1 + TOLERANCE)


def fmt(v):
    if v is None:
        return "-"
    return f"{v:.3f}" if v < 10 and v != int(v) else f"{v:.0f}"


def compare(grader, harness):
    lines = []
    top = f"{'':<15} {'passed':<11} {'pace us':>9}" + "".join(f" |{label:^20}" for label, _, _ in FIGURES)
    head = f"{'scenario':<15} {'h':<5} {'g':<5} {'min':>4} {'ran':>4}" + "".join(
        f" |{'harness':>7} {'grader':>6} {'h/g':>5}" for _ in FIGURES)
    lines += [top, head, "-" * len(head)]
    tally = dict(scenarios=0, verdict=0, msgs=0, puts=0, requests=0, msgs_spread=0, puts_spread=0,
                 requests_spread=0)
    for name in sorted(grader):
        if name not in harness:
            lines.append(f"{name:<15} (no harness run)")
            continue
        g_rows, h_rows = grader[name], harness[name]
        g_pass = all(r["passed"] for r in g_rows)
        h_pass = all(harness_passed(r) for r in h_rows)
        tally["scenarios"] += 1
        tally["verdict"] += g_pass == h_pass
        cells = []
        for label, g_field, h_field in FIGURES:
            g, h = mean(g_rows, g_field), mean(h_rows, h_field)
            cells.append(f" |{fmt(h):>7} {fmt(g):>6} {ratio(h, g):>5}")
            if label in ("msgs", "puts", "requests") and h is not None:
                tally[label] += bool(within(h, g))
                tally[label + "_spread"] += bool(within_spread(h, g_rows, g_field))
        passed = f"{passes(h_rows, harness_passed):<5} {passes(g_rows, lambda r: r['passed']):<5}"
        floor = mean(h_rows, "hop_us")  # the harness's least time a datagram (run.py --hop-us)
        ran = mean(h_rows, "busy_us_per_datagram")  # its loop's time a datagram, measured
        lines.append(f"{name:<15} {passed} {fmt(floor):>4} {fmt(ran):>4}" + "".join(cells))
    n = tally["scenarios"]
    lines.append("")
    lines.append(f"same verdict: {tally['verdict']}/{n}; messages within ±{TOLERANCE:.0%}: {tally['msgs']}/{n}; "
                 f"puts sent within ±{TOLERANCE:.0%}: {tally['puts']}/{n}; requests sent (gets + puts) within "
                 f"±{TOLERANCE:.0%}: {tally['requests']}/{n}")
    lines.append(f"within ±{TOLERANCE:.0%} of the grader's own range over its runs: messages "
                 f"{tally['msgs_spread']}/{n}, puts sent {tally['puts_spread']}/{n}, "
                 f"requests sent {tally['requests_spread']}/{n}")
    lines.append(self_agreement(grader))
    return "\n".join(lines), tally


def self_agreement(grader):
    """The yardstick for the lines above: the grader's first run of each
    scenario against its second, within the same tolerance. A harness can
    hardly agree with the grader more often than the grader agrees with
    itself."""
    tally = {"msgs": 0, "puts": 0, "requests": 0}
    pairs = [rows[:2] for rows in grader.values() if len(rows) >= 2]
    for first, second in pairs:
        for label, g_field, _ in FIGURES:
            if label in tally and first.get(g_field) is not None and second.get(g_field) is not None:
                tally[label] += bool(within(first[g_field], second[g_field]))
    n = len(pairs)
    return (f"the grader's run 1 within ±{TOLERANCE:.0%} of its run 2: messages {tally['msgs']}/{n}, "
            f"puts sent {tally['puts']}/{n}, requests sent {tally['requests']}/{n}")


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    text, tally = compare(load(argv[0]), load(argv[1]))
    print(text)
    return 0 if tally["scenarios"] and tally["verdict"] == tally["scenarios"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
