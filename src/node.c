/* Client requests around the Raft core: answer, redirect, hold, apply. */
#include "node.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct node_request {
	enum msg_type type;         /* MSG_TYPE_GET or MSG_TYPE_PUT */
	char client[MSG_ID_SIZE];
	char named[MSG_ID_SIZE];    /* the leader the client believed in */
	char *mid, *key, *value;
	uint64_t contacts;          /* held: raft_leader_contacts when it started waiting */
	uint64_t index, term;       /* put: where it sits in the log */
	uint64_t seq, read_index;   /* get: the round that confirms it, and the commit to apply first */
};

static void node_logf(const struct node *n, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	if (!n->raft.log_fn)
		return;
	va_start(ap, fmt);
	n->raft.log_fn(n->raft.log_ctx, level, fmt, ap);
	va_end(ap);
}

static void request_free(struct node_request *q)
{
	if (!q)
		return;
	free(q->mid);
	free(q->key);
	free(q->value);
	free(q);
}

static struct node_request *request_new(enum msg_type type, const struct msg_envelope *env, const char *mid,
					const char *key, const char *value)
{
	struct node_request *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->type = type;
	memcpy(q->client, env->src, MSG_ID_SIZE);
	memcpy(q->named, env->leader, MSG_ID_SIZE);
	q->mid = strdup(mid);
	q->key = strdup(key);
	q->value = strdup(value ? value : "");
	if (!q->mid || !q->key || !q->value) {
		request_free(q);
		return NULL;
	}
	return q;
}

static int list_push(struct node_list *l, struct node_request *q)
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

/* Removes item i, keeping the order of the rest (answers go out in arrival order). */
static struct node_request *list_take(struct node_list *l, size_t i)
{
	struct node_request *q = l->items[i];

	memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof *l->items);
	l->n--;
	return q;
}

static void list_free(struct node_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		request_free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

int node_init(struct node *n, const struct raft_config *cfg, uint64_t now_ms)
{
	memset(n, 0, sizeof *n);
	if (raft_init(&n->raft, cfg, now_ms) < 0)
		return -1;
	kv_init(&n->kv);
	return 0;
}

void node_free(struct node *n)
{
	list_free(&n->reads);
	list_free(&n->puts);
	list_free(&n->held);
	kv_free(&n->kv);
	raft_free(&n->raft);
}

/* Queues an answer to a client; `value` only for the ok of a get. */
static int reply(struct node *n, struct raft_update *u, enum msg_type type, const char *client, const char *mid,
		 const char *value)
{
	struct msg_any *m = raft_outbox_add(u, type);
	char **mid_field;

	if (!m)
		return -1;
	mid_field = type == MSG_TYPE_OK ? &m->as.ok.mid : type == MSG_TYPE_FAIL ? &m->as.fail.mid : &m->as.redirect.mid;
	memcpy(m->as.env.src, n->raft.id, MSG_ID_SIZE);
	memcpy(m->as.env.dst, client, MSG_ID_SIZE);
	memcpy(m->as.env.leader, raft_leader(&n->raft), MSG_ID_SIZE);
	*mid_field = strdup(mid);
	if (value) {
		m->as.ok.value = strdup(value);
		m->as.ok._present.value = true;
	}
	if (!*mid_field || (value && !m->as.ok.value)) {
		msg_any_free(m);
		u->out.n--;
		return -1;
	}
	return 0;
}

static int answer_read(struct node *n, struct raft_update *u, const struct node_request *q)
{
	const char *value = kv_get(&n->kv, q->key);

	return reply(n, u, MSG_TYPE_OK, q->client, q->mid, value ? value : "");
}

/* Leader: a get is served now under a lease, else after a read-index round. */
static int lead_get(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	if (raft_lease_valid(&n->raft, now_ms) && n->applied == n->raft.commit) {
		int rc = answer_read(n, u, q);

		request_free(q);
		return rc;
	}
	q->read_index = n->raft.commit;
	q->seq = raft_read_round(&n->raft, now_ms, u);
	return list_push(&n->reads, q);
}

static int lead_put(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	q->index = raft_propose(&n->raft, q->key, q->value, q->client, q->mid, now_ms, u);
	q->term = n->raft.term;
	node_logf(n, RAFT_LOG_DEBUG, "put %s from %s: appended at %llu", q->mid, q->client, (unsigned long long)q->index);
	if (q->index == 0 || list_push(&n->puts, q) < 0) {
		/* Out of memory: nothing entered the log, so the client may retry. */
		int rc = q->index == 0 ? reply(n, u, MSG_TYPE_FAIL, q->client, q->mid, NULL) : -1;

		request_free(q);
		return rc;
	}
	return 0;
}

/* A follower sends a client to the leader it believes in only once that
 * leader has been heard from since the request began to wait here: then
 * it was alive after the client gave up on whoever it asked before. A
 * belief older than the request may name a leader that has just died, and
 * the client, finding it dead, would come straight back to a random
 * replica with `leader` FFFF: a redirect loop, turn after turn, until an
 * election ends. */
static bool may_redirect(const struct node *n, const struct node_request *q)
{
	return strcmp(raft_leader(&n->raft), MSG_ID_BROADCAST) != 0 && raft_leader_contacts(&n->raft) > q->contacts;
}

static int redirect(struct node *n, struct node_request *q, struct raft_update *u, const char *why)
{
	int rc;

	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: %s, redirect to %s", msg_type_name(q->type), q->mid, q->client, why,
		  raft_leader(&n->raft));
	rc = reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	request_free(q);
	return rc;
}

