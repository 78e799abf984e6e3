/* The state every role shares, and the operations on it; see raft_state.h. */
#include "raft_state.h"

#include <assert.h>
#include <string.h>

void raft_vlogf(const struct raft *r, enum raft_log_level level, const char *fmt, va_list args)
{
	if (r->log_fn)
		r->log_fn(r->log_ctx, level, fmt, args);
}

void raft_logf(const struct raft *r, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	raft_vlogf(r, level, fmt, ap);
	va_end(ap);
}

struct msg_any *raft_out_new(struct raft *r, enum msg_type type, const char *dst)
{
	struct msg_any *m;

	assert(r->update != NULL); /* only inside a step */
	m = raft_outbox_add(r->update, type);
	if (!m) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory: a %s to %s is lost", msg_type_name(type), dst);
		return NULL;
	}
	msg_envelope_fill(&m->as.env, r->id, dst, r->leader);
	return m;
}

size_t raft_voters(const struct raft *r)
{
	size_t i, n = !r->learner;

	for (i = 0; i < r->n_peers; i++)
		n += !r->peers[i].learner;
	return n;
}

size_t raft_quorum(const struct raft *r)
{
	return raft_voters(r) / 2 + 1;
}

struct raft_peer *raft_peer_find(const struct raft *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		if (strcmp(r->peers[i].id, id) == 0)
			return &r->peers[i];
	return NULL;
}

struct raft_peer *raft_peer_of(struct raft *r, const char *id)
{
	struct raft_peer *p = raft_peer_find(r, id);

	assert(p != NULL);
	return p;
}

int raft_compare_u64_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y) - (x > y);
}

int raft_compare_peers_by_last_heard(const void *a, const void *b)
{
	const struct raft_peer *p = *(const struct raft_peer *const *)a, *q = *(const struct raft_peer *const *)b;

	return (p->last_heard_ms < q->last_heard_ms) - (p->last_heard_ms > q->last_heard_ms);
}

void raft_peer_raise_match(struct raft_peer *p, uint64_t match)
{
	if (match > p->match_index)
		p->match_index = match;
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
}

/* 1 ms plus two smoothed round trips, within [retry_min, retry]: long
 * enough that a reply held up by a busy moment is rarely taken for lost
 * (a resend costs messages), short enough that a lost one costs a few
 * milliseconds, not ten. Under heavy loss most puts take one such wait,
 * and the median latency can land on it: 2 ms plus three round trips put
 * that mode at 5 to 6 ms on the test-bed, over advanced-3's 5 ms tier;
 * this puts it near 4 ms, for no measurable cost in messages. */
uint64_t raft_retry_interval(const struct raft *r)
{
	uint64_t wait;

	if (!r->rtt_known)
		return r->timing.retry;
	wait = 1 + 2 * r->srtt8 / 8;
	if (wait < r->timing.retry_min)
		wait = r->timing.retry_min;
	return wait < r->timing.retry ? wait : r->timing.retry;
}

/* Every append-entries has its own seq, so a reply is never credited to a
 * resend of the same entries (Karn's problem does not arise). TCP's
 * smoothing (gain 1/8); a sample above the ceiling says no more than the
 * ceiling does, and is capped there so one stall does not linger. */
void raft_measure_rtt(struct raft *r, uint64_t seq, uint64_t now_ms)
{
	uint64_t sample;

	if (seq == 0 || seq > r->seq || r->seq - seq >= RAFT_SEQ_WINDOW)
		return;
	sample = now_ms - r->seq_sent_ms[seq % RAFT_SEQ_WINDOW];
	if (sample > r->timing.retry)
		sample = r->timing.retry;
	if (!r->rtt_known) {
		r->srtt8 = 8 * sample;
		r->rtt_known = true;
		return;
	}
	r->srtt8 = r->srtt8 - r->srtt8 / 8 + sample;
}

/* xorshift64*: the core's only source of randomness, seeded by the caller. */
static uint64_t raft_random(struct raft *r, uint64_t below)
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
	msg_id_copy(r->leader, id);
}

