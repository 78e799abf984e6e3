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


if __name__ == "__main__":
    unittest.main()
