"""The run table says why a run failed, and how to draw it again."""

import unittest

from run import failure_lines, table


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
        self.assertEqual(failure_lines([row()], strict=False), [])

    def test_a_failed_check_is_named_with_its_seed_and_a_replay(self):
        lines = failure_lines([row(passed=False, problems=["gets not generated 4 > 0.1 x 36"])], strict=False)
        self.assertIn("advanced-3 (seed 42) failed: gets not generated 4 > 0.1 x 36", lines[0])
        self.assertIn("--seed 42 configs/advanced-3.json", lines[-1])

    def test_a_dead_replica_and_lost_linearizability_are_named(self):
        lines = failure_lines([row(passed=False, problems=["1 replicas died"], linearizable=False,
                                   died_reasons=["0003: exited by itself with status -6"], bad_keys=["K1"])],
                              strict=False)
        self.assertIn("0003: exited by itself with status -6", lines[0])
        self.assertIn("not linearizable (keys K1)", lines[0])

    def test_strict_names_the_tier(self):
        slow = row(tiers={"total_msgs": "full", "failures": "full", "duplicates": "full", "median_latency": "partial"})
        self.assertEqual(failure_lines([slow], strict=False), [])
        self.assertIn("below full credit", failure_lines([slow], strict=True)[0])

    def test_the_table_ends_its_rows_with_the_reasons(self):
        text = table([row(), row(scenario="crash-1", passed=False, problems=["2 incorrect responses"])], False)
        self.assertIn("crash-1 (seed 42) failed: 2 incorrect responses", text)


if __name__ == "__main__":
    unittest.main()
