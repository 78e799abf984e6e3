/* The in-process test network; see cluster.h. */
#include "cluster.h"
#include "cluster_disk.h"
#include "base/fnv1a.h"
#include "storage/snap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void trace_line(void *ctx, enum raft_log_level level, const char *fmt, va_list args)
{
	const struct cluster_tracer *t = ctx;
	struct cluster *c = t->c;
	size_t room = sizeof c->trace - c->trace_len;
	int n;

	if (getenv("CLUSTER_TRACE")) { /* every decision of every node, for debugging a test */
		fprintf(stderr, "%5llu %s ", (unsigned long long)(c->now - CLUSTER_START_MS),
			c->nodes[t->node].raft.id);
		vfprintf(stderr, fmt, args);
		fputc('\n', stderr);
		return;
	}
	if (!c->record_trace || level < c->trace_level || room < 256)
		return;
	n = snprintf(c->trace + c->trace_len, room, "%5llu %s ", (unsigned long long)(c->now - CLUSTER_START_MS),
		     c->nodes[t->node].raft.id);
	n += vsnprintf(c->trace + c->trace_len + n, room - (size_t)n - 1, fmt, args);
	c->trace_len += (size_t)n < room - 2 ? (size_t)n : room - 2;
	c->trace[c->trace_len++] = '\n';
	c->trace[c->trace_len] = '\0';
}

void cluster_trace_start(struct cluster *c, enum raft_log_level level)
{
	c->record_trace = true;
	c->trace_level = level;
	c->trace_len = 0;
	c->trace[0] = '\0';
}

uint64_t cluster_random(struct cluster *c, uint64_t below)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return below ? c->rng % below : 0;
}

static char ids[CLUSTER_MAX][MSG_ID_SIZE];
static const char *learner_ids[CLUSTER_MAX]; /* node_config's, read by raft_init at once */

/* Node i's configuration; peers has room for CLUSTER_MAX ids. */
static void node_config(struct cluster *c, size_t i, struct raft_config *cfg, const char **peers)
{
	size_t j, k;

	memset(cfg, 0, sizeof *cfg);
	for (j = 0, k = 0; j < c->n; j++)
		if (j != i)
			peers[k++] = ids[j];
	cfg->id = ids[i];
	cfg->peers = peers;
	cfg->n_peers = c->n - 1;
	for (j = 0, k = 0; j < c->n; j++)
		if (c->learners & (1u << j))
			learner_ids[k++] = ids[j];
	cfg->learners = learner_ids;
	cfg->n_learners = k;
	cfg->seed = c->seed * 31 + i + 1 + 1000 * c->disks[i].restarts;
	cfg->timing = raft_default_timing();
	c->tracers[i].c = c;
	c->tracers[i].node = i;
	cfg->log = trace_line;
	cfg->log_ctx = &c->tracers[i];
}

void cluster_init(struct cluster *c, size_t n, uint64_t seed)
{
	cluster_init_learners(c, n, seed, 0);
}

void cluster_init_learners(struct cluster *c, size_t n, uint64_t seed, unsigned learners)
{
	const char *peers[CLUSTER_MAX];
	size_t i;

	memset(c, 0, sizeof *c);
	c->n = n;
	c->learners = learners;
	c->seed = seed;
	c->now = CLUSTER_START_MS;
	c->rng = seed * 2654435761u + 88172645463325252ull;
	c->print_wire = getenv("CLUSTER_WIRE") != NULL; /* read once: delivery is the soak's hot loop */
	for (i = 0; i < n; i++)
		snprintf(ids[i], sizeof ids[i], "%04X", (unsigned)i & 0xFFFFu);
	for (i = 0; i < n; i++) {
		struct raft_config cfg;

		node_config(c, i, &cfg, peers);
		node_init(&c->nodes[i], &cfg, c->now);
		c->alive[i] = true;
	}
}

void cluster_free(struct cluster *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		node_free(&c->nodes[i]);
		cluster_disk_free_held(&c->disks[i]);
		free(c->disks[i].held);
		wal_buf_free(&c->disks[i].bytes);
		wal_buf_free(&c->disks[i].snap);
	}
	for (i = 0; i < c->n_wire; i++)
		msg_any_free(&c->wire[i]);
	free(c->wire);
	free(c->answers);
}

