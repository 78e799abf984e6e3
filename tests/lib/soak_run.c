/* One seeded soak run and its checks; see soak_run.h. */
#include "base/fnv1a.h"
#include "soak_history.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"

static struct history h;
static struct cluster c;
/* Nodes 0 .. voters - 1 vote; the rest (c.n - voters) are learners. */
static size_t voters;

static bool tracing(void)
{
	return getenv("CLUSTER_TRACE") != NULL;
}

__attribute__((format(printf, 1, 2))) static void trace(const char *fmt, ...)
{
	va_list args;

	if (!tracing())
		return;
	fprintf(stderr, "%5llu soak ", (unsigned long long)(c.now - CLUSTER_START_MS));
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
}

static size_t quorum(void)
{
	return voters / 2 + 1;
}

/* ---- the schedule ---- */

static bool usable(size_t i)
{
	return c.alive[i] && !c.paused[i];
}

static size_t pick_node(bool prefer_leader)
{
	int leader = cluster_leader(&c);

	if (prefer_leader && leader >= 0 && cluster_random(&c, 2))
		return (size_t)leader;
	return cluster_random(&c, c.n);
}

/* A majority side of quorum() replicas with `member` on it (any if -1),
 * the rest on the other side: part_easy keeps the leader with the
 * majority, part_hard draws the side at random. */
static void split(int member)
{
	size_t order[CLUSTER_MAX], i, j;

	for (i = 0; i < voters; i++)
		order[i] = i;
	for (i = voters - 1; i > 0; i--) {
		size_t t;

		j = cluster_random(&c, i + 1);
		t = order[i], order[i] = order[j], order[j] = t;
	}
	for (i = 0; i < voters; i++)
		c.side[order[i]] = i < quorum() ? 0 : 1;
	for (i = voters; i < c.n; i++) /* a learner on either side: it counts for neither */
		c.side[i] = (int)cluster_random(&c, 2);
	if (member >= 0 && c.side[member] == 1) { /* swap it with one of the majority */
		c.side[order[0]] = 1;
		c.side[member] = 0;
	}
}

static void heal(struct schedule *s)
{
	size_t i;

	for (i = 0; i < c.n; i++)
		c.side[i] = 0;
	s->flap_until = 0;
	s->alone_until = 0;
}

/* Live voters: kills stop at a bare majority of them. */
static size_t count_alive(void)
{
	size_t i, n = 0;

	for (i = 0; i < voters; i++)
		n += c.alive[i];
	return n;
}

/* A datagram forged under a peer's id (no keys: issue 27) with a term no
 * replica may take (raft.h, RAFT_TERM_MAX): an append-entries or a vote
 * request. The node must keep its term, or it could be left unable to
 * campaign. */
static uint64_t forge_random(struct schedule *s, uint64_t below)
{
	s->forge_rng ^= s->forge_rng << 13;
	s->forge_rng ^= s->forge_rng >> 7;
	s->forge_rng ^= s->forge_rng << 17;
	return s->forge_rng % below;
}

static void forge_term(struct schedule *s, size_t i)
{
	uint64_t term = raft_term(&c.nodes[i].raft), choice = forge_random(s, 3);
	uint64_t forged = choice == 0   ? (UINT64_C(1) << 53) - 2
			  : choice == 1 ? RAFT_TERM_MAX + 1
					: term + RAFT_TERM_JUMP_MAX + 1;
	size_t from = (i + 1 + forge_random(s, c.n - 1)) % c.n;
	struct msg_any m;

	msg_any_init(&m, forge_random(s, 2) ? MSG_TYPE_APPEND_ENTRIES : MSG_TYPE_REQUEST_VOTE);
	msg_id_copy(m.as.env.src, raft_id(&c.nodes[from].raft));
	msg_id_copy(m.as.env.dst, raft_id(&c.nodes[i].raft));
	msg_id_copy(m.as.env.leader, raft_id(&c.nodes[from].raft));
	if (m.type == MSG_TYPE_APPEND_ENTRIES) {
		m.as.append_entries.term = forged;
		m.as.append_entries.seq = 1;
	} else {
		m.as.request_vote.term = forged;
	}
	trace("node %zu gets a %s forged from %zu, term %llu", i, msg_type_name(m.type), from,
	      (unsigned long long)forged);
	cluster_inject(&c, i, &m);
	msg_any_free(&m);
	if (raft_term(&c.nodes[i].raft) != term)
		soak_fail(&h, "implausible term", "node %zu took term %llu from a forged message", i,
			  (unsigned long long)raft_term(&c.nodes[i].raft));
}

