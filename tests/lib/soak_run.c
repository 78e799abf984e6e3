/* One seeded soak run and its checks; see soak_run.h. */
#include "base/fnv1a.h"
#include "soak_run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"

#define RUN_MS 4000   /* of faults */
#define PROBE_MS 1000 /* requests after recovery, each a liveness probe */
#define SETTLE_MS 3000
#define MAX_TERMS 4096
#define MAX_INDEX 8192
#define MAX_REQUESTS 8192
#define MAX_KEYS 64 /* k0 .. k63; a seed uses h.keys of them */
#define NEVER UINT64_MAX

struct request {
	char key[8];
	bool get;
	size_t inv;       /* answers the clients had when it was sent */
	uint64_t sent_ms; /* virtual time */
};

/* The faults of a run, drawn from its seed. */
struct schedule {
	unsigned fault_every;   /* a fault event in one millisecond of this many */
	unsigned dup_per_mille; /* a datagram delivered twice */
	unsigned delay_percent; /* a datagram waits another millisecond */
	uint64_t pause_until[CLUSTER_MAX];
	uint64_t restart_at[CLUSTER_MAX]; /* durable: a crashed node starts again then (0: not crashed) */
	uint64_t alone_until;             /* no quorum anywhere until then */
	uint64_t flap_until, flap_next;
	bool flap_cut;
	/* Forged datagrams draw from a stream of their own, so that adding
	 * them left every other fault of every seed where it was: a new
	 * fault that moves the others finds bugs of the schedules it made,
	 * not of the one it tests (seed 4139 of soak-durable read a put
	 * before its ok once the forgeries took a share of the fault draw;
	 * that latent finding is issue 24's, not this fault's). */
	uint64_t forge_rng;
};

/* What the checks remember across steps. */
struct history {
	char leader_of_term[MAX_TERMS][MSG_ID_SIZE];
	uint64_t committed_term[MAX_INDEX];
	char committed_mid[MAX_INDEX][24];
	char committed_key[MAX_INDEX][8]; /* with the MID: the history's checks need no log (snapshots) */
	/* The highest term any replica had when entry k was first seen
	 * committed: a leader of a higher term was elected after, and must
	 * hold it (leader completeness). */
	uint64_t max_term_then[MAX_INDEX];
	uint64_t highest;
	uint64_t checked[CLUSTER_MAX];
	struct request req[MAX_REQUESTS];
	unsigned n_req;
	/* Keys the clients use: one key makes every request contend, many
	 * leave some keys idle for long (a cut-off leader has no write of
	 * them pending, and could serve a stale read). */
	unsigned keys;
	const char *check;
	char why[256];
};

static struct history h;
static struct cluster c;

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

/* Records the first failure: the check's name and what it saw. */
__attribute__((format(printf, 2, 3))) static void fail(const char *check, const char *fmt, ...)
{
	va_list args;

	if (h.check)
		return;
	h.check = check;
	va_start(args, fmt);
	vsnprintf(h.why, sizeof h.why, fmt, args);
	va_end(args);
}

static size_t quorum(void)
{
	return c.n / 2 + 1;
}

static uint64_t max_term(void)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < c.n; i++)
		if (raft_term(&c.nodes[i].raft) > t)
			t = raft_term(&c.nodes[i].raft);
	return t;
}

/* A leader first seen in its term holds every entry seen committed while
 * every term was lower than its own (Figure 3, leader completeness). */
static void check_new_leader(const struct raft *r)
{
	uint64_t k;

	for (k = 1; k <= h.highest && k < MAX_INDEX; k++)
		if (h.max_term_then[k] < r->term && k > r->log.base && /* compacted: in its snapshot */
		    (k > r->log.last || raft_log_get(&r->log, k)->term != h.committed_term[k]))
			fail("leader completeness", "the leader of term %llu lacks committed entry %llu",
			     (unsigned long long)r->term, (unsigned long long)k);
}

