"""calibrate.py's judgement of harness figures against the grader's."""

import unittest

import calibrate


def rows(field, *values):
    return [{field: v} for v in values]


class Tolerance(unittest.TestCase):
    def test_within_ten_percent_of_the_mean(self):
        self.assertTrue(calibrate.within(109, 100))
        self.assertFalse(calibrate.within(111, 100))
        self.assertFalse(calibrate.within(89, 100))

    def test_the_graders_own_range_widens_the_target(self):
        g = rows("puts_sent", 239, 288)  # partition-4: the grader's two runs
        self.assertTrue(calibrate.within_spread(311, g, "puts_sent"))   # <= 288 x 1.1
        self.assertTrue(calibrate.within_spread(216, g, "puts_sent"))   # >= 239 x 0.9
        self.assertFalse(calibrate.within_spread(320, g, "puts_sent"))
        self.assertFalse(calibrate.within_spread(214, g, "puts_sent"))
        self.assertFalse(calibrate.within(311, 263.5))  # the mean alone rejects it

    def test_a_missing_grader_figure_never_counts(self):
        self.assertFalse(calibrate.within_spread(100, rows("puts_sent", None), "puts_sent"))

    def test_requests_sent_are_gets_and_puts_on_either_side(self):
        grader = {"gets_sent": 2076, "puts_sent": 10297}   # advanced-3, the grader's run 1
        harness = {"gets": 30, "puts": 12000}
        calibrate.add_requests(grader)
        calibrate.add_requests(harness)
        self.assertEqual((grader["requests_sent"], harness["requests"]), (12373, 12030))
        self.assertTrue(calibrate.within(harness["requests"], grader["requests_sent"]))
        self.assertFalse(calibrate.within(harness["puts"], grader["puts_sent"]))

    def test_the_graders_runs_against_each_other(self):
        first = {"total_msgs": 2105, "puts_sent": 10297, "gets_sent": 2076}   # advanced-3
        second = {"total_msgs": 2217, "puts_sent": 4456, "gets_sent": 4315}
        for row in (first, second):
            calibrate.add_requests(row)
        line = calibrate.self_agreement({"advanced-3": [first, second]})
        self.assertIn("messages 1/1, puts sent 0/1, requests sent 0/1", line)


class Table(unittest.TestCase):
    def test_passes_and_both_paces_are_shown_per_scenario(self):
        grader = {"seven-replicas": [{"passed": False, "total_msgs": 2900}, {"passed": True, "total_msgs": 2800}]}
        harness = {"seven-replicas": [{"passed": True, "linearizable": True, "total_msgs": 2850,
                                       "hop_us": 60, "busy_us_per_datagram": 71.5}]}
        text, tally = calibrate.compare(grader, harness)
        row = next(line for line in text.splitlines() if line.startswith("seven-replicas"))
        self.assertEqual(row.split()[1:5], ["1/1", "1/2", "60", "72"])
        self.assertEqual(tally["verdict"], 0)


if __name__ == "__main__":
    unittest.main()
