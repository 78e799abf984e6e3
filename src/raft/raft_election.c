/* Elections, the campaigner's side: pre-vote, then votes (sections 5.2,
 * 9.6). */
#include "raft_election.h"

#include <assert.h>

bool raft_election_running(const struct raft *r)
{
	return r->role == RAFT_PRE_CANDIDATE || r->role == RAFT_CANDIDATE;
}

static void send_vote_requests(struct raft *r)
{
	bool pre_vote = r->role == RAFT_PRE_CANDIDATE;
	size_t i;

	assert(raft_election_running(r));
	for (i = 0; i < r->n_peers; i++) {
		struct msg_any *m;

		if (r->peers[i].answered || r->peers[i].learner)
			continue;
		m = raft_out_new(r, MSG_TYPE_REQUEST_VOTE, r->peers[i].id);
		if (!m)
			continue;
		m->as.request_vote.term = pre_vote ? r->term + 1 : r->term;
		m->as.request_vote.last_log_index = r->log.last;
		m->as.request_vote.last_log_term = raft_log_term(&r->log, r->log.last);
		m->as.request_vote.pre_vote = pre_vote;
		m->as.request_vote.transfer = m->as.request_vote._present.transfer = r->campaign_transfer;
	}
}

void raft_election_retry(struct raft *r)
{
	assert(raft_election_running(r));
	r->vote_retry_at = 0; /* once per election */
	send_vote_requests(r);
}

bool raft_election_has_majority(const struct raft *r)
{
	size_t i, n = !r->learner; /* our own */

	for (i = 0; i < r->n_peers; i++)
		n += r->peers[i].granted && !r->peers[i].learner;
	return n >= raft_quorum(r);
}

static enum raft_election_outcome campaign(struct raft *r, bool transfer, uint64_t now_ms)
{
	raft_convert_to_candidate(r, transfer, now_ms);
	if (raft_election_has_majority(r))
		return RAFT_ELECTION_WON;
	send_vote_requests(r);
	return RAFT_ELECTION_PENDING;
}

enum raft_election_outcome raft_election_campaign(struct raft *r, uint64_t now_ms)
{
	return campaign(r, false, now_ms);
}

static bool may_campaign(struct raft *r, uint64_t now_ms)
{
	if (r->learner) { /* a follower for good: it only waits to hear from a leader */
		raft_logf(r, RAFT_LOG_DEBUG, "a learner: no election");
		raft_reset_election_timer(r, now_ms);
		return false;
	}
	if (r->term < RAFT_TERM_MAX)
		return true;
	raft_logf(r, RAFT_LOG_WARN, "term %llu is RAFT_TERM_MAX: cannot campaign for another, stay a follower",
		  (unsigned long long)r->term);
	raft_convert_to_follower(r, r->term, MSG_ID_BROADCAST, now_ms);
	raft_reset_election_timer(r, now_ms);
	return false;
}

/* Dissertation 3.10: the leader has brought this follower's log up to its
 * own and steps aside; a pre-vote would only be refused (every voter heard
 * from that leader lately), so the campaign starts at once. */
enum raft_election_outcome raft_election_transfer(struct raft *r, uint64_t now_ms)
{
	if (!may_campaign(r, now_ms))
		return RAFT_ELECTION_PENDING;
	return campaign(r, true, now_ms);
}

/* Section 9.6: ask first whether we could win, without touching terms, so
 * that a partitioned server cannot disrupt the cluster when it returns. */
enum raft_election_outcome raft_election_start(struct raft *r, uint64_t now_ms)
{
	if (!may_campaign(r, now_ms))
		return RAFT_ELECTION_PENDING;
	raft_convert_to_pre_candidate(r, now_ms);
	if (raft_election_has_majority(r))
		return raft_election_campaign(r, now_ms);
	send_vote_requests(r);
	return RAFT_ELECTION_PENDING;
}