static void random_fault(struct schedule *s)
{
	size_t i = pick_node(true);
	uint64_t span = 200 + cluster_random(&c, 1300);

	switch (cluster_random(&c, 10)) {
	case 0:
		split(-1);
		trace("hard partition");
		break;
	case 1:
		split(cluster_leader(&c));
		trace("easy partition (the leader in the majority)");
		break;
	case 2:
		for (i = 0; i < c.n; i++)
			c.side[i] = (int)cluster_random(&c, 2);
		trace("random split");
		break;
	case 3:
		i = cluster_leader(&c) >= 0 ? (size_t)cluster_leader(&c) : 0;
		c.side[i] = 2;
		trace("node %zu cut off", i);
		break;
	case 4:
		heal(s);
		trace("heal");
		break;
	case 5:
		s->flap_until = c.now + span;
		s->flap_next = c.now;
		trace("flapping partitions for %llu ms", (unsigned long long)span);
		break;
	case 6:
		if (c.alive[i] && !c.paused[i]) {
			span = 20 + cluster_random(&c, 1500);
			/* A stop lands where the replica spends its time, waiting
			 * between loop iterations, after its sync: one inside a
			 * sync sends the iteration's answers late (docs/storage.md). */
			if (c.durable)
				cluster_sync(&c, i);
			c.paused[i] = true;
			s->pause_until[i] = c.now + span;
			trace("node %zu paused for %llu ms", i, (unsigned long long)span);
		}
		break;
	case 7:
		if (c.alive[i] && (i >= voters || count_alive() - 1 >= quorum())) {
			if (c.durable) {
				cluster_crash(&c, i);
				/* Half come back at once, as under a supervisor, while
				 * the election they were part of still runs. */
				s->restart_at[i] =
					c.now + 1 +
					(cluster_random(&c, 2) ? cluster_random(&c, 5) : cluster_random(&c, 1000));
				trace("node %zu crashed, restarts in %llu ms", i,
				      (unsigned long long)(s->restart_at[i] - c.now));
			} else {
				c.alive[i] = false;
				c.paused[i] = false;
				trace("node %zu killed", i);
			}
		}
		break;
	case 8:
		for (i = 0; i < c.n; i++)
			c.side[i] = (int)i + 10;
		s->alone_until = c.now + span;
		trace("no quorum for %llu ms", (unsigned long long)span);
		break;
	default:
		c.drop = (double)cluster_random(&c, 41) / 100;
		trace("drops now %.0f%%", c.drop * 100);
		break;
	}
}

static uint64_t move_random(struct schedule *s, uint64_t below)
{
	s->move_rng = s->move_rng * 6364136223846793005ull + 1442695040888963407ull;
	return (s->move_rng >> 33) % below;
}

/* A client asks the leader (as the cluster sees it) to hand over to
 * another member, live or not: a dead or cut-off target must see the
 * transfer given up, and the leader take writes again. */
static void move_leader(struct schedule *s)
{
	int leader = cluster_leader(&c);
	size_t target = (size_t)move_random(s, c.n - 1);
	char mid[16];

	if (leader < 0 || !usable((size_t)leader) || h.n_moves >= MAX_MOVES)
		return;
	target += target >= (size_t)leader;
	snprintf(mid, sizeof mid, "x%u", h.n_moves++);
	trace("move_leader %s: %d to %zu", mid, leader, target);
	cluster_move_leader(&c, (size_t)leader, mid, raft_id(&c.nodes[target].raft));
}

static void restart(struct schedule *s, size_t i)
{
	s->restart_at[i] = 0;
	cluster_restart(&c, i);
	if (c.bad_replays)
		soak_fail(&h, "durability", "a restart found its log damaged: %s", c.bad_replay);
	else
		trace("node %zu restarted from its log: term %llu, %llu entries, commit %llu", i,
		      (unsigned long long)raft_term(&c.nodes[i].raft),
		      (unsigned long long)raft_last_index(&c.nodes[i].raft),
		      (unsigned long long)raft_commit(&c.nodes[i].raft));
}

/* Timed parts of the schedule: pauses that end, restarts, flapping,
 * quorum back. */
static void schedule_ms(struct schedule *s)
{
	size_t i;

	for (i = 0; i < c.n; i++)
		if (s->restart_at[i] && c.now >= s->restart_at[i])
			restart(s, i);
	for (i = 0; i < c.n; i++)
		if (c.paused[i] && c.now >= s->pause_until[i]) {
			c.paused[i] = false;
			trace("node %zu resumes", i);
			/* Its timers first, as the replica's loop runs them
			 * before it reads what waited (main.c, drain). */
			cluster_tick(&c, i);
		}
	if (s->alone_until && c.now >= s->alone_until) {
		heal(s);
		trace("quorum back");
	}
	if (s->flap_until && c.now < s->flap_until && c.now >= s->flap_next) {
		s->flap_cut = !s->flap_cut;
		if (s->flap_cut)
			split(-1);
		else
			for (i = 0; i < c.n; i++)
				c.side[i] = 0;
		s->flap_next = c.now + 10 + cluster_random(&c, 90);
	}
}

