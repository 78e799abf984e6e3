"""The picture of a run: drawn from what the recorder saw, with every panel's
data binned as documented. Needs python3-matplotlib for the drawing test
(make deps installs it; `make sim-unit` runs these under a python3 that has
it when there is one)."""

import os
import struct
import tempfile
import unittest

import plot
from recorder import Recorder


def sample():
    rec = Recorder()
    for i in range(40):
        t = i * 0.1
        rec.delivery(t, "append_entries", i % 10 == 0)
        rec.belief(t, "0000", {"leader": "0000", "term": 1 if t < 2 else 2})
        rec.belief(t, "0001", {"leader": "0000" if t < 2 else "FFFF"})
        rec.response(t, 0.001 + (0.05 if i == 39 else 0), "redirect" if i == 5 else "ok")
    rec.event(2.0, "kill_leader")
    return rec


class Binning(unittest.TestCase):
    def test_rates_count_each_delivery_once_per_second(self):
        starts, by_type, lost = plot._rates(sample().deliveries, 4.0)
        self.assertEqual(starts[:2], [0.0, 0.5])
        # 5 deliveries per 0.5 s bin: 10 a second; one in ten lost
        self.assertEqual(by_type["append_entries"][0], 10.0)
        self.assertEqual(sum(lost) * plot.BIN, 4)

    def test_latency_bins_take_median_and_99th_percentile(self):
        starts, med, p99 = plot._latency(sample().responses, 4.0)
        self.assertAlmostEqual(med[0], 1.0)
        self.assertAlmostEqual(p99[-1], 51.0)

    def test_a_belief_in_no_leader_is_recorded_as_none(self):
        beliefs = sample().beliefs
        self.assertIn((3.0, "0001", None, None), [(round(t, 1), r, lv, tm) for t, r, lv, tm in beliefs])


@unittest.skipUnless(plot.available(), "python3-matplotlib is not installed for this python3")
class Drawing(unittest.TestCase):
    def test_render_writes_a_png_of_sensible_size(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = plot.render(sample(), ["0000", "0001"], "sample", os.path.join(tmp, "x", "run.png"), 4.0)
            with open(path, "rb") as f:
                head = f.read(24)
            self.assertEqual(head[:8], b"\x89PNG\r\n\x1a\n")
            width, height = struct.unpack(">II", head[16:24])
            self.assertGreater(width, 800)
            self.assertGreater(height, 800)


if __name__ == "__main__":
    unittest.main()
