#!/usr/bin/env python3
"""The layers check fails when a call or an include goes back up.

Each test compiles a small tree the way the Makefile does (cc -c -MMD into
BUILD/<path>.o), so the check reads real compiler output."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import layers  # noqa: E402

ORDER = ["low", "high"]


class Tree:
    def __init__(self, files):
        self.dir = tempfile.TemporaryDirectory()
        self.root = self.dir.name
        for path, text in files.items():
            full = os.path.join(self.root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        for path in files:
            if path.endswith(".c"):
                obj = os.path.join(self.root, "build", path[:-2] + ".o")
                os.makedirs(os.path.dirname(obj), exist_ok=True)
                subprocess.run(["cc", "-c", "-Isrc", "-MMD", "-o", obj, path], cwd=self.root, check=True)

    def check(self):
        here = os.getcwd()
        os.chdir(self.root)
        try:
            return layers.check("build", ORDER)
        finally:
            os.chdir(here)
            self.dir.cleanup()


def good_tree():
    return {
        "src/low/a.h": "int a(void);\n",
        "src/low/a.c": '#include "a.h"\nint a(void) { return 1; }\n',
        "src/low/b.h": "int b(void);\n",
        "src/low/b.c": '#include "b.h"\n#include "a.h"\nint b(void) { return a() + 1; }\n',
        "src/high/c.h": "int c(void);\n",
        "src/high/c.c": '#include "c.h"\n#include "low/b.h"\nint c(void) { return b(); }\n',
    }


class Layers(unittest.TestCase):
    def test_a_tree_whose_uses_all_go_down_passes(self):
        report, problems = Tree(good_tree()).check()
        self.assertEqual(problems, [])
        self.assertIn("low: a.c | b.c", report)

    def test_a_call_back_up_within_a_folder_is_a_circle(self):
        files = good_tree()
        files["src/low/a.c"] = "int b(void);\nint a(void) { return b(); }\n"
        report, problems = Tree(files).check()
        self.assertEqual(len(problems), 1)
        self.assertIn("a circle in low/", problems[0])
        self.assertIn("src/low/a.c -> src/low/b.c: b()", problems[0])

    def test_a_circle_names_the_use_that_closes_it(self):
        files = good_tree()
        files["src/low/e.h"] = "int e(void);\n"
        files["src/low/e.c"] = '#include "e.h"\n#include "a.h"\nint e(void) { return a(); }\n'
        files["src/low/t.h"] = "int t(void);\n"
        files["src/low/t.c"] = '#include "t.h"\n#include "b.h"\n#include "e.h"\nint t(void) { return b() + e(); }\n'
        files["src/low/a.c"] = '#include "a.h"\nint t(void);\nint a(void) { return 1; }\nint f(void) { return t(); }\n'
        report, problems = Tree(files).check()
        self.assertEqual(len(problems), 1)
        self.assertIn("what closes it:\n  src/low/a.c -> src/low/t.c: t()", problems[0])
        self.assertNotIn("src/low/t.c -> src/low/b.c", problems[0])

    def test_a_call_into_a_folder_above_fails(self):
        files = good_tree()
        files["src/low/a.c"] = "int c(void);\nint a(void) { return c(); }\n"
        report, problems = Tree(files).check()
        self.assertTrue(any("src/low/a.c (low) uses src/high/c.c (high), a folder above it: c()" in p
                            for p in problems), problems)

    def test_an_include_of_a_header_above_fails(self):
        files = good_tree()
        files["src/low/a.c"] = '#include "high/c.h"\nint a(void) { return 1; }\n'
        report, problems = Tree(files).check()
        self.assertTrue(any("#include src/high/c.h" in p for p in problems), problems)

    def test_a_folder_outside_the_order_is_named(self):
        files = good_tree()
        files["src/side/d.c"] = "int d(void) { return 4; }\n"
        report, problems = Tree(files).check()
        self.assertTrue(any("folder side is not in the layer order" in p for p in problems), problems)


if __name__ == "__main__":
    unittest.main()
