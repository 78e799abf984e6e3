/* Elections: pre-vote, votes, and their replies (sections 5.2, 5.4.1, 9.6). */
#include "raft_internal.h"

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

static void send_vote_request(struct raft *r, bool pre_vote)
{
	size_t i;

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

static void clear_grants(struct raft *r, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		r->peers[i].granted = r->peers[i].answered = false;
	r->vote_retry_at = now_ms + r->timing.vote_retry;
}

/* Once per election: peers that said nothing are asked again. */
void raft_retry_votes(struct raft *r)
{
	r->vote_retry_at = 0;
	if (r->role == RAFT_PRE_CANDIDATE || r->role == RAFT_CANDIDATE)
		send_vote_request(r, r->role == RAFT_PRE_CANDIDATE);
}

static size_t count_grants(const struct raft *r)
{
	size_t i, n = 1; /* our own */

	for (i = 0; i < r->n_peers; i++)
		n += r->peers[i].granted;
	return n;
}

static void start_election(struct raft *r, uint64_t now_ms)
{
	r->term++;
	r->role = RAFT_CANDIDATE;
	memcpy(r->voted_for, r->id, MSG_ID_SIZE);
	raft_set_leader(r, MSG_ID_BROADCAST);
	clear_grants(r, now_ms);
	raft_reset_election_timer(r, now_ms);
	raft_logf(r, RAFT_LOG_INFO, "pre-vote won: campaign for term %llu", (unsigned long long)r->term);
	if (count_grants(r) >= raft_quorum(r))
		raft_become_leader(r, now_ms);
	else
		send_vote_request(r, false);
}

/* Section 9.6: ask first whether we could win, without touching terms, so
 * that a partitioned server cannot disrupt the cluster when it returns. */
void raft_start_pre_vote(struct raft *r, uint64_t now_ms)
{
	raft_logf(r, RAFT_LOG_INFO, "election timeout in term %llu: start pre-vote", (unsigned long long)r->term);
	r->role = RAFT_PRE_CANDIDATE;
	r->heard_leader = false;
	raft_set_leader(r, MSG_ID_BROADCAST);
	clear_grants(r, now_ms);
	raft_reset_election_timer(r, now_ms);
	if (count_grants(r) >= raft_quorum(r))
		start_election(r, now_ms);
	else
		send_vote_request(r, true);
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
	bool log_ok = log_up_to_date(r, m->last_log_index, m->last_log_term);
	const char *from = m->env.src;

	if (m->pre_vote) {
		bool grant = m->term > r->term && log_ok && !leader_is_fresh(r, now_ms);

		raft_logf(r, RAFT_LOG_DEBUG, "pre-vote from %s for term %llu: %s", from,
			  (unsigned long long)m->term, grant ? "grant" : "refuse");
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
		raft_become_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	}
	if (m->term == r->term && log_ok && (r->voted_for[0] == '\0' || strcmp(r->voted_for, from) == 0)) {
		memcpy(r->voted_for, from, MSG_ID_SIZE);
		raft_reset_election_timer(r, now_ms);
		raft_logf(r, RAFT_LOG_INFO, "remote log is up to date: grant vote to %s in term %llu", from,
			  (unsigned long long)r->term);
		reply_vote(r, from, r->term, true, false);
		return;
	}
	reply_vote(r, from, r->term, false, false);
}

void raft_recv_vote_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	struct raft_peer *p = raft_find_peer(r, m->env.src);

	raft_learn_commit(r, m->commit); /* granted or not: see raft_adopt_known_commit */
	if ((m->pre_vote && r->role == RAFT_PRE_CANDIDATE) || (!m->pre_vote && r->role == RAFT_CANDIDATE))
		p->answered = true;
	if (!m->granted) {
		if (m->term > r->term)
			raft_become_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
		return;
	}
	if (m->pre_vote && r->role == RAFT_PRE_CANDIDATE && m->term == r->term + 1) {
		p->granted = true;
		if (count_grants(r) >= raft_quorum(r))
			start_election(r, now_ms);
	} else if (!m->pre_vote && r->role == RAFT_CANDIDATE && m->term == r->term) {
		p->granted = true;
		if (count_grants(r) >= raft_quorum(r))
			raft_become_leader(r, now_ms);
	}
}