void raft_advance_commit(struct raft *r, uint64_t index, bool as_leader)
{
	struct raft_update *u = r->update;

	assert(u != NULL);
	assert(index <= r->log.last);
	assert(!as_leader || r->role == RAFT_LEADER);
	if (index <= r->commit)
		return;
	if (u->commit_to == 0)
		u->commit_from = r->commit;
	u->commit_to = index;
	/* A leader adopting what a peer knows committed: earlier leaders
	 * answered those entries. */
	if (r->role == RAFT_LEADER && !as_leader && r->answers_upto >= r->commit)
		r->answers_upto = index;
	raft_logf(r, RAFT_LOG_DEBUG, "commit %llu -> %llu: %s", (unsigned long long)r->commit,
		  (unsigned long long)index,
		  as_leader                ? "stored on a majority"
		  : r->role == RAFT_LEADER ? "known committed, answered by an earlier leader"
					   : "as the leader says");
	r->commit = index;
	if (r->role != RAFT_LEADER) /* a leader's may wait for its delegate's answers */
		raft_learn_commit(r, index);
}

/* Any leader's commit index is a fact about the one committed log, so it
 * is kept even beyond this log, and even when told by a stale leader. */
void raft_learn_commit(struct raft *r, uint64_t index)
{
	if (index > r->known_commit)
		r->known_commit = index;
}

/* Entries of earlier terms that a peer knows committed were committed by
 * an earlier leader, which answered their clients (it tells followers in
 * the step that sends the answers, and sends the answers first); by Leader Completeness they are in this log. Entries
 * of this term only this leader commits and answers, even when the last
 * follower of a chain knew first. */
void raft_adopt_known_commit(struct raft *r)
{
	uint64_t earlier = r->term_start ? r->term_start - 1 : r->log.last;

	assert(r->role == RAFT_LEADER);
	raft_advance_commit(r, r->known_commit < earlier ? r->known_commit : earlier, false);
}

static void check_peer(const struct raft *r, const struct raft_peer *p)
{
	assert(p->match_index <= r->log.last);
	assert(p->match_index < p->next_index);
	assert(p->next_index <= r->log.last + 1);
	assert(p->acked_seq <= r->seq);
}

void raft_check_invariants(const struct raft *r)
{
	size_t i;

	assert(r->n_peers <= RAFT_MAX_PEERS);
	assert(r->max_unanswered >= 1 && r->max_unanswered <= RAFT_UNANSWERED_CAP);
	assert(r->commit <= r->log.last);
	assert(r->log.base <= (r->snapshot ? r->snapshot->index : 0));
	assert(!r->snapshot || r->snapshot->index <= r->commit);
	assert(r->update == NULL); /* between steps */
	switch (r->role) {
	case RAFT_LEADER:
		assert(strcmp(r->leader, r->id) == 0);
		assert(r->term_start <= r->log.last + 1);
		assert(r->delegate < 0 || (r->delegate < (int)r->n_peers && r->delegate_from > r->term_start));
		assert(r->inherit_to == 0 || (r->delegate < 0 && r->inherit_to < r->term_start));
		assert(strcmp(r->voted_for, r->id) == 0);
		assert(r->transfer_to < (int)r->n_peers);
		assert(!r->learner);
		assert(r->delegate < 0 || !r->peers[r->delegate].learner);
		assert(r->transfer_to < 0 || !r->peers[r->transfer_to].learner);
		for (i = 0; i < r->n_peers; i++)
			check_peer(r, &r->peers[i]);
		break;
	case RAFT_CANDIDATE:
		assert(strcmp(r->voted_for, r->id) == 0);
		/* fall through */
	case RAFT_PRE_CANDIDATE:
		assert(!r->learner);
		assert(strcmp(r->leader, MSG_ID_BROADCAST) == 0);
		break;
	case RAFT_FOLLOWER:
		assert(r->transfer_to < 0);
		assert(strcmp(r->leader, r->id) != 0);
		assert(r->vote_retry_at == 0);
		break;
	}
	(void)i;
}
