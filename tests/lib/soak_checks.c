/* The checks at the end of a soak run; see soak_history.h. */
#include "soak_history.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The run being checked (soak_checks_begin). */
static struct history *h;
static const struct cluster *c;

void soak_checks_begin(struct history *history, const struct cluster *cluster)
{
	h = history;
	c = cluster;
}

void soak_fail(struct history *h, const char *check, const char *fmt, ...)
{
	va_list args;

	if (h->check)
		return;
	h->check = check;
	va_start(args, fmt);
	vsnprintf(h->why, sizeof h->why, fmt, args);
	va_end(args);
}

static uint64_t max_term(void)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (raft_term(&c->nodes[i].raft) > t)
			t = raft_term(&c->nodes[i].raft);
	return t;
}

/* A leader first seen in its term holds every entry seen committed while
 * every term was lower than its own (Figure 3, leader completeness). */
static void check_new_leader(const struct raft *r)
{
	uint64_t k;

	for (k = 1; k <= h->highest && k < MAX_INDEX; k++)
		if (h->max_term_then[k] < r->term && k > r->log.base && /* compacted: in its snapshot */
		    (k > r->log.last || raft_log_get(&r->log, k)->term != h->committed_term[k]))
			soak_fail(h, "leader completeness", "the leader of term %llu lacks committed entry %llu",
				  (unsigned long long)r->term, (unsigned long long)k);
}

void soak_check_step(struct cluster *cl, size_t i)
{
	const struct node *n = &cl->nodes[i];
	const struct raft *r = &n->raft;
	uint64_t k;

	if (r->role == RAFT_LEADER && r->term < MAX_TERMS) {
		char *seen = h->leader_of_term[r->term];

		if (!seen[0]) {
			msg_id_copy(seen, r->id);
			check_new_leader(r);
		} else if (strcmp(seen, r->id) != 0) {
			soak_fail(h, "election safety", "two leaders in term %llu (node %zu)",
				  (unsigned long long)r->term, i);
		}
	}
	if (n->applied != r->commit)
		soak_fail(h, "state machine safety", "node %zu applied %llu entries, not its commit", i,
			  (unsigned long long)n->applied);
	if (r->log.last < r->commit)
		soak_fail(h, "state machine safety", "node %zu log shorter than its commit %llu", i,
			  (unsigned long long)r->commit);
	k = h->checked[i] > r->log.base ? h->checked[i] + 1 : r->log.base + 1; /* a snapshot skips some */
	for (; k <= r->commit && k <= r->log.last && k < MAX_INDEX; k++) {
		const struct msg_log_entry *e = raft_log_get(&r->log, k);

		if (k > h->highest) {
			h->committed_term[k] = e->term;
			snprintf(h->committed_mid[k], sizeof h->committed_mid[k], "%s", e->mid);
			snprintf(h->committed_key[k], sizeof h->committed_key[k], "%s", e->key);
			h->max_term_then[k] = max_term();
			h->highest = k;
		} else if (h->committed_term[k] != e->term || strcmp(h->committed_mid[k], e->mid) != 0) {
			soak_fail(h, "state machine safety", "committed entry %llu differs on node %zu",
				  (unsigned long long)k, i);
		}
	}
	if (r->commit > h->checked[i])
		h->checked[i] = r->commit;
}

static const struct raft *longest_log(void)
{
	const struct raft *longest = &c->nodes[0].raft;
	size_t i;

	for (i = 1; i < c->n; i++)
		if (raft_commit(&c->nodes[i].raft) > longest->commit)
			longest = &c->nodes[i].raft;
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
	return *end || k >= h->n_req ? -1 : (long)k;
}

/* Figure 3, log matching: two logs that hold an entry of the same index
 * and term are identical up to it. Dead replicas' logs count too. */