int cluster_index_of(const struct cluster *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->nodes[i].raft.id, id) == 0)
			return (int)i;
	return -1;
}

static void record_answer(struct cluster *c, const struct msg_any *m)
{
	struct cluster_answer *a;
	const char *mid = m->type == MSG_TYPE_OK     ? m->as.ok.mid
			  : m->type == MSG_TYPE_FAIL ? m->as.fail.mid
						     : m->as.redirect.mid;

	if (c->n_answers == c->cap_answers) {
		c->cap_answers = c->cap_answers ? 2 * c->cap_answers : 64;
		c->answers = realloc(c->answers, c->cap_answers * sizeof *c->answers);
	}
	a = &c->answers[c->n_answers++];
	memset(a, 0, sizeof *a);
	a->type = m->type;
	snprintf(a->mid, sizeof a->mid, "%s", mid);
	msg_id_copy(a->from, m->as.env.src);
	msg_id_copy(a->to, m->as.env.dst);
	msg_id_copy(a->leader, m->as.env.leader);
	a->at = c->now;
	if (m->type == MSG_TYPE_OK && m->as.ok._present.value) {
		a->has_value = true;
		snprintf(a->value, sizeof a->value, "%s", m->as.ok.value);
	}
	if (m->type == MSG_TYPE_FAIL && m->as.fail._present.error)
		snprintf(a->error, sizeof a->error, "%s", m->as.fail.error);
	a->has_deleted = m->type == MSG_TYPE_OK && m->as.ok._present.deleted;
	a->deleted = a->has_deleted ? m->as.ok.deleted : 0;
}

static void wire_push(struct cluster *c, const struct msg_any *m)
{
	if (c->n_wire == c->cap_wire) {
		c->cap_wire = c->cap_wire ? 2 * c->cap_wire : 64;
		c->wire = realloc(c->wire, c->cap_wire * sizeof *c->wire);
	}
	c->wire[c->n_wire++] = *m; /* ownership moves to the wire */
}

void cluster_duplicate(struct cluster *c, size_t i)
{
	struct msg_any copy;
	char *buf = NULL;
	size_t len;

	/* Through the codec, as a duplicated datagram would arrive. */
	if (msg_any_encode_alloc(&c->wire[i], &buf, &len, NULL) == MSG_OK &&
	    msg_any_decode(buf, len, &copy, NULL) == MSG_OK)
		wire_push(c, &copy);
	msg_buffer_free(buf);
}

/* A message leaves: onto the wire, or to the client's answers. */
static void send_out(struct cluster *c, struct msg_any *m)
{
	int from = cluster_index_of(c, m->as.env.src), to = cluster_index_of(c, m->as.env.dst);

	if (to < 0 && strcmp(m->as.env.dst, MSG_ID_BROADCAST) != 0) {
		record_answer(c, m);
		msg_any_free(m);
		return;
	}
	if (from >= 0 && to >= 0)
		c->sent[from][to]++;
	wire_push(c, m);
}

/* Moves the messages of node i's step onto the wire (or to the client's
 * answers); durable, it holds them for the next sync. */
static void collect(struct cluster *c, size_t i, struct raft_update *u)
{
	size_t k;

	if (c->durable)
		raft_persist_merge(&c->disks[i].persist, &u->persist);
	for (k = 0; k < raft_outbox_size(u); k++) {
		struct msg_any m = *raft_outbox_get(u, k); /* ours from here on */

		if (c->durable)
			cluster_disk_hold(&c->disks[i], &m);
		else
			send_out(c, &m);
	}
	raft_outbox_take_all(u);
	raft_update_free(u);
}

/* Node i writes and syncs; then what waited for it leaves. */
void cluster_sync(struct cluster *c, size_t i)
{
	struct cluster_disk *d = &c->disks[i];
	size_t k;

	cluster_disk_write(c, i, false);
	d->synced = d->bytes.len;
	for (k = 0; k < d->n_held; k++)
		send_out(c, &d->held[k]);
	d->n_held = 0;
	if (wal_note_sent(&d->writer, &d->bytes) < 0) /* written, not synced */
		abort();
}

