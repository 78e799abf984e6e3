/* Request-vote as received by any role. */
#ifndef RAFT_RECV_REQUEST_VOTE_H
#define RAFT_RECV_REQUEST_VOTE_H

#include "raft_state.h"

/* Any role: a peer asks for a vote or a pre-vote. */
void raft_recv_request_vote(struct raft *r, const struct msg_request_vote *m, uint64_t now_ms);

#endif
