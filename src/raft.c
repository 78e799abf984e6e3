/* The core's entry points, role changes and shared helpers. */
#include "raft_internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * Default timing. The test-bed is a Python loop on loopback: a hop costs
 * tens to hundreds of microseconds, so a round trip is about 1 ms, and a
 * run is judged on messages as much as on latency.
 * - heartbeat 300 ms: only followers that were sent nothing for that long
 *   get one, so heartbeats cost messages mostly when the cluster is idle
 *   (5 replicas: 4 x 2 x 3.3 = 27 messages a second).
 * - election_min 1000 ms: over three heartbeats, so a follower times out
 *   only if three in a row are lost (2.7% at 30% drops), and pre-vote then
 *   keeps it from disturbing the leader. A dead leader is replaced within
 *   1 to 2 s; requests meanwhile wait, they are not lost.
 * - lease 800 ms < election_min: followers refuse votes for election_min
 *   after hearing from the leader, counted from when they received a
 *   message the leader sent no earlier than the lease start.
 * - retry 10 ms: ten round trips; entries not committed by then are resent
 *   to one more follower than a quorum still needs (the most recently
 *   heard of those lacking them).
 * - vote_retry 40 ms: a lost vote request or reply would otherwise cost a
 *   whole election timeout; silent peers are asked once more.
 * - check_quorum 2000 ms: two election timeouts, so that drops alone almost
 *   never make a healthy leader step down.
 */
struct raft_timing raft_default_timing(void)
{
	struct raft_timing t = {
		.heartbeat = 300,
		.election_min = 1000,
		.lease = 800,
		.retry = 10,
		.vote_retry = 40,
		.check_quorum = 2000,
	};
	return t;
}

const char *raft_role_name(enum raft_role role)
{
	static const char *const names[] = { "follower", "pre-candidate", "candidate", "leader" };

	return (unsigned)role < 4 ? names[role] : "?";
}

void raft_logf(const struct raft *r, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	if (!r->log_fn)
		return;
	va_start(ap, fmt);
	r->log_fn(r->log_ctx, level, fmt, ap);
	va_end(ap);
}

int raft_init(struct raft *r, const struct raft_config *cfg, uint64_t now_ms)
{
	size_t i;

	memset(r, 0, sizeof *r);
	if (!cfg->id || strlen(cfg->id) != MSG_ID_LEN || cfg->n_peers > 20)
		return -1;
	r->peers = calloc(cfg->n_peers ? cfg->n_peers : 1, sizeof *r->peers);
	if (!r->peers)
		return -1;
	memcpy(r->id, cfg->id, MSG_ID_SIZE);
	r->n_peers = cfg->n_peers;
	for (i = 0; i < cfg->n_peers; i++)
		memcpy(r->peers[i].id, cfg->peers[i], MSG_ID_SIZE);
	r->timing = cfg->timing;
	r->rng = cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ull;
	r->log_fn = cfg->log;
	r->log_ctx = cfg->log_ctx;
	r->role = RAFT_FOLLOWER;
	memcpy(r->leader, MSG_ID_BROADCAST, MSG_ID_SIZE);
	raft_log_init(&r->log);
	raft_reset_election_timer(r, now_ms);
	return 0;
}

void raft_free(struct raft *r)
{
	raft_log_free(&r->log);
	free(r->peers);
	memset(r, 0, sizeof *r);
}

void raft_update_init(struct raft_update *u)
{
	memset(u, 0, sizeof *u);
}

void raft_update_reset(struct raft_update *u)
{
	size_t i;

	for (i = 0; i < u->out.n; i++)
		msg_any_free(&u->out.items[i]);
	u->out.n = 0;
	u->commit_from = u->commit_to = 0;
	u->ack_from = 0;
	u->deadline = 0;
}

void raft_update_free(struct raft_update *u)
{
	raft_update_reset(u);
	free(u->out.items);
	raft_update_init(u);
}

struct msg_any *raft_outbox_add(struct raft_update *u, enum msg_type type)
{
	struct raft_outbox *out = &u->out;
	struct msg_any *m;

	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		struct msg_any *grown = realloc(out->items, cap * sizeof *grown);

		if (!grown)
			return NULL;
		out->items = grown;
		out->cap = cap;
	}
	m = &out->items[out->n++];
	msg_any_init(m, type);
	return m;
}