void cluster_restart(struct cluster *c, size_t i)
{
	const char *peers[CLUSTER_MAX];
	struct cluster_disk *d = &c->disks[i];
	static struct wal_replayed out; /* 32 KB of answered MIDs */
	struct raft_config cfg;
	char why[160];
	enum wal_result rc;
	size_t k;

	rc = wal_replay(d->bytes.data, d->bytes.len, ids[i], &out);
	if (rc != WAL_OK && rc != WAL_TORN) {
		c->bad_replays++;
		snprintf(c->bad_replay, sizeof c->bad_replay, "node %zu: offset %zu: %s", i, out.bad_offset, out.why);
		wal_replayed_free(&out);
		return;
	}
	if (out.snapshot_index && snap_decode(d->snap.data, d->snap.len, ids[i], out.snapshot_index, out.snapshot_term,
					      &out.state.snapshot, why, sizeof why) < 0) {
		c->bad_replays++;
		snprintf(c->bad_replay, sizeof c->bad_replay, "node %zu: snapshot: %s", i, why);
		wal_replayed_free(&out);
		return;
	}
	c->torn_tails += rc == WAL_TORN;
	d->bytes.len = d->synced = out.valid_len; /* the cut, as wal_file_open makes it */
	wal_writer_init(&d->writer, &out.state);
	raft_persist_clear(&d->persist);
	d->restarts++;
	node_free(&c->nodes[i]);
	node_config(c, i, &cfg, peers);
	cfg.restore = &out.state;
	if (node_init(&c->nodes[i], &cfg, c->now) != RAFT_OK)
		abort();
	node_keep_answered(&c->nodes[i]);
	node_set_snapshot_every(&c->nodes[i], c->snapshot_every);
	for (k = 0; k < out.n_answered; k++)
		if (node_remember_taken(&c->nodes[i], out.answered[(out.first_answered + k) % WAL_ANSWERED_KEPT]) < 0)
			abort();
	wal_replayed_free(&out);
	c->alive[i] = true;
	c->deadline[i] = c->now;
}

static void record_message(struct cluster *c, const struct msg_any *m)
{
	char *buf = NULL;
	size_t len;

	if (msg_any_encode_alloc(m, &buf, &len, NULL) == MSG_OK)
		fprintf(c->record, "%llu %.*s\n", (unsigned long long)(c->now - CLUSTER_START_MS), (int)len, buf);
	msg_buffer_free(buf);
}

void cluster_inject(struct cluster *c, size_t i, const struct msg_any *m)
{
	struct raft_update u;

	if (c->record && i == c->record_node)
		record_message(c, m);
	raft_update_init(&u);
	node_receive(&c->nodes[i], m, c->now, &u);
	c->installs += u.snapshot_installed;
	c->deadline[i] = u.deadline;
	collect(c, i, &u);
	if (c->after_step)
		c->after_step(c, i);
}

void cluster_drop(struct cluster *c, size_t i)
{
	msg_any_free(&c->wire[i]);
	memmove(&c->wire[i], &c->wire[i + 1], (c->n_wire - i - 1) * sizeof *c->wire);
	c->n_wire--;
}

size_t cluster_find(const struct cluster *c, enum msg_type type)
{
	size_t i;

	for (i = 0; i < c->n_wire && c->wire[i].type != type; i++)
		;
	return i;
}

bool cluster_in_flight(const struct cluster *c, enum msg_type type)
{
	return cluster_find(c, type) < c->n_wire;
}

void cluster_deliver(struct cluster *c, size_t i)
{
	struct msg_any m = c->wire[i];
	int from = cluster_index_of(c, m.as.env.src), to = cluster_index_of(c, m.as.env.dst);

	memmove(&c->wire[i], &c->wire[i + 1], (c->n_wire - i - 1) * sizeof *c->wire);
	c->n_wire--;
	bool arrives = to >= 0 && c->alive[to] && (from < 0 || c->side[from] == c->side[to]) &&
		       (c->drop <= 0 || cluster_random(c, 1000000) >= (uint64_t)(c->drop * 1000000));

	if (c->print_wire) /* every datagram, with CLUSTER_TRACE's clock */
		fprintf(stderr, "%5llu wire %s -> %s %s%s\n", (unsigned long long)(c->now - CLUSTER_START_MS),
			m.as.env.src, m.as.env.dst, msg_type_name(m.type), arrives ? "" : " (lost)");
	if (arrives)
		cluster_inject(c, (size_t)to, &m);
	msg_any_free(&m);
}

