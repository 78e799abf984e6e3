/* Request-vote as received by any role (section 5.4.1; pre-vote,
 * section 9.6). */
#include "raft_recv_request_vote.h"
#include "base/mutant.h"
#include "raft_convert.h"

#include <string.h>

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

void raft_recv_request_vote(struct raft *r, const struct msg_request_vote *m, uint64_t now_ms)
{
	/* A learner never votes (a candidate that knows it does not ask). */
	bool may_grant = !r->learner &&
			 (MUTANT_ON(VOTE_WITHOUT_LOG_CHECK) || log_up_to_date(r, m->last_log_index, m->last_log_term));
	/* Dissertation 4.2.3: a transfer's vote is the leader's own wish, so
	 * that the leader is fresh is no reason to refuse it. */
	bool transfer = !m->pre_vote && m->_present.transfer && m->transfer;
	const char *from = m->env.src;

	if (m->pre_vote) {
		bool grant = m->term > r->term && may_grant && !leader_is_fresh(r, now_ms);

		raft_logf(r, RAFT_LOG_DEBUG, "pre-vote from %s for term %llu: %s", from, (unsigned long long)m->term,
			  grant ? "grant" : "refuse");
		reply_vote(r, from, grant ? m->term : r->term, grant, true);
		return;
	}
	if (m->term > r->term) {
		if (!transfer && leader_is_fresh(r, now_ms)) {
			raft_logf(r, RAFT_LOG_DEBUG, "vote from %s for term %llu refused: leader %s is fresh", from,
				  (unsigned long long)m->term, r->leader);
			reply_vote(r, from, r->term, false, false);
			return;
		}
		raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	}
	if (m->term == r->term && may_grant && (r->voted_for[0] == '\0' || strcmp(r->voted_for, from) == 0)) {
		msg_id_copy(r->voted_for, from);
		raft_reset_election_timer(r, now_ms);
		raft_logf(r, RAFT_LOG_INFO, "remote log is up to date: grant vote to %s in term %llu", from,
			  (unsigned long long)r->term);
		reply_vote(r, from, r->term, true, false);
		return;
	}
	reply_vote(r, from, r->term, false, false);
}
