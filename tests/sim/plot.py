"""One picture of a run (run.py --plot DIR): on a shared time axis, the
leader each replica names and its term, the scenario's events, messages per
second by type with the drops, and client latency (median and 99th
percentile per bin, redirects and fails marked). Uses Debian's
python3-matplotlib (installed by `make deps`), with the Agg backend: no
display needed."""

import collections
import math
import os
import statistics

BIN = 0.5  # seconds per bin of the rate and latency panels


def available():
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _bins(times, end):
    n = max(1, int(math.ceil(end / BIN)))
    return [i * BIN for i in range(n)], n


def _rates(deliveries, end):
    """Messages per second by type, and drops per second, per bin."""
    starts, n = _bins(None, end)
    by_type = collections.defaultdict(lambda: [0] * n)
    lost = [0] * n
    for t, kind, was_lost in deliveries:
        i = min(n - 1, int(t / BIN))
        by_type[kind][i] += 1
        lost[i] += was_lost
    scale = 1.0 / BIN
    return starts, {k: [v * scale for v in vals] for k, vals in sorted(by_type.items())}, [v * scale for v in lost]


def _latency(responses, end):
    """Median and 99th percentile latency (ms) of the answers in each bin."""
    starts, n = _bins(None, end)
    per = [[] for _ in range(n)]
    for t, latency, _ in responses:
        per[min(n - 1, int(t / BIN))].append(latency * 1000)
    med, p99 = [], []
    for values in per:
        if not values:
            med.append(float("nan"))
            p99.append(float("nan"))
            continue
        values.sort()
        med.append(statistics.median(values))
        p99.append(values[min(len(values) - 1, int(0.99 * len(values)))])
    return starts, med, p99


def render(recorder, replicas, title, path, end):
    """Writes the picture to path (PNG) and returns path."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(4, 1, sharex=True, figsize=(12, 11),
                             gridspec_kw={"height_ratios": [1.2, 1, 1.6, 1.4]})
    lead, term, rate, lat = axes
    ids = sorted(replicas)
    row = {rid: i for i, rid in enumerate(ids)}
    colour = {rid: plt.cm.tab10(i % 10) for i, rid in enumerate(ids)}

    # Who each replica names as leader (a dot per message it sent).
    for rid in ids:
        pts = [(t, leader) for t, src, leader, _ in recorder.beliefs if src == rid]
        for leader in sorted({lv for _, lv in pts}, key=lambda v: v or ""):
            xs = [t for t, lv in pts if lv == leader]
            lead.scatter(xs, [row[rid]] * len(xs), s=6, marker="|",
                         color=colour.get(leader, "0.75") if leader else "0.75")
    lead.set_yticks(range(len(ids)), ids)
    lead.set_ylabel("leader named\n(colour: whom)")
    for leader in ids:
        lead.scatter([], [], color=colour[leader], marker="s", label=leader)
    lead.scatter([], [], color="0.75", marker="s", label="none")
    lead.legend(loc="lower right", fontsize=7, ncol=len(ids) + 1, title="leader named", title_fontsize=7)

    # Each replica's term, as its messages carry it.
    for rid in ids:
        pts = [(t, tm) for t, src, _, tm in recorder.beliefs if src == rid and tm is not None]
        if pts:
            term.step([p[0] for p in pts], [p[1] for p in pts], where="post", color=colour[rid], label=rid)
    term.set_ylabel("term")
    term.legend(loc="upper left", fontsize=7, ncol=len(ids))

    starts, by_type, lost = _rates(recorder.deliveries, end)
    for kind, values in by_type.items():
        rate.plot(starts, values, drawstyle="steps-post", label=kind)
    rate.plot(starts, lost, drawstyle="steps-post", color="black", linestyle="--", label="lost")
    rate.set_ylabel("messages / s")
    rate.legend(loc="upper right", fontsize=7, ncol=3)

    starts, med, p99 = _latency(recorder.responses, end)
    lat.plot(starts, med, drawstyle="steps-post", label="median")
    lat.plot(starts, p99, drawstyle="steps-post", label="99th percentile")
    redirects = [t for t, _, kind in recorder.responses if kind == "redirect"]
    fails = [t for t, _, kind in recorder.responses if kind == "fail"]
    if redirects:
        lat.plot(redirects, [0.05] * len(redirects), "|", color="orange", label=f"redirect ({len(redirects)})")
    if fails:
        lat.plot(fails, [0.05] * len(fails), "x", color="red", label=f"fail ({len(fails)})")
    lat.set_yscale("log")
    lat.set_ylabel("client latency, ms")
    lat.set_xlabel("seconds since start")
    lat.legend(loc="upper right", fontsize=7)

    for ax in axes:
        for t, kind in recorder.events:
            ax.axvline(t, color="red", alpha=0.5, linewidth=1)
    for t, kind in recorder.events:
        lead.text(t, 1.02, kind, transform=lead.get_xaxis_transform(), fontsize=8, color="red", ha="center")
    fig.suptitle(title)
    fig.tight_layout()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
