"""Unit tests of the checker on hand-made histories."""

import random
import time
import unittest

from linearizability import check, check_register


def put(value, invoke, complete, key="k"):
    return {"kind": "put", "key": key, "value": value, "invoke": invoke, "complete": complete}


def get(value, invoke, complete, key="k"):
    return {"kind": "get", "key": key, "value": value, "invoke": invoke, "complete": complete}


def cas(expected, value, found, invoke, complete, key="k"):
    return {"kind": "cas", "key": key, "expected": expected, "value": value, "found": found,
            "invoke": invoke, "complete": complete}


class Linearizable(unittest.TestCase):
    def test_sequential_history(self):
        self.assertTrue(check_register([put("a", 0, 1), get("a", 2, 3), put("b", 4, 5), get("b", 6, 7)]))

    def test_concurrent_read_may_see_old_or_new(self):
        self.assertTrue(check_register([put("a", 0, 1), put("b", 2, 5), get("a", 3, 4)]))
        self.assertTrue(check_register([put("a", 0, 1), put("b", 2, 5), get("b", 3, 4)]))

    def test_unknown_put_may_have_taken_effect_late(self):
        self.assertTrue(check_register([put("a", 0, 1), put("b", 2, None), get("a", 3, 4), get("b", 10, 11)]))

    def test_unknown_put_may_never_take_effect(self):
        self.assertTrue(check_register([put("a", 0, 1), put("b", 2, None), get("a", 30, 31)]))

    def test_empty_read_before_any_write(self):
        self.assertTrue(check_register([get("", 0, 1), put("a", 2, 3)]))

    def test_compare_and_set_swaps_only_over_the_value_expected(self):
        self.assertTrue(check_register([put("a", 0, 1), cas("a", "b", "a", 2, 3), get("b", 4, 5)]))
        self.assertTrue(check_register([put("a", 0, 1), cas("x", "b", "a", 2, 3), get("a", 4, 5)]))

    def test_one_of_two_racing_compare_and_sets_wins(self):
        self.assertTrue(check_register([cas("", "me", "", 0, 3), cas("", "you", "me", 1, 4), get("me", 5, 6)]))

    def test_unknown_compare_and_set_may_or_may_not_have_swapped(self):
        self.assertTrue(check_register([cas("", "me", None, 0, None), get("me", 5, 6)]))
        self.assertTrue(check_register([cas("", "me", None, 0, None), get("", 5, 6)]))


class NotLinearizable(unittest.TestCase):
    def test_compare_and_set_that_found_a_value_never_there(self):
        self.assertFalse(check_register([put("a", 0, 1), cas("a", "b", "z", 2, 3)]))

    def test_both_racing_compare_and_sets_won(self):
        self.assertFalse(check_register([cas("", "me", "", 0, 3), cas("", "you", "", 1, 4)]))

    def test_compare_and_set_that_swapped_over_another_value(self):
        self.assertFalse(check_register([put("a", 0, 1), cas("x", "b", "a", 2, 3), get("b", 4, 5)]))

    def test_stale_read_after_acknowledged_write(self):
        self.assertFalse(check_register([put("a", 0, 1), put("b", 2, 3), get("a", 4, 5)]))

    def test_lost_write(self):
        # b was acknowledged, then reads go back to a and stay there.
        self.assertFalse(check_register([put("a", 0, 1), put("b", 2, 3), get("b", 4, 5), get("a", 6, 7)]))

    def test_read_of_a_value_never_written(self):
        self.assertFalse(check_register([put("a", 0, 1), get("zzz", 2, 3)]))

    def test_write_visible_before_its_invoke(self):
        self.assertFalse(check_register([put("a", 0, 1), get("b", 2, 3), put("b", 4, 5)]))

    def test_reads_disagree_on_order(self):
        # Two sequential reads see b then a while both writes ended before them.
        self.assertFalse(check_register([put("a", 0, 2), put("b", 1, 3), get("b", 4, 5), get("a", 6, 7)]))


class Partitioning(unittest.TestCase):
    def test_only_the_bad_key_is_reported(self):
        history = [put("a", 0, 1, "k1"), get("a", 2, 3, "k1"), put("x", 0, 1, "k2"), get("y", 2, 3, "k2")]
        self.assertEqual(check(history), (False, ["k2"]))

    def test_unanswered_gets_are_ignored(self):
        self.assertEqual(check([put("a", 0, 1), get("zzz", 2, None)]), (True, []))


class Speed(unittest.TestCase):
    def test_2000_operations_with_overlap_finish_in_seconds(self):
        rng = random.Random(7)
        history, now = [], 0.0
        values = {}
        for i in range(2000):
            key = f"k{rng.randrange(60)}"
            now += 0.01
            if key in values and rng.random() < 0.7:
                history.append(get(values[key], now, now + rng.random() * 0.03, key))
            else:
                values[key] = f"v{i}"
                history.append(put(values[key], now, now + rng.random() * 0.005 if rng.random() > 0.05 else None, key))
        started = time.monotonic()
        ok, bad = check(history)
        self.assertTrue(ok, bad)
        self.assertLess(time.monotonic() - started, 5.0)


if __name__ == "__main__":
    unittest.main()
