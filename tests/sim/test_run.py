"""The run table says why a run failed, and how to draw it again."""

import unittest
from types import SimpleNamespace

from config import Scenario
from run import failure_lines, outcome, table
from scoring import deciles_ms, score


def row(**changes):
    base = {"scenario": "advanced-3", "seed": 42, "passed": True, "problems": [], "linearizable": True,
            "bad_keys": [], "died_reasons": [], "incorrect_reasons": [], "config": "configs/advanced-3.json",
            "total_msgs": 1500, "failures": 0, "floor_failures": 0, "duplicates": 0, "redirects": 0,
            "longest_chain": 0, "median_latency_ms": 1.0,
            "tiers": {"total_msgs": "full", "failures": "full", "duplicates": "full", "median_latency": "full"}}
    base.update(changes)
    return base


class FailureLines(unittest.TestCase):
    def test_a_passing_run_adds_nothing(self):
        self.assertEqual(failure_lines([row()], gate="grader"), [])

    def test_a_failed_check_is_named_with_its_seed_and_a_replay(self):
        lines = failure_lines([row(passed=False, problems=["gets not generated 4 > 0.1 x 36"])], gate="grader")
        self.assertIn("advanced-3 (seed 42) failed: gets not generated 4 > 0.1 x 36", lines[0])
        self.assertIn("--seed 42 configs/advanced-3.json", lines[-1])

    def test_a_dead_replica_and_lost_linearizability_are_named(self):
        lines = failure_lines([row(passed=False, problems=["1 replicas died"], linearizable=False,
                                   died_reasons=["0003: exited by itself with status -6"], bad_keys=["K1"])],
                              gate="grader")
        self.assertIn("0003: exited by itself with status -6", lines[0])
        self.assertIn("not linearizable (keys K1)", lines[0])

    def test_strict_names_the_tier(self):
        slow = row(tiers={"total_msgs": "full", "failures": "full", "duplicates": "full", "median_latency": "partial"})
        self.assertEqual(failure_lines([slow], gate="grader"), [])
        self.assertIn("below full credit", failure_lines([slow], gate="strict")[0])

    def test_the_safety_gate_passes_a_slow_run_and_fails_a_wrong_one(self):
        slow = row(passed=False, problems=["gets not generated 8 > 0.1 x 53"])
        self.assertEqual(outcome(slow, "grader"), "FAIL")
        self.assertEqual(outcome(slow, "safety"), "pass")
        for wrong in ({"incorrect": 7}, {"died": 1}, {"linearizable": False}):
            self.assertEqual(outcome(row(**wrong), "safety"), "FAIL", wrong)

    def test_the_table_ends_its_rows_with_the_reasons(self):
        text = table([row(), row(scenario="crash-1", passed=False, problems=["2 incorrect responses"])], "grader")
        self.assertIn("crash-1 (seed 42) failed: 2 incorrect responses", text)


def scored(gets=36, not_generated=4, first=3, incorrect=0):
    """score() of a finished run with these client figures (nothing else wrong)."""
    stats = {"gets": gets, "puts": 164, "get_fails": 0, "put_fails": 0, "incorrect": incorrect, "duplicates": 0,
             "stored": 1, "redirects": 0, "longest_chain": 0, "long_chains": 0,
             "get_generation_failures": not_generated, "get_generation_failures_first": first}
    work = SimpleNamespace(stats=stats, latencies=[0.001], history=[], incorrect_reasons=[], duplicate_reasons=[], get_generation_reasons=[],
                           ok_times=[], unanswered=lambda: (0, 0), floor_failures=lambda: 0,
                           failure_causes=lambda: [])
    sim = SimpleNamespace(died_reasons=[], msgs=1500, storm=False, dropped=0, msgs_by_type={}, leader_changes=0,
                          leader_kills=[], replicas=[], seed=7, events_log=[], flood_report=None)
    sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 200, "mix": 0.2}, "advanced-3")
    return score(sc, sim, work)


class Latency(unittest.TestCase):
    def test_deciles_show_where_the_median_sits(self):
        row = scored()
        self.assertEqual(row["latency_deciles_ms"], [])  # one answer only
        self.assertEqual(deciles_ms([i / 1000 for i in range(1, 12)]), [1.2, 2.4, 3.6, 4.8, 6.0, 7.2, 8.4, 9.6, 10.8])


class DrawAlone(unittest.TestCase):
    def test_first_requests_alone_over_the_limit_are_a_draw(self):
        row = scored(not_generated=4, first=3)  # 4 > 3.6, but 1 without the first requests
        self.assertFalse(row["passed"])  # the grader's verdict stands
        self.assertEqual(outcome(row, gate="grader"), "draw")
        self.assertIn("on its draw alone", failure_lines([row], gate="grader")[0])

    def test_the_stores_own_share_over_the_limit_fails(self):
        self.assertEqual(outcome(scored(not_generated=5, first=1), gate="grader"), "FAIL")

    def test_a_draw_with_anything_else_wrong_fails(self):
        self.assertEqual(outcome(scored(not_generated=4, first=3, incorrect=1), gate="grader"), "FAIL")

    def test_within_the_limit_passes(self):
        self.assertEqual(outcome(scored(not_generated=3, first=3), gate="grader"), "pass")


if __name__ == "__main__":
    unittest.main()
