/* Elections: pre-vote, votes, and their replies; see raft_election.h. */
#include "raft_election.h"
#include "base/mutant.h"

#include <assert.h>
#include <string.h>

static bool is_campaigning(const struct raft *r)
{
	return r->role == RAFT_PRE_CANDIDATE || r->role == RAFT_CANDIDATE;
}

static bool log_up_to_date(const struct raft *r, uint64_t last_index, uint64_t last_term)
{
	uint64_t my_term = raft_log_term(&r->log, r->log.last);

	/* Section 5.4.1: compare the terms of the last entries, then lengths. */
	return last_term > my_term || (last_term == my_term && last_index >= r->log.last);
}

/* Section 6: a server that heard from a current leader within the minimum
 * election timeout neither grants votes nor updates its term. This is what
 * makes the leader's read lease safe. */
static bool leader_is_fresh(const struct raft *r, uint64_t now_ms)
{
	return raft_leader_fresh(r, now_ms, r->timing.election_min);
}

static void send_vote_requests(struct raft *r)
{
	bool pre_vote = r->role == RAFT_PRE_CANDIDATE;
	size_t i;

	assert(is_campaigning(r));
	for (i = 0; i < r->n_peers; i++) {
		struct msg_any *m;

		if (r->peers[i].answered)
			continue;
		m = raft_out_new(r, MSG_TYPE_REQUEST_VOTE, r->peers[i].id);
		if (!m)
			continue;
		m->as.request_vote.term = pre_vote ? r->term + 1 : r->term;
		m->as.request_vote.last_log_index = r->log.last;
		m->as.request_vote.last_log_term = raft_log_term(&r->log, r->log.last);
		m->as.request_vote.pre_vote = pre_vote;
	}
}

void raft_election_retry(struct raft *r)
{
	assert(is_campaigning(r));
	r->vote_retry_at = 0; /* once per election */
	send_vote_requests(r);
}

static bool has_majority(const struct raft *r)
{
	size_t i, n = 1; /* our own */

	for (i = 0; i < r->n_peers; i++)
		n += r->peers[i].granted;
	return n >= raft_quorum(r);
}

static enum raft_election_outcome campaign(struct raft *r, uint64_t now_ms)
{
	raft_convert_to_candidate(r, now_ms);
	if (has_majority(r))
		return RAFT_ELECTION_WON;
	send_vote_requests(r);
	return RAFT_ELECTION_PENDING;
}

/* Section 9.6: ask first whether we could win, without touching terms, so
 * that a partitioned server cannot disrupt the cluster when it returns. */
enum raft_election_outcome raft_election_start(struct raft *r, uint64_t now_ms)
{
	if (r->term >= RAFT_TERM_MAX) {
		raft_logf(r, RAFT_LOG_WARN, "term %llu is RAFT_TERM_MAX: cannot campaign for another, stay a follower",
			  (unsigned long long)r->term);
		raft_convert_to_follower(r, r->term, MSG_ID_BROADCAST, now_ms);
		raft_reset_election_timer(r, now_ms);
		return RAFT_ELECTION_PENDING;
	}
	raft_convert_to_pre_candidate(r, now_ms);
	if (has_majority(r))
		return campaign(r, now_ms);
	send_vote_requests(r);
	return RAFT_ELECTION_PENDING;
}

static void reply_vote(struct raft *r, const char *to, uint64_t term, bool granted, bool pre_vote)
{
	struct msg_any *m = raft_out_new(r, MSG_TYPE_REQUEST_VOTE_REPLY, to);

	if (!m)
		return;
	m->as.request_vote_reply.term = term;
	m->as.request_vote_reply.granted = granted;
	m->as.request_vote_reply.pre_vote = pre_vote;
	m->as.request_vote_reply.commit = r->known_commit;
}

void raft_election_recv_request(struct raft *r, const struct msg_request_vote *m, uint64_t now_ms)
{
	bool log_ok = MUTANT_ON(VOTE_WITHOUT_LOG_CHECK) || log_up_to_date(r, m->last_log_index, m->last_log_term);
	const char *from = m->env.src;

	if (m->pre_vote) {
		bool grant = m->term > r->term && log_ok && !leader_is_fresh(r, now_ms);

		raft_logf(r, RAFT_LOG_DEBUG, "pre-vote from %s for term %llu: %s", from, (unsigned long long)m->term,
			  grant ? "grant" : "refuse");
		reply_vote(r, from, grant ? m->term : r->term, grant, true);
		return;
	}
	if (m->term > r->term) {
		if (leader_is_fresh(r, now_ms)) {
			raft_logf(r, RAFT_LOG_DEBUG, "vote from %s for term %llu refused: leader %s is fresh", from,
				  (unsigned long long)m->term, r->leader);
			reply_vote(r, from, r->term, false, false);
			return;
		}
		raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	}
	if (m->term == r->term && log_ok && (r->voted_for[0] == '\0' || strcmp(r->voted_for, from) == 0)) {
		msg_id_copy(r->voted_for, from);
		raft_reset_election_timer(r, now_ms);
		raft_logf(r, RAFT_LOG_INFO, "remote log is up to date: grant vote to %s in term %llu", from,
			  (unsigned long long)r->term);
		reply_vote(r, from, r->term, true, false);
		return;
	}
	reply_vote(r, from, r->term, false, false);
}

/* What every answer says, whatever the role: the commit index its sender
 * knows (granted or not: see raft_adopt_known_commit), and, when refused,
 * perhaps a higher term. True if this replica stepped down. */
static bool learn_from_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	raft_learn_commit(r, m->commit);
	if (m->granted || m->term <= r->term)
		return false;
	raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	return true;
}

void raft_election_recv_late_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	assert(!is_campaigning(r));
	learn_from_reply(r, m, now_ms);
}

enum raft_election_outcome raft_election_recv_reply(struct raft *r, const struct msg_request_vote_reply *m,
						    uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);
	bool pre_vote = r->role == RAFT_PRE_CANDIDATE;

	assert(is_campaigning(r));
	if (m->pre_vote != pre_vote) { /* an answer to the other kind of round */
		learn_from_reply(r, m, now_ms);
		return RAFT_ELECTION_PENDING;
	}
	p->answered = true;
	if (learn_from_reply(r, m, now_ms) || !m->granted)
		return RAFT_ELECTION_PENDING;
	/* A pre-vote is granted for the term we would campaign in. */
	if (m->term != (pre_vote ? r->term + 1 : r->term))
		return RAFT_ELECTION_PENDING;
	p->granted = true;
	if (!has_majority(r))
		return RAFT_ELECTION_PENDING;
	return pre_vote ? campaign(r, now_ms) : RAFT_ELECTION_WON;
}
