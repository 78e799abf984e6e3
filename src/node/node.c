/* Client requests around the Raft core: answer, redirect, hold, apply. */
#include "node_internal.h"
#include "base/mutant.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void node_logf(const struct node *n, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	raft_vlogf(&n->raft, level, fmt, ap);
	va_end(ap);
}

struct msg_any *node_message(struct node *n, struct raft_update *u, enum msg_type type, const char *dst)
{
	struct msg_any *m = raft_outbox_add(u, type);

	if (!m)
		return NULL;
	msg_id_copy(m->as.env.src, raft_id(&n->raft));
	msg_id_copy(m->as.env.dst, dst);
	msg_id_copy(m->as.env.leader, raft_leader(&n->raft));
	return m;
}

void node_request_free(struct node_request *q)
{
	if (!q)
		return;
	free(q->mid);
	free(q->key);
	free(q->value);
	free(q->expected);
	free(q);
}

struct node_request *node_request_new(enum msg_type type, const char *client, const char *named, const char *mid,
				      const char *key, const char *value)
{
	struct node_request *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->type = type;
	msg_id_copy(q->client, client);
	msg_id_copy(q->named, named);
	q->mid = strdup(mid);
	q->key = strdup(key);
	q->value = strdup(value ? value : "");
	if (!q->mid || !q->key || !q->value) {
		node_request_free(q);
		return NULL;
	}
	return q;
}

struct node_request *node_cas_request_new(const char *client, const char *named, const char *mid, const char *key,
					  const char *expected, const char *value)
{
	struct node_request *q = node_request_new(MSG_TYPE_CAS, client, named, mid, key, value);

	if (q && !(q->expected = strdup(expected))) {
		node_request_free(q);
		return NULL;
	}
	return q;
}

int node_list_push(struct node_list *l, struct node_request *q)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct node_request **grown = realloc(l->items, cap * sizeof *grown);

		if (!grown)
			return -1;
		l->items = grown;
		l->cap = cap;
	}
	l->items[l->n++] = q;
	return 0;
}

struct node_request *node_list_take(struct node_list *l, size_t i)
{
	struct node_request *q = l->items[i];

	memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof *l->items);
	l->n--;
	return q;
}

