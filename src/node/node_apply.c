/* Committed entries applied to the map and the clients' sessions, and
 * the oks they release; puts this replica appended, settled. */
#include "node_apply.h"
#include "base/array.h"
#include "base/mutant.h"
#include "node_answer.h"
#include "node_snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An entry that names a client and a MID: a put. A leader's no-op names
 * neither; an entry that names a client without a MID cannot come from a
 * correct leader (log_entry.mid may be empty only for no-ops), and an ok
 * without a MID would not encode. */
static bool answerable(const struct msg_log_entry *e)
{
	return strcmp(e->client, MSG_ID_BROADCAST) != 0 && e->mid[0] != '\0';
}

/* Notes entry `index` as late. Apply runs in log order, so marks at or
 * after it come from an earlier pass (a snapshot rebuilt the map) and
 * go; so do those a snapshot covers (never answered). 0, or -1 when out
 * of memory (nothing changed). */
static int note_late(struct node *n, uint64_t index)
{
	struct node_indexes *l = &n->late;
	size_t keep = 0, i;

	while (l->n && l->items[l->n - 1] >= index)
		l->n--;
	while (keep < l->n && l->items[keep] <= raft_snapshot_index(&n->raft))
		keep++;
	for (i = keep; i < l->n; i++)
		l->items[i - keep] = l->items[i];
	l->n -= keep;
	if (array_reserve(&l->items, &l->cap, l->n + 1, sizeof *l->items, 16) < 0)
		return -1;
	l->items[l->n++] = index;
	return 0;
}

