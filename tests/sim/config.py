"""Scenario files: the grader's JSON format, with its defaults, plus our own
fault knobs (all off by default). See ../../../shared/docs/simulator.md."""

import json

EVENT_TYPES = {"kill_leader", "kill_non_leader", "part_easy", "part_hard", "part_end",
               # ours, beyond the grader:
               "pause_leader", "resume_all",
               # SIGKILL, then a restart on the same data directory after
               # `restart_after` seconds (run.py --data-dir)
               "kill9_leader", "kill9_random"}
METRICS = ("total_msgs", "failures", "duplicates", "median_latency")


class ConfigError(Exception):
    pass


class Scenario:
    """A parsed scenario; attribute names follow the file's keys."""

    def __init__(self, raw, name="scenario"):
        if not isinstance(raw, dict):
            raise ConfigError(f"{name}: top level must be an object")
        self.name = name
        self.lifetime = _number(raw, "lifetime", name, required=True)
        if self.lifetime < 5:
            raise ConfigError(f"{name}: lifetime must be at least 5 seconds")
        self.replicas = int(_number(raw, "replicas", name, required=True))
        if not 3 <= self.replicas <= 21:
            raise ConfigError(f"{name}: replicas must be 3 to 21")
        self.requests = int(_number(raw, "requests", name, required=True))
        self.seed = raw.get("seed")
        self.mix = _number(raw, "mix", name, default=0.8)
        self.start_wait = _number(raw, "start_wait", name, default=5)
        self.end_wait = _number(raw, "end_wait", name, default=2)
        self.drops = _number(raw, "drops", name, default=0)
        self.max_packets = int(_number(raw, "max_packets", name, default=20000))
        self.max_get_fail = _number(raw, "maximum_get_fail_fraction", name, default=0.5)
        self.max_put_fail = _number(raw, "maximum_put_fail_fraction", name, default=0.5)
        # The grader reads this one only under tests; the graded files put it
        # at the top level, where it is ignored, so 0.1 applies.
        tests = raw.get("tests", {}) or {}
        self.max_get_generation_fail = _number(tests, "maximum_get_generation_fail_fraction", name, default=0.1)
        self.max_appends_batched = _number(raw, "maximum_appends_batched_fraction", name, default=0.5)
        self.events = []
        for i, ev in enumerate(raw.get("events", []) or []):
            if not isinstance(ev, dict) or ev.get("type") not in EVENT_TYPES or "time" not in ev:
                raise ConfigError(f"{name}: events[{i}] must have a known type and a time")
            self.events.append((float(ev["time"]), ev["type"]))
        self.events.sort(key=lambda e: e[0])
        self.benchmarks = {}
        for metric, tiers in (tests.get("benchmarks", {}) or {}).items():
            if metric not in METRICS or not isinstance(tiers, list) or len(tiers) != 3:
                raise ConfigError(f"{name}: benchmarks.{metric} must be three tiers of a known metric")
            self.benchmarks[metric] = [float(t) for t in tiers]
        # Our knobs, beyond the grader.
        self.delay_ms = _number(raw, "delay_ms", name, default=0)
        self.jitter_ms = _number(raw, "jitter_ms", name, default=0)
        self.duplicate = _number(raw, "duplicate", name, default=0)
        self.restart_after = _number(raw, "restart_after", name, default=1.0)

    @property
    def duration(self):
        return self.start_wait + self.lifetime + self.end_wait

    @classmethod
    def load(cls, path):
        try:
            with open(path, encoding="utf-8") as f:
                raw = json.load(f)
        except (OSError, ValueError) as e:
            raise ConfigError(f"{path}: {e}")
        name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return cls(raw, name)


def _number(raw, key, name, default=None, required=False):
    if key not in raw:
        if required:
            raise ConfigError(f"{name}: missing '{key}'")
        return default
    value = raw[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{name}: '{key}' must be a non-negative number")
    return value


def tier(value, tiers):
    """The grader's reading of one metric: < a bonus, < b full, < c partial."""
    a, b, c = tiers
    if value < a:
        return "bonus"
    if value < b:
        return "full"
    if value < c:
        return "partial"
    return "none"
