"""The hostile flood (hostile.py): its categories, its pacing, its process,
and, against the real ./3700kvstore, that every category is dropped
without an answer and without a flood of log lines."""

import contextlib
import io
import json
import os
import random
import signal
import socket
import subprocess
import tempfile
import time
import unittest

import hostile
import hostile_report
from clients import Workload
from test_replica_edge import BINARY

IDS = ["0000", "0001", "0002"]


def flood(total=1000, seed=1):
    return hostile.Flood(total, 0.0, 1.0, IDS, seed, fingerprint="5c06255191008d71")


class Categories(unittest.TestCase):
    def test_at_least_thirty_categories_each_within_a_udp_datagram(self):
        self.assertGreaterEqual(len(hostile.CATEGORIES), 30)
        f = flood()
        for _ in range(4 * len(hostile.CATEGORIES)):
            self.assertLessEqual(len(f.make("0001")), hostile.MAX_UDP)
        self.assertTrue(all(n == 4 for n in f.by_category.values()), f.by_category)

    def test_the_largest_categories_fill_a_udp_datagram(self):
        ctx = flood().ctx
        for name in ("oversized_json", "oversized_garbage"):
            self.assertEqual(len(hostile.CATEGORIES[name](ctx)), hostile.MAX_UDP, name)

    def test_the_same_seed_makes_the_same_datagrams(self):
        a, b = flood(seed=3), flood(seed=3)
        self.assertEqual([a.make("0002") for _ in range(200)], [b.make("0002") for _ in range(200)])

    def test_strangers_are_neither_replicas_nor_clients_of_any_cluster_size(self):
        for size in range(1, 8):
            work = Workload(size, random.Random(1))
            known = set(work.replica_ids) | set(work.by_id)
            ctx = hostile.Context(random.Random(2), work.replica_ids, "0")
            for _ in range(300):
                self.assertNotIn(ctx.stranger(), known)


class Pacing(unittest.TestCase):
    def test_datagrams_are_spread_evenly_over_the_window(self):
        f = hostile.Flood(1000, 10.0, 20.0, IDS, 1, fingerprint="0")
        self.assertEqual(f.due(9.0), 0)
        self.assertEqual(f.due(15.0), 500)
        for _ in range(500):
            f.make("0000")
        self.assertEqual(f.due(17.5), 250)
        self.assertEqual(f.due(99.0), 500)


class Process(unittest.TestCase):
    def test_the_child_sends_everything_through_the_given_sockets_and_reports(self):
        sink = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sink.bind(("127.0.0.1", 0))
        sink.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        src = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        src.bind(("127.0.0.1", 0))
        t0 = time.monotonic()
        plan = hostile.Flood(300, 0.0, 0.3, ["0001"], 1, fingerprint="0")
        proc = hostile.FloodProcess(plan, {"0001": (src, sink.getsockname())}, t0)
        time.sleep(0.6)
        report = proc.stop()
        self.assertEqual(report["sent"], 300)
        sink.setblocking(False)
        got = []
        try:
            while True:
                data, addr = sink.recvfrom(65535)
                got.append(addr)
        except BlockingIOError:
            pass
        self.assertEqual(len(got) + report["unsent"], 300)
        self.assertTrue(all(a == src.getsockname() for a in got))
        sink.close()
        src.close()

    def test_a_killed_replica_is_left_alone(self):
        sinks = {rid: socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for rid in ("0000", "0001")}
        for s in sinks.values():
            s.bind(("127.0.0.1", 0))
            s.setblocking(False)
        src = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        plan = hostile.Flood(10000, 0.2, 10.0, list(sinks), 1, fingerprint="0")
        proc = hostile.FloodProcess(plan, {rid: (src, s.getsockname()) for rid, s in sinks.items()},
                                    time.monotonic())
        proc.killed("0001")
        time.sleep(0.5)
        proc.stop()

        def count(s):
            n = 0
            try:
                while True:
                    s.recvfrom(65535)
                    n += 1
            except BlockingIOError:
                return n
        self.assertGreater(count(sinks["0000"]), 0)
        self.assertEqual(count(sinks["0001"]), 0)
        for s in (*sinks.values(), src):
            s.close()


