"""The test-bed: starts replica processes, routes their datagrams on `dst`,
plays the clients, injects faults at the scenario's times, and scores the run
(simulator.md, fact by fact; each rule is marked "rule:" where it lives).

Single-threaded like the grader: it wakes on any readable socket or pipe, or
every 0.1 s; reads one datagram from each readable socket (and 1,500 bytes
from each readable replica pipe), routing each as it reads it; then fires
every queued request and event whose time has passed, back to back."""

import heapq
import json
import os
import random
import re
import select
import signal
import socket
import subprocess
import sys
import time

from clients import Workload
from hostile import Flood, FloodProcess

ID_RE = re.compile(r"^[0-9A-Fa-f]{4}$")
WAKE_EVERY = 0.1      # rule: the grader's loop wakes at least every 0.1 s
MAX_DATAGRAM = 65535  # rule: datagrams up to 65,535 bytes are read
PIPE_CHUNK = 1500     # rule: replica stdout/stderr are read 1,500 bytes at a time
READ_BACK_WINDOW = 16  # read-back gets in flight at once (run.py --read-back)
BACKLOG_NOTED = 200   # datagrams described after a kernel drop (drop_backlog)
EXIT_WAIT = 2.0       # a replica still running this long after SIGTERM did not exit at once
SO_RXQ_OVFL = getattr(socket, "SO_RXQ_OVFL", 40)  # Linux: count what the kernel drops at a socket
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)
# The receive buffer of the test-bed's sockets under loads of our own making
# (--flood, --data-dir: a flood of malformed datagrams, a restarted
# replica's catch-up): the grader never drops a response to a client, and
# with the default buffer this Python loop falls behind and the kernel
# does. Graded runs keep the default, as the grader's sockets do.
LOADED_RCVBUF = 1 << 23
# What the grader's loop spends on one datagram, at least: a hop of ours
# takes this long even on a quiet machine (run.py --hop-us). Calibrated on
# eb38cdf against ../shared/calibration (docs/testing.md, "How far to trust its
# figures"): at this machine's natural pace a redirect loop turned 2.2
# times as fast as the grader's on a quiet day (0.7 times on busy ones),
# and the loop scenarios' puts sent read 1.8 to 3.4 times the grader's; at
# 60 us the redirects per leader kill read 0.72 to 1.17 of the grader's,
# a redirect's median latency 0.22-0.34 ms (the grader 0.22-0.30), and
# simple-2's append-entries 2,274 (the grader 2,255).
HOP_FLOOR_US = 60


class Replica:
    def __init__(self, rid, rcvbuf=None):
        self.id = rid
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_RXQ_OVFL, 1)
        if rcvbuf:
            try:  # beyond net.core.rmem_max, with CAP_NET_ADMIN
                self.sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, rcvbuf)
            except OSError:
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.kernel_drops = 0  # datagrams to this socket the kernel dropped, its buffer full
        self.backlog_to_note = 0  # datagrams still to describe after a drop (Simulator.drop_backlog)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.addr = None      # learned from its first datagram (the hello)
        self.proc = None
        self.killed = False   # by an event
        self.died = False     # exited by itself, sent non-UTF-8, or never said hello
        self.paused = False
        self.down = False     # SIGKILLed by a kill9 event, to be started again
        self.restart_at = None
        self.restarting = False  # started again, its hello not heard yet
        self.peak_rss_kb = None  # VmHWM, read just before it is stopped
        self.cpu_s = None        # user + system time, read then too
        self.pipes = {}       # fd -> (name, partial line): its stdout/stderr, unsilenced

    @property
    def alive(self):
        return not self.killed and not self.died and not self.down


