/* Elections: pre-vote, votes and their replies (sections 5.2, 5.4.1, 9.6). */
#ifndef RAFT_ELECTION_H
#define RAFT_ELECTION_H

#include "raft_convert.h"

/* What a step of an election led to: the caller (raft.c) turns a won
 * election into leadership, which belongs to replication. */
enum raft_election_outcome { RAFT_ELECTION_PENDING, RAFT_ELECTION_WON };

/* A follower or (pre-)candidate whose election timer fired: pre-vote
 * first. WON only when this replica alone is a majority. */
enum raft_election_outcome raft_election_start(struct raft *r, uint64_t now_ms);
/* (Pre-)candidate: asks the peers that have not answered once more. */
void raft_election_retry(struct raft *r);
/* Any role: a peer asks for a vote or a pre-vote. */
void raft_election_recv_request(struct raft *r, const struct msg_request_vote *m, uint64_t now_ms);
/* (Pre-)candidate: a peer's answer is counted. */
enum raft_election_outcome raft_election_recv_reply(struct raft *r, const struct msg_request_vote_reply *m,
						    uint64_t now_ms);
/* Follower or leader: an answer to an election that is over. Only what it
 * says about the commit index and a higher term counts. */
void raft_election_recv_late_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms);

#endif
