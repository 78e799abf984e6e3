/* Request-vote replies: counted by a (pre-)candidate, and what any role
 * learns from one. */
#include "raft_recv_request_vote_reply.h"
#include "raft_convert.h"
#include "raft_election.h"

#include <assert.h>

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

void raft_recv_request_vote_late_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	assert(!raft_election_running(r));
	learn_from_reply(r, m, now_ms);
}

enum raft_election_outcome raft_recv_request_vote_reply(struct raft *r, const struct msg_request_vote_reply *m,
							uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);
	bool pre_vote = r->role == RAFT_PRE_CANDIDATE;

	assert(raft_election_running(r));
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
	if (!raft_election_has_majority(r))
		return RAFT_ELECTION_PENDING;
	return pre_vote ? raft_election_campaign(r, now_ms) : RAFT_ELECTION_WON;
}
