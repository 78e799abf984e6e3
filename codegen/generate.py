#!/usr/bin/env python3
"""Renders the protocol layer from schema/messages.yaml.

    generate.py SCHEMA OUTDIR           write OUTDIR/messages.{h,c}, test_messages.{h,c}
    generate.py --check SCHEMA OUTDIR   exit 1 if OUTDIR differs from what would be written

The schema is checked first (model.py); any problem is printed as one line
naming file, message and field, and the exit status is 1."""

import os
import sys

import jinja2

from model import Schema, SchemaError, c_string

OUTPUTS = ("messages.h", "messages.c", "test_messages.h", "test_messages.c")
# What the generated code expects of src/codec/msg_runtime.h (its MSG_RUNTIME_VERSION):
# bump both together when the helpers the templates call change.
RUNTIME_VERSION = 3
C_TYPES = {"string": "char *", "id": "char ", "u64": "uint64_t ", "bool": "bool "}


def ctype(field):
    if field.type == "list":
        return f"struct msg_{field.of.name} *"
    return C_TYPES[field.type]


def render(schema_path):
    schema = Schema(schema_path)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(
        ctype=ctype,
        csuffix=lambda f: "[MSG_ID_SIZE]" if f.type == "id" else "",
        c_bool=lambda b: "true" if b else "false",
        c_string=c_string)
    # Named relative to the repository so no machine path lands in generated/.
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shown = os.path.relpath(os.path.abspath(schema_path), repo).replace(os.sep, "/")
    context = {"schema": schema, "schema_path": shown, "any": {"name": "any"},
               "runtime_version": RUNTIME_VERSION}
    return {name: env.get_template(name + ".j2").render(context) for name in OUTPUTS}


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    schema_path, outdir = args
    try:
        files = render(schema_path)
    except SchemaError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    stale = []
    for name, text in files.items():
        path = os.path.join(outdir, name)
        try:
            with open(path, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        stale.append(path)
        if not check:
            os.makedirs(outdir, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    if check and stale:
        print(f"error: generated code is stale, run 'make gen': {' '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
