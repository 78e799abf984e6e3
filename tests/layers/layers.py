#!/usr/bin/env python3
"""Calls and includes only go down: the check behind `make layers`.

It reads what the compiler produced, not a list kept by hand: the symbols
each object defines and uses (nm) and the headers each source included (the
.d files of -MMD). A file uses another when it calls a function or reads a
variable the other defines, or includes the other's header (x.h belongs to
x.c beside it; a header without a namesake, such as raft/raft.h, belongs to
its folder only). Two rules:

1. Between folders, the order given (bottom first, e.g. base codec generated
   raft storage node net client main): a file may use files of its own folder
   and of folders below it, never above.
2. Within a folder, no circle: the files form layers, each using only those
   below. Any use that goes back up closes a circle, and is reported with
   the names that tie it.

Usage: layers.py BUILD_DIR FOLDER... ; prints each folder's layers bottom up,
exits 1 (naming every offending use) when a rule is broken.
"""
import collections
import os
import subprocess
import sys

DEFINED = set("TDBRCGSVW")


def folder_of(path):
    """src/raft/raft_log.c -> raft; src/main.c -> main; generated/x.c -> generated."""
    parts = path.split("/")
    if parts[0] == "generated":
        return "generated"
    return parts[1] if len(parts) > 2 else os.path.splitext(parts[1])[0]


def read_units(build):
    """The source files that were compiled into build/, with their .o and .d."""
    units = {}
    for top in ("src", "generated"):
        for root, _, files in os.walk(os.path.join(build, top)):
            for name in files:
                if not name.endswith(".o"):
                    continue
                obj = os.path.join(root, name)
                src = os.path.relpath(obj, build)[:-2] + ".c"
                if os.path.exists(src) and not os.path.basename(src).startswith("test_"):
                    units[src] = obj
    return units


def read_symbols(obj):
    out = subprocess.run(["nm", "-P", obj], capture_output=True, text=True, check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        name, kind = fields[0], fields[1]
        if kind == "U":
            used.add(name)
        elif kind in DEFINED:
            defined.add(name)
    return defined, used


def read_includes(dep_file):
    """The headers a source included: the first rule of its .d file."""
    if not os.path.exists(dep_file):
        return []
    with open(dep_file) as f:
        text = f.read().replace("\\\n", " ")
    rule = text.split("\n", 1)[0]
    _, _, deps = rule.partition(":")
    return [d for d in deps.split()[1:] if d.endswith(".h")]


def owner_of(header, units):
    """The unit a header belongs to: x.c beside x.h, else None."""
    src = os.path.normpath(header)[:-2] + ".c"
    return src if src in units else None


def build_graph(build):
    units = read_units(build)
    symbols = {u: read_symbols(o) for u, o in units.items()}
    definer = {}
    for u, (defined, _) in symbols.items():
        for name in defined:
            definer[name] = u
    uses = collections.defaultdict(lambda: collections.defaultdict(set))  # user -> used -> why
    for u, obj in units.items():
        for name in symbols[u][1]:
            v = definer.get(name)
            if v and v != u:
                uses[u][v].add(name + "()")
        for header in read_includes(obj[:-2] + ".d"):
            header = os.path.normpath(header)
            if header.startswith("/"):
                continue
            v = owner_of(header, units)
            if v and v != u:
                uses[u][v].add("#include " + header)
            elif not v:
                uses[u]["header:" + header].add("#include " + header)
    return units, uses


def circles(nodes, edges):
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def closing_uses(comp, edges):
    """The uses inside a circle whose removal alone ends every circle of
    comp: a planted call back up is one. When none does (several calls go
    back up), every use inside the circle."""
    inside = [(u, v) for u in comp for v in sorted(edges[u]) if v in comp]
    alone = []
    for u, v in inside:
        rest = {w: {x for x in edges[w] if x in comp and (w, x) != (u, v)} for w in comp}
        if not circles(comp, rest):
            alone.append((u, v))
    return alone or inside


def floors(nodes, edges):
    """Each file's layer: 1 + the highest layer it uses (0 for none)."""
    memo = {}

    def depth(v):
        if v not in memo:
            memo[v] = 0
            memo[v] = 1 + max((depth(w) for w in edges.get(v, ())), default=-1)
        return memo[v]

    return {v: depth(v) for v in nodes}


def check(build, order):
    units, uses = build_graph(build)
    rank = {f: i for i, f in enumerate(order)}
    problems = []
    for u in sorted(units):
        if folder_of(u) not in rank:
            problems.append(f"{u}: folder {folder_of(u)} is not in the layer order {' '.join(order)}")
    for u in sorted(uses):
        for v in sorted(uses[u]):
            target = v[len("header:"):] if v.startswith("header:") else v
            fu, fv = folder_of(u), folder_of(target)
            if fu in rank and fv in rank and rank[fv] > rank[fu]:
                why = ", ".join(sorted(uses[u][v]))
                problems.append(f"{u} ({fu}) uses {target} ({fv}), a folder above it: {why}")
    by_folder = collections.defaultdict(set)
    for u in units:
        by_folder[folder_of(u)].add(u)
    report = []
    for f in order:
        nodes = by_folder.get(f, set())
        if not nodes:
            continue
        edges = {u: {v for v in uses.get(u, {}) if v in nodes} for u in nodes}
        found = circles(nodes, edges)
        for comp in found:
            ties = [
                f"  {u} -> {v}: {', '.join(sorted(uses[u][v]))}"
                for u, v in closing_uses(comp, edges)
            ]
            problems.append(f"a circle in {f}/: {' '.join(comp)}; what closes it:\n" + "\n".join(ties))
        if found:
            continue
        depth = floors(nodes, edges)
        rows = collections.defaultdict(list)
        for u, d in depth.items():
            rows[d].append(os.path.basename(u))
        report.append(f"{f}: " + " | ".join(" ".join(sorted(rows[d])) for d in sorted(rows)))
    return report, problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-2], file=sys.stderr)
        return 2
    report, problems = check(argv[1], argv[2:])
    print("layers, bottom up (within a folder, | separates layers):")
    for line in report:
        print("  " + line)
    for p in problems:
        print("layers: " + p, file=sys.stderr)
    if problems:
        print(f"layers: {len(problems)} use(s) that go back up", file=sys.stderr)
        return 1
    print("layers: every call and include goes down")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
