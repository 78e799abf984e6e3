"""The eight clients of the test-bed: what they send, and how they judge
answers (simulator.md, "Clients"). No sockets here: the simulator moves the
bytes; this module keeps the books, so its rules can be unit-tested."""

import hashlib
import string

KEY_CHARS = string.ascii_uppercase + string.digits
MID_CHARS = string.ascii_uppercase + string.digits
N_CLIENTS = 8
CLIENT_ID_OFFSET = 16  # rule: for 5 replicas the clients are 0015..001C
BROADCAST = "FFFF"
MAX_CHAIN = 3          # issue 8: no client is sent round more often than this


def md5_hex(text):
    return hashlib.md5(text.encode()).hexdigest()


class Request:
    __slots__ = ("mid", "client", "kind", "key", "value", "created", "target", "leader",
                 "answer", "answered_by", "answered_at", "op", "chain", "turn", "cause", "floor")

    def __init__(self, mid, client, kind, key, value, created, target, leader, chain, turn):
        self.mid, self.client, self.kind, self.key, self.value = mid, client, kind, key, value
        self.created, self.target, self.leader = created, target, leader
        self.chain = chain  # redirects and fails that led to this request
        self.turn = turn    # the test-bed's loop turn that sent it
        self.answer = None  # "ok", "redirect" or "fail" once answered
        self.answered_by, self.answered_at = None, None  # who answered first, and when
        self.op = None      # the history record, for the linearizability check
        self.cause = None   # why it may go unanswered, once known
        self.floor = False  # delivered in the turn that killed its replica


class Client:
    def __init__(self, cid):
        self.id = cid
        self.leader = None  # replica id, or None when unknown
        self.acked = {}     # key -> value of the last put this client saw acknowledged
        self.drawn = 0      # requests drawn for this client so far

    def forget_leader(self):
        self.leader = None


