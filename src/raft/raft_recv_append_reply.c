/* Append-entries replies: the leader's side of section 5.3 (matches,
 * conflicts and their hints), and what any role learns from a reply. */
#include "raft_recv_append_reply.h"
#include "base/mutant.h"
#include "raft_chain.h"
#include "raft_commit.h"
#include "raft_convert.h"
#include "raft_inherit.h"
#include "raft_send.h"
#include "raft_share.h"

#include <assert.h>

/* Section 5.3, with the follower's hints: skip a whole conflicting term. */
static uint64_t next_after_conflict(const struct raft *r, const struct msg_append_entries_reply *m)
{
	uint64_t i;

	if (m->conflict_term != 0)
		for (i = r->log.last; i > r->log.base; i--)
			if (raft_log_term(&r->log, i) == m->conflict_term)
				return i + 1;
	return m->conflict_index ? m->conflict_index : 1;
}

/* What every reply says, whatever the role: the commit index its sender
 * knows, and perhaps a higher term. True if this replica stepped down. */
static bool learn_from_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	raft_learn_commit(r, m->commit);
	if (m->term <= r->term)
		return false;
	raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	return true;
}

void raft_recv_append_entries_late_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	assert(r->role != RAFT_LEADER);
	learn_from_reply(r, m, now_ms);
}

/* A reply (or a relay of the message with this seq) proves p heard it. */
static void note_heard(struct raft *r, struct raft_peer *p, uint64_t seq, uint64_t now_ms)
{
	p->last_heard_ms = now_ms;
	p->backoff_ms = raft_retry_interval(r);
	if (seq > p->acked_seq && seq <= r->seq) {
		p->acked_seq = seq;
		if (r->seq - seq < RAFT_SEQ_WINDOW && r->seq_sent_ms[seq % RAFT_SEQ_WINDOW] > p->acked_sent_ms)
			p->acked_sent_ms = r->seq_sent_ms[seq % RAFT_SEQ_WINDOW];
	}
}

/* The followers that passed a chained append-entries on stored its
 * entries first (a follower relays only what it accepted), and heard the
 * leader's message: they count for the commit, the lease and
 * check-quorum as if they had replied. */
static void credit_witnesses(struct raft *r, const struct msg_append_entries_reply *m, const struct raft_peer *replier,
			     uint64_t now_ms)
{
	size_t i;

	if (!m->_present.witness_match || m->witness_match > r->log.last)
		return;
	for (i = 0; i < m->_count.witnesses; i++) {
		struct raft_peer *w = raft_peer_find(r, m->witnesses[i].id);

		if (!w || w == replier)
			continue;
		note_heard(r, w, m->seq, now_ms);
		raft_peer_raise_match(w, m->witness_match);
	}
}

/* A reply of this term names a message number this leader sent and, when
 * it succeeds, an index of this leader's log: nothing else can come from a
 * correct follower, so a reply that does not is not believed in any part
 * (not even as a sign of life, which would extend the lease). */
static bool answers_something_sent(const struct raft *r, const struct msg_append_entries_reply *m)
{
	return m->seq <= r->seq && (!m->success || m->match_index <= r->log.last);
}

void raft_recv_append_entries_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);

	assert(r->role == RAFT_LEADER);
	if (learn_from_reply(r, m, now_ms) || m->term != r->term)
		return;
	if (!answers_something_sent(r, m)) {
		raft_logf(r, RAFT_LOG_WARN, "dropped an append reply from %s: seq %llu, match %llu answer nothing sent",
			  m->env.src, (unsigned long long)m->seq, (unsigned long long)m->match_index);
		return;
	}
	raft_adopt_known_commit(r);
	raft_measure_rtt(r, m->seq, now_ms);
	note_heard(r, p, m->seq, now_ms);
	p->answered = true;
	raft_inherit_check(r, now_ms);
	if (m->commit > p->known_commit)
		p->known_commit = m->commit;
	if (m->_present.answered && p == raft_share_delegate(r) && m->answered > p->answered_upto) {
		p->answered_upto = m->answered < r->log.last ? m->answered : r->log.last;
		raft_share_learn(r);
	}
	credit_witnesses(r, m, p, now_ms);
	if (!m->success) {
		uint64_t next = next_after_conflict(r, m);

		if (next <= p->match_index)
			next = p->match_index + 1;
		if (m->seq == p->acked_seq) { /* only the newest answer steers */
			raft_logf(r, RAFT_LOG_DEBUG, "%s lacks entries: hint index %llu term %llu -> send from %llu",
				  p->id, (unsigned long long)m->conflict_index, (unsigned long long)m->conflict_term,
				  (unsigned long long)next);
			p->next_index = next;
			if (!raft_send_batch_pending(r, p, now_ms)) /* a reply to what went before the batch */
				raft_send_append(r, p, now_ms);
		}
		return;
	}
	raft_peer_raise_match(p, MUTANT_ON(MATCH_FROM_LEADER_LOG) ? r->log.last : m->match_index);
	raft_commit_update(r, now_ms);
	if (r->role == RAFT_LEADER && r->entries_owed)
		raft_chain_send_entries(r, false, now_ms);
	/* Catching up after a leader change: keep sending while behind, unless
	 * what it lacks is already on its way. */
	if (p->match_index < r->log.last && p->sent_upto <= p->match_index)
		raft_send_append(r, p, now_ms);
}