static int compare_index(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static bool was_late(const struct node *n, uint64_t index)
{
	return n->late.n && bsearch(&index, n->late.items, n->late.n, sizeof index, compare_index);
}

/* Oks for the applied entries of (from, to] that `mine` says are this
 * replica's to answer (all of them when it is NULL). */
static int answer_range(struct node *n, struct raft_update *u, uint64_t from, uint64_t to,
			bool (*mine)(const struct raft *, const struct raft_update *, uint64_t))
{
	uint64_t i;
	int rc = 0;

	for (i = from + 1; i <= to && i <= n->applied; i++) {
		const struct msg_log_entry *e;

		if (i <= raft_snapshot_index(&n->raft)) /* answered: a snapshot holds only those */
			continue;
		e = raft_entry(&n->raft, i);

		if (!answerable(e) || (mine && !mine(&n->raft, u, i)))
			continue;
		if (was_late(n, i)) {
			/* not applied: an ok would acknowledge a write that is not there */
			node_logf(n, RAFT_LOG_DEBUG, "entry %llu: %s of %s was late, not applied: no answer",
				  (unsigned long long)i, e->mid, e->client);
			continue;
		}
		if (e->_present.expected && !sessions_result(&n->sessions, e->client, e->mid)) {
			/* a compare-and-set whose client has written since: it
			 * stopped waiting for this answer, which is gone */
			node_logf(n, RAFT_LOG_DEBUG, "entry %llu: the answer to %s of %s is gone",
				  (unsigned long long)i, e->mid, e->client);
			continue;
		}
		node_logf(n, RAFT_LOG_DEBUG, "entry %llu committed: ok to %s for %s", (unsigned long long)i, e->client,
			  e->mid);
		if (node_answer_write(n, u, e->client, e->mid, e->deletes) < 0)
			rc = -1;
	}
	return rc;
}

/* Planted bug APPLY_TWICE (mutant.h): entry `index` applied once more. */
static void apply_again(struct node *n, uint64_t index)
{
	const struct msg_log_entry *e = index ? raft_entry(&n->raft, index) : NULL;

	if (e && strcmp(e->client, MSG_ID_BROADCAST) != 0)
		(void)kv_put(&n->kv, e->key, e->value, index);
}

/* Applies the write of entry `index` to the map and its client's session,
 * unless it repeats that client's last applied write. 0, or -1 when out
 * of memory (nothing changed). */
static int apply_entry(struct node *n, const struct msg_log_entry *e, uint64_t index)
{
	struct session_write w = { .mid = e->mid, .index = index, .seq = e->_present.seq ? e->seq : 0 };

	if (sessions_applied(&n->sessions, e->client, e->mid)) {
		node_logf(n, RAFT_LOG_DEBUG, "entry %llu repeats %s of %s: not applied again",
			  (unsigned long long)index, e->mid, e->client);
		return 0;
	}
	if (sessions_late(&n->sessions, e->client, e->mid, w.seq)) {
		node_logf(n, RAFT_LOG_DEBUG,
			  "entry %llu: %s of %s comes after a later write of its client: not applied",
			  (unsigned long long)index, e->mid, e->client);
		return note_late(n, index);
	}
	if (sessions_reserve(&n->sessions, e->client) < 0)
		return -1;
	if (e->_present.expected) {
		/* compare-and-set: the value found is its answer, and it writes
		 * only over the value expected */
		const char *now = kv_get(&n->kv, e->key);
		char found[MSG_LOG_ENTRY_VALUE_MAX_LEN + 1];

		snprintf(found, sizeof found, "%s", now ? now : "");
		if (strcmp(found, e->expected) == 0 && kv_put(&n->kv, e->key, e->value, index) < 0)
			return -1;
		w.result = found;
		sessions_record(&n->sessions, e->client, &w);
		return 0;
	}
	if (e->deletes)
		w.result = kv_delete(&n->kv, e->key) ? "1" : "0";
	else if (kv_put(&n->kv, e->key, e->value, index) < 0)
		return -1;
	sessions_record(&n->sessions, e->client, &w);
	return 0;
}

/* Applies entries up to `to`. 0, or -1 when memory ran out (the rest is
 * applied at the next call). */
int node_apply_upto(struct node *n, uint64_t to)
{
	/* Behind a snapshot (restored, or installed from a leader): its map
	 * first, then the entries after it. */
	if (n->applied < raft_snapshot_index(&n->raft) && node_load_snapshot(n) < 0) {
		node_logf(n, RAFT_LOG_WARN, "out of memory loading the snapshot at %llu",
			  (unsigned long long)raft_snapshot_index(&n->raft));
		return -1;
	}
	while (n->applied < to) {
		const struct msg_log_entry *e = raft_entry(&n->raft, ++n->applied);

		if (strcmp(e->client, MSG_ID_BROADCAST) == 0)
			continue; /* a leader's no-op */
		if (apply_entry(n, e, n->applied) < 0) {
			node_logf(n, RAFT_LOG_WARN, "out of memory applying entry %llu",
				  (unsigned long long)n->applied);
			n->applied--;
			return -1;
		}
		if (MUTANT_ON(APPLY_TWICE))
			apply_again(n, n->applied - 1);
	}
	return 0;
}

/* Applies newly committed entries and sends the oks this step released
 * (raft_answers_entry), before any read that could observe them is
 * served: a delegate's as it applies its share, the late range (entries
 * applied before), a leader's in log order. */
int node_apply_committed(struct node *n, struct raft_update *u)
{
	uint64_t applied_before = n->applied;
	int rc;

	rc = node_apply_upto(n, MUTANT_ON(APPLY_UNCOMMITTED) ? raft_last_index(&n->raft) : raft_commit(&n->raft));
	if (answer_range(n, u, u->late_from, u->late_to, NULL) < 0)
		rc = -1;
	if (raft_is_leader(&n->raft))
		rc = answer_range(n, u, u->answer_from, u->answer_to, raft_answers_entry) < 0 ? -1 : rc;
	else if (answer_range(n, u, applied_before, n->applied, raft_answers_entry) < 0)
		rc = -1;
	return rc;
}

bool node_put_slot_committed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)now_ms;
	return q->index <= raft_commit(&n->raft);
}

/* A put this replica appended is settled once its index is committed: by
 * the entry itself (whoever leads has answered) or by another (then it can
 * never commit, and the client is sent to the leader). */
int node_put_settle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	(void)now_ms;
	/* Below a leader's snapshot its fate is unknown here: if it took
	 * effect its leader answered, and a redirect would be a second answer. */
	if (q->index > raft_compacted_upto(&n->raft) && (strcmp(raft_entry(&n->raft, q->index)->mid, q->mid) != 0 ||
							 raft_entry_term(&n->raft, q->index) != q->term)) {
		node_logf(n, RAFT_LOG_INFO, "put %s lost its slot %llu: redirect", q->mid,
			  (unsigned long long)q->index);
		rc = node_reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	}
	node_request_free(q);
	return rc;
}