void node_list_free(struct node_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		node_request_free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

static int apply_upto(struct node *n, uint64_t to);

int node_init(struct node *n, const struct raft_config *cfg, uint64_t now_ms)
{
	int rc;

	memset(n, 0, sizeof *n);
	rc = raft_init(&n->raft, cfg, now_ms);
	if (rc != RAFT_OK)
		return rc;
	kv_init(&n->kv);
	sessions_init(&n->sessions);
	if (node_forward_init(n) < 0) {
		raft_free(&n->raft);
		return RAFT_ENOMEM;
	}
	/* A restarted replica rebuilds its map from its snapshot and the
	 * entries it knows committed; their clients were answered before it
	 * stopped. */
	if (apply_upto(n, raft_commit(&n->raft)) < 0) {
		node_free(n);
		return RAFT_ENOMEM;
	}
	return RAFT_OK;
}

void node_free(struct node *n)
{
	free(n->late.items);
	node_mids_free(&n->answered);
	node_list_free(&n->reads);
	node_list_free(&n->puts);
	node_list_free(&n->held);
	node_forward_free(n);
	kv_free(&n->kv);
	sessions_free(&n->sessions);
	raft_free(&n->raft);
}

/* Queues an answer to a client; `value` only for the ok of a get. */
/* The answer `type` to client's request mid (an ok with value, when
 * given), in u's outbox; NULL when out of memory (nothing added). */
static struct msg_any *answer(struct node *n, struct raft_update *u, enum msg_type type, const char *client,
			      const char *mid, const char *value)
{
	struct msg_any *m = node_message(n, u, type, client);
	char **mid_field;

	if (!m)
		return NULL;
	mid_field = type == MSG_TYPE_OK ? &m->as.ok.mid : type == MSG_TYPE_FAIL ? &m->as.fail.mid : &m->as.redirect.mid;
	*mid_field = strdup(mid);
	if (value) {
		m->as.ok.value = strdup(value);
		m->as.ok._present.value = true;
	}
	if (!*mid_field || (value && !m->as.ok.value)) {
		raft_outbox_drop_last(u);
		return NULL;
	}
	if (n->keep_answered && mid_set_has(&n->taken, mid) && node_mids_add(&n->answered, mid) < 0)
		node_logf(n, RAFT_LOG_WARN, "out of memory: %s may be answered again after a restart", mid);
	return m;
}

static int reply(struct node *n, struct raft_update *u, enum msg_type type, const char *client, const char *mid,
		 const char *value)
{
	return answer(n, u, type, client, mid, value) ? 0 : -1;
}

static int answer_read(struct node *n, struct raft_update *u, const struct node_request *q)
{
	const char *value = kv_get(&n->kv, q->key);

	return reply(n, u, MSG_TYPE_OK, q->client, q->mid, value ? value : n->tell_absent ? NULL : "");
}

/* The ok to an applied write of client's: a compare-and-set's carries the
 * value it found, a delete's how many keys it removed (both kept in the
 * client's session, so that a resend gets the first answer). */
static int answer_write(struct node *n, struct raft_update *u, const char *client, const char *mid, bool deletes)
{
	const char *result = sessions_result(&n->sessions, client, mid);
	struct msg_any *m = answer(n, u, MSG_TYPE_OK, client, mid, deletes ? NULL : result);

	if (!m)
		return -1;
	if (deletes && result) {
		m->as.ok.deleted = strcmp(result, "1") == 0;
		m->as.ok._present.deleted = true;
	}
	return 0;
}

/* Leader: a get is served now under a lease, else after a read-index round. */
/* A read may see only puts whose `ok` has been sent: the client checks a
 * get against the puts it saw acknowledged. A leader applies its
 * delegate's share as it commits it, but the delegate answers it, and it
 * holds the answers of entries it inherited (raft_inherit.h), so a read
 * waits until the put it would see, the last to write its key, is
 * answered. */
static bool answer_sent(const struct node *n, const char *key)
{
	return raft_entry_answered(&n->raft, kv_written_at(&n->kv, key));
}

/* The last entry of the log that writes key and is not applied yet, 0 if
 * none. Its delegate may have answered it already: a chain tells the
 * delegate that an entry is committed before the leader hears of it, so a
 * client can hold the put's ok while the leader's commit index is behind
 * it. A read of that key waits until that entry is applied. With
 * elsewhere_only, only entries another replica may answer count
 * (raft_answered_elsewhere). */
static uint64_t unapplied_write(const struct node *n, const char *key, bool elsewhere_only)
{
	uint64_t i;

	for (i = raft_last_index(&n->raft); i > n->applied; i--)
		if (strcmp(raft_entry(&n->raft, i)->key, key) == 0 &&
		    (!elsewhere_only || raft_answered_elsewhere(&n->raft, i)))
			return i;
	return 0;
}

/* Leader: a get is served now under a lease, else after a read-index round
 * (or, under a lease, once the delegate's answers are out: seq 0). Either
 * way it sees every put of its key that was answered before it arrived,
 * by this leader or by its delegate (unapplied_write). */
static int lead_get(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	bool lease = raft_lease_valid(&n->raft, now_ms);
	uint64_t pending = unapplied_write(n, q->key, false);

	if (lease && !pending && n->applied == raft_commit(&n->raft) && answer_sent(n, q->key)) {
		int rc = answer_read(n, u, q);

		node_request_free(q);
		return rc;
	}
	q->read_index = pending > raft_commit(&n->raft) ? pending : raft_commit(&n->raft);
	q->seq = lease ? 0 : raft_read_round(&n->raft, now_ms, u);
	return node_list_push(&n->reads, q);
}

static int lead_put(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	struct msg_log_entry e = { .key = q->key, .value = q->value, .mid = q->mid, .expected = q->expected };

	msg_id_copy(e.client, q->client);
	e.deletes = e._present.deletes = q->type == MSG_TYPE_DELETE;
	e._present.expected = q->type == MSG_TYPE_CAS;
	e.seq = q->write_seq;
	e._present.seq = q->write_seq != 0;
	q->index = raft_propose(&n->raft, &e, now_ms, u);
	q->term = raft_term(&n->raft);
	node_logf(n, RAFT_LOG_DEBUG, "put %s from %s: appended at %llu", q->mid, q->client,
		  (unsigned long long)q->index);
	if (q->index == 0 || node_list_push(&n->puts, q) < 0) {
		/* Out of memory: nothing entered the log, so the client may retry. */
		int rc = q->index == 0 ? reply(n, u, MSG_TYPE_FAIL, q->client, q->mid, NULL) : -1;

		node_request_free(q);
		return rc;
	}
	return 0;
}

/* A follower sends a request towards the leader it believes in only once
 * that leader has been heard from since the request began to wait here:
 * then it was alive after the client gave up on whoever it asked before.
 * A belief older than the request may name a leader that has just died;
 * a client sent there finds it dead and comes straight back to a random
 * replica with `leader` FFFF: a redirect loop, turn after turn, until an
 * election ends. */
bool node_leader_proven(const struct node *n, const struct node_request *q)
{
	return strcmp(raft_leader(&n->raft), MSG_ID_BROADCAST) != 0 && raft_leader_contacts(&n->raft) > q->contacts;
}

int node_redirect(struct node *n, struct node_request *q, struct raft_update *u, const char *why)
{
	int rc;

	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: %s, redirect to %s", msg_type_name(q->type), q->mid, q->client,
		  why, raft_leader(&n->raft));
	rc = reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	node_request_free(q);
	return rc;
}

