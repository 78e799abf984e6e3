"""The eight clients of the test-bed: what they send, and how they judge
answers (simulator.md, "Clients"). No sockets here: the simulator moves the
bytes; this module keeps the books, so its rules can be unit-tested."""

import random
import string

KEY_CHARS = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
MID_CHARS = string.ascii_uppercase + string.digits
N_CLIENTS = 8


class Request:
    __slots__ = ("mid", "client", "kind", "key", "value", "created", "target", "answer", "op")

    def __init__(self, mid, client, kind, key, value, created, target):
        self.mid, self.client, self.kind, self.key, self.value = mid, client, kind, key, value
        self.created, self.target = created, target
        self.answer = None  # "ok", "redirect" or "fail" once answered
        self.op = None      # the history record, for the linearizability check


class Client:
    def __init__(self, cid):
        self.id = cid
        self.leader = None  # replica id, or None when unknown
        self.acked = {}     # key -> value of the last put this client saw acknowledged

    def forget_leader(self):
        self.leader = None


class Workload:
    """Generates requests and judges responses; counts what the grader counts."""

    def __init__(self, n_replicas, rng):
        self.rng = rng
        self.replica_ids = [f"{i:04X}" for i in range(n_replicas)]
        self.clients = [Client(f"{n_replicas + i:04X}") for i in range(N_CLIENTS)]
        self.by_id = {c.id: c for c in self.clients}
        self.requests = {}  # MID -> Request
        self.history = []
        self.latencies = []
        self.stats = dict(gets=0, puts=0, get_generation_failures=0, redirects=0,
                          get_fails=0, put_fails=0, duplicates=0, incorrect=0,
                          stored=0)
        self.incorrect_reasons = []
        self.duplicate_reasons = []

    def _mid(self):
        while True:
            mid = "".join(self.rng.choice(MID_CHARS) for _ in range(16))
            if mid not in self.requests:
                return mid

    def pick_target(self, client, alive):
        """The client's leader if it is alive, else a random living replica."""
        if client.leader in alive:
            return client.leader
        living = [r for r in self.replica_ids if r in alive]
        return self.rng.choice(living) if living else None

    def new_request(self, now, mix, alive):
        """Draws the next request of the workload; None if none can be made."""
        client = self.rng.choice(self.clients)
        if self.rng.random() < mix:
            if not client.acked:
                self.stats["get_generation_failures"] += 1
                return None
            key = self.rng.choice(sorted(client.acked))
            return self._send(client, "get", key, None, now, alive)
        if client.acked and self.rng.random() < 0.5:
            key = self.rng.choice(sorted(client.acked))
        else:
            key = "".join(self.rng.choice(KEY_CHARS) for _ in range(32))
        value = "".join(self.rng.choice(HEX) for _ in range(32))
        return self._send(client, "put", key, value, now, alive)

    def _send(self, client, kind, key, value, now, alive, counted=True):
        target = self.pick_target(client, alive)
        if target is None:
            return None
        req = Request(self._mid(), client.id, kind, key, value, now, target)
        self.requests[req.mid] = req
        if counted:
            self.stats["gets" if kind == "get" else "puts"] += 1
        req.op = {"kind": kind, "key": key, "value": value, "invoke": now, "complete": None,
                  "client": client.id, "mid": req.mid}
        self.history.append(req.op)
        return req

    def wire(self, req):
        client = self.by_id[req.client]
        msg = {"src": req.client, "dst": req.target, "leader": client.leader or "FFFF",
               "type": req.kind, "MID": req.mid, "key": req.key}
        if req.kind == "put":
            msg["value"] = req.value
        return msg

    def _incorrect(self, why):
        self.stats["incorrect"] += 1
        if len(self.incorrect_reasons) < 20:
            self.incorrect_reasons.append(why)

    def on_response(self, msg, now, alive):
        """Judges one response; returns a retry Request to send, or None."""
        client = self.by_id[msg["dst"]]
        req = self.requests.get(msg.get("MID"))
        if req is None or req.client != client.id:
            self._incorrect(f"response to unknown MID {msg.get('MID')!r} for {client.id}")
            return None
        leader = msg["leader"]
        client.leader = None if leader.upper() == "FFFF" else leader.upper()
        kind = msg["type"]
        if req.answer == "ok":
            self.stats["duplicates"] += 1
            if len(self.duplicate_reasons) < 20:
                self.duplicate_reasons.append(f"{kind} from {msg['src']} for MID {req.mid} ({req.kind}) "
                                              f"already answered ok")
            return None
        if req.answer is not None:
            self._incorrect(f"{kind} for MID {req.mid} already answered {req.answer}")
            return None
        if kind not in ("ok", "redirect", "fail"):
            self._incorrect(f"response of unknown type {kind!r}")
            return None
        req.answer = kind
        self.latencies.append(now - req.created)
        if kind == "ok":
            return self._on_ok(client, req, msg, now)
        # The store claims no effect: the op leaves the history.
        self.history.remove(req.op)
        if kind == "fail":
            self.stats["get_fails" if req.kind == "get" else "put_fails"] += 1
        else:
            self.stats["redirects"] += 1
        return self._send(client, req.kind, req.key, req.value, now, alive, counted=False)

    def _on_ok(self, client, req, msg, now):
        req.op["complete"] = now
        if req.kind == "put":
            client.acked[req.key] = req.value
            self.stats["stored"] += 1
            return None
        if "value" not in msg:
            self._incorrect(f"get ok for MID {req.mid} without value")
            req.op["value"] = None
        else:
            req.op["value"] = msg["value"]
            if msg["value"] != client.acked.get(req.key):
                self._incorrect(f"get {req.key} answered {msg['value']!r}, client expects {client.acked.get(req.key)!r}")
        return None

    def unanswered_examples(self, limit=5):
        out = [f"{r.kind} {r.mid} from {r.client} to {r.target} at {r.created:.3f} s"
               for r in self.requests.values() if r.answer is None]
        return out[:limit]

    def unanswered(self):
        gets = sum(1 for r in self.requests.values() if r.answer is None and r.kind == "get")
        puts = sum(1 for r in self.requests.values() if r.answer is None and r.kind == "put")
        return gets, puts