static void stop_faults(struct schedule *s)
{
	size_t i;

	heal(s);
	c.drop = 0;
	s->dup_per_mille = 0;
	s->delay_percent = 0;
	for (i = 0; i < c.n; i++) {
		c.paused[i] = false;
		if (s->restart_at[i])
			restart(s, i);
	}
	trace("faults stop");
}

static void random_request(void)
{
	char mid[24], key[8], value[24];
	size_t target = cluster_random(&c, c.n);
	struct request *q = &h.req[h.n_req];

	if (!usable(target) || h.n_req >= MAX_REQUESTS)
		return;
	snprintf(mid, sizeof mid, "m%u", h.n_req);
	snprintf(key, sizeof key, "k%llu", (unsigned long long)cluster_random(&c, h.keys));
	memcpy(q->key, key, sizeof key);
	q->inv = c.n_answers;
	q->sent_ms = c.now;
	q->get = cluster_random(&c, 2);
	h.n_req++;
	if (q->get) {
		cluster_get(&c, target, mid, key);
	} else {
		snprintf(value, sizeof value, "v%u", h.n_req); /* the put of m<k> writes v<k+1> */
		cluster_put(&c, target, mid, key, value);
	}
}

/* One virtual millisecond: every datagram in flight at its start gets one
 * chance, in random order, to be delivered (or, at delivery, lost or cut
 * off), delivered twice, or kept for a later millisecond (a delay, or a
 * paused receiver); then replicas whose time came tick. */
static void chaos_ms(struct schedule *s, bool requests)
{
	size_t kept = 0, left = c.n_wire; /* wire[kept, kept + left): not yet decided */

	if (requests && cluster_random(&c, 4) == 0)
		random_request();
	while (left) {
		size_t i = kept + cluster_random(&c, left);
		int to = cluster_index_of(&c, c.wire[i].as.env.dst);

		left--;
		if ((to >= 0 && c.paused[to]) || cluster_random(&c, 100) < s->delay_percent) {
			struct msg_any t = c.wire[i];

			c.wire[i] = c.wire[kept];
			c.wire[kept++] = t;
			continue;
		}
		if (cluster_random(&c, 1000) < s->dup_per_mille)
			cluster_duplicate(&c, i); /* the copy goes to the end: a later millisecond */
		cluster_deliver(&c, i);           /* what it sends goes to the end too */
	}
	cluster_step_time(&c);
	schedule_ms(s);
}

static bool converged(void)
{
	size_t i, first = c.n;

	for (i = 0; i < c.n; i++) {
		if (!c.alive[i])
			continue;
		if (first == c.n)
			first = i;
		else if (raft_commit(&c.nodes[i].raft) != raft_commit(&c.nodes[first].raft) ||
			 raft_last_index(&c.nodes[i].raft) != raft_last_index(&c.nodes[first].raft))
			return false;
	}
	return true;
}

/* One leader with its term committed, and every live replica following
 * it in that term: a stale leader, cut off until now, still takes
 * requests it cannot keep, and a replica that has not heard the leader
 * yet may still start an election. A leader still handing over (a
 * move_leader sent while the faults ran) is about to change too. */
static bool recovered_now(void)
{
	int l = cluster_leader(&c);
	size_t i;

	if (l < 0 || !raft_term_committed(&c.nodes[l].raft) || raft_transfer_target(&c.nodes[l].raft))
		return false;
	for (i = 0; i < c.n; i++)
		if (c.alive[i] && (raft_term(&c.nodes[i].raft) != raft_term(&c.nodes[l].raft) ||
				   strcmp(raft_leader(&c.nodes[i].raft), raft_id(&c.nodes[l].raft)) != 0))
			return false;
	return true;
}

static bool with_learners;

void soak_with_learners(bool on)
{
	with_learners = on;
}

/* With learners, one seed in four has one or two besides its voters (a
 * stream of its own: the others run as before). */
static size_t learners_of(uint64_t seed)
{
	uint64_t x = seed * 0x94D049BB133111EBull + 3;

	if (!with_learners)
		return 0;
	x ^= x >> 31;
	x *= 0xBF58476D1CE4E5B9ull;
	x ^= x >> 29;
	return x % 4 == 0 ? 1 + (x >> 8) % 2 : 0;
}

