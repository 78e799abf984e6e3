"""Tests of the generator: schema errors name their place, output is
deterministic, and a new message needs no hand-written C to be tested."""

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "codegen"))

import generate  # noqa: E402
from model import Schema, SchemaError  # noqa: E402

SCHEMA = os.path.join(ROOT, "schema", "messages.yaml")

NEW_MESSAGE = """
  ping:
    doc: A liveness probe, added by the generator test.
    fields:
      - name: nonce
        type: u64
        required: true
        doc: Echoed by the answer.
        example: 77
      - name: note
        type: string
        max_len: 40
        required: true
        doc: Free text.
        example: "hi there"
"""


class SchemaErrors(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        with open(SCHEMA, encoding="utf-8") as f:
            self.text = f.read()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def load(self, text):
        path = os.path.join(self.tmp, "s.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return Schema(path)

    def assertSchemaError(self, text, *fragments):
        with self.assertRaises(SchemaError) as ctx:
            self.load(text)
        for fragment in fragments:
            self.assertIn(fragment, str(ctx.exception))
        self.assertIn("s.yaml", str(ctx.exception))

    def test_the_real_schema_loads(self):
        schema = Schema(SCHEMA)
        self.assertIn("append_entries", [m.name for m in schema.messages])

    def test_unknown_field_key_names_message_and_field(self):
        text = self.text.replace("        doc: Leader's commit index.",
                                 "        doc: Leader's commit index.\n        colour: red")
        self.assertSchemaError(text, "message append_entries", ".commit", "unknown key 'colour'")

    def test_unknown_type_names_message_and_field(self):
        text = self.text.replace("      - name: granted\n        type: bool",
                                 "      - name: granted\n        type: boolean")
        self.assertSchemaError(text, "message request_vote_reply", ".granted", "unknown type 'boolean'")

    def test_duplicate_field_name(self):
        text = self.text + NEW_MESSAGE.replace("name: note", "name: nonce")
        self.assertSchemaError(text, "message ping", "duplicate field name 'nonce'")

    def test_missing_example(self):
        text = self.text + NEW_MESSAGE.replace('        example: "hi there"\n', "")
        self.assertSchemaError(text, "message ping", ".note", "missing key 'example'")

    def test_example_must_fit_constraints(self):
        text = self.text + NEW_MESSAGE.replace("max_len: 40", "max_len: 3")
        self.assertSchemaError(text, "message ping", ".note", "length out of bounds")

    def test_reserved_wire_name(self):
        text = self.text + NEW_MESSAGE.replace("name: note", "name: note\n        wire: type")
        self.assertSchemaError(text, "message ping", "reserved")

    def test_bad_pattern(self):
        text = self.text + NEW_MESSAGE.replace("max_len: 40", "max_len: 40\n        pattern: 'a+'")
        self.assertSchemaError(text, "message ping", ".note", "pattern")

    def test_fingerprinted_must_be_a_boolean(self):
        text = self.text + NEW_MESSAGE.replace("    fields:", "    fingerprinted: yes please\n    fields:", 1)
        self.assertSchemaError(text, "message ping", "'fingerprinted' must be true or false")

    def test_a_fingerprinted_message_cannot_use_the_fingerprint_key(self):
        text = self.text + NEW_MESSAGE.replace("    fields:", "    fingerprinted: true\n    fields:", 1).replace(
            "name: note", "name: note\n        wire: schema")
        self.assertSchemaError(text, "message ping", ".note", "carries the schema fingerprint")

    def test_the_fingerprint_ignores_docs_examples_and_comments(self):
        base = self.load(self.text).fingerprint
        reworded = self.text.replace("doc: Leader's commit index.", "doc: The commit index of the leader.")
        reworded = "# a new comment\n" + reworded.replace("example: 77", "example: 78")
        self.assertEqual(self.load(reworded).fingerprint, base)

    def test_the_fingerprint_changes_with_the_wire_format(self):
        base = self.load(self.text).fingerprint
        self.assertNotEqual(self.load(self.text + NEW_MESSAGE).fingerprint, base)
        renamed = self.text.replace("      - name: granted\n", "      - name: granted\n        wire: ok\n", 1)
        self.assertNotEqual(self.load(renamed).fingerprint, base)
        unflagged = self.text.replace("    fingerprinted: true\n", "", 1)
        self.assertNotEqual(self.load(unflagged).fingerprint, base)

    def test_cli_exits_non_zero_with_one_line(self):
        path = os.path.join(self.tmp, "s.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.text.replace("type: bool", "type: flag", 1))
        run = subprocess.run([sys.executable, os.path.join(ROOT, "codegen", "generate.py"), path, self.tmp],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertEqual(len(run.stderr.strip().splitlines()), 1)
        self.assertIn("unknown type 'flag'", run.stderr)


class Output(unittest.TestCase):
    def test_same_schema_gives_identical_bytes(self):
        self.assertEqual(generate.render(SCHEMA), generate.render(SCHEMA))

    def test_stale_generated_code_does_not_compile(self):
        """The header refuses another runtime version, and messages.c a
        header generated from another schema."""
        files = generate.render(SCHEMA)
        tmp = tempfile.mkdtemp()
        try:
            cflags = subprocess.run(["pkg-config", "--cflags", "libcjson"], capture_output=True, text=True).stdout.split()
            for name, text in files.items():
                with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                    f.write(text)

            def compiles(*defines):
                run = subprocess.run(["cc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-fsyntax-only", *defines,
                                      "-I", tmp, "-I", os.path.join(ROOT, "src"), *cflags,
                                      os.path.join(tmp, "messages.c")], capture_output=True, text=True)
                return run.returncode == 0, run.stderr

            self.assertTrue(compiles()[0])
            header = os.path.join(tmp, "messages.h")
            with open(header, encoding="utf-8") as f:
                text = f.read()
            with open(header, "w", encoding="utf-8") as f:
                f.write(text.replace("MSG_RUNTIME_VERSION != %d" % generate.RUNTIME_VERSION,
                                     "MSG_RUNTIME_VERSION != %d" % (generate.RUNTIME_VERSION + 1)))
            ok, err = compiles()
            self.assertFalse(ok)
            self.assertIn("run make gen", err)
            with open(header, "w", encoding="utf-8") as f:
                f.write(re.sub(r"(#define MSG_SCHEMA_FINGERPRINT_U64 )0x[0-9a-f]+ULL", r"\g<1>0x0ULL", text))
            ok, err = compiles()
            self.assertFalse(ok)
            self.assertIn("different schemas", err)
        finally:
            shutil.rmtree(tmp)

    def test_a_new_message_is_tested_without_hand_written_c(self):
        tmp = tempfile.mkdtemp()
        try:
            schema = os.path.join(tmp, "messages.yaml")
            with open(SCHEMA, encoding="utf-8") as f:
                text = f.read()
            with open(schema, "w", encoding="utf-8") as f:
                f.write(text + NEW_MESSAGE)
            out = os.path.join(tmp, "generated")
            self.assertEqual(generate.main([schema, out]), 0)
            with open(os.path.join(out, "test_messages.c"), encoding="utf-8") as f:
                tests = f.read()
            self.assertIn("test_ping_round_trip", tests)
            self.assertIn("test_ping_rejects_missing_nonce", tests)
            self.assertIn("test_ping_rejects_wrong_type_note", tests)
            self.assertNotIn("test_ping_rejects_missing_schema_fingerprint", tests)
            self.assertIn("test_append_entries_rejects_another_schema_fingerprint", tests)
            cflags = subprocess.run(["pkg-config", "--cflags", "libcjson"], capture_output=True, text=True).stdout.split()
            binary = os.path.join(tmp, "gen_tests")
            subprocess.run(["cc", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Werror",
                            "-I", out, "-I", os.path.join(ROOT, "src"), *cflags, "-o", binary,
                            os.path.join(ROOT, "tests", "codegen", "gen_only_main.c"),
                            os.path.join(out, "messages.c"), os.path.join(out, "test_messages.c"),
                            *sorted(glob.glob(os.path.join(ROOT, "src", "codec", "*.c"))), "-lcunit", "-lcjson"],
                           check=True)
            run = subprocess.run([binary], capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertIn("failed: 0", run.stdout)
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