/* Holds q until the leader's contacts exceed `contacts`. */
static int hold_since(struct node *n, struct node_request *q, uint64_t contacts, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (raft_is_leader(&n->raft))
		return node_handle(n, q, now_ms, u);
	q->contacts = contacts;
	if (n->held.n == NODE_MAX_HELD) /* bounded memory: the oldest is sent off */
		rc = node_redirect(n, node_list_take(&n->held, 0), u, "too many held");
	return node_list_push(&n->held, q) < 0 ? -1 : rc;
}

/* A leader serves q. A client that names this replica as its leader when
 * it is not one was misinformed (or this replica lost its place): it is
 * told at once what this replica believes, FFFF if nothing, rather than
 * left to pile further requests on a replica that cannot serve them.
 * Anything else waits for a leader proven alive (node_leader_proven), then
 * goes there (node_forward.c): without one there is no better place for
 * the client, and a redirect naming none sends it to a random replica,
 * which on the minority side of a partition only holds it again (or
 * bounces it on: a loop). In cluster mode a leader heard from lately
 * counts as proven (node_set_forward_within): its clients resend. */
int node_handle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (q->type != MSG_TYPE_GET && sessions_late(&n->sessions, q->client, q->mid, q->write_seq)) {
		/* its client has had a later write applied: it waits for this no more */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: a late copy, dropped", msg_type_name(q->type), q->mid,
			  q->client);
		node_request_free(q);
		return 0;
	}
	if (q->type != MSG_TYPE_GET && sessions_applied(&n->sessions, q->client, q->mid)) {
		/* a resend: applied here, so committed, whoever leads */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: a resend of a write applied, ok again",
			  msg_type_name(q->type), q->mid, q->client);
		rc = answer_write(n, u, q->client, q->mid, q->type == MSG_TYPE_DELETE);
		node_request_free(q);
		return rc;
	}
	if (raft_is_leader(&n->raft))
		return q->type == MSG_TYPE_GET ? lead_get(n, q, now_ms, u) : lead_put(n, q, now_ms, u);
	if (MUTANT_ON(FOLLOWER_ANSWERS_GET) && q->type == MSG_TYPE_GET) {
		rc = answer_read(n, u, q);
		node_request_free(q);
		return rc;
	}
	if (strcmp(q->named, raft_id(&n->raft)) == 0)
		return node_redirect(n, q, u, "the client takes this replica for its leader");
	if (n->forward_within && raft_leader_fresh(&n->raft, now_ms, n->forward_within)) {
		/* as if the contact that makes it fresh came after the request */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: its leader was heard from lately, forward it now",
			  msg_type_name(q->type), q->mid, q->client);
		return hold_since(n, q, raft_leader_contacts(&n->raft) - 1, now_ms, u);
	}
	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: held until a leader is heard from", msg_type_name(q->type), q->mid,
		  q->client);
	return node_hold(n, q, now_ms, u);
}