void soak_run(uint64_t seed, bool durable, struct soak_result *res, FILE *record, size_t node)
{
	static const size_t sizes[] = { 3, 5, 7 };
	struct schedule s = { 0 };
	uint64_t t, stop, recovered = NEVER;
	size_t i;

	memset(&h, 0, sizeof h);
	memset(res, 0, sizeof *res);
	voters = sizes[seed % 3];
	cluster_init_learners(&c, voters + learners_of(seed), seed, ~0u << voters);
	c.record = record;
	c.record_node = node;
	for (i = 0; i < c.n; i++)
		c.nodes[i].raft.timing.inherit_wait = 1500;
	soak_checks_begin(&h, &c);
	c.after_step = soak_check_step;
	if (durable) {
		/* from the seed, so that the other draws stay those of --durable before snapshots */
		c.snapshot_every = (uint64_t[]){ 0, 10, 50, 200 }[(seed / 3) % 4];
		cluster_make_durable(&c);
		c.sync_every = 1 + (unsigned)cluster_random(&c, 3);
	}
	c.drop = (double)cluster_random(&c, 41) / 100;
	s.dup_per_mille = (unsigned)cluster_random(&c, 51);
	s.delay_percent = (unsigned)cluster_random(&c, 31);
	h.keys = (unsigned[]){ 1, 2, 5, 5, 20, MAX_KEYS }[cluster_random(&c, 6)];
	s.fault_every = (unsigned[]){ 100, 250, 250, 1000 }[cluster_random(&c, 4)];
	trace("%zu replicas (%zu of them learners), %u keys, drops %.0f%%, duplicates %u per mille, delays %u%%, a "
	      "fault every %u ms",
	      c.n, c.n - voters, h.keys, c.drop * 100, s.dup_per_mille, s.delay_percent, s.fault_every);
	/* Faults begin once a first leader serves, so that they hit one. */
	for (t = 0; t < SOAK_ELECT_BOUND_MS && !h.check && !recovered_now(); t++)
		chaos_ms(&s, true);
	s.forge_rng = seed * 0x9E3779B97F4A7C15ull + 1;
	s.move_rng = seed * 0xD1B54A32D192ED03ull + 7;
	for (t = 0; t < RUN_MS && !h.check; t++) {
		if (cluster_random(&c, s.fault_every) == 0) {
			random_fault(&s);
			res->faults++;
		}
		if (forge_random(&s, s.fault_every * 10) == 0) {
			size_t target = (size_t)forge_random(&s, c.n);

			if (usable(target))
				forge_term(&s, target);
		}
		if (move_random(&s, s.fault_every * 2) == 0)
			move_leader(&s);
		chaos_ms(&s, true);
	}
	stop_faults(&s);
	stop = c.now;
	for (t = 0; !h.check && t < SOAK_ELECT_BOUND_MS + PROBE_MS + SOAK_ANSWER_BOUND_MS; t++) {
		if (recovered == NEVER && recovered_now()) {
			recovered = c.now;
			trace("recovered: node %d leads, %llu ms after the faults stopped", cluster_leader(&c),
			      (unsigned long long)(c.now - stop));
		}
		if (recovered == NEVER && c.now - stop >= SOAK_ELECT_BOUND_MS)
			break;
		if (recovered != NEVER && c.now >= recovered + PROBE_MS + SOAK_ANSWER_BOUND_MS)
			break;
		chaos_ms(&s, recovered == NEVER || c.now < recovered + PROBE_MS);
	}
	for (t = 0; t < SETTLE_MS && !h.check && !converged(); t++)
		chaos_ms(&s, false);
	res->recovery_ms = recovered == NEVER ? NEVER : recovered - stop;
	if (recovered == NEVER)
		soak_fail(&h, "liveness", "no leader within %d ms after the faults stopped", SOAK_ELECT_BOUND_MS);
	if (c.past_deadlines)
		soak_fail(&h, "tick deadlines", "%zu ticks asked for a tick in the past", c.past_deadlines);
	if (!converged())
		soak_fail(&h, "convergence", "live nodes did not converge after the faults stopped");
	soak_check_logs();
	soak_check_history(recovered, res);
	res->replicas = voters;
	res->learners = c.n - voters;
	res->requests = h.n_req;
	res->moves = h.n_moves;
	res->moved = h.moves_ok;
	res->answers = c.n_answers;
	res->fingerprint = cluster_fingerprint(&c, FNV1A_START);
	for (i = 0; i < c.n; i++)
		res->restarts += c.disks[i].restarts;
	res->torn_tails = c.torn_tails;
	res->snapshots = c.snapshots_written;
	res->rewrites_lost = c.rewrites_lost;
	res->installs = c.installs;
	res->check = h.check;
	memcpy(res->why, h.why, sizeof res->why);
	cluster_free(&c);
}