class Simulator:
    def __init__(self, scenario, command, seed=None, log_dir=None, progress=None, silence=False, echo=None,
                 recorder=None, flood=0, data_dir=None, read_back=False, hop_us=HOP_FLOOR_US):
        self.sc = scenario
        self.hop_s = hop_us / 1e6   # each datagram's handling takes at least this long
        self.command = command
        self.seed = seed if seed is not None else (scenario.seed if scenario.seed is not None
                                                  else random.randrange(2 ** 31))
        self.rng = random.Random(self.seed)
        self.log_dir = log_dir
        self.progress = progress
        self.silence = silence
        self.echo = echo if echo is not None else sys.stdout
        self.readables = None    # fd -> (replica, pipe fd or None); rebuilt when it changes
        self.fds = []
        self.turn = 0            # loop turns, to tell which requests met a kill in the same turn
        self.leader_changes = 0  # changes of the belief in the leader, as the grader counts them
        self.leader_kills = []   # when each kill_leader event killed a replica
        loaded = flood or data_dir
        self.replicas = [Replica(f"{i:04X}", LOADED_RCVBUF if loaded else None) for i in range(scenario.replicas)]
        self.by_id = {r.id: r for r in self.replicas}
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
        self.drop_bursts = []  # (seconds, replica, datagrams): when the kernel dropped at whose socket
        # The loop's pace as it ran: its time not spent waiting in select
        # (selecting, reading, routing, spinning out the floor, firing
        # requests and events) over the replicas' datagrams it read. It
        # grows with the replica count as the grader's does: each turn
        # selects over every socket and routes a broadcast to every replica.
        self.waited_s = 0.0
        self.datagrams_read = 0
        self.loop_s = 0.0
        # What filled a socket the kernel dropped at: the type and
        # destination of the datagrams read from it just after a drop,
        # counted ("0003 append_entries>0005": n). Names the burst's source.
        self.drop_backlog = {}
        self.recorder = recorder  # tests/sim/recorder.py, for plots; None: record nothing
        self.work.recorder = recorder
        # --flood: that many malformed datagrams (tests/sim/hostile.py),
        # spread over the requests' time, through each replica's socket by
        # a process of their own, started once every replica said hello
        self.flood_plan = (Flood(flood, scenario.start_wait, scenario.start_wait + scenario.lifetime,
                                 [r.id for r in self.replicas], self.seed) if flood else None)
        self.flood = None
        self.flood_report = None
        self.data_dir = data_dir    # each replica gets --data-dir DATA_DIR/<id>
        self.crashes = 0            # kill9 events carried out, and restarts
        self.restarts = 0
        self.read_back = read_back  # at the end, read every acknowledged key once more
        self.read_back_start = None

    # ---- process control ----------------------------------------------
    def _log_file(self, r):
        if not self.log_dir:
            return None
        os.makedirs(self.log_dir, exist_ok=True)
        return open(os.path.join(self.log_dir, f"{r.id}.log"), "ab")

    def _spawn(self, r):
        peers = [p.id for p in self.replicas if p is not r]
        # rule: by default (unsilenced) stdout and stderr are pipes that
        # the loop reads; silenced (-s) they go to /dev/null (here to the
        # log directory, when one is asked for, at no cost to the loop).
        log = self._log_file(r)
        if self.silence:
            out, err = subprocess.DEVNULL, (log or subprocess.DEVNULL)
        else:
            out = err = subprocess.PIPE
        data = ["--data-dir", os.path.join(self.data_dir, r.id)] if self.data_dir else []
        # rule: ./3700kvstore <udp-port> <my-id> <peer-id> ...; its own process group
        r.proc = subprocess.Popen([*self.command, *data, str(r.port), r.id, *peers],
                                  stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                  start_new_session=True)
        if log:
            log.close()
        if not self.silence:
            r.pipes = {r.proc.stdout.fileno(): ["stdout", b""], r.proc.stderr.fileno(): ["stderr", b""]}

    def _start(self):
        if self.data_dir:
            os.makedirs(self.data_dir, exist_ok=True)
        for r in self.replicas:
            self._spawn(r)

    def _read_pipe(self, r, fd):
        """One read of a replica's pipe; echoes each whole line with a timestamp."""
        data = os.read(fd, PIPE_CHUNK)
        name, partial = r.pipes[fd]
        if not data:
            lines, r.pipes[fd][1] = ([partial] if partial else []), b""
            del r.pipes[fd]
            self.readables = None
        else:
            *lines, r.pipes[fd][1] = (partial + data).split(b"\n")
        if not lines:
            return
        stamp = f"{self.now():8.3f}" if self.t0 is not None else "   start"
        text = "".join(f"[{stamp}] {r.id} {name}: {line.decode('utf-8', 'replace')}\n" for line in lines)
        self.echo.write(text)
        log = self._log_file(r)
        if log:
            with log:
                log.write(b"".join(line + b"\n" for line in lines))

    def _drain_pipes(self, r):
        """After the replica exited: what it wrote last (sanitizer reports)."""
        while r.pipes:
            self._read_pipe(r, next(iter(r.pipes)))

    def _signal(self, r, sig):
        try:
            os.killpg(r.proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass

    @staticmethod
    def _read_usage(r):
        """The replica's peak resident set (VmHWM, kB) and CPU time, while it still runs."""
        try:
            with open(f"/proc/{r.proc.pid}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        r.peak_rss_kb = int(line.split()[1])
            with open(f"/proc/{r.proc.pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            r.cpu_s = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass

    def _terminate(self, r):
        """rule: SIGTERM to the process group, then wait for the process to
        exit before doing anything else."""
        self._read_usage(r)
        if r.paused:
            self._signal(r, signal.SIGCONT)
            r.paused = False
        self._signal(r, signal.SIGTERM)
        try:
            r.proc.wait(EXIT_WAIT)
        except subprocess.TimeoutExpired:
            self._signal(r, signal.SIGKILL)
            r.proc.wait()
            self.died_reasons.append(f"{r.id}: still running {EXIT_WAIT:.0f} s after SIGTERM")

    def _kill(self, r):
        """rule: a kill closes the test-bed's socket for that replica first,
        then signals it; whatever it sends afterwards is lost."""
        r.sock.close()
        if self.flood:
            self.flood.killed(r.id)
        r.killed = True
        self.readables = None
        self._terminate(r)
        self.work.on_kill(r.id, self.now())

    def _crash(self, r):
        """kill9: SIGKILL, no warning; what it had not synced is gone. Its
        socket stays, and it starts again on the same data directory
        restart_after seconds later."""
        self._read_usage(r)
        self._signal(r, signal.SIGKILL)
        r.proc.wait()
        self._drain_pipes(r)
        while True:  # what it sent before it died is not from its successor
            try:
                r.sock.recvfrom(MAX_DATAGRAM)
            except OSError:
                break
        r.down, r.paused, r.addr = True, False, None
        r.restart_at = self.now() + self.sc.restart_after
        self.readables = None
        self.crashes += 1
        self.work.on_kill(r.id, self.now())

    def _restart_due(self, now):
        for r in self.replicas:
            if r.down and not r.restarting and not r.died and r.restart_at <= now:
                self._spawn(r)
                r.restarting = True
                self.restarts += 1
                self.readables = None

    def _stop_all(self):
        self._stop_flood()
        for r in self.replicas:
            if r.proc.poll() is None:
                self._terminate(r)
            self._drain_pipes(r)
            if r.sock.fileno() >= 0:
                r.sock.close()

    def _mark_died(self, r, why):
        if r.alive:
            r.died = True
            self.readables = None
            self.died_reasons.append(f"{r.id}: {why}")

    def _last_words(self, r):
        """The last line a replica that died wrote to its log (an assertion's
        message, say), so a report names the cause without the log."""
        if not self.log_dir:
            return ""
        try:
            with open(os.path.join(self.log_dir, f"{r.id}.log"), "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 2048))
                tail = [line for line in f.read().decode("utf-8", "replace").splitlines() if line.strip()]
        except OSError:
            return ""
        return f" (last words: {tail[-1].strip()[:200]})" if tail else ""

    def _check_exits(self):
        for r in self.replicas:
            if (r.alive or r.restarting) and r.proc.poll() is not None:
                r.restarting = False
                self._drain_pipes(r)
                self._mark_died(r, f"exited by itself with status {r.proc.returncode}"
                                   + self._last_words(r))  # rule: died

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
            # The grader asks for writability before every send: part of the
            # cost of a hop that the replicas' timing sees.
            select.select([], [r.sock], [], 0)
            r.sock.sendto(data, r.addr)
        except OSError:
            pass

    def _deliver(self, src, dst, data, kind):
        """One replica-to-replica delivery: counted, then maybe lost."""
        self.msgs += 1  # rule: each recipient counts 1, dropped or not
        self.msgs_by_type[kind] = self.msgs_by_type.get(kind, 0) + 1
        if not dst.alive:
            return
        lost = not self._same_side(src.id, dst.id) or self.rng.random() < self.sc.drops
        if self.recorder:
            self.recorder.delivery(self.now(), kind, lost)
        if lost:
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
        if r.restarting:  # its hello: from now on it is reachable again
            r.restarting = r.down = False
            self.readables = None
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
        if self.flood:
            self.flood.observe(data, msg, self.now())
        for field in ("src", "dst", "leader"):
            if not isinstance(msg[field], str) or not ID_RE.match(msg[field]):
                return self._incorrect(f"{r.id} sent a badly formed {field}: {msg[field]!r}")
        # rule: every message sets the belief in the leader; in a partition,
        # only messages from the majority side do
        if self.partition is None or r.id in self.partition:
            leader = msg["leader"].upper()
            leader = None if leader == "FFFF" else leader
            self.leader_changes += leader != self.leader
            self.leader = leader
        if self.recorder:
            self.recorder.belief(self.now(), r.id, msg)
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

    def _start_flood(self):
        """Once every replica said hello (or the flood is due anyway)."""
        heard = [r for r in self.replicas if r.alive and r.addr is not None]
        if len(heard) < len(self.replicas) and self.now() < self.flood_plan.start:
            return
        self.flood = FloodProcess(self.flood_plan, {r.id: (r.sock, r.addr) for r in heard}, self.t0)
        self.flood_plan = None

    def _stop_flood(self):
        if self.flood:
            self.flood_report = self.flood.stop()

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
        # kill9_*: SIGKILL and a restart later (_crash), where kill_* is for good
        stop = self._crash if kind.startswith("kill9") else self._kill
        if kind in ("kill_leader", "kill9_leader"):
            if leader and leader.alive:
                stop(leader)
                self.leader_kills.append(self.now())
            self._forget_leaders()
        elif kind in ("kill_non_leader", "kill9_random"):
            choices = [r for r in self.replicas if r.alive and (kind == "kill9_random" or r is not leader)]
            if choices:
                stop(self.rng.choice(choices))
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
        if self.recorder:
            self.recorder.event(self.now(), kind)
        self.events_log.append((round(self.now(), 3), kind, self.leader,
                                sorted(self.partition) if self.partition else None))

    # ---- main loop ----------------------------------------------------------
    def _schedule(self):
        """rule: requests and events in one queue ordered by time, a request
        before an event at equal times."""
        sc = self.sc
        due = []
        for i in range(sc.requests):  # rule: spread evenly over [start_wait, start_wait + lifetime]
            due.append((sc.start_wait + i * sc.lifetime / max(1, sc.requests), 0, "request"))
        for t, kind in sc.events:      # rule: event times count from start_wait
            due.append((sc.start_wait + t, 1, kind))
        due.sort()
        return due

    def _read_socket(self, r):
        """rule: one datagram from each readable socket per loop turn."""
        try:
            data, ancillary, _, addr = r.sock.recvmsg(MAX_DATAGRAM, socket.CMSG_SPACE(4))
        except OSError:
            return
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_RXQ_OVFL and len(value) >= 4:
                total = int.from_bytes(value[:4], sys.byteorder)  # a running total
                if total > r.kernel_drops and len(self.drop_bursts) < 20:
                    self.drop_bursts.append((round(self.now(), 3) if self.t0 else 0.0, r.id, total - r.kernel_drops))
                if total > r.kernel_drops:
                    r.backlog_to_note = BACKLOG_NOTED
                r.kernel_drops = total
        if r.backlog_to_note:
            r.backlog_to_note -= 1
            self._note_backlog(r, data)
        self.datagrams_read += 1
        start = time.perf_counter()
        self._on_datagram(r, data, addr)
        self._pace(start)

    def _note_backlog(self, r, data):
        try:
            msg = json.loads(data)
            what = f"{r.id} {msg.get('type')}>{str(msg.get('dst')).upper()}"
        except ValueError:
            what = f"{r.id} (not JSON)"
        self.drop_backlog[what] = self.drop_backlog.get(what, 0) + 1

    def _pace(self, start):
        """Spins out the rest of the grader's time for one datagram: CPU
        the grader's loop would spend too, so the replicas on the same
        cores see it; a sleep would not."""
        while time.perf_counter() - start < self.hop_s:
            pass

    def _readables(self):
        """What the loop waits on: living replicas' sockets, and every pipe not yet at EOF."""
        out = {}
        for r in self.replicas:
            if r.alive or r.restarting:
                out[r.sock.fileno()] = (r, None)
            for fd in r.pipes:
                out[fd] = (r, fd)
        return out

    def _read_ready(self, timeout):
        """One wait of the loop, then one read of each readable socket and pipe."""
        if self.readables is None:
            self.readables = self._readables()
            self.fds = list(self.readables)
        readables = self.readables  # a read may rebuild self.readables (a hello after a restart)
        waiting = time.perf_counter()
        ready, _, _ = select.select(self.fds, [], [], timeout)
        self.waited_s += time.perf_counter() - waiting
        for fd in ready:
            r, pipe = readables[fd]
            if pipe is None:
                if r.alive or r.restarting:  # an earlier read this turn may have closed it
                    self._read_socket(r)
            elif pipe in r.pipes:
                self._read_pipe(r, pipe)

    def _fire_due(self, due, now):
        """rule: after each wake-up, every queued item whose time has passed, back to back."""
        while due and due[0][0] < now and not self.storm:
            _, _, kind = due.pop(0)
            if kind == "request":
                req = self.work.new_request(now, self.sc.mix, self._alive_ids())
                if req:
                    self._send_request(req)
            else:
                self._fire(kind)

    def run(self):
        due = self._schedule()
        self._start()
        self.t0 = time.monotonic()
        end = self.sc.duration
        next_check = 0.0
        last_progress = -1
        while not self.storm:
            now = self.now()
            if now >= end:
                break
            self.turn += 1
            self.work.turn = self.turn
            # rule: the loop wakes on input or after 0.1 s, not at an item's
            # time; our delay knob alone wakes it sooner.
            timeout = WAKE_EVERY
            if self.delayed:
                timeout = max(0.0, min(timeout, self.delayed[0][0] - now))
            self._read_ready(timeout)
            now = self.now()
            while self.delayed and self.delayed[0][0] <= now:
                _, _, dst, data = heapq.heappop(self.delayed)
                self._send_to_replica(dst, data)
            self._fire_due(due, now)
            self._restart_due(now)
            if self.flood_plan:
                self._start_flood()
            if now >= next_check:
                self._check_exits()
                next_check = now + WAKE_EVERY
            if self.progress and int(now) != last_progress:
                last_progress = int(now)
                self.progress(self.sc.name, now, end)
        self.loop_s = self.now()
        self._check_exits()
        if self.read_back and not self.storm:
            self._read_back_all()
        self._stop_all()
        return self.work

    def _read_back_all(self, timeout=10.0):
        """After the last request: a get of every key a client saw
        acknowledged, through the usual client rules, into the history,
        so that a write that was acknowledged and later lost (a crash that
        took what was not synced) shows as a read the checker refuses."""
        for r in self.replicas:
            if r.down and not r.died and not r.restarting:
                r.restart_at = self.now()
        self._restart_due(self.now())
        self.read_back_start = start = self.now()
        todo = [(c, key) for c in self.work.clients for key in sorted(c.acked)]
        end = self.now() + timeout
        while self.now() < end:
            waiting = sum(1 for q in self.work.requests.values() if q.created >= start and q.answer is None)
            if not todo and not waiting:
                break
            # a few at a time, as clients would: a burst of hundreds in
            # one turn overflows the test-bed's own socket buffer
            while todo and waiting < READ_BACK_WINDOW:
                c, key = todo.pop(0)
                req = self.work._send(c, "get", key, None, self.now(), self._alive_ids())
                if req:
                    self._send_request(req)
                    waiting += 1
            self._read_ready(WAKE_EVERY)
            self._check_exits()