int node_hold(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	return hold_since(n, q, raft_leader_contacts(&n->raft), now_ms, u);
}

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
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		uint64_t *items = realloc(l->items, cap * sizeof *items);

		if (!items)
			return -1;
		l->items = items;
		l->cap = cap;
	}
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
		if (answer_write(n, u, e->client, e->mid, e->deletes) < 0)
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
		char found[NODE_VALUE_MAX + 1];

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
static int apply_upto(struct node *n, uint64_t to)
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
static int apply_committed(struct node *n, struct raft_update *u)
{
	uint64_t applied_before = n->applied;
	int rc;

	rc = apply_upto(n, MUTANT_ON(APPLY_UNCOMMITTED) ? raft_last_index(&n->raft) : raft_commit(&n->raft));
	if (answer_range(n, u, u->late_from, u->late_to, NULL) < 0)
		rc = -1;
	if (raft_is_leader(&n->raft))
		rc = answer_range(n, u, u->answer_from, u->answer_to, raft_answers_entry) < 0 ? -1 : rc;
	else if (answer_range(n, u, applied_before, n->applied, raft_answers_entry) < 0)
		rc = -1;
	return rc;
}

typedef bool (*request_ready)(const struct node *n, const struct node_request *q, uint64_t now_ms);
typedef int (*request_action)(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);

/* Takes, in arrival order, every request of l that is ready and hands it to
 * act, which owns it then. Returns -1 if any action ran out of memory. */
static int take_ready(struct node *n, struct node_list *l, request_ready ready, request_action act, uint64_t now_ms,
		      struct raft_update *u)
{
	size_t i = 0;
	int rc = 0;

	while (i < l->n) {
		if (!ready(n, l->items[i], now_ms)) {
			i++;
			continue;
		}
		if (act(n, node_list_take(l, i), now_ms, u) < 0)
			rc = -1;
	}
	return rc;
}

static bool slot_committed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)now_ms;
	return q->index <= raft_commit(&n->raft);
}

/* A put this replica appended is settled once its index is committed: by
 * the entry itself (whoever leads has answered) or by another (then it can
 * never commit, and the client is sent to the leader). */
static int settle_put(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	(void)now_ms;
	/* Below a leader's snapshot its fate is unknown here: if it took
	 * effect its leader answered, and a redirect would be a second answer. */
	if (q->index > raft_compacted_upto(&n->raft) && (strcmp(raft_entry(&n->raft, q->index)->mid, q->mid) != 0 ||
							 raft_entry_term(&n->raft, q->index) != q->term)) {
		node_logf(n, RAFT_LOG_INFO, "put %s lost its slot %llu: redirect", q->mid,
			  (unsigned long long)q->index);
		rc = reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	}
	node_request_free(q);
	return rc;
}

static bool always(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)n;
	(void)q;
	(void)now_ms;
	return true;
}

/* Linearizable: a majority confirmed this leader after the read arrived,
 * and the state includes every entry committed before it arrived. The
 * test-bed asks more: its client checks the answer against every put it
 * has seen acknowledged by then, and a put of this key that arrived after
 * the read may be acknowledged by the delegate before this leader knows.
 * So a read also waits while such a put is unapplied here. Puts this
 * leader answers itself need no wait: their oks follow the read's. */
/* A read waits for a round that began after it arrived (seq), and is
 * served only while a majority acknowledged a message sent less than a
 * lease ago: a leader that was stopped reads the replies that waited in
 * its socket, which confirm a round from before the stop, while another
 * leader may have acknowledged puts since. */
static bool read_confirmed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	bool confirmed = (!q->seq || raft_seq_confirmed(&n->raft, q->seq)) && raft_lease_valid(&n->raft, now_ms);

	return raft_term_committed(&n->raft) && n->applied >= q->read_index && confirmed && answer_sent(n, q->key) &&
	       !unapplied_write(n, q->key, true);
}

static int serve_read(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = answer_read(n, u, q);

	(void)now_ms;
	node_request_free(q);
	return rc;
}

static int serve_reads(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	if (!raft_is_leader(&n->raft)) /* not in the log: whoever leads next may serve them */
		return take_ready(n, &n->reads, always, node_handle, now_ms, u);
	return take_ready(n, &n->reads, read_confirmed, serve_read, now_ms, u);
}

/* What node.h writes next to the fields of struct node. */
static void check_invariants(const struct node *n)
{
	size_t i;

	assert(n->applied <= raft_commit(&n->raft));
	assert(n->reads.n == 0 || raft_is_leader(&n->raft));
	assert(n->held.n <= NODE_MAX_HELD);
	for (i = 0; i < n->puts.n; i++)
		assert(n->puts.items[i]->index > raft_commit(&n->raft));
	(void)i;
}

static bool to_a_client(const struct msg_any *m)
{
	return m->type == MSG_TYPE_OK || m->type == MSG_TYPE_FAIL || m->type == MSG_TYPE_REDIRECT;
}

