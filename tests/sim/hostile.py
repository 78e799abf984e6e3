"""Malformed datagrams for a flood against live replicas (--flood N).

The threat model (docs/testing.md, "Hostile input"): the test-bed and the peers
are trusted; what is not is the bytes of a datagram. Every datagram made
here is one that no correct peer, client or test-bed could send: bad
framing, bad JSON, values outside the schema, ids outside the cluster,
messages of the wrong direction, replies that cannot answer anything the
replica sent. A well-formed message that a correct peer could have sent
(a vote in a higher term, say) is out of scope: it would be a lying peer.

Each category is a function of a Context and returns bytes. A process of
its own (FloodProcess, forked by the simulator once every replica said
hello) sends them through each replica's own test-bed socket, the only
address a replica accepts datagrams from: in the simulator's single loop,
building and sending thousands a second would delay the routing of the
scenario's own messages and show as the replicas' latency. A replica must
drop every one of them without an answer: the ids used as senders are
neither replicas nor clients, so an answer would reach the test-bed as a
message to an unknown destination, an incorrect response."""

import base64
import json
import os
import random
import re
import select
import time

MAX_UDP = 65507  # the largest UDP payload over IPv4
STRANGER_BASE = 0x0F00  # ids 0F00.. are neither replicas nor clients
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def schema_fingerprint(path=os.path.join(ROOT, "generated", "messages.h")):
    """The fingerprint replicas put on peer messages, so that malformed ones
    get past that first check and reach the field validation."""
    with open(path, encoding="utf-8") as f:
        match = re.search(r'#define MSG_SCHEMA_FINGERPRINT "([0-9a-f]+)"', f.read())
    return match.group(1) if match else "0"


class Context:
    """What the generators may use: the cluster's ids, the schema
    fingerprint, the highest term seen on the wire, and one real datagram
    the test-bed routed lately (to truncate and corrupt)."""

    def __init__(self, rng, replica_ids, fingerprint):
        self.rng = rng
        self.replica_ids = list(replica_ids)
        self.fingerprint = fingerprint
        self.term = 1
        self.sample = None
        self.target = self.replica_ids[0]

    def stranger(self):
        return f"{STRANGER_BASE + self.rng.randrange(256):04X}"

    def peer(self):
        """A replica other than the target (the target itself in a cluster of one)."""
        others = [i for i in self.replica_ids if i != self.target]
        return self.rng.choice(others or self.replica_ids)

    def mid(self):
        return f"{self.rng.getrandbits(64):016X}"