static void check_log_matching(void)
{
	size_t i, j;

	for (i = 0; i < c->n; i++)
		for (j = i + 1; j < c->n; j++) {
			const struct raft_log *a = &c->nodes[i].raft.log, *b = &c->nodes[j].raft.log;
			uint64_t k = a->last < b->last ? a->last : b->last, m;
			uint64_t base = a->base > b->base ? a->base : b->base; /* before it: snapshots */

			while (k > base && raft_log_term(a, k) != raft_log_term(b, k))
				k--;
			for (m = base + 1; m <= k; m++)
				if (raft_log_term(a, m) != raft_log_term(b, m) ||
				    strcmp(raft_log_get(a, m)->mid, raft_log_get(b, m)->mid) != 0)
					soak_fail(h, "log matching",
						  "nodes %zu and %zu agree at an entry but differ before it", i, j);
		}
}

/* A move_leader's answer: one per MID, like every request's. */
static void check_move_answer(const struct cluster_answer *a, size_t i)
{
	char *end;
	unsigned long k = strtoul(a->mid + 1, &end, 10);

	if (*end || k >= h->n_moves) {
		soak_fail(h, "one answer per MID", "an answer for a move_leader nobody sent (answer %zu)", i);
		return;
	}
	if (h->move_answers[k]++)
		soak_fail(h, "one answer per MID", "move_leader %s answered twice (answer %zu)", a->mid, i);
	if (a->type == MSG_TYPE_OK)
		h->moves_ok++;
}

/* First answer of each request, and second oks counted. A MID answered
 * two different ways fails; two oks are a duplicate (the window after a
 * leader dies under loss, docs/design.md). */
static size_t check_answers(size_t *first, size_t *unanswered)
{
	size_t i, duplicates = 0;
	unsigned k;

	for (k = 0; k < h->n_req; k++)
		first[k] = SIZE_MAX;
	for (i = 0; i < c->n_answers; i++) {
		const struct cluster_answer *a = &c->answers[i];
		long q = request_of(a->mid);

		if (a->mid[0] == 'x') {
			check_move_answer(a, i);
			continue;
		}
		if (q < 0) {
			soak_fail(h, "one answer per MID", "an answer for a MID nobody sent (answer %zu)", i);
			continue;
		}
		if (first[q] == SIZE_MAX) {
			first[q] = i;
			continue;
		}
		if (a->type != MSG_TYPE_OK || c->answers[first[q]].type != MSG_TYPE_OK)
			soak_fail(h, "one answer per MID", "request m%ld answered twice, not both ok (answer %zu)", q,
				  i);
		else if (getenv("CLUSTER_TRACE") != NULL || getenv("CLUSTER_DEBUG"))
			fprintf(stderr, "  second ok for %s from %s (first from %s)\n", a->mid, a->from,
				c->answers[first[q]].from);
		duplicates++;
	}
	*unanswered = 0;
	for (k = 0; k < h->n_req; k++)
		*unanswered += first[k] == SIZE_MAX;
	return duplicates;
}

static bool is_ok(const size_t *first, unsigned k)
{
	return first[k] != SIZE_MAX && c->answers[first[k]].type == MSG_TYPE_OK;
}

/* The log index of each request's put entry (0: not committed), and no
 * entry twice. */
static void index_entries(const struct raft *log_of, uint64_t *entry_of)
{
	uint64_t k;

	memset(entry_of, 0, h->n_req * sizeof *entry_of);
	for (k = 1; k <= log_of->commit && k <= h->highest; k++) {
		long q = request_of(h->committed_mid[k]);

		if (q < 0)
			continue;
		if (entry_of[q])
			soak_fail(h, "one answer per MID", "request m%ld is in the log twice (entry %llu)", q,
				  (unsigned long long)k);
		entry_of[q] = k;
	}
}

