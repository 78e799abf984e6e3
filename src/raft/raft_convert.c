/* Role changes; see raft_convert.h. */
#include "raft_convert.h"
#include "base/mutant.h"
#include "raft_answers.h"
#include "raft_inherit.h"

#include <assert.h>
#include <string.h>

void raft_convert_to_follower(struct raft *r, uint64_t term, const char *leader, uint64_t now_ms)
{
	bool changed = r->role != RAFT_FOLLOWER || term != r->term || strcmp(leader, r->leader) != 0;

	assert(term >= r->term);
	assert(strcmp(leader, r->id) != 0);
	if (term > r->term) {
		raft_logf(r, RAFT_LOG_INFO, "term %llu -> %llu: remote term is higher, become follower",
			  (unsigned long long)r->term, (unsigned long long)term);
		r->term = term;
		if (!MUTANT_ON(KEEP_VOTE_ON_NEW_TERM))
			r->voted_for[0] = '\0';
	}
	if (r->role != RAFT_FOLLOWER) {
		raft_logf(r, RAFT_LOG_INFO, "%s -> follower in term %llu", raft_role_name(r->role),
			  (unsigned long long)r->term);
		if (r->role == RAFT_LEADER) {
			raft_answers_note_owed(r);
			r->transfer_to = -1; /* done, or moot */
		}
		r->role = RAFT_FOLLOWER;
		r->vote_retry_at = 0; /* its election is over */
		r->inherit_to = 0;
	}
	raft_set_leader(r, leader);
	if (changed)
		raft_reset_election_timer(r, now_ms);
}

/* A new round of (pre-)votes: nobody has answered yet. */
static void clear_grants(struct raft *r, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		r->peers[i].granted = r->peers[i].answered = false;
	r->vote_retry_at = now_ms + r->timing.vote_retry;
}

void raft_convert_to_pre_candidate(struct raft *r, uint64_t now_ms)
{
	assert(r->role != RAFT_LEADER);
	raft_logf(r, RAFT_LOG_INFO, "election timeout in term %llu: start pre-vote", (unsigned long long)r->term);
	r->role = RAFT_PRE_CANDIDATE;
	r->campaign_transfer = false;
	r->heard_leader = false;
	raft_set_leader(r, MSG_ID_BROADCAST);
	clear_grants(r, now_ms);
	raft_reset_election_timer(r, now_ms);
}

void raft_convert_to_candidate(struct raft *r, bool transfer, uint64_t now_ms)
{
	assert(r->role == RAFT_PRE_CANDIDATE || (transfer && r->role == RAFT_FOLLOWER));
	if (transfer)
		raft_logf(r, RAFT_LOG_INFO, "leader %s hands over (timeout_now): campaign for term %llu at once",
			  r->leader, (unsigned long long)r->term + 1);
	else
		raft_logf(r, RAFT_LOG_INFO, "pre-vote won: campaign for term %llu", (unsigned long long)r->term + 1);
	r->term++;
	r->role = RAFT_CANDIDATE;
	r->campaign_transfer = transfer;
	r->heard_leader = false;
	msg_id_copy(r->voted_for, r->id);
	raft_set_leader(r, MSG_ID_BROADCAST);
	clear_grants(r, now_ms);
	raft_reset_election_timer(r, now_ms);
}

bool raft_convert_to_leader(struct raft *r, uint64_t now_ms)
{
	struct msg_log_entry noop = { .term = r->term, .key = "", .value = "", .mid = "" };
	uint64_t unanswered;
	size_t i;

	assert(r->role == RAFT_CANDIDATE);
	raft_logf(r, RAFT_LOG_INFO, "won the election: leader of term %llu", (unsigned long long)r->term);
	r->role = RAFT_LEADER;
	r->term_start = 0; /* every entry is of an earlier term */
	r->delegate = -1;
	r->transfer_to = -1;
	raft_adopt_known_commit(r);
	unanswered = raft_inherit_first(r);
	raft_inherit_begin(r, unanswered, now_ms);
	raft_set_leader(r, r->id);
	r->seq = 0;
	r->wide_until_ms = 0;
	r->entries_owed = false;
	for (i = 0; i < r->n_peers; i++) {
		struct raft_peer *p = &r->peers[i];

		p->next_index = r->log.last + 1;
		p->match_index = 0;
		p->acked_seq = 0;
		p->acked_sent_ms = 0;
		memset(p->sent_seqs, 0, sizeof p->sent_seqs);
		p->last_heard_ms = now_ms; /* a grace period for check-quorum */
		p->last_sent_ms = 0;
		p->backoff_ms = raft_retry_interval(r);
		p->known_commit = 0;
		p->answered_upto = 0;
	}
	/* Section 8: a no-op entry of the new term lets the leader learn which
	 * entries are committed, and commits those of earlier terms. */
	msg_id_copy(noop.client, MSG_ID_BROADCAST);
	r->term_start = r->log.last + 1;
	r->answers_upto = unanswered - 1; /* answered by earlier leaders */
	r->owed_from = 0;
	r->confirm_to = 0;
	if (raft_log_append(&r->log, &noop) < 0) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory appending the no-op");
		return false;
	}
	r->oldest_unacked_ms = now_ms;
	return true;
}
