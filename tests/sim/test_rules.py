"""Unit tests of the harness rules that need no processes: config parsing,
tier scoring, and how clients judge answers (simulator.md, "Clients")."""

import io
import os
import random
import select
import socket
import sys
import tempfile
import time
import unittest

from clients import Workload, md5_hex
from config import ConfigError, Scenario, tier
import scoring
from sim import Simulator

HERE = os.path.dirname(os.path.abspath(__file__))
QUIET = os.path.join(HERE, "quiet_replica.py")

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
        self.assertEqual([c.id for c in self.work.clients][:2], ["0015", "0016"])
        self.assertEqual(Workload(5, random.Random(1)).clients[-1].id, "001C")

    def test_a_second_ok_is_a_duplicate(self):
        req = self.request("put")
        self.answer(req, "ok")
        self.answer(req, "ok")
        self.assertEqual(self.work.stats["duplicates"], 1)
        self.assertIn(f"already answered ok by {req.target} at 1.000 s", self.work.duplicate_reasons[0])
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
        self.assertIn(f"written by put {put.mid}, sent 0.000 s, answered None", self.work.incorrect_reasons[0])
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

    def test_a_request_to_a_random_replica_names_no_leader(self):
        self.client.leader = "0002"
        self.assertEqual(self.work.wire(self.request("put"))["leader"], "0002")
        req = self.work._send(self.client, "put", "K", "v", 0.0, self.alive - {"0002"})
        self.assertEqual(self.work.wire(req)["leader"], "FFFF")
        self.assertIsNone(self.client.leader)  # forgotten, not only skipped

    def test_a_get_without_an_acknowledged_key_becomes_a_put(self):
        work = Workload(5, random.Random(3))
        req = work.new_request(0.0, 1.0, self.alive)
        self.assertEqual(req.kind, "put")
        self.assertEqual(work.stats["get_generation_failures"], 1)
        self.assertEqual((work.stats["gets"], work.stats["puts"]), (0, 1))
        # the first request of its client: no replica could have prevented it
        self.assertEqual(work.stats["get_generation_failures_first"], 1)
        client = work.by_id[req.client]
        for _ in range(20):  # that client's later draws, its put still unanswered
            while work.new_request(0.0, 1.0, self.alive).client != client.id:
                pass
        self.assertEqual(work.stats["get_generation_failures_first"], 8)
        # the later ones say what became of the client's first request
        mine = [r for r in work.get_generation_reasons if r.startswith(f"client {client.id} ")]
        self.assertTrue(mine)
        self.assertIn(f"(the first, sent 0.000 s to {req.target}: not answered yet)", mine[0])
        self.assertGreater(work.stats["get_generation_failures"], 8)

    def test_put_values_are_md5_digests(self):
        work = Workload(5, random.Random(4))
        first = work.new_request(0.0, 0.0, self.alive)
        self.assertEqual(first.value, md5_hex(first.key))
        client = work.by_id[first.client]
        work.on_response({"src": first.target, "dst": first.client, "leader": "0000", "type": "ok",
                          "MID": first.mid}, 0.1, self.alive)
        # An update drawn by the workload carries the digest of the last acknowledged value.
        for _ in range(200):
            req = work.new_request(0.3, 0.0, self.alive)
            if req.client == client.id and req.key == first.key:
                self.assertEqual(req.value, md5_hex(first.value))
                break
        else:
            self.fail("no update of the acknowledged key was drawn")

    def test_retries_count_as_requests_sent(self):
        req = self.request("put")
        self.answer(req, "redirect", leader="0003")
        self.assertEqual(self.work.stats["puts"], 2)
        self.assertEqual(self.work.stats["redirects"], 1)

    def test_redirect_chains_are_measured(self):
        req = self.request("get")
        for _ in range(4):
            req = self.answer(req, "redirect", leader="0003")
        self.assertEqual(req.chain, 4)
        self.assertEqual(self.work.stats["longest_chain"], 4)
        self.assertEqual(self.work.stats["long_chains"], 1)

    def test_a_request_killed_in_its_own_turn_is_the_floor(self):
        other = self.work.clients[1]
        other.leader, self.client.leader = "0002", "0001"
        self.work.turn = 7
        earlier = self.work._send(other, "put", "K2", "v", 0.0, self.alive)
        self.work.turn = 8
        same = self.request("put")
        self.work.on_kill("0001", 0.5)
        self.work.on_kill("0002", 0.5)
        self.assertEqual(self.work.floor_failures(), 1)
        self.assertIn("floor", same.cause)
        self.assertIn("killed 500 ms after it was sent", earlier.cause)
        self.assertEqual(len(self.work.failure_causes()), 2)