/* Acknowledged puts are never lost: each is committed in the final log. */
static void check_acknowledged(const size_t *first, const uint64_t *entry_of)
{
	unsigned k;

	for (k = 0; k < h->n_req; k++)
		if (!h->req[k].get && is_ok(first, k) && !entry_of[k])
			soak_fail(h, "acknowledged put kept", "the put m%u was acknowledged but is not in the log", k);
}

/* The entry a get's value came from: 0 for "" (no put yet), else the
 * entry of the put that wrote it; -1 if no committed put wrote it. */
static long long source_of(const struct cluster_answer *g, const uint64_t *entry_of)
{
	unsigned w;

	if (!g->value[0])
		return 0;
	if (sscanf(g->value, "v%u", &w) != 1 || w == 0 || w > h->n_req || h->req[w - 1].get)
		return -1;
	return entry_of[w - 1] ? (long long)entry_of[w - 1] : -1;
}

/* The test-bed's rule for reads: a get returns only a value whose put was
 * already answered ok. */
static void check_reads_after_ok(const size_t *first)
{
	size_t i;
	unsigned w;

	for (i = 0; i < c->n_answers; i++) {
		const struct cluster_answer *g = &c->answers[i];

		if (!g->has_value || sscanf(g->value, "v%u", &w) != 1 || w == 0 || w > h->n_req)
			continue;
		if (!is_ok(first, w - 1) || first[w - 1] > i)
			soak_fail(h, "test-bed read rule",
				  "a get (answer %zu, %s from %s at %llu) saw put m%u before its ok", i, g->mid,
				  g->from, (unsigned long long)(g->at - CLUSTER_START_MS), w - 1);
	}
}

/* The test-bed's client keeps, per key, the value of the put it heard of
 * last: first oks of puts to one key must leave in log order. */
