"""Linearizability checker for a history of put/get operations on registers,
one register per key (Wing & Gong's search, with Lowe's memoisation of
(linearized set, state) as Porcupine does, and per-key partitioning).

An operation is a dict:
    kind      "put", "get" or "cas"
    key       the register
    value     the value written (put, cas) or read (get)
    expected  cas only: it writes value only if the register holds this
    found     cas only: the value it found (its answer), None when unknown
    invoke    time the client sent it
    complete  time the answer arrived, or None when the outcome is unknown
              (no answer: a put may or may not have taken effect, at any time
              after invoke; an unanswered get constrains nothing and is dropped)
Operations answered fail or redirect must not be passed in: the store said
they had no effect, so the checker holds it to that.

The initial value of every register is INITIAL ("" as the store answers for
an absent key)."""

import math

INITIAL = ""


class _Entry:
    __slots__ = ("op", "is_call", "match", "prev", "next", "time")

    def __init__(self, op, is_call, time):
        self.op, self.is_call, self.time = op, is_call, time
        self.match = self.prev = self.next = None


def _build_list(ops):
    events = []
    for i, op in enumerate(ops):
        call = _Entry(i, True, op["invoke"])
        ret = _Entry(i, False, math.inf if op["complete"] is None else op["complete"])
        call.match = ret
        events.append(call)
        events.append(ret)
    # At equal times calls come first: the operations then overlap, which is
    # the permissive reading of a tie.
    events.sort(key=lambda e: (e.time, 0 if e.is_call else 1))
    head = _Entry(None, False, -math.inf)
    prev = head
    for e in events:
        prev.next, e.prev = e, prev
        prev = e
    return head


def _lift(entry):
    entry.prev.next = entry.next
    if entry.next:
        entry.next.prev = entry.prev
    ret = entry.match
    ret.prev.next = ret.next
    if ret.next:
        ret.next.prev = ret.prev


def _unlift(entry):
    ret = entry.match
    ret.prev.next = ret
    if ret.next:
        ret.next.prev = ret
    entry.prev.next = entry
    if entry.next:
        entry.next.prev = entry


def _step(state, op):
    if op["kind"] == "put":
        return True, op["value"]
    if op["kind"] == "cas":
        if op.get("found") is not None and op["found"] != state:
            return False, state
        return True, op["value"] if state == op["expected"] else state
    return op["value"] == state, state


def check_register(ops):
    """True if the operations on one register are linearizable."""
    if not ops:
        return True
    head = _build_list(ops)
    state = INITIAL
    linearized = 0
    cache = set()
    calls = []
    entry = head.next
    while head.next is not None:
        if entry.is_call:
            op = ops[entry.op]
            ok, new_state = _step(state, op)
            if ok:
                new_linearized = linearized | (1 << entry.op)
                if (new_linearized, new_state) not in cache:
                    cache.add((new_linearized, new_state))
                    calls.append((entry, state))
                    state, linearized = new_state, new_linearized
                    _lift(entry)
                    entry = head.next
                    continue
            entry = entry.next
        elif entry.time == math.inf:
            # Only operations of unknown outcome remain: leaving them out is
            # a valid linearization (they never took effect).
            return True
        else:
            if not calls:
                return False
            entry, state = calls.pop()
            linearized &= ~(1 << entry.op)
            _unlift(entry)
            entry = entry.next
    return True


def check(history):
    """Checks a whole history. Returns (ok, bad_keys): bad_keys lists the
    keys whose operations cannot be linearized."""
    by_key = {}
    for op in history:
        if op["kind"] == "get" and op["complete"] is None:
            continue
        by_key.setdefault(op["key"], []).append(op)
    bad = [key for key, ops in sorted(by_key.items()) if not check_register(ops)]
    return not bad, bad


def explain(history, key, limit=12):
    """A few lines describing a key's operations, for a failure report."""
    ops = sorted((op for op in history if op["key"] == key), key=lambda o: o["invoke"])
    lines = []
    for op in ops[:limit]:
        end = "?" if op["complete"] is None else f"{op['complete']:.4f}"
        lines.append(f"  {op['kind']:3} {op['value']!r:36} [{op['invoke']:.4f}, {end}]")
    if len(ops) > limit:
        lines.append(f"  ... {len(ops) - limit} more")
    return "\n".join(lines)
