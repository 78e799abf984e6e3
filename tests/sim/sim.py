"""The test-bed: starts replica processes, routes their datagrams on `dst`,
plays the clients, injects faults at the scenario's times, and scores the run
(simulator.md, fact by fact; each rule is marked "rule:" where it lives).

Single-threaded like the grader: it wakes on any readable socket or every
0.1 s, routes each datagram as it reads it, and fires due work between reads."""

import heapq
import json
import os
import random
import re
import select
import signal
import socket
import subprocess
import time

from clients import Workload

ID_RE = re.compile(r"^[0-9A-Fa-f]{4}$")
WAKE_EVERY = 0.1      # rule: the grader's loop wakes at least every 0.1 s
MAX_DATAGRAM = 65535  # rule: datagrams up to 65,535 bytes are read


class Replica:
    def __init__(self, rid):
        self.id = rid
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.addr = None      # learned from its first datagram (the hello)
        self.proc = None
        self.killed = False   # by an event
        self.died = False     # exited by itself, sent non-UTF-8, or never said hello
        self.paused = False

    @property
    def alive(self):
        return not self.killed and not self.died


class Simulator:
    def __init__(self, scenario, command, seed=None, log_dir=None, progress=None):
        self.sc = scenario
        self.command = command
        self.seed = seed if seed is not None else (scenario.seed if scenario.seed is not None
                                                  else random.randrange(2 ** 31))
        self.rng = random.Random(self.seed)
        self.log_dir = log_dir
        self.progress = progress
        self.replicas = [Replica(f"{i:04X}") for i in range(scenario.replicas)]
        self.by_id = {r.id: r for r in self.replicas}
        self.by_sock = {r.sock.fileno(): r for r in self.replicas}
        self.work = Workload(scenario.replicas, self.rng)
        self.leader = None       # the test-bed's belief, from `leader` fields
        self.partition = None    # the majority side (a set of ids), or None
        self.msgs = 0            # replica-to-replica messages, as counted
        self.msgs_by_type = {}   # the same, per `type`, to see where they go
        self.dropped = 0
        self.storm = False
        self.delayed = []        # heap of (due, seq, replica, bytes): our delay knob
        self.delay_seq = 0
        self.died_reasons = []
        self.events_log = []
        self.t0 = None

    # ---- process control ----------------------------------------------
    def _start(self):
        for r in self.replicas:
            peers = [p.id for p in self.replicas if p is not r]
            err = subprocess.DEVNULL
            if self.log_dir:
                os.makedirs(self.log_dir, exist_ok=True)
                err = open(os.path.join(self.log_dir, f"{r.id}.log"), "wb")
            # rule: ./3700kvstore <udp-port> <my-id> <peer-id> ...; its own process group
            r.proc = subprocess.Popen([*self.command, str(r.port), r.id, *peers],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=err, start_new_session=True)
            if err is not subprocess.DEVNULL:
                err.close()

    def _signal(self, r, sig):
        try:
            os.killpg(r.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    def _stop_all(self):
        for r in self.replicas:
            if r.paused:
                self._signal(r, signal.SIGCONT)
            self._signal(r, signal.SIGTERM)  # rule: SIGTERM to its process group
        deadline = time.monotonic() + 2
        for r in self.replicas:
            try:
                r.proc.wait(max(0.01, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self._signal(r, signal.SIGKILL)
                r.proc.wait()
            r.sock.close()

    def _mark_died(self, r, why):
        if r.alive:
            r.died = True
            self.died_reasons.append(f"{r.id}: {why}")

    def _check_exits(self):
        for r in self.replicas:
            if r.alive and r.proc.poll() is not None:
                self._mark_died(r, f"exited by itself with status {r.proc.returncode}")  # rule: died

    # ---- routing ----------------------------------------------------------
    def now(self):
        return time.monotonic() - self.t0

    def _alive_ids(self):
        return {r.id for r in self.replicas if r.alive}

    def _same_side(self, a, b):
        if self.partition is None:
            return True
        return (a in self.partition) == (b in self.partition)

    def _send_to_replica(self, r, data):
        """Hands bytes to a replica; rule: one it cannot reach (no hello yet) is dead."""
        if not r.alive:
            return
        if r.addr is None:
            self._mark_died(r, "a datagram was due before its hello")
            return
        try:
            r.sock.sendto(data, r.addr)
        except OSError:
            pass

    def _deliver(self, src, dst, data, kind):
        """One replica-to-replica delivery: counted, then maybe lost."""
        self.msgs += 1  # rule: each recipient counts 1, dropped or not
        self.msgs_by_type[kind] = self.msgs_by_type.get(kind, 0) + 1
        if not dst.alive:
            return
        if not self._same_side(src.id, dst.id) or self.rng.random() < self.sc.drops:
            self.dropped += 1  # rule: partitions and drops lose the message
            return
        copies = 2 if self.sc.duplicate and self.rng.random() < self.sc.duplicate else 1
        for _ in range(copies):
            delay = (self.sc.delay_ms + self.rng.random() * self.sc.jitter_ms) / 1000.0
            if delay <= 0:
                self._send_to_replica(dst, data)
            else:
                self.delay_seq += 1
                heapq.heappush(self.delayed, (self.now() + delay, self.delay_seq, dst, data))

    def _incorrect(self, why):
        self.work._incorrect(why)

    def _on_datagram(self, r, data, addr):
        if r.addr is None:
            r.addr = addr
        if not r.alive:
            return
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self._mark_died(r, "sent a datagram that is not UTF-8")  # rule: closed as dead
            return
        try:
            msg = json.loads(text)
        except ValueError:
            return self._incorrect(f"{r.id} sent invalid JSON: {text[:80]!r}")
        if not isinstance(msg, dict):
            return self._incorrect(f"{r.id} sent a non-object")
        for field in ("src", "dst", "leader", "type"):
            if field not in msg:
                return self._incorrect(f"{r.id} sent a message without {field}")
        for field in ("src", "dst", "leader"):
            if not isinstance(msg[field], str) or not ID_RE.match(msg[field]):
                return self._incorrect(f"{r.id} sent a badly formed {field}: {msg[field]!r}")
        # rule: every message sets the belief in the leader; in a partition,
        # only messages from the majority side do
        if self.partition is None or r.id in self.partition:
            leader = msg["leader"].upper()
            self.leader = None if leader == "FFFF" else leader
        if msg["type"] == "hello":
            return  # rule: hello is not counted and not routed
        dst = msg["dst"].upper()
        if dst == "FFFF":
            for other in self.replicas:  # rule: broadcast counts N-1
                if other is not r:
                    self._deliver(r, other, data, str(msg["type"]))
        elif dst in self.by_id:
            self._deliver(r, self.by_id[dst], data, str(msg["type"]))
        elif dst in self.work.by_id:
            msg["dst"] = dst
            # rule: responses to clients are never dropped, blocked or counted
            retry = self.work.on_response(msg, self.now(), self._alive_ids())
            if retry:
                self._send_request(retry)
        else:
            return self._incorrect(f"{r.id} sent to unknown destination {msg['dst']}")
        if self.msgs >= self.sc.max_packets:
            self.storm = True

    def _send_request(self, req):
        """rule: a client's request always reaches the replica it was sent to."""
        self._send_to_replica(self.by_id[req.target], json.dumps(self.work.wire(req)).encode())

    # ---- events -----------------------------------------------------------
    def _forget_leaders(self):
        for c in self.work.clients:
            c.forget_leader()

    def _split(self, include_leader):
        ids = [r.id for r in self.replicas]
        size = len(ids) // 2 + 1
        if include_leader and self.leader in ids:
            rest = [i for i in ids if i != self.leader]
            return {self.leader, *self.rng.sample(rest, size - 1)}
        return set(self.rng.sample(ids, size))

    def _fire(self, kind):
        leader = self.by_id.get(self.leader)
        if kind == "kill_leader":
            if leader and leader.alive:
                self._signal(leader, signal.SIGTERM)
                leader.killed = True
            self._forget_leaders()
        elif kind == "kill_non_leader":
            choices = [r for r in self.replicas if r.alive and r is not leader]
            if choices:
                victim = self.rng.choice(choices)
                self._signal(victim, signal.SIGTERM)
                victim.killed = True
        elif kind == "part_easy":
            self.partition = self._split(include_leader=True)
        elif kind == "part_hard":
            self.partition = self._split(include_leader=False)
            self._forget_leaders()
        elif kind == "part_end":
            self.partition = None
        elif kind == "pause_leader" and leader and leader.alive:
            self._signal(leader, signal.SIGSTOP)
            leader.paused = True
        elif kind == "resume_all":
            for r in self.replicas:
                if r.paused:
                    self._signal(r, signal.SIGCONT)
                    r.paused = False
        self.events_log.append((round(self.now(), 3), kind, self.leader,
                                sorted(self.partition) if self.partition else None))

    # ---- main loop ----------------------------------------------------------
    def _schedule(self):
        sc = self.sc
        due = []
        for i in range(sc.requests):  # rule: spread evenly over [start_wait, start_wait + lifetime]
            due.append((sc.start_wait + i * sc.lifetime / max(1, sc.requests), 1, "request"))
        for t, kind in sc.events:      # rule: event times count from start_wait
            due.append((sc.start_wait + t, 0, kind))
        due.sort()
        return due

    def _drain(self, r):
        while True:
            try:
                data, addr = r.sock.recvfrom(MAX_DATAGRAM)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            self._on_datagram(r, data, addr)

    def run(self):
        due = self._schedule()
        self._start()
        self.t0 = time.monotonic()
        end = self.sc.duration
        socks = [r.sock for r in self.replicas]
        next_check = 0.0
        last_progress = -1
        while not self.storm:
            now = self.now()
            if now >= end:
                break
            horizon = min(end, due[0][0] if due else end,
                          self.delayed[0][0] if self.delayed else end, now + WAKE_EVERY)
            ready, _, _ = select.select(socks, [], [], max(0.0, horizon - now))
            for sock in ready:
                self._drain(self.by_sock[sock.fileno()])
            now = self.now()
            while self.delayed and self.delayed[0][0] <= now:
                _, _, dst, data = heapq.heappop(self.delayed)
                self._send_to_replica(dst, data)
            while due and due[0][0] <= now and not self.storm:
                _, _, kind = due.pop(0)
                if kind == "request":
                    req = self.work.new_request(now, self.sc.mix, self._alive_ids())
                    if req:
                        self._send_request(req)
                else:
                    self._fire(kind)
            if now >= next_check:
                self._check_exits()
                next_check = now + WAKE_EVERY
            if self.progress and int(now) != last_progress:
                last_progress = int(now)
                self.progress(self.sc.name, now, end)
        self._check_exits()
        self._stop_all()
        return self.work