static void check_put_order(const size_t *first, const uint64_t *entry_of)
{
	uint64_t last_ok[MAX_KEYS] = { 0 };
	size_t i;

	for (i = 0; i < c->n_answers; i++) {
		long q = request_of(c->answers[i].mid);
		unsigned key;

		if (q < 0 || h->req[q].get || first[q] != i || c->answers[i].type != MSG_TYPE_OK || !entry_of[q] ||
		    sscanf(h->req[q].key, "k%u", &key) != 1 || key >= MAX_KEYS)
			continue;
		if (entry_of[q] < last_ok[key])
			soak_fail(h, "test-bed put order", "the ok of entry %llu left after the ok of entry %llu",
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

	for (i = 0; i < c->n_answers; i++) {
		const struct cluster_answer *a = &c->answers[i];
		long q = request_of(a->mid);
		long long src;
		unsigned key;

		if (q < 0 || first[q] != i || a->type != MSG_TYPE_OK || sscanf(h->req[q].key, "k%u", &key) != 1 ||
		    key >= MAX_KEYS)
			continue;
		if (!h->req[q].get) {
			if (entry_of[q] > last_ok[key])
				last_ok[key] = entry_of[q];
			continue;
		}
		src = source_of(a, entry_of);
		if (a->has_value && src >= 0 && (uint64_t)src < last_ok[key])
			soak_fail(h, "test-bed read rule",
				  "a get (answer %zu, %s from %s at %llu) of k%u read entry %lld after the ok of entry "
				  "%llu",
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

	for (k = 1; k <= log_of->commit && k <= h->highest && m + 1 < MAX_INDEX; k++)
		if (strcmp(h->committed_key[k], key) == 0 && request_of(h->committed_mid[k]) >= 0)
			writes[++m] = k;
	for (pos = 0; pos <= m; pos++) {
		readers_inv[pos] = -1;
		readers_resp[pos] = 1e18;
	}
	for (i = 0; i < c->n_answers; i++) {
		const struct cluster_answer *g = &c->answers[i];
		long q = request_of(g->mid);
		long long src;

		if (q < 0 || !h->req[q].get || first[q] != i || !g->has_value || strcmp(h->req[q].key, key) != 0)
			continue;
		src = source_of(g, entry_of);
		for (pos = 0; pos <= m && (long long)writes[pos] != src; pos++)
			;
		if (src < 0 || pos > m) {
			soak_fail(h, "linearizability", "get m%ld read %s, which no committed put of its key wrote", q,
				  g->value);
			return;
		}
		if (2.0 * (double)h->req[q].inv > readers_inv[pos])
			readers_inv[pos] = 2.0 * (double)h->req[q].inv;
		if (2.0 * (double)i + 1 < readers_resp[pos])
			readers_resp[pos] = 2.0 * (double)i + 1;
	}
	for (pos = 1; pos <= m; pos++) {
		long q = request_of(h->committed_mid[writes[pos]]);
		double inv = 2.0 * (double)h->req[q].inv;
		double resp = is_ok(first, (unsigned)q) ? 2.0 * (double)first[q] + 1 : 1e18;
		double next = t + 1e-6;

		if (readers_resp[pos - 1] <= t)
			soak_fail(h, "linearizability",
				  "a get of %s read entry %llu after a later put of the key took effect", key,
				  (unsigned long long)writes[pos - 1]);
		if (inv > next)
			next = inv;
		if (readers_inv[pos - 1] + 1e-6 > next)
			next = readers_inv[pos - 1] + 1e-6;
		if (next > resp)
			soak_fail(h, "linearizability",
				  "the put in entry %llu cannot take effect, in log order, before its ok",
				  (unsigned long long)writes[pos]);
		t = next;
	}
	if (readers_resp[m] <= t)
		soak_fail(h, "linearizability", "a get of %s read entry %llu after a later put of the key took effect",
			  key, (unsigned long long)writes[m]);
}

/* Every request sent once a leader was back was answered ok in time. */
static void check_liveness(const size_t *first, uint64_t recovered, struct soak_result *res)
{
	unsigned k;

	for (k = 0; k < h->n_req; k++) {
		const struct cluster_answer *a;

		if (h->req[k].sent_ms < recovered)
			continue;
		if (first[k] == SIZE_MAX) {
			soak_fail(h, "liveness", "request m%u, sent after recovery, was never answered", k);
			continue;
		}
		a = &c->answers[first[k]];
		if (a->type != MSG_TYPE_OK)
			soak_fail(h, "liveness", "request m%u, sent after recovery, was answered %s", k,
				  msg_type_name(a->type));
		if (a->at - h->req[k].sent_ms > res->slowest_ms)
			res->slowest_ms = a->at - h->req[k].sent_ms;
	}
	if (res->slowest_ms > SOAK_ANSWER_BOUND_MS)
		soak_fail(h, "liveness", "a request sent after recovery waited %llu ms (bound %d)",
			  (unsigned long long)res->slowest_ms, SOAK_ANSWER_BOUND_MS);
}

static void check_history(uint64_t recovered, struct soak_result *res)
{
	size_t *first = calloc(h->n_req + 1, sizeof *first);
	uint64_t *entry_of = calloc(h->n_req + 1, sizeof *entry_of);
	const struct raft *log_of = longest_log();
	char key[16];
	unsigned k;

	if (!first || !entry_of) {
		soak_fail(h, "soak", "out of memory");
	} else {
		res->duplicates = check_answers(first, &res->unanswered);
		index_entries(log_of, entry_of);
		check_acknowledged(first, entry_of);
		check_reads_after_ok(first);
		check_put_order(first, entry_of);
		check_reads_see_oks(first, entry_of);
		for (k = 0; k < h->keys; k++) {
			snprintf(key, sizeof key, "k%u", k);
			check_linearizable_key(key, first, entry_of, log_of);
		}
		if (recovered != NEVER)
			check_liveness(first, recovered, res);
	}
	free(first);
	free(entry_of);
}

void soak_check_logs(void)
{
	check_log_matching();
}

void soak_check_history(uint64_t recovered, struct soak_result *res)
{
	check_history(recovered, res);
}