/* Takes ownership of q: a leader serves it. A client that names this
 * replica as its leader when it is not one was misinformed (or this
 * replica lost its place): it is told at once what this replica believes,
 * FFFF if nothing, rather than left to pile further requests on a replica
 * that cannot serve them. Anyone else is held until a leader proves alive
 * (see may_redirect) or this replica leads: without a leader there is no
 * better place to send the client, and a redirect naming none sends it to
 * a random replica, which on the minority side of a partition only holds
 * it again (or bounces it on, a loop). */
static int handle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (raft_is_leader(&n->raft))
		return q->type == MSG_TYPE_GET ? lead_get(n, q, now_ms, u) : lead_put(n, q, now_ms, u);
	if (strcasecmp(q->named, n->raft.id) == 0)
		return redirect(n, q, u, "the client takes this replica for its leader");
	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: held until a leader is heard from", msg_type_name(q->type), q->mid,
		  q->client);
	q->contacts = raft_leader_contacts(&n->raft);
	if (n->held.n == NODE_MAX_HELD) /* bounded memory: the oldest is sent off */
		rc = redirect(n, list_take(&n->held, 0), u, "too many held");
	return list_push(&n->held, q) < 0 ? -1 : rc;
}

/* Applies newly committed entries; the leader that committed them answers
 * their clients, before any read that could observe them is served. */
static int apply_committed(struct node *n, struct raft_update *u)
{
	int rc = 0;

	while (n->applied < n->raft.commit) {
		const struct msg_log_entry *e = raft_log_get(&n->raft.log, ++n->applied);

		if (strcmp(e->client, MSG_ID_BROADCAST) == 0)
			continue; /* a leader's no-op */
		if (kv_put(&n->kv, e->key, e->value) < 0) {
			node_logf(n, RAFT_LOG_WARN, "out of memory applying entry %llu", (unsigned long long)n->applied);
			n->applied--;
			return -1;
		}
		if (u->ack_from && n->applied >= u->ack_from && reply(n, u, MSG_TYPE_OK, e->client, e->mid, NULL) < 0)
			rc = -1;
	}
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
		if (act(n, list_take(l, i), now_ms, u) < 0)
			rc = -1;
	}
	return rc;
}

static bool slot_committed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)now_ms;
	return q->index <= n->raft.commit;
}

/* A put this replica appended is settled once its index is committed: by
 * the entry itself (whoever leads has answered) or by another (then it can
 * never commit, and the client is sent to the leader). */
static int settle_put(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	(void)now_ms;
	if (strcmp(raft_log_get(&n->raft.log, q->index)->mid, q->mid) != 0 ||
	    raft_log_term(&n->raft.log, q->index) != q->term) {
		node_logf(n, RAFT_LOG_INFO, "put %s lost its slot %llu: redirect", q->mid, (unsigned long long)q->index);
		rc = reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	}
	request_free(q);
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
 * and the state includes every entry committed before it arrived. */
static bool read_confirmed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)now_ms;
	return raft_term_committed(&n->raft) && n->applied >= q->read_index && raft_seq_confirmed(&n->raft, q->seq);
}

static int serve_read(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = answer_read(n, u, q);

	(void)now_ms;
	request_free(q);
	return rc;
}

static int serve_reads(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	if (!raft_is_leader(&n->raft)) /* not in the log: whoever leads next may serve them */
		return take_ready(n, &n->reads, always, handle, now_ms, u);
	return take_ready(n, &n->reads, read_confirmed, serve_read, now_ms, u);
}

static bool hold_over(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)now_ms;
	return raft_is_leader(&n->raft) || may_redirect(n, q);
}

static int release(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	if (raft_is_leader(&n->raft))
		return handle(n, q, now_ms, u);
	return redirect(n, q, u, "leader heard from since it came");
}

/* Everything that may follow a step of the core, in the order that keeps
 * answers right: apply (and acknowledge) first, then reads and the rest. */
static int after_step(struct node *n, uint64_t now_ms, struct raft_update *u, int rc)
{
	if (apply_committed(n, u) < 0)
		rc = -1;
	if (take_ready(n, &n->puts, slot_committed, settle_put, now_ms, u) < 0)
		rc = -1;
	if (serve_reads(n, now_ms, u) < 0)
		rc = -1;
	if (take_ready(n, &n->held, hold_over, release, now_ms, u) < 0)
		rc = -1;
	u->deadline = raft_deadline(&n->raft, now_ms);
	return rc;
}

static struct node_request *request_from(const struct msg_any *msg)
{
	if (msg->type == MSG_TYPE_GET)
		return request_new(MSG_TYPE_GET, &msg->as.env, msg->as.get.mid, msg->as.get.key, NULL);
	return request_new(MSG_TYPE_PUT, &msg->as.env, msg->as.put.mid, msg->as.put.key, msg->as.put.value);
}

int node_receive(struct node *n, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (msg->type == MSG_TYPE_GET || msg->type == MSG_TYPE_PUT) {
		struct node_request *q = request_from(msg);

		rc = q ? handle(n, q, now_ms, u) : -1;
	} else {
		rc = raft_step(&n->raft, msg, now_ms, u);
	}
	return after_step(n, now_ms, u, rc);
}

int node_tick(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	return after_step(n, now_ms, u, raft_tick(&n->raft, now_ms, u));
}