/* Everything that may follow a step of the core, in the order that keeps
 * answers right: apply (and acknowledge) first, then reads and the rest.
 * The step's answers then leave ahead of its messages to peers, in the
 * order they were given: nothing a peer does with those messages needs
 * them to come first, and a replica stopped in the middle of sending (a
 * kill, or a receiver whose buffer fills with the peers' share of a
 * burst) then loses the commit notices, which costs a second ok at the
 * next leader, rather than the answers, which leaves a client that
 * never hears of its write (and, on the test-bed, a read of it taken
 * for wrong). A delegate's oks so leave before its reply to the leader,
 * as they must: once the leader has the reply it may serve reads that
 * see these puts, and a get is never answered before the ok of a put it
 * sees. */
static int after_step(struct node *n, uint64_t now_ms, struct raft_update *u, int rc)
{
	if (apply_committed(n, u) < 0)
		rc = -1;
	if (take_ready(n, &n->puts, slot_committed, settle_put, now_ms, u) < 0)
		rc = -1;
	if (serve_reads(n, now_ms, u) < 0)
		rc = -1;
	if (node_forward_step(n, now_ms, u) < 0)
		rc = -1;
	u->deadline = node_forward_deadline(n, now_ms, raft_deadline(&n->raft, now_ms));
	raft_outbox_partition(u, to_a_client);
	check_invariants(n);
	return rc;
}

/* A write's serial number, 0 when it has none. */
static uint64_t seq_of(const struct msg_any *msg)
{
	switch (msg->type) {
	case MSG_TYPE_PUT:
		return msg->as.put._present.seq ? msg->as.put.seq : 0;
	case MSG_TYPE_DELETE:
		return msg->as.delete._present.seq ? msg->as.delete.seq : 0;
	case MSG_TYPE_CAS:
		return msg->as.cas._present.seq ? msg->as.cas.seq : 0;
	default:
		return 0;
	}
}

static struct node_request *request_from(const struct msg_any *msg)
{
	const struct msg_envelope *env = &msg->as.env;
	struct node_request *q;

	if (msg->type == MSG_TYPE_GET)
		return node_request_new(MSG_TYPE_GET, env->src, env->leader, msg->as.get.mid, msg->as.get.key, NULL);
	if (msg->type == MSG_TYPE_DELETE)
		q = node_request_new(MSG_TYPE_DELETE, env->src, env->leader, msg->as.delete.mid, msg->as.delete.key,
				     "");
	else if (msg->type == MSG_TYPE_CAS)
		q = node_cas_request_new(env->src, env->leader, msg->as.cas.mid, msg->as.cas.key, msg->as.cas.expected,
					 msg->as.cas.value);
	else
		q = node_request_new(MSG_TYPE_PUT, env->src, env->leader, msg->as.put.mid, msg->as.put.key,
				     msg->as.put.value);
	if (q)
		q->write_seq = seq_of(msg);
	return q;
}

int node_receive(struct node *n, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	struct node_request *q;
	int rc = 0;

	switch (msg->type) {
	case MSG_TYPE_GET:
	case MSG_TYPE_PUT:
	case MSG_TYPE_DELETE:
	case MSG_TYPE_CAS:
		q = request_from(msg);
		rc = q ? node_handle(n, q, now_ms, u) : -1;
		break;
	case MSG_TYPE_FORWARD:
		rc = node_recv_forward(n, &msg->as.forward, now_ms, u);
		break;
	case MSG_TYPE_FORWARD_ACK:
		rc = node_recv_forward_ack(n, &msg->as.forward_ack, now_ms, u);
		break;
	default:
		rc = raft_step(&n->raft, msg, now_ms, u);
		break;
	}
	return after_step(n, now_ms, u, rc);
}

int node_tick(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	return after_step(n, now_ms, u, raft_tick(&n->raft, now_ms, u));
}

void node_set_forward_within(struct node *n, uint64_t ms)
{
	n->forward_within = ms;
}

void node_tell_absent(struct node *n)
{
	n->tell_absent = true;
}

void node_status(const struct node *n, struct msg_status_reply *r)
{
	r->role = (char *)raft_role_name(raft_role_of(&n->raft)); /* never freed: the caller sends and forgets r */
	r->term = raft_term(&n->raft);
	r->commit = raft_commit(&n->raft);
	r->applied = n->applied;
	r->last_index = raft_last_index(&n->raft);
	r->snapshot_index = raft_snapshot_index(&n->raft);
}
