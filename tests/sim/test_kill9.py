"""The kill -9 loop's pieces: its events in a scenario, the read-back's
count of acknowledged writes lost, and a short loop on real replicas."""

import os
import shutil
import tempfile
import unittest
from types import SimpleNamespace

import kill9
from clients import md5_hex
from config import ConfigError, Scenario
from scoring import chain_position, read_back_figures

REPLICA = os.path.join(os.path.dirname(__file__), "..", "..", "3700kvstore")


def request(client, key, value, answer="ok", created=10.0, kind="get"):
    return SimpleNamespace(client=client, key=key, kind=kind, answer=answer, created=created,
                           op={"value": value})


def workload(acked, requests):
    clients = {"0015": SimpleNamespace(id="0015", acked=acked)}
    return SimpleNamespace(by_id=clients, clients=list(clients.values()),
                           requests={str(i): q for i, q in enumerate(requests)})


class Events(unittest.TestCase):
    def test_kill9_events_and_their_restart_delay_parse(self):
        sc = Scenario({"lifetime": 10, "replicas": 5, "requests": 10, "restart_after": 0.25,
                       "events": [{"type": "kill9_leader", "time": 1}, {"type": "kill9_random", "time": 2}]})
        self.assertEqual(sc.events, [(1.0, "kill9_leader"), (2.0, "kill9_random")])
        self.assertEqual(sc.restart_after, 0.25)

    def test_the_loop_alternates_leader_and_random_kills_a_period_apart(self):
        raw = kill9.scenario(cycles=4, period=1.5, restart=0.5, replicas=5, rate=100)
        sc = Scenario(raw)
        self.assertEqual([k for _, k in sc.events], ["kill9_leader", "kill9_random"] * 2)
        self.assertEqual([t for t, _ in sc.events], [1.0, 2.5, 4.0, 5.5])
        self.assertGreaterEqual(sc.lifetime, 4 * 1.5)

    def test_an_unknown_event_is_still_refused(self):
        with self.assertRaises(ConfigError):
            Scenario({"lifetime": 10, "replicas": 3, "requests": 1, "events": [{"type": "kill8", "time": 1}]})


class ReadBack(unittest.TestCase):
    def test_values_of_a_key_are_a_chain_of_digests(self):
        v1 = md5_hex("K")
        self.assertEqual(chain_position("K", v1), 0)
        self.assertEqual(chain_position("K", md5_hex(md5_hex(v1))), 2)
        self.assertIsNone(chain_position("K", "not a digest of K", limit=50))

    def test_an_older_value_on_a_key_that_is_not_linearizable_is_a_lost_write(self):
        v1 = md5_hex("K")
        v2 = md5_hex(v1)
        sim = SimpleNamespace(read_back_start=5.0)
        work = workload({"K": v2}, [request("0015", "K", v1)])
        figures = read_back_figures(sim, work, bad_keys={"K"})
        self.assertEqual((figures["keys"], figures["read"], figures["lost"]), (1, 1, 1))

    def test_an_older_value_that_a_put_in_flight_explains_is_not_lost(self):
        v1 = md5_hex("K")
        sim = SimpleNamespace(read_back_start=5.0)
        work = workload({"K": md5_hex(v1)}, [request("0015", "K", v1)])
        self.assertEqual(read_back_figures(sim, work, bad_keys=set())["lost"], 0)

    def test_reads_before_the_read_back_and_runs_without_it_count_nothing(self):
        v1 = md5_hex("K")
        work = workload({"K": md5_hex(v1)}, [request("0015", "K", v1, created=1.0)])
        self.assertEqual(read_back_figures(SimpleNamespace(read_back_start=5.0), work, {"K"})["read"], 0)
        self.assertIsNone(read_back_figures(SimpleNamespace(), work, {"K"}))


@unittest.skipUnless(os.path.exists(REPLICA), "needs ./3700kvstore (make)")
class Loop(unittest.TestCase):
    def test_two_kills_lose_nothing_and_the_replicas_restart_from_their_logs(self):
        work = tempfile.mkdtemp(prefix="kill9-test-")
        try:
            rc = kill9.main(["--cycles", "2", "--replica", REPLICA, "--keep", work, "--seed", "7", "--quiet"])
            self.assertEqual(rc, 0)
            logs = os.path.join(work, "data", "kill9")
            self.assertEqual(sorted(os.listdir(logs)), ["0000", "0001", "0002", "0003", "0004"])
            self.assertTrue(all(os.path.getsize(os.path.join(logs, r, "wal")) > 20 for r in os.listdir(logs)))
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
