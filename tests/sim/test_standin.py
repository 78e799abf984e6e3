"""End-to-end check of the harness with real processes: the stand-in replica
passes the linearizability check, and its deliberately broken variant (reads
from a stale local copy) is flagged. About 16 seconds."""

import os
import sys
import unittest

from config import Scenario
from scoring import score
from sim import Simulator

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIO = {"lifetime": 6, "replicas": 5, "requests": 150, "mix": 0.6, "start_wait": 1, "end_wait": 1}


def run(*flags):
    sim = Simulator(Scenario(SCENARIO, "standin"), [sys.executable, os.path.join(HERE, "standin_replica.py"), *flags],
                    seed=11)
    work = sim.run()
    return score(Scenario(SCENARIO, "standin"), sim, work)


class StandIn(unittest.TestCase):
    def test_the_standin_is_linearizable_and_correct(self):
        row = run()
        self.assertTrue(row["linearizable"])
        self.assertEqual(row["incorrect"], 0)
        self.assertEqual(row["died"], 0)
        self.assertGreater(row["total_msgs"], 0)

    def test_stale_reads_are_flagged(self):
        row = run("--stale-reads")
        self.assertFalse(row["linearizable"])
        self.assertGreater(row["incorrect"], 0)
        self.assertFalse(row["passed"])


if __name__ == "__main__":
    unittest.main()