class Workload:
    """Generates requests and judges responses; counts what the grader counts."""

    def __init__(self, n_replicas, rng):
        self.rng = rng
        self.replica_ids = [f"{i:04X}" for i in range(n_replicas)]
        self.clients = [Client(f"{n_replicas + CLIENT_ID_OFFSET + i:04X}") for i in range(N_CLIENTS)]
        self.by_id = {c.id: c for c in self.clients}
        self.requests = {}  # MID -> Request
        self.history = []
        self.latencies = []
        # gets and puts count every request sent, retries included, as the grader does.
        # get_generation_failures_first: those drawn as a client's very first
        # request, which no replica can prevent (about 8 x mix per run).
        self.stats = dict(gets=0, puts=0, get_generation_failures=0, get_generation_failures_first=0,
                          redirects=0,
                          get_fails=0, put_fails=0, duplicates=0, incorrect=0,
                          stored=0, longest_chain=0, long_chains=0)
        self.incorrect_reasons = []
        self.get_generation_reasons = []  # for gets not generated after a client's first request
        self.duplicate_reasons = []
        self.fail_causes = []
        self.turn = 0       # set by the simulator: its current loop turn
        self.ok_times = []  # when each first ok arrived, for failover figures
        self.recorder = None  # set by the simulator when a run is plotted

    def _mid(self):
        while True:
            mid = "".join(self.rng.choice(MID_CHARS) for _ in range(16))
            if mid not in self.requests:
                return mid

    def pick_target(self, client, alive):
        """rule: the client's leader if it is alive; else it forgets that
        leader and picks a random living replica (the request then names FFFF)."""
        if client.leader in alive:
            return client.leader
        client.forget_leader()
        living = [r for r in self.replica_ids if r in alive]
        return self.rng.choice(living) if living else None

    def new_request(self, now, mix, alive):
        """Draws the next request of the workload; None if no replica lives.
        rule: a get drawn for a client with no acknowledged key is counted as
        not generated, and that client sends a put instead."""
        client = self.rng.choice(self.clients)
        client.drawn += 1
        if self.rng.random() < mix:
            if client.acked:
                key = self.rng.choice(sorted(client.acked))
                return self._send(client, "get", key, None, now, alive)
            self.stats["get_generation_failures"] += 1
            self.stats["get_generation_failures_first"] += client.drawn == 1
            if client.drawn > 1 and len(self.get_generation_reasons) < 20:
                self.get_generation_reasons.append(self._not_yet_acked(client, now))
        # rule: a new key's value is the MD5 of the key; an update's, the MD5
        # of the client's last acknowledged value of that key.
        if not client.acked or self.rng.random() < 0.5:
            key = "".join(self.rng.choice(KEY_CHARS) for _ in range(32))
            value = md5_hex(key)
        else:
            key = self.rng.choice(sorted(client.acked))
            value = md5_hex(client.acked[key])
        return self._send(client, "put", key, value, now, alive)

    def _not_yet_acked(self, client, now):
        """Why a client had no key yet when a get was drawn for it: what
        became of its first request (the store's part of that check)."""
        mine = [r for r in self.requests.values() if r.client == client.id]
        first = min(mine, key=lambda r: r.created)
        fate = (f"answered {first.answer} by {first.answered_by} at {first.answered_at:.3f} s" if first.answer
                else "not answered yet")
        return (f"client {client.id} at {now:.3f} s: none of its {len(mine)} requests acknowledged "
                f"(the first, sent {first.created:.3f} s to {first.target}: {fate})")

    def _send(self, client, kind, key, value, now, alive, chain=0):
        target = self.pick_target(client, alive)
        if target is None:
            return None
        req = Request(self._mid(), client.id, kind, key, value, now, target,
                      client.leader or BROADCAST, chain, self.turn)
        self.requests[req.mid] = req
        self.stats["gets" if kind == "get" else "puts"] += 1
        if chain > self.stats["longest_chain"]:
            self.stats["longest_chain"] = chain
        req.op = {"kind": kind, "key": key, "value": value, "invoke": now, "complete": None,
                  "client": client.id, "mid": req.mid}
        self.history.append(req.op)
        return req

    @staticmethod
    def wire(req):
        msg = {"src": req.client, "dst": req.target, "leader": req.leader,
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
        client.leader = None if leader.upper() == BROADCAST else leader.upper()
        kind = msg["type"]
        if req.answer == "ok":
            self.stats["duplicates"] += 1
            if len(self.duplicate_reasons) < 20:
                self.duplicate_reasons.append(f"{kind} from {msg['src']} at {now:.3f} s for MID {req.mid} "
                                              f"({req.kind}) already answered ok by {req.answered_by} "
                                              f"at {req.answered_at:.3f} s")
            return None
        if req.answer is not None:
            self._incorrect(f"{kind} for MID {req.mid} already answered {req.answer}")
            return None
        if kind not in ("ok", "redirect", "fail"):
            self._incorrect(f"response of unknown type {kind!r}")
            return None
        req.answer = kind
        req.answered_by, req.answered_at = msg["src"], now
        self.latencies.append(now - req.created)
        if self.recorder:
            self.recorder.response(now, now - req.created, kind)
        if kind == "ok":
            self.ok_times.append(now)
            return self._on_ok(client, req, msg, now)
        # The store claims no effect: the op leaves the history.
        self.history.remove(req.op)
        if kind == "fail":
            self.stats["get_fails" if req.kind == "get" else "put_fails"] += 1
            self._fail_cause(req, f"answered fail by {msg['src']}")
        else:
            self.stats["redirects"] += 1
        if req.chain == MAX_CHAIN:
            self.stats["long_chains"] += 1  # this chain now has more than MAX_CHAIN redirects
        return self._send(client, req.kind, req.key, req.value, now, alive, chain=req.chain + 1)

    def _writer(self, key, value):
        """Which put wrote value to key, and its answer so far: for reports."""
        for put in self.requests.values():
            if put.kind == "put" and put.key == key and put.value == value:
                first = f" by {put.answered_by} at {put.answered_at:.3f} s" if put.answered_by else ""
                return f" (written by put {put.mid}, sent {put.created:.3f} s, answered {put.answer}{first})"
        return " (no put wrote it)"

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
                self._incorrect(f"get {req.key} answered {msg['value']!r} by {msg['src']} at {now:.3f} s, "
                                f"client expects {client.acked.get(req.key)!r}{self._writer(req.key, msg['value'])}")
        return None

    def on_kill(self, rid, now):
        """Names the cause for every request still waiting on a killed replica."""
        for req in self.requests.values():
            if req.answer is None and req.target == rid and req.cause is None:
                req.floor = req.turn == self.turn
                if req.floor:
                    req.cause = f"{req.kind} to {rid} delivered in the loop turn that killed it (the test-bed's floor)"
                else:
                    req.cause = f"{req.kind} to {rid}, killed {1000 * (now - req.created):.0f} ms after it was sent"

    def _fail_cause(self, req, why):
        self.fail_causes.append(f"{req.kind} {req.mid} from {req.client} at {req.created:.3f} s: {why}")

    def unanswered_requests(self):
        return [r for r in self.requests.values() if r.answer is None]

    def failure_causes(self):
        """Every failure (fail answers, then unanswered requests) with its cause."""
        out = list(self.fail_causes)
        for r in self.unanswered_requests():
            cause = r.cause or f"never answered by {r.target}, which lived to the end"
            out.append(f"{r.kind} {r.mid} from {r.client} at {r.created:.3f} s: {cause}")
        return out

    def floor_failures(self):
        """Unanswered requests that no replica could have answered (simulator.md,
        "Timing of requests and events")."""
        return sum(1 for r in self.unanswered_requests() if r.floor)

    def unanswered(self):
        gets = sum(1 for r in self.unanswered_requests() if r.kind == "get")
        puts = sum(1 for r in self.unanswered_requests() if r.kind == "put")
        return gets, puts