static void check_node(struct cluster *cl, size_t i)
{
	const struct node *n = &cl->nodes[i];
	const struct raft *r = &n->raft;
	uint64_t k;

	if (r->role == RAFT_LEADER && r->term < MAX_TERMS) {
		char *seen = h.leader_of_term[r->term];

		if (!seen[0]) {
			msg_id_copy(seen, r->id);
			check_new_leader(r);
		} else if (strcmp(seen, r->id) != 0) {
			fail("election safety", "two leaders in term %llu (node %zu)", (unsigned long long)r->term, i);
		}
	}
	if (n->applied != r->commit)
		fail("state machine safety", "node %zu applied %llu entries, not its commit", i,
		     (unsigned long long)n->applied);
	if (r->log.last < r->commit)
		fail("state machine safety", "node %zu log shorter than its commit %llu", i,
		     (unsigned long long)r->commit);
	k = h.checked[i] > r->log.base ? h.checked[i] + 1 : r->log.base + 1; /* a snapshot skips some */
	for (; k <= r->commit && k <= r->log.last && k < MAX_INDEX; k++) {
		const struct msg_log_entry *e = raft_log_get(&r->log, k);

		if (k > h.highest) {
			h.committed_term[k] = e->term;
			snprintf(h.committed_mid[k], sizeof h.committed_mid[k], "%s", e->mid);
			snprintf(h.committed_key[k], sizeof h.committed_key[k], "%s", e->key);
			h.max_term_then[k] = max_term();
			h.highest = k;
		} else if (h.committed_term[k] != e->term || strcmp(h.committed_mid[k], e->mid) != 0) {
			fail("state machine safety", "committed entry %llu differs on node %zu", (unsigned long long)k,
			     i);
		}
	}
	if (r->commit > h.checked[i])
		h.checked[i] = r->commit;
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

	for (i = 0; i < c.n; i++)
		order[i] = i;
	for (i = c.n - 1; i > 0; i--) {
		size_t t;

		j = cluster_random(&c, i + 1);
		t = order[i], order[i] = order[j], order[j] = t;
	}
	for (i = 0; i < c.n; i++)
		c.side[order[i]] = i < quorum() ? 0 : 1;
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

static size_t count_alive(void)
{
	size_t i, n = 0;

	for (i = 0; i < c.n; i++)
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
		fail("implausible term", "node %zu took term %llu from a forged message", i,
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
		if (c.alive[i] && count_alive() - 1 >= quorum()) {
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

static void restart(struct schedule *s, size_t i)
{
	s->restart_at[i] = 0;
	cluster_restart(&c, i);
	if (c.bad_replays)
		fail("durability", "a restart found its log damaged: %s", c.bad_replay);
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

/* ---- the checks at the end ---- */

static const struct raft *longest_log(void)
{
	const struct raft *longest = &c.nodes[0].raft;
	size_t i;

	for (i = 1; i < c.n; i++)
		if (raft_commit(&c.nodes[i].raft) > longest->commit)
			longest = &c.nodes[i].raft;
	return longest;
}

/* Request number of a MID "m<k>", or -1. */
static long request_of(const char *mid)
{
	char *end;
	unsigned long k;

	if (mid[0] != 'm')
		return -1;
	k = strtoul(mid + 1, &end, 10);
	return *end || k >= h.n_req ? -1 : (long)k;
}

/* Figure 3, log matching: two logs that hold an entry of the same index
 * and term are identical up to it. Dead replicas' logs count too. */
static void check_log_matching(void)
{
	size_t i, j;

	for (i = 0; i < c.n; i++)
		for (j = i + 1; j < c.n; j++) {
			const struct raft_log *a = &c.nodes[i].raft.log, *b = &c.nodes[j].raft.log;
			uint64_t k = a->last < b->last ? a->last : b->last, m;
			uint64_t base = a->base > b->base ? a->base : b->base; /* before it: snapshots */

			while (k > base && raft_log_term(a, k) != raft_log_term(b, k))
				k--;
			for (m = base + 1; m <= k; m++)
				if (raft_log_term(a, m) != raft_log_term(b, m) ||
				    strcmp(raft_log_get(a, m)->mid, raft_log_get(b, m)->mid) != 0)
					fail("log matching", "nodes %zu and %zu agree at an entry but differ before it",
					     i, j);
		}
}

/* First answer of each request, and second oks counted. A MID answered
 * two different ways fails; two oks are a duplicate (the window after a
 * leader dies under loss, docs/design.md). */
static size_t check_answers(size_t *first, size_t *unanswered)
{
	size_t i, duplicates = 0;
	unsigned k;

	for (k = 0; k < h.n_req; k++)
		first[k] = SIZE_MAX;
	for (i = 0; i < c.n_answers; i++) {
		const struct cluster_answer *a = &c.answers[i];
		long q = request_of(a->mid);

		if (q < 0) {
			fail("one answer per MID", "an answer for a MID nobody sent (answer %zu)", i);
			continue;
		}
		if (first[q] == SIZE_MAX) {
			first[q] = i;
			continue;
		}
		if (a->type != MSG_TYPE_OK || c.answers[first[q]].type != MSG_TYPE_OK)
			fail("one answer per MID", "request m%ld answered twice, not both ok (answer %zu)", q, i);
		else if (tracing() || getenv("CLUSTER_DEBUG"))
			fprintf(stderr, "  second ok for %s from %s (first from %s)\n", a->mid, a->from,
				c.answers[first[q]].from);
		duplicates++;
	}
	*unanswered = 0;
	for (k = 0; k < h.n_req; k++)
		*unanswered += first[k] == SIZE_MAX;
	return duplicates;
}

static bool is_ok(const size_t *first, unsigned k)
{
	return first[k] != SIZE_MAX && c.answers[first[k]].type == MSG_TYPE_OK;
}

/* The log index of each request's put entry (0: not committed), and no
 * entry twice. */
static void index_entries(const struct raft *log_of, uint64_t *entry_of)
{
	uint64_t k;

	memset(entry_of, 0, h.n_req * sizeof *entry_of);
	for (k = 1; k <= log_of->commit && k <= h.highest; k++) {
		long q = request_of(h.committed_mid[k]);

		if (q < 0)
			continue;
		if (entry_of[q])
			fail("one answer per MID", "request m%ld is in the log twice (entry %llu)", q,
			     (unsigned long long)k);
		entry_of[q] = k;
	}
}

/* Acknowledged puts are never lost: each is committed in the final log. */
static void check_acknowledged(const size_t *first, const uint64_t *entry_of)
{
	unsigned k;

	for (k = 0; k < h.n_req; k++)
		if (!h.req[k].get && is_ok(first, k) && !entry_of[k])
			fail("acknowledged put kept", "the put m%u was acknowledged but is not in the log", k);
}

/* The entry a get's value came from: 0 for "" (no put yet), else the
 * entry of the put that wrote it; -1 if no committed put wrote it. */
static long long source_of(const struct cluster_answer *g, const uint64_t *entry_of)
{
	unsigned w;

	if (!g->value[0])
		return 0;
	if (sscanf(g->value, "v%u", &w) != 1 || w == 0 || w > h.n_req || h.req[w - 1].get)
		return -1;
	return entry_of[w - 1] ? (long long)entry_of[w - 1] : -1;
}

/* The test-bed's rule for reads: a get returns only a value whose put was
 * already answered ok. */
static void check_reads_after_ok(const size_t *first)
{
	size_t i;
	unsigned w;

	for (i = 0; i < c.n_answers; i++) {
		const struct cluster_answer *g = &c.answers[i];

		if (!g->has_value || sscanf(g->value, "v%u", &w) != 1 || w == 0 || w > h.n_req)
			continue;
		if (!is_ok(first, w - 1) || first[w - 1] > i)
			fail("test-bed read rule", "a get (answer %zu, %s from %s at %llu) saw put m%u before its ok",
			     i, g->mid, g->from, (unsigned long long)(g->at - CLUSTER_START_MS), w - 1);
	}
}

/* The test-bed's client keeps, per key, the value of the put it heard of
 * last: first oks of puts to one key must leave in log order. */
static void check_put_order(const size_t *first, const uint64_t *entry_of)
{
	uint64_t last_ok[MAX_KEYS] = { 0 };
	size_t i;

	for (i = 0; i < c.n_answers; i++) {
		long q = request_of(c.answers[i].mid);
		unsigned key;

		if (q < 0 || h.req[q].get || first[q] != i || c.answers[i].type != MSG_TYPE_OK || !entry_of[q] ||
		    sscanf(h.req[q].key, "k%u", &key) != 1 || key >= MAX_KEYS)
			continue;
		if (entry_of[q] < last_ok[key])
			fail("test-bed put order", "the ok of entry %llu left after the ok of entry %llu",
			     (unsigned long long)entry_of[q], (unsigned long long)last_ok[key]);
		else
			last_ok[key] = entry_of[q];
	}
}

/* The test-bed's rule for reads, the other way round: a get answered after
 * a put's ok must see that put or a later one of its key. The test-bed's
 * client checks a get against the last put of its key it saw acknowledged,
 * even a put it sent after the get: linearizability alone would let the
 * get read the value before. */
static void check_reads_see_oks(const size_t *first, const uint64_t *entry_of)
{
	uint64_t last_ok[MAX_KEYS] = { 0 };
	size_t i;

	for (i = 0; i < c.n_answers; i++) {
		const struct cluster_answer *a = &c.answers[i];
		long q = request_of(a->mid);
		long long src;
		unsigned key;

		if (q < 0 || first[q] != i || a->type != MSG_TYPE_OK || sscanf(h.req[q].key, "k%u", &key) != 1 ||
		    key >= MAX_KEYS)
			continue;
		if (!h.req[q].get) {
			if (entry_of[q] > last_ok[key])
				last_ok[key] = entry_of[q];
			continue;
		}
		src = source_of(a, entry_of);
		if (a->has_value && src >= 0 && (uint64_t)src < last_ok[key])
			fail("test-bed read rule",
			     "a get (answer %zu, %s from %s at %llu) of k%u read entry %lld after the ok of entry %llu",
			     i, a->mid, a->from, (unsigned long long)(a->at - CLUSTER_START_MS), key, src,
			     (unsigned long long)last_ok[key]);
	}
}

/* Linearizability, key by key (it is local): puts take effect in log
 * order, so a history is linearizable with that order iff points can be
 * placed, each within its operation's interval, puts in log order and each
 * get between the put it read and the next put of its key. Placing every
 * put as early as its constraints allow is optimal (later constraints only
 * get easier), so one pass decides. Time: a request sent after the clients
 * had b answers is at 2b, the j-th answer at 2j+1; an unanswered put may
 * take effect at any time after it was sent. */
static void check_linearizable_key(const char *key, const size_t *first, const uint64_t *entry_of,
				   const struct raft *log_of)
{
	static double readers_inv[MAX_INDEX], readers_resp[MAX_INDEX];
	static uint64_t writes[MAX_INDEX];
	size_t m = 0, i, pos;
	uint64_t k;
	double t = -1; /* where the put of writes[pos - 1] took effect */

	for (k = 1; k <= log_of->commit && k <= h.highest && m + 1 < MAX_INDEX; k++)
		if (strcmp(h.committed_key[k], key) == 0 && request_of(h.committed_mid[k]) >= 0)
			writes[++m] = k;
	for (pos = 0; pos <= m; pos++) {
		readers_inv[pos] = -1;
		readers_resp[pos] = 1e18;
	}
	for (i = 0; i < c.n_answers; i++) {
		const struct cluster_answer *g = &c.answers[i];
		long q = request_of(g->mid);
		long long src;

		if (q < 0 || !h.req[q].get || first[q] != i || !g->has_value || strcmp(h.req[q].key, key) != 0)
			continue;
		src = source_of(g, entry_of);
		for (pos = 0; pos <= m && (long long)writes[pos] != src; pos++)
			;
		if (src < 0 || pos > m) {
			fail("linearizability", "get m%ld read %s, which no committed put of its key wrote", q,
			     g->value);
			return;
		}
		if (2.0 * (double)h.req[q].inv > readers_inv[pos])
			readers_inv[pos] = 2.0 * (double)h.req[q].inv;
		if (2.0 * (double)i + 1 < readers_resp[pos])
			readers_resp[pos] = 2.0 * (double)i + 1;
	}
	for (pos = 1; pos <= m; pos++) {
		long q = request_of(h.committed_mid[writes[pos]]);
		double inv = 2.0 * (double)h.req[q].inv;
		double resp = is_ok(first, (unsigned)q) ? 2.0 * (double)first[q] + 1 : 1e18;
		double next = t + 1e-6;

		if (readers_resp[pos - 1] <= t)
			fail("linearizability", "a get of %s read entry %llu after a later put of the key took effect",
			     key, (unsigned long long)writes[pos - 1]);
		if (inv > next)
			next = inv;
		if (readers_inv[pos - 1] + 1e-6 > next)
			next = readers_inv[pos - 1] + 1e-6;
		if (next > resp)
			fail("linearizability", "the put in entry %llu cannot take effect, in log order, before its ok",
			     (unsigned long long)writes[pos]);
		t = next;
	}
	if (readers_resp[m] <= t)
		fail("linearizability", "a get of %s read entry %llu after a later put of the key took effect", key,
		     (unsigned long long)writes[m]);
}

/* Every request sent once a leader was back was answered ok in time. */
static void check_liveness(const size_t *first, uint64_t recovered, struct soak_result *res)
{
	unsigned k;

	for (k = 0; k < h.n_req; k++) {
		const struct cluster_answer *a;

		if (h.req[k].sent_ms < recovered)
			continue;
		if (first[k] == SIZE_MAX) {
			fail("liveness", "request m%u, sent after recovery, was never answered", k);
			continue;
		}
		a = &c.answers[first[k]];
		if (a->type != MSG_TYPE_OK)
			fail("liveness", "request m%u, sent after recovery, was answered %s", k,
			     msg_type_name(a->type));
		if (a->at - h.req[k].sent_ms > res->slowest_ms)
			res->slowest_ms = a->at - h.req[k].sent_ms;
	}
	if (res->slowest_ms > SOAK_ANSWER_BOUND_MS)
		fail("liveness", "a request sent after recovery waited %llu ms (bound %d)",
		     (unsigned long long)res->slowest_ms, SOAK_ANSWER_BOUND_MS);
}

static void check_history(uint64_t recovered, struct soak_result *res)
{
	size_t *first = calloc(h.n_req + 1, sizeof *first);
	uint64_t *entry_of = calloc(h.n_req + 1, sizeof *entry_of);
	const struct raft *log_of = longest_log();
	char key[16];
	unsigned k;

	if (!first || !entry_of) {
		fail("soak", "out of memory");
	} else {
		res->duplicates = check_answers(first, &res->unanswered);
		index_entries(log_of, entry_of);
		check_acknowledged(first, entry_of);
		check_reads_after_ok(first);
		check_put_order(first, entry_of);
		check_reads_see_oks(first, entry_of);
		for (k = 0; k < h.keys; k++) {
			snprintf(key, sizeof key, "k%u", k);
			check_linearizable_key(key, first, entry_of, log_of);
		}
		if (recovered != NEVER)
			check_liveness(first, recovered, res);
	}
	free(first);
	free(entry_of);
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
 * yet may still start an election. */
static bool recovered_now(void)
{
	int l = cluster_leader(&c);
	size_t i;

	if (l < 0 || !raft_term_committed(&c.nodes[l].raft))
		return false;
	for (i = 0; i < c.n; i++)
		if (c.alive[i] && (raft_term(&c.nodes[i].raft) != raft_term(&c.nodes[l].raft) ||
				   strcmp(raft_leader(&c.nodes[i].raft), raft_id(&c.nodes[l].raft)) != 0))
			return false;
	return true;
}

void soak_run(uint64_t seed, bool durable, struct soak_result *res, FILE *record, size_t node)
{
	static const size_t sizes[] = { 3, 5, 7 };
	struct schedule s = { 0 };
	uint64_t t, stop, recovered = NEVER;
	size_t i;

	memset(&h, 0, sizeof h);
	memset(res, 0, sizeof *res);
	cluster_init(&c, sizes[seed % 3], seed);
	c.record = record;
	c.record_node = node;
	for (i = 0; i < c.n; i++)
		c.nodes[i].raft.timing.inherit_wait = 1500;
	c.after_step = check_node;
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
	trace("%zu replicas, %u keys, drops %.0f%%, duplicates %u per mille, delays %u%%, a fault every %u ms", c.n,
	      h.keys, c.drop * 100, s.dup_per_mille, s.delay_percent, s.fault_every);
	/* Faults begin once a first leader serves, so that they hit one. */
	for (t = 0; t < SOAK_ELECT_BOUND_MS && !h.check && !recovered_now(); t++)
		chaos_ms(&s, true);
	s.forge_rng = seed * 0x9E3779B97F4A7C15ull + 1;
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
		fail("liveness", "no leader within %d ms after the faults stopped", SOAK_ELECT_BOUND_MS);
	if (c.past_deadlines)
		fail("tick deadlines", "%zu ticks asked for a tick in the past", c.past_deadlines);
	if (!converged())
		fail("convergence", "live nodes did not converge after the faults stopped");
	check_log_matching();
	check_history(recovered, res);
	res->replicas = c.n;
	res->requests = h.n_req;
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
