#!/usr/bin/env python3
"""Seeds for the node fuzz target, cut from soak recordings.

    cut_seeds.py OUT_DIR RECORDING...   cuts each recording (build/soak
        --seed S --record FILE 0) into three seeds, from its first line, a
        quarter in and three fifths in: whole lines, at most MAX_BYTES in
        all, a single line longer than that skipped (a long catch-up
        batch), named soak-seed-S-from-line-L after RECORDING's -S suffix.
    cut_seeds.py --refresh FINGERPRINT FILE...   rewrites the schema
        fingerprint of every peer message in FILE (a hand-kept seed such
        as a regression) to FINGERPRINT.
    cut_seeds.py --check FINGERPRINT FILE...   exits 1, naming the files,
        when a seed carries another fingerprint: the replica refuses every
        peer message of such a seed, so it no longer seeds anything.

Peer messages carry the schema's fingerprint, so every schema change
makes the old seeds stale: `make fuzz-seeds` cuts them again."""

import os
import re
import sys

MAX_BYTES = 4000  # under fuzz_node's -max_len of 4,096 in the campaigns
FINGERPRINT = re.compile(rb'"schema":"([0-9a-f]{16})"')


def cut(lines, start):
    out, size = [], 0
    for line in lines[start:]:
        if len(line) > MAX_BYTES:
            continue
        if size + len(line) > MAX_BYTES:
            break
        out.append(line)
        size += len(line)
    return b"".join(out)


def cut_recording(path, out_dir):
    seed = re.search(r"(\d+)$", path).group(1)
    with open(path, "rb") as f:
        lines = f.readlines()
    for start in (0, len(lines) // 4, len(lines) * 3 // 5):
        with open(os.path.join(out_dir, f"soak-seed-{seed}-from-line-{start}"), "wb") as f:
            f.write(cut(lines, start))


def stale(path, fingerprint):
    with open(path, "rb") as f:
        return any(m.group(1) != fingerprint for m in FINGERPRINT.finditer(f.read()))


def refresh(path, fingerprint):
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(FINGERPRINT.sub(b'"schema":"' + fingerprint + b'"', data))


def main(argv):
    if len(argv) >= 3 and argv[0] in ("--refresh", "--check"):
        fingerprint = argv[1].encode()
        if argv[0] == "--refresh":
            for path in argv[2:]:
                refresh(path, fingerprint)
            return 0
        old = [path for path in argv[2:] if stale(path, fingerprint)]
        for path in old:
            print(f"{path}: peer messages of another schema (make fuzz-seeds)", file=sys.stderr)
        return 1 if old else 0
    if len(argv) >= 2 and not argv[0].startswith("-"):
        for path in argv[1:]:
            cut_recording(path, argv[0])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