class Report(unittest.TestCase):
    def rows(self, tmp, **flooded):
        base = {"scenario": "s", "seed": 1, "verdict": "pass", "died": 0, "incorrect": 0, "duplicates": 0,
                "failures": 0, "median_latency_ms": 1.0, "linearizable": True, "problems": [],
                "tiers": {"total_msgs": "full"}, "peak_rss_kb": {"0000": 2048}}
        paths = []
        for name, row in (("quiet", base), ("flood", dict(base, flood={"sent": 5, "categories": 40, "bytes": 9},
                                                           **flooded))):
            paths.append(os.path.join(tmp, name + ".jsonl"))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(json.dumps(row) + "\n")
        return paths

    def run_report(self, **flooded):
        with tempfile.TemporaryDirectory() as tmp:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                status = hostile_report.main(["hostile_report.py", *self.rows(tmp, **flooded)])
        return status, out.getvalue()

    def test_a_clean_flooded_run_passes(self):
        status, text = self.run_report()
        self.assertEqual(status, 0, text)
        self.assertIn("5 malformed datagrams in 40 categories", text)

    def test_a_crash_an_incorrect_answer_or_a_non_linearizable_history_fails(self):
        for change in ({"died": 1}, {"incorrect": 2}, {"linearizable": False}, {"verdict": "fail"}):
            status, text = self.run_report(**change)
            self.assertEqual(status, 1, change)
            self.assertIn("hostile: FAIL", text)


@unittest.skipUnless(os.path.exists(BINARY), "3700kvstore is not built")
class AgainstTheReplica(unittest.TestCase):
    """One replica of three, alone: each category, then a get that it must
    answer (with a redirect or by holding it: it knows no leader, so the
    get names it as leader and is told at once)."""

    def start(self, level):
        bed = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        bed.bind(("127.0.0.1", 0))
        bed.settimeout(3)
        proc = subprocess.Popen([BINARY, str(bed.getsockname()[1]), "0001", "0000", "0002"],
                                stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                env=dict(os.environ, KVSTORE_LOG=level))
        _, addr = bed.recvfrom(65535)
        return bed, proc, addr

    def stop(self, proc):
        proc.send_signal(signal.SIGTERM)
        err = proc.stderr.read().decode("utf-8", "replace")
        self.assertEqual(proc.wait(5), 0)
        return err

    def test_every_category_is_dropped_without_an_answer(self):
        bed, proc, addr = self.start("debug")
        f = hostile.Flood(1, 0.0, 1.0, ["0000", "0001", "0002"], 7)
        f.ctx.term = 0  # its own term: a higher one is a correct peer's news, not malformed
        try:
            for name in sorted(hostile.CATEGORIES):
                f.ctx.target = "0001"
                for _ in range(10):
                    bed.sendto(hostile.CATEGORIES[name](f.ctx), addr)
                mid = f"after-{name}"[:64]
                bed.sendto(json.dumps({"src": "0010", "dst": "0001", "leader": "0001", "type": "get",
                                       "MID": mid, "key": "k"}).encode(), addr)
                while True:
                    answer = json.loads(bed.recvfrom(65535)[0])
                    if answer["type"] == "request_vote" and answer["dst"] in ("0000", "0002"):
                        continue  # its own pre-votes: alone, it tries to become leader
                    self.assertEqual(answer.get("MID"), mid, f"{name}: the replica answered {answer}")
                    break
            self.assertIsNone(proc.poll())
        finally:
            err = self.stop(proc)
            bed.close()
        # At debug level every decision is logged: none was about a peer's message.
        for line in err.splitlines():
            if "dropped" not in line:
                self.assertNotRegex(line, r"from 000[02]", line)

    def test_a_flood_of_drops_writes_a_bounded_number_of_lines(self):
        bed, proc, addr = self.start("info")
        try:
            for _ in range(2000):
                bed.sendto(b"not json", addr)
            time.sleep(0.3)
        finally:
            err = self.stop(proc)
            bed.close()
        lines = err.splitlines()
        self.assertLess(len(lines), 100, lines[-3:])
        self.assertTrue(any("warnings suppressed" in line for line in lines) or len(lines) < 25)


if __name__ == "__main__":
    unittest.main()
