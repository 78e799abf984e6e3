/* timeout_now as received; see raft_recv_timeout_now.h. */
#include "raft_recv_timeout_now.h"

#include <string.h>

enum raft_election_outcome raft_recv_timeout_now(struct raft *r, const struct msg_timeout_now *m, uint64_t now_ms)
{
	/* Only the leader this replica follows hands over to it: anything
	 * else is a stale or stray message, and an election it started would
	 * only disturb the leader there is. */
	if (r->role != RAFT_FOLLOWER || m->term != r->term || strcmp(m->env.src, r->leader) != 0) {
		raft_logf(r, RAFT_LOG_DEBUG, "timeout_now from %s for term %llu ignored: %s in term %llu, leader %s",
			  m->env.src, (unsigned long long)m->term, raft_role_name(r->role), (unsigned long long)r->term,
			  r->leader);
		return RAFT_ELECTION_PENDING;
	}
	return raft_election_transfer(r, now_ms);
}
