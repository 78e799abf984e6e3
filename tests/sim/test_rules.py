"""Unit tests of the harness rules that need no processes: config parsing,
tier scoring, and how clients judge answers (simulator.md, "Clients")."""

import random
import unittest

from clients import Workload
from config import ConfigError, Scenario, tier
from sim import Simulator

BENCH = {"total_msgs": [1200, 3000, 5000], "failures": [0, 1, 2],
         "duplicates": [0, 2, 5], "median_latency": [0.0004, 0.002, 0.05]}


class Config(unittest.TestCase):
    def test_defaults_follow_the_grader(self):
        sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 500})
        self.assertEqual((sc.mix, sc.start_wait, sc.end_wait, sc.drops, sc.max_packets),
                         (0.8, 5, 2, 0, 20000))
        self.assertEqual((sc.max_get_fail, sc.max_put_fail), (0.5, 0.5))
        self.assertEqual(sc.duration, 37)

    def test_top_level_generation_fraction_is_ignored_as_by_the_grader(self):
        sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 5,
                       "maximum_get_generation_fail_fraction": 0.2})
        self.assertEqual(sc.max_get_generation_fail, 0.1)

    def test_events_are_sorted_and_checked(self):
        sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 5,
                       "events": [{"type": "part_end", "time": 9}, {"type": "part_hard", "time": 4}]})
        self.assertEqual(sc.events, [(4.0, "part_hard"), (9.0, "part_end")])
        with self.assertRaises(ConfigError):
            Scenario({"lifetime": 30, "replicas": 5, "requests": 5, "events": [{"type": "explode", "time": 1}]})

    def test_bad_values_are_rejected(self):
        for raw in ({"replicas": 5, "requests": 5}, {"lifetime": 3, "replicas": 5, "requests": 5},
                    {"lifetime": 30, "replicas": 2, "requests": 5}, {"lifetime": 30, "replicas": 5, "requests": -1}):
            with self.assertRaises(ConfigError):
                Scenario(raw)

    def test_tiers(self):
        tiers = BENCH["median_latency"]
        self.assertEqual([tier(v, tiers) for v in (0.0001, 0.001, 0.01, 0.05)], ["bonus", "full", "partial", "none"])
        self.assertEqual(tier(0, BENCH["failures"]), "full")
        self.assertEqual(tier(1, BENCH["failures"]), "partial")


class Clients(unittest.TestCase):
    def setUp(self):
        self.work = Workload(5, random.Random(1))
        self.alive = {"0000", "0001", "0002", "0003", "0004"}
        self.client = self.work.clients[0]

    def request(self, kind, key="K", value="v1"):
        return self.work._send(self.client, kind, key, value, 0.0, self.alive)

    def answer(self, req, kind, leader="0001", **extra):
        msg = {"src": req.target, "dst": req.client, "leader": leader, "type": kind, "MID": req.mid, **extra}
        return self.work.on_response(msg, 1.0, self.alive)

    def test_client_ids_follow_the_replicas(self):
        self.assertEqual([c.id for c in self.work.clients][:2], ["0005", "0006"])
        self.assertEqual(Workload(5, random.Random(1)).clients[-1].id, "000C")

    def test_a_second_ok_is_a_duplicate(self):
        req = self.request("put")
        self.answer(req, "ok")
        self.answer(req, "ok")
        self.assertEqual(self.work.stats["duplicates"], 1)
        self.assertEqual(self.work.stats["incorrect"], 0)

    def test_an_answer_after_a_redirect_is_incorrect(self):
        req = self.request("put")
        retry = self.answer(req, "redirect", leader="0003")
        self.assertEqual(retry.target, "0003")
        self.assertNotEqual(retry.mid, req.mid)
        self.answer(req, "ok")
        self.assertEqual(self.work.stats["incorrect"], 1)

    def test_fail_counts_and_retries(self):
        req = self.request("get")
        self.assertIsNotNone(self.answer(req, "fail"))
        self.assertEqual(self.work.stats["get_fails"], 1)

    def test_a_get_must_return_the_last_acknowledged_put(self):
        put = self.request("put", value="new")
        get = self.request("get")
        self.answer(get, "ok", value="new")  # the put's ok has not arrived yet
        self.assertEqual(self.work.stats["incorrect"], 1)
        self.answer(put, "ok")
        get2 = self.request("get")
        self.answer(get2, "ok", value="new")
        self.assertEqual(self.work.stats["incorrect"], 1)

    def test_a_get_ok_without_value_is_incorrect(self):
        self.answer(self.request("put"), "ok")
        self.answer(self.request("get"), "ok")
        self.assertEqual(self.work.stats["incorrect"], 1)

    def test_the_client_adopts_the_leader_of_any_answer(self):
        self.answer(self.request("put"), "ok", leader="0004")
        self.assertEqual(self.client.leader, "0004")
        self.answer(self.request("put"), "ok", leader="FFFF")
        self.assertIsNone(self.client.leader)

    def test_a_dead_leader_is_not_used(self):
        self.client.leader = "0002"
        self.assertEqual(self.work.pick_target(self.client, self.alive), "0002")
        self.assertIn(self.work.pick_target(self.client, self.alive - {"0002"}), self.alive - {"0002"})

    def test_no_get_without_an_acknowledged_key(self):
        work = Workload(5, random.Random(3))
        self.assertIsNone(work.new_request(0.0, 1.0, self.alive))
        self.assertEqual(work.stats["get_generation_failures"], 1)

    def test_unanswered_requests_are_counted(self):
        self.request("get")
        self.request("put")
        self.assertEqual(self.work.unanswered(), (1, 1))


class Partitions(unittest.TestCase):
    def test_easy_partition_keeps_the_leader_in_the_majority(self):
        sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 1})
        sim = Simulator(sc, ["true"], seed=5)
        try:
            for _ in range(20):
                sim.leader = "0003"
                side = sim._split(include_leader=True)
                self.assertIn("0003", side)
                self.assertEqual(len(side), 3)
        finally:
            for r in sim.replicas:
                r.sock.close()

    def test_messages_across_the_cut_are_dropped_but_counted(self):
        sc = Scenario({"lifetime": 30, "replicas": 5, "requests": 1})
        sim = Simulator(sc, ["true"], seed=5)
        try:
            sim.t0 = 0
            sim.partition = {"0000", "0001", "0002"}
            sim._deliver(sim.by_id["0000"], sim.by_id["0004"], b"{}", "x")
            self.assertEqual((sim.msgs, sim.dropped), (1, 1))
        finally:
            for r in sim.replicas:
                r.sock.close()


if __name__ == "__main__":
    unittest.main()
