/* The node's side of snapshots: when to take one, what goes in it (the
 * map, the MIDs a leader must know taken, the clients' sessions), and
 * rebuilding the map and sessions from one (node.h). */
#include "node_snapshot.h"
#include "node_answer.h"

#include <string.h>

void node_set_snapshot_every(struct node *n, uint64_t every)
{
	n->snapshot_every = every;
}

static int add_pair(void *ctx, const char *key, const char *value, uint64_t index)
{
	return raft_snapshot_add_pair(ctx, key, value, index);
}

static int add_session(void *ctx, const char *client, const struct session_write *w)
{
	return raft_snapshot_add_session(ctx, client, w->mid, w->index, w->seq, w->result);
}

/* The MIDs a leader must know taken once the entries up to s->index are
 * gone: those of the latest NODE_TAKEN_MIDS of them (remember_logged does
 * the same with the log), then the forwarded requests taken. */
static int add_mids(const struct node *n, struct raft_snapshot *s)
{
	uint64_t from = s->index > NODE_TAKEN_MIDS ? s->index - NODE_TAKEN_MIDS + 1 : 1, i;
	size_t k;

	if (from <= raft_compacted_upto(&n->raft))
		from = raft_compacted_upto(&n->raft) + 1;
	for (i = from; i <= s->index; i++) {
		const struct msg_log_entry *e = raft_entry(&n->raft, i);

		if (strcmp(e->client, MSG_ID_BROADCAST) != 0 && raft_snapshot_add_mid(s, e->mid) < 0)
			return -1;
	}
	for (k = 0; k < mid_set_count(&n->taken); k++)
		if (raft_snapshot_add_mid(s, mid_set_get(&n->taken, k)) < 0)
			return -1;
	return 0;
}

int node_maybe_snapshot(struct node *n, uint64_t answers_left)
{
	uint64_t at = n->applied; /* the map is that of the entries up to here */
	struct raft_snapshot *s;

	/* ... and no answer of them may still have to leave from here: not
	 * one decided (raft_compactable_upto), nor one that waits for the
	 * sync this snapshot goes out with. A restart counts a snapshot's
	 * entries answered, and a crash between the sync and the send lost
	 * those answers for good (soak --durable seed 3639: a later read saw
	 * the put whose ok never left). */
	if (!n->snapshot_every || at < raft_snapshot_index(&n->raft) + n->snapshot_every ||
	    raft_compactable_upto(&n->raft) < at || answers_left < at)
		return 0;
	s = raft_snapshot_new(at, 0);
	if (!s || kv_each(&n->kv, add_pair, s) < 0 || add_mids(n, s) < 0 ||
	    sessions_each(&n->sessions, add_session, s) < 0) {
		node_logf(n, RAFT_LOG_WARN, "out of memory taking a snapshot at %llu", (unsigned long long)at);
		raft_snapshot_free(s);
		return -1;
	}
	/* half an interval of entries stays for followers a little behind */
	raft_compact(&n->raft, s, n->snapshot_every / 2);
	return 1;
}

int node_load_snapshot(struct node *n)
{
	const struct raft_snapshot *s = raft_snapshot_of(&n->raft);
	struct sessions fresh_sessions;
	struct kv fresh;
	size_t i;

	/* Built aside: out of memory, the node keeps its map and tries again
	 * at its next step, never serving from half a snapshot. */
	kv_init(&fresh);
	sessions_init(&fresh_sessions);
	for (i = 0; i < s->n_pairs; i++)
		if (kv_put(&fresh, s->pairs[i].key, s->pairs[i].value, s->pairs[i].index) < 0)
			goto out_of_memory;
	for (i = 0; i < s->n_sessions; i++) {
		if (sessions_reserve(&fresh_sessions, s->sessions[i].client) < 0)
			goto out_of_memory;
		const struct msg_client_session *e = &s->sessions[i];
		struct session_write w = { e->mid, e->index, e->_present.seq ? e->seq : 0,
					   e->_present.result ? e->result : NULL };

		sessions_record(&fresh_sessions, e->client, &w);
	}
	kv_free(&n->kv);
	n->kv = fresh;
	sessions_free(&n->sessions);
	n->sessions = fresh_sessions;
	n->applied = s->index;
	for (i = 0; i < s->n_mids; i++)
		if (mid_set_add(&n->taken, s->mids[i]) < 0)
			return -1;
	return 0;

out_of_memory:
	kv_free(&fresh);
	sessions_free(&fresh_sessions);
	return -1;
}