class Loop(unittest.TestCase):
    """The grader's loop, with quiet stand-in processes (quiet_replica.py)."""

    def simulator(self, raw, **kw):
        sim = Simulator(Scenario(raw), [sys.executable, QUIET], seed=9, **kw)
        self.addCleanup(lambda: [r.sock.close() for r in sim.replicas if r.sock.fileno() >= 0])
        return sim

    def test_at_equal_times_a_request_comes_before_an_event(self):
        sim = self.simulator({"lifetime": 10, "replicas": 3, "requests": 10, "start_wait": 1,
                              "events": [{"type": "kill_leader", "time": 0}]})
        self.assertEqual([kind for _, _, kind in sim._schedule()[:2]], ["request", "kill_leader"])

    def test_a_kill_closes_the_socket_then_waits_for_the_exit(self):
        sim = self.simulator({"lifetime": 10, "replicas": 3, "requests": 1}, silence=True)
        sim.command = [sys.executable, QUIET, "--exit-delay", "0.3"]
        sim._start()
        sim.t0 = 0
        try:
            victim = sim.replicas[1]
            select.select([victim.sock], [], [], 5)
            victim.sock.recvfrom(100)  # its hello
            sim._kill(victim)
            self.assertEqual(victim.sock.fileno(), -1)
            self.assertIsNotNone(victim.proc.poll())  # waited for, not only signalled
            self.assertEqual(sim.died_reasons, [])
        finally:
            sim._stop_all()

    def test_a_replica_that_dies_is_reported_with_its_last_words(self):
        for silence in (True, False):
            with tempfile.TemporaryDirectory() as logs:
                sim = self.simulator({"lifetime": 10, "replicas": 3, "requests": 1}, silence=silence, log_dir=logs,
                                     echo=io.StringIO())
                sim.command = [sys.executable, "-c", "import sys; print('raft.c:9: assertion failed', "
                               "file=sys.stderr); sys.exit(3)"]
                sim._start()
                try:
                    for r in sim.replicas:
                        r.proc.wait(5)
                    sim._check_exits()
                    self.assertEqual(len(sim.died_reasons), 3)
                    self.assertIn("status 3 (last words: raft.c:9: assertion failed)", sim.died_reasons[0])
                finally:
                    sim._stop_all()

    def test_output_is_echoed_with_a_timestamp_and_items_wait_for_a_wake_up(self):
        echo = io.StringIO()
        raw = {"lifetime": 5, "replicas": 3, "requests": 40, "start_wait": 0.5, "end_wait": 0.5}
        sim = self.simulator(raw, echo=echo)
        work = sim.run()
        lines = echo.getvalue().splitlines()
        self.assertTrue(any(line.endswith("0001 stderr: quiet replica 0001 up") for line in lines), lines[:5])
        self.assertTrue(any(" 0002 stdout: " in line for line in lines), lines[:5])
        self.assertTrue(all(line.startswith("[") for line in lines))
        # Quiet replicas never wake the loop: each request fires at a 0.1 s
        # wake-up, late by up to 0.1 s, never early.
        due = [0.5 + i * 5 / 40 for i in range(40)]
        created = sorted(r.created for r in work.requests.values())
        lateness = [c - d for c, d in zip(created, due)]
        self.assertGreaterEqual(min(lateness), 0)
        self.assertGreater(max(lateness), 0.03)
        self.assertLess(max(lateness), 0.15)

    def test_silenced_output_is_not_read(self):
        echo = io.StringIO()
        sim = self.simulator({"lifetime": 5, "replicas": 3, "requests": 1, "start_wait": 0, "end_wait": 0},
                             echo=echo, silence=True)
        sim.run()
        self.assertEqual(echo.getvalue(), "")


class Pace(unittest.TestCase):
    """The grader's loop spends time on each datagram (sim.HOP_FLOOR_US)."""

    def handle_one(self, hop_us):
        sim = Simulator(Scenario({"lifetime": 30, "replicas": 3, "requests": 1}), ["true"], seed=5, hop_us=hop_us)
        sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sender.bind(("127.0.0.1", 0))
        try:
            r = sim.replicas[0]
            sender.sendto(b'{"src": "0000", "dst": "FFFF", "leader": "FFFF", "type": "hello"}', ("127.0.0.1", r.port))
            self.assertTrue(select.select([r.sock], [], [], 5)[0])
            start = time.perf_counter()
            sim._read_socket(r)
            elapsed = time.perf_counter() - start
            self.assertEqual(r.addr, sender.getsockname())  # it was handled, not only waited for
            return elapsed
        finally:
            sender.close()
            for r in sim.replicas:
                r.sock.close()

    def test_a_datagram_takes_at_least_the_hop_floor(self):
        self.assertGreaterEqual(self.handle_one(20000), 0.020)
        self.assertLess(self.handle_one(0), 0.020)

    def test_the_measured_pace_counts_the_loops_time_a_datagram(self):
        sim = Simulator(Scenario({"lifetime": 30, "replicas": 3, "requests": 1}), ["true"], seed=5)
        for r in sim.replicas:
            r.sock.close()
        self.assertIsNone(scoring.busy_us_per_datagram(sim))  # nothing read yet
        sim.datagrams_read, sim.loop_s, sim.waited_s = 4, 1.0, 0.9
        self.assertAlmostEqual(scoring.busy_us_per_datagram(sim), 25000.0)

    def test_the_default_is_the_calibrated_floor(self):
        sim = Simulator(Scenario({"lifetime": 30, "replicas": 3, "requests": 1}), ["true"], seed=5)
        for r in sim.replicas:
            r.sock.close()
        self.assertAlmostEqual(sim.hop_s, 60e-6)


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