void raft_outbox_drop_last(struct raft_update *u)
{
	msg_any_free(&u->out.items[--u->out.n]);
}

struct msg_any *raft_out_new(struct raft *r, enum msg_type type, const char *dst)
{
	struct msg_any *m = raft_outbox_add(r->update, type);

	if (!m) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory: a %s to %s is lost", msg_type_name(type), dst);
		return NULL;
	}
	memcpy(m->as.env.src, r->id, MSG_ID_SIZE);
	memcpy(m->as.env.dst, dst, MSG_ID_SIZE);
	memcpy(m->as.env.leader, r->leader, MSG_ID_SIZE);
	return m;
}

size_t raft_quorum(const struct raft *r)
{
	return (r->n_peers + 1) / 2 + 1;
}

struct raft_peer *raft_find_peer(struct raft *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		if (strcmp(r->peers[i].id, id) == 0)
			return &r->peers[i];
	return NULL;
}

/* xorshift64*: the core's only source of randomness, seeded by the caller. */
uint64_t raft_random(struct raft *r, uint64_t below)
{
	r->rng ^= r->rng >> 12;
	r->rng ^= r->rng << 25;
	r->rng ^= r->rng >> 27;
	return below ? (r->rng * 0x2545F4914F6CDD1Dull) % below : 0;
}

void raft_reset_election_timer(struct raft *r, uint64_t now_ms)
{
	r->election_deadline = now_ms + r->timing.election_min + raft_random(r, r->timing.election_min);
}

void raft_set_leader(struct raft *r, const char *id)
{
	memcpy(r->leader, id, MSG_ID_SIZE);
}

void raft_become_follower(struct raft *r, uint64_t term, const char *leader, uint64_t now_ms)
{
	bool was = r->role != RAFT_FOLLOWER || term != r->term || strcmp(leader, r->leader) != 0;

	if (term > r->term) {
		raft_logf(r, RAFT_LOG_INFO, "term %llu -> %llu: remote term is higher, become follower",
			  (unsigned long long)r->term, (unsigned long long)term);
		r->term = term;
		r->voted_for[0] = '\0';
	}
	if (r->role != RAFT_FOLLOWER) {
		raft_logf(r, RAFT_LOG_INFO, "%s -> follower in term %llu", raft_role_name(r->role),
			  (unsigned long long)r->term);
		r->role = RAFT_FOLLOWER;
	}
	raft_set_leader(r, leader);
	if (was)
		raft_reset_election_timer(r, now_ms);
}

void raft_become_leader(struct raft *r, uint64_t now_ms)
{
	struct msg_log_entry noop = { .term = r->term, .key = "", .value = "", .mid = "" };
	size_t i;

	raft_logf(r, RAFT_LOG_INFO, "won the election: leader of term %llu", (unsigned long long)r->term);
	r->role = RAFT_LEADER;
	raft_adopt_known_commit(r);
	raft_set_leader(r, r->id);
	r->seq = 0;
	r->wide_until_ms = 0;
	for (i = 0; i < r->n_peers; i++) {
		struct raft_peer *p = &r->peers[i];

		p->next_index = r->log.last + 1;
		p->match_index = 0;
		p->acked_seq = 0;
		p->acked_sent_ms = 0;
		p->last_heard_ms = now_ms; /* a grace period for check-quorum */
		p->last_sent_ms = 0;
		p->backoff_ms = r->timing.retry;
	}
	/* Section 8: a no-op entry of the new term lets the leader learn which
	 * entries are committed, and commits those of earlier terms. */
	memcpy(noop.client, MSG_ID_BROADCAST, MSG_ID_SIZE);
	if (raft_log_append(&r->log, &noop) < 0) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory appending the no-op");
		return;
	}
	r->oldest_unacked_ms = now_ms;
	for (i = 0; i < r->n_peers; i++)
		raft_send_append(r, &r->peers[i], now_ms);
}

uint64_t raft_deadline(const struct raft *r, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		return raft_leader_deadline(r, now_ms);
	if (r->vote_retry_at && r->vote_retry_at < r->election_deadline)
		return r->vote_retry_at;
	return r->election_deadline;
}

/* Every entry point writes into the caller's update while it runs, and
 * leaves in it when to call raft_tick next. */
static void end_step(struct raft *r, uint64_t now_ms)
{
	r->update->deadline = raft_deadline(r, now_ms);
	r->update = NULL;
}