void cluster_settle(struct cluster *c, size_t max_rounds)
{
	while (c->n_wire && max_rounds--)
		cluster_deliver(c, 0);
}

void cluster_read_round(struct cluster *c, size_t i)
{
	struct raft_update u;

	raft_update_init(&u);
	raft_read_round(&c->nodes[i].raft, c->now, &u);
	collect(c, i, &u);
}

void cluster_tick(struct cluster *c, size_t i)
{
	struct raft_update u;

	if (c->record && i == c->record_node)
		fprintf(c->record, "T%llu\n", (unsigned long long)(c->now - CLUSTER_START_MS));
	raft_update_init(&u);
	node_tick(&c->nodes[i], c->now, &u);
	c->past_deadlines += u.deadline <= c->now;
	c->deadline[i] = u.deadline;
	collect(c, i, &u);
	if (c->after_step)
		c->after_step(c, i);
}

void cluster_step_time(struct cluster *c)
{
	size_t i;

	c->now++;
	for (i = 0; i < c->n && c->durable; i++)
		if (c->alive[i] && !c->paused[i] && (c->sync_every <= 1 || cluster_random(c, c->sync_every) == 0))
			cluster_sync(c, i);
	for (i = 0; i < c->n; i++)
		if (c->alive[i] && !c->paused[i] && c->now >= c->deadline[i])
			cluster_tick(c, i);
}

void cluster_advance(struct cluster *c, uint64_t ms)
{
	uint64_t end = c->now + ms;

	while (c->now < end) {
		cluster_step_time(c);
		cluster_settle(c, 10000);
	}
}

int cluster_leader(const struct cluster *c)
{
	size_t i;
	int best = -1;

	for (i = 0; i < c->n; i++)
		if (c->alive[i] && raft_is_leader(&c->nodes[i].raft) &&
		    (best < 0 || c->nodes[i].raft.term > c->nodes[best].raft.term))
			best = (int)i;
	return best;
}

int cluster_elect(struct cluster *c, uint64_t limit_ms)
{
	while (limit_ms--) {
		int l = cluster_leader(c);

		if (l >= 0 && raft_term_committed(&c->nodes[l].raft))
			return l;
		cluster_advance(c, 1);
	}
	return cluster_leader(c);
}

void cluster_set_term(struct cluster *c, size_t i, uint64_t term)
{
	c->nodes[i].raft.term = term;
}

int cluster_append(struct cluster *c, size_t i, const struct msg_log_entry *e, bool raise_term)
{
	struct raft *r = &c->nodes[i].raft;

	if (raft_log_append(&r->log, e) < 0)
		return -1;
	if (raise_term && e->term > r->term)
		r->term = e->term;
	return 0;
}

void cluster_set_election_timer(struct cluster *c, size_t i, uint64_t at)
{
	c->nodes[i].raft.election_deadline = c->deadline[i] = at;
}

void cluster_widen(struct cluster *c, size_t i, uint64_t until)
{
	c->nodes[i].raft.wide_until_ms = until;
}

void cluster_set_window(struct cluster *c, size_t i, size_t window)
{
	c->nodes[i].raft.max_unanswered = window;
}

uint64_t cluster_fingerprint(const struct cluster *c, uint64_t hash)
{
	size_t i;

	for (i = 0; i < c->n_answers; i++) {
		const struct cluster_answer *a = &c->answers[i];

		hash = fnv1a(hash, &a->type, sizeof a->type);
		hash = fnv1a(hash, a->mid, strlen(a->mid) + 1);
		hash = fnv1a(hash, a->value, a->has_value ? strlen(a->value) + 1 : 0);
		hash = fnv1a(hash, a->from, MSG_ID_SIZE);
		hash = fnv1a(hash, a->to, MSG_ID_SIZE);
		hash = fnv1a(hash, a->leader, MSG_ID_SIZE);
	}
	return fnv1a(hash, c->sent, sizeof c->sent);
}
