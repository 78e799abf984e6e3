/* Request-vote replies. */
#ifndef RAFT_RECV_REQUEST_VOTE_REPLY_H
#define RAFT_RECV_REQUEST_VOTE_REPLY_H

#include "raft_election.h"

/* (Pre-)candidate: a peer's answer is counted. */
enum raft_election_outcome raft_recv_request_vote_reply(struct raft *r, const struct msg_request_vote_reply *m,
							uint64_t now_ms);
/* Follower or leader: an answer to an election that is over. Only what it
 * says about the commit index and a higher term counts. */
void raft_recv_request_vote_late_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms);

#endif