def dump(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


def envelope(ctx, kind, src=None, dst=None):
    return {"src": src or ctx.stranger(), "dst": dst or ctx.target, "leader": "FFFF", "type": kind}


def peer_message(ctx, kind, src=None, **fields):
    """A replica-to-replica message with the fingerprint, from `src`
    (by default a real peer, so only the fields make it malformed)."""
    msg = envelope(ctx, kind, src=src or ctx.peer())
    msg["schema"] = ctx.fingerprint
    msg.update(fields)
    return msg


def entry(ctx, **over):
    e = {"term": ctx.term, "key": "k", "value": "v", "client": ctx.stranger(), "mid": ctx.mid()}
    e.update(over)
    return e


def append_entries(ctx, **over):
    fields = dict(term=ctx.term, prev_log_index=0, prev_log_term=0, commit=0, seq=1, quiet=False,
                  entries=[entry(ctx)])
    fields.update(over)
    return peer_message(ctx, "append_entries", **fields)


def vote_request(ctx, **over):
    fields = dict(term=ctx.term, last_log_index=0, last_log_term=0, pre_vote=True)
    fields.update(over)
    return peer_message(ctx, "request_vote", **fields)


def append_reply(ctx, **over):
    fields = dict(term=ctx.term, success=True, match_index=0, conflict_index=0, conflict_term=0, seq=1, commit=0)
    fields.update(over)
    return peer_message(ctx, "append_entries_reply", **fields)


def client_put(ctx, **over):
    msg = envelope(ctx, "put")
    msg.update({"MID": ctx.mid(), "key": "k", "value": "v"})
    msg.update(over)
    return msg


def real_or_built(ctx):
    return ctx.sample or dump(append_entries(ctx))


def random_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# ---- the categories ------------------------------------------------------
# Framing and bytes.

def empty(ctx):
    return b""


def truncated(ctx):
    data = real_or_built(ctx)
    return data[:ctx.rng.randrange(1, max(2, len(data)))]


def bit_flipped(ctx):
    """A real datagram with one byte turned into NUL or a byte that is never
    valid UTF-8: refused whatever it hit. (A flip into an ordinary character
    could turn a peer's entry into another well-formed entry, a lying peer,
    which is out of scope.)"""
    data = bytearray(real_or_built(ctx))
    data[ctx.rng.randrange(len(data))] = ctx.rng.choice(b"\x00\xc0\xfe\xff")
    return bytes(data)


def oversized_json(ctx):
    """A put whose value fills the largest UDP payload (the schema allows 1,024 bytes)."""
    msg = client_put(ctx, value="")
    room = MAX_UDP - len(dump(msg))
    msg["value"] = "v" * room
    return dump(msg)


def oversized_garbage(ctx):
    return random_bytes(ctx.rng, 256) * (MAX_UDP // 256) + b"x" * (MAX_UDP % 256)


def binary_noise(ctx):
    return random_bytes(ctx.rng, ctx.rng.randrange(1, 512))


def nul_in_datagram(ctx):
    data = dump(vote_request(ctx))
    at = ctx.rng.randrange(len(data))
    return data[:at] + b"\x00" + data[at:]


def escaped_nul(ctx):
    return dump(client_put(ctx, key="k\u0000hidden"))


def invalid_utf8(ctx):
    return dump(client_put(ctx)).replace(b'"key":"k"', b'"key":"k\xc3\x28\xff"')


def lone_surrogate(ctx):
    return dump(client_put(ctx)).replace(b'"key":"k"', b'"key":"\\ud800x"')


def deep_nesting(ctx):
    depth = ctx.rng.choice((1000, 5000, 30000))
    return b"[" * depth + b"]" * depth


def deep_field(ctx):
    depth = ctx.rng.choice((200, 2000))
    msg = dump(append_entries(ctx, entries=[]))
    return msg.replace(b'"entries":[]', b'"entries":' + b"[" * depth + b"]" * depth)


def not_an_object(ctx):
    return ctx.rng.choice((b"[]", b"null", b"42", b'"hello"', b"true", b"[{}]"))


def trailing_garbage(ctx):
    return dump(vote_request(ctx)) + ctx.rng.choice((b"}", b" x", b"{}", b"\x00"))


def invalid_json(ctx):
    return ctx.rng.choice((b"{", b'{"src":', b"{'src':'0001'}", b'{"src":"0001",}', b"{src:1}",
                           b'{"a":1 "b":2}', b'{"term":01}', b'{"term":1e}', b'{"x":"\\q"}'))


# Numbers.

def huge_number(ctx):
    value = ctx.rng.choice(("18446744073709551616", "1e400", "9" * 400, "1e19", "9007199254740992", "NaN"))
    return dump(append_entries(ctx, term=0)).replace(b'"term":0', b'"term":' + value.encode(), 1)


def negative_integer(ctx):
    field = ctx.rng.choice(("term", "prev_log_index", "commit", "seq"))
    return dump(append_entries(ctx, **{field: -ctx.rng.randrange(1, 1 << 40)}))


def fractional_integer(ctx):
    field = ctx.rng.choice(("term", "last_log_index", "last_log_term"))
    return dump(vote_request(ctx, **{field: ctx.rng.randrange(100) + 0.5}))


def number_as_string(ctx):
    return dump(vote_request(ctx, term=str(ctx.term)))


# Keys and types.

def duplicate_keys(ctx):
    data = dump(client_put(ctx))
    return data[:-1] + b',"key":"other"}'


def duplicate_envelope(ctx):
    data = dump(append_reply(ctx))
    return data[:-1] + b',"src":"' + ctx.peer().encode() + b'"}'


def wrong_types(ctx):
    choices = (
        lambda: append_entries(ctx, quiet="false"),
        lambda: append_entries(ctx, entries={"0": entry(ctx)}),
        lambda: append_entries(ctx, entries=[1, 2, 3]),
        lambda: vote_request(ctx, pre_vote=1),
        lambda: client_put(ctx, key=7),
        lambda: client_put(ctx, MID=["m"]),
    )
    return dump(ctx.rng.choice(choices)())


def null_fields(ctx):
    msg = append_reply(ctx)
    msg[ctx.rng.choice(("term", "success", "match_index", "src", "type", "schema"))] = None
    return dump(msg)


def missing_field(ctx):
    msg = append_entries(ctx)
    del msg[ctx.rng.choice(("term", "prev_log_index", "prev_log_term", "commit", "seq", "entries", "quiet"))]
    return dump(msg)


def missing_envelope(ctx):
    msg = client_put(ctx)
    del msg[ctx.rng.choice(("src", "dst", "leader", "type"))]
    return dump(msg)


def unknown_type(ctx):
    kind = ctx.rng.choice(("delete_everything", "", "APPEND_ENTRIES", "hello2", "x" * 300))
    return dump(envelope(ctx, kind))


def type_not_string(ctx):
    msg = envelope(ctx, "put")
    msg["type"] = ctx.rng.choice((1, None, ["put"], {"put": 1}, True))
    return dump(msg)


def malformed_id(ctx):
    bad = ctx.rng.choice(("ZZZZ", "001", "00001", "", "0x01", "00 1", "\u00e900", "-001"))
    msg = client_put(ctx)
    msg[ctx.rng.choice(("src", "dst", "leader"))] = bad
    return dump(msg)


def stranger_peer(ctx):
    """Peer messages from ids outside the cluster, otherwise valid."""
    src = ctx.stranger()
    return dump(ctx.rng.choice((append_entries(ctx, src=src), vote_request(ctx, src=src),
                                append_reply(ctx, src=src))))


def misaddressed(ctx):
    """Valid in every field but meant for another replica or nobody."""
    msg = append_entries(ctx, entries=[])
    msg["dst"] = ctx.rng.choice([ctx.stranger()] + [i for i in ctx.replica_ids if i != ctx.target])
    return dump(msg)


def client_answer_to_replica(ctx):
    kind = ctx.rng.choice(("ok", "fail", "redirect"))
    msg = envelope(ctx, kind)
    msg["MID"] = ctx.mid()
    if kind == "ok":
        msg["value"] = "v"
    return dump(msg)


def hello_to_replica(ctx):
    return dump(envelope(ctx, "hello", src=ctx.peer()))


def wrong_fingerprint(ctx):
    msg = vote_request(ctx)
    choice = ctx.rng.randrange(3)
    if choice == 0:
        msg["schema"] = "0123456789abcdef"
    elif choice == 1:
        del msg["schema"]
    else:
        msg["schema"] = 5
    return dump(msg)


def impossible_reply(ctx):
    """Replies to requests the replica never sent: in the current term, from
    a real peer, an append reply that matches an index and answers a
    message number beyond anything sent (2^53 - 1); a vote reply in term 0;
    an acknowledgement of forwards from a stranger. Commit figures stay 0: a
    peer's commit index is believed (a lying peer is out of scope)."""
    choice = ctx.rng.randrange(3)
    if choice == 0:
        beyond = (1 << 53) - 1
        return dump(append_reply(ctx, match_index=beyond, seq=beyond))
    if choice == 1:
        return dump(peer_message(ctx, "request_vote_reply", term=0, granted=True, pre_vote=False, commit=0))
    return dump(peer_message(ctx, "forward_ack", src=ctx.stranger(), requests=[{"mid": ctx.mid()}]))


# Lengths and patterns.

def list_too_long(ctx):
    choice = ctx.rng.randrange(3)
    if choice == 0:
        return dump(append_entries(ctx, entries=[entry(ctx) for _ in range(513)]))
    if choice == 1:
        return dump(append_entries(ctx, chain=[{"id": i} for i in ctx.replica_ids] * 7))
    return dump(peer_message(ctx, "forward", src=ctx.stranger(), requests=[
        {"get": True, "client": ctx.stranger(), "mid": ctx.mid(), "key": "k", "value": ""}] * 7))


def string_too_long(ctx):
    field, limit = ctx.rng.choice((("key", 256), ("value", 1024), ("MID", 64)))
    return dump(client_put(ctx, **{field: "a" * (limit + 1)}))


def pattern_violation(ctx):
    mid = ctx.rng.choice(("", "has space", "tab\there", "caf\u00e9", "\u007f"))
    return dump(client_put(ctx, MID=mid))


def bad_list_element(ctx):
    bad = ctx.rng.choice((entry(ctx, term=-1), entry(ctx, mid="has space"), entry(ctx, client="XYZW"),
                          {"term": 1}, entry(ctx, key="k" * 257)))
    return dump(append_entries(ctx, entries=[entry(ctx), bad]))


def many_keys(ctx):
    """An object of thousands of unknown members up to the largest datagram."""
    msg = vote_request(ctx)
    body = dump(msg)[:-1]
    parts, size, i = [body], len(body), 0
    while size < MAX_UDP - 32:
        part = b',"k%d":0' % i
        parts.append(part)
        size += len(part)
        i += 1
    return b"".join(parts) + b"}"


def invalid_escape(ctx):
    return dump(client_put(ctx)).replace(b'"key":"k"', ctx.rng.choice((b'"key":"\\x41"', b'"key":"\\u12"',
                                                                       b'"key":"\\"')))


CATEGORIES = {f.__name__: f for f in (
    empty, truncated, bit_flipped, oversized_json, oversized_garbage, binary_noise, nul_in_datagram,
    escaped_nul, invalid_utf8, lone_surrogate, deep_nesting, deep_field, not_an_object, trailing_garbage,
    invalid_json, huge_number, negative_integer, fractional_integer, number_as_string, duplicate_keys,
    duplicate_envelope, wrong_types, null_fields, missing_field, missing_envelope, unknown_type,
    type_not_string, malformed_id, stranger_peer, misaddressed, client_answer_to_replica,
    hello_to_replica, wrong_fingerprint, impossible_reply, list_too_long, string_too_long,
    pattern_violation, bad_list_element, many_keys, invalid_escape)}

# Large datagrams are built once per run and reused: building 65 KB a few
# thousand times would cost the test-bed's single loop time that it owes
# the scenario.
REUSED = {"oversized_json", "oversized_garbage", "many_keys", "deep_nesting", "list_too_long"}
VARIANTS = 8


class Flood:
    """`total` datagrams spread evenly over [start, end] seconds of a run,
    the categories in turn, the targets in turn among the replicas the
    caller names: the pacing and the making, without sockets."""

    def __init__(self, total, start, end, replica_ids, seed, fingerprint=None):
        self.total = total
        self.start, self.end = start, end
        self.ctx = Context(random.Random(seed), replica_ids, fingerprint or schema_fingerprint())
        self.names = sorted(CATEGORIES)
        self.sent = 0
        self.by_category = {name: 0 for name in self.names}
        self.bytes = 0
        self.cache = {}

    def due(self, now):
        """How many datagrams should have gone by `now`, less those sent."""
        if now <= self.start or self.total <= 0:
            return 0
        frac = min(1.0, (now - self.start) / max(1e-9, self.end - self.start))
        return int(self.total * frac) - self.sent

    def make(self, target):
        name = self.names[self.sent % len(self.names)]
        self.ctx.target = target
        if name in REUSED:
            variants = self.cache.setdefault((name, target), [])
            if len(variants) < VARIANTS:
                variants.append(CATEGORIES[name](self.ctx))
            data = variants[self.sent // len(self.names) % len(variants)]
        else:
            data = CATEGORIES[name](self.ctx)
        self.sent += 1
        self.by_category[name] += 1
        self.bytes += len(data)
        return data

    def report(self):
        return {"sent": self.sent, "categories": len(self.names), "bytes": self.bytes,
                "by_category": dict(self.by_category)}


class FloodProcess:
    """Runs a Flood in a forked child that shares the simulator's sockets.

    The simulator tells it, over a pipe, what the flood may use (the
    highest term seen, a recent real datagram) and which replicas were
    killed; at the end the child writes its report back and exits."""

    PACE = 0.001  # the child sends what is due every millisecond

    def __init__(self, flood, sockets, t0):
        """`sockets`: replica id -> (socket, the replica's address)."""
        self.flood = flood
        self.report = None
        control_r, self.control = os.pipe()
        report_r, report_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the simulator
            status = 1
            try:
                os.close(self.control)
                os.close(report_r)
                self._child(control_r, report_w, sockets, t0)
                status = 0
            finally:
                os._exit(status)
        os.close(control_r)
        os.close(report_w)
        self.report_r = report_r
        self.last_term = 0
        self.last_sample = 0.0

    # ---- the simulator's side ----
    def _tell(self, line):
        try:
            os.write(self.control, line.encode() + b"\n")
        except OSError:
            pass

    def observe(self, data, msg, now):
        term = msg.get("term")
        if isinstance(term, int) and term > self.last_term:
            self.last_term = term
            self._tell(f"term {term}")
        if now - self.last_sample >= 0.5 and len(data) < 2048:
            self.last_sample = now
            self._tell("sample " + base64.b64encode(data).decode())

    def killed(self, rid):
        self._tell(f"dead {rid}")

    def stop(self):
        """Ends the flood, waits for the child, returns its report."""
        if self.report is not None:
            return self.report
        os.close(self.control)
        chunks = []
        while True:
            chunk = os.read(self.report_r, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self.report_r)
        _, status = os.waitpid(self.pid, 0)
        try:
            self.report = json.loads(b"".join(chunks))
        except ValueError:
            self.report = dict(self.flood.report(), unsent=0, error=f"flood process ended with status {status}")
        return self.report

    # ---- the child's side ----
    def _child(self, control_r, report_w, sockets, t0):
        flood, live = self.flood, dict(sockets)
        unsent, pending = 0, b""
        while True:
            ready, _, _ = select.select([control_r], [], [], self.PACE)
            if ready:
                chunk = os.read(control_r, 65536)
                if not chunk:
                    break  # the simulator is done
                *lines, pending = (pending + chunk).split(b"\n")
                for line in lines:
                    self._command(line.decode(), live)
            targets = sorted(live)
            due = flood.due(time.monotonic() - t0)
            for _ in range(due if targets else 0):
                rid = targets[flood.sent % len(targets)]
                sock, addr = live[rid]
                try:
                    sock.sendto(flood.make(rid), addr)
                except OSError:
                    unsent += 1
        used = os.times()
        os.write(report_w, json.dumps(dict(flood.report(), unsent=unsent,
                                           cpu_s=round(used.user + used.system, 2))).encode())

    def _command(self, line, live):
        word, _, arg = line.partition(" ")
        if word == "term":
            self.flood.ctx.term = max(self.flood.ctx.term, int(arg))
        elif word == "sample":
            self.flood.ctx.sample = base64.b64decode(arg)
        elif word == "dead":
            live.pop(arg, None)