int raft_step(struct raft *r, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	r->update = u;
	if (!raft_find_peer(r, msg->as.env.src)) {
		raft_logf(r, RAFT_LOG_WARN, "dropped a %s from %s: not a peer", msg_type_name(msg->type), msg->as.env.src);
	} else {
		switch (msg->type) {
		case MSG_TYPE_REQUEST_VOTE:
			raft_recv_request_vote(r, &msg->as.request_vote, now_ms);
			break;
		case MSG_TYPE_REQUEST_VOTE_REPLY:
			raft_recv_vote_reply(r, &msg->as.request_vote_reply, now_ms);
			break;
		case MSG_TYPE_APPEND_ENTRIES:
			raft_recv_append_entries(r, &msg->as.append_entries, now_ms);
			break;
		case MSG_TYPE_APPEND_ENTRIES_REPLY:
			raft_recv_append_reply(r, &msg->as.append_entries_reply, now_ms);
			break;
		default:
			break;
		}
	}
	end_step(r, now_ms);
	return 0;
}

int raft_tick(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	r->update = u;
	if (r->role == RAFT_LEADER)
		raft_leader_tick(r, now_ms);
	else if (now_ms >= r->election_deadline)
		raft_start_pre_vote(r, now_ms);
	else if (r->vote_retry_at && now_ms >= r->vote_retry_at)
		raft_retry_votes(r);
	end_step(r, now_ms);
	return 0;
}

uint64_t raft_propose(struct raft *r, const char *key, const char *value, const char *client,
		      const char *mid, uint64_t now_ms, struct raft_update *u)
{
	struct msg_log_entry e = { .term = r->term, .key = (char *)key, .value = (char *)value, .mid = (char *)mid };

	if (r->role != RAFT_LEADER)
		return 0;
	memcpy(e.client, client, MSG_ID_SIZE);
	if (raft_log_append(&r->log, &e) < 0)
		return 0;
	r->update = u;
	if (r->commit + 1 == r->log.last)
		r->oldest_unacked_ms = now_ms;
	raft_replicate_new_entry(r, now_ms);
	end_step(r, now_ms);
	return r->log.last;
}

int raft_compare_u64_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y) - (x > y);
}

bool raft_lease_valid(const struct raft *r, uint64_t now_ms)
{
	uint64_t sent[21];
	size_t i, need = raft_quorum(r) - 1; /* peers besides this leader */

	if (r->role != RAFT_LEADER || !raft_term_committed(r))
		return false;
	if (need == 0)
		return true;
	for (i = 0; i < r->n_peers; i++)
		sent[i] = r->peers[i].acked_sent_ms;
	qsort(sent, r->n_peers, sizeof *sent, raft_compare_u64_desc);
	/* The majority's oldest acknowledged send starts the lease. */
	return sent[need - 1] > 0 && now_ms < sent[need - 1] + r->timing.lease;
}

uint64_t raft_read_round(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	uint64_t mark = r->seq + 1;
	size_t i;

	if (r->role != RAFT_LEADER)
		return 0;
	r->update = u;
	for (i = 0; i < r->n_peers; i++)
		raft_send_append(r, &r->peers[i], now_ms);
	end_step(r, now_ms);
	return mark;
}

bool raft_seq_confirmed(const struct raft *r, uint64_t seq)
{
	size_t i, acks = 1;

	for (i = 0; i < r->n_peers; i++)
		if (r->peers[i].acked_seq >= seq)
			acks++;
	return r->role == RAFT_LEADER && acks >= raft_quorum(r);
}

bool raft_term_committed(const struct raft *r)
{
	return raft_log_term(&r->log, r->commit) == r->term;
}

bool raft_is_peer(const struct raft *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		if (strcmp(r->peers[i].id, id) == 0)
			return true;
	return false;
}

bool raft_is_leader(const struct raft *r)
{
	return r->role == RAFT_LEADER;
}

const char *raft_leader(const struct raft *r)
{
	return r->leader;
}

uint64_t raft_leader_contacts(const struct raft *r)
{
	return r->leader_contacts;
}

bool raft_leader_fresh(const struct raft *r, uint64_t now_ms, uint64_t within_ms)
{
	if (r->role == RAFT_LEADER)
		return true;
	return strcmp(r->leader, MSG_ID_BROADCAST) != 0 && r->heard_leader &&
	       now_ms - r->leader_heard_ms < within_ms;
}
