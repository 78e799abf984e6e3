/* Elections, the campaigner's side: pre-vote, then votes (sections 5.2,
 * 9.6). */
#ifndef RAFT_ELECTION_H
#define RAFT_ELECTION_H

#include "raft_convert.h"

/* What a step of an election led to: the caller (raft_step.c) turns a won
 * election into leadership, which belongs to replication. */
enum raft_election_outcome { RAFT_ELECTION_PENDING, RAFT_ELECTION_WON };

/* A (pre-)candidate. */
bool raft_election_running(const struct raft *r);
/* A follower or (pre-)candidate whose election timer fired: pre-vote
 * first. WON only when this replica alone is a majority. */
enum raft_election_outcome raft_election_start(struct raft *r, uint64_t now_ms);
/* (Pre-)candidate: asks the peers that have not answered once more. */
void raft_election_retry(struct raft *r);
/* The grants received, this replica's own included, are a majority. */
bool raft_election_has_majority(const struct raft *r);
/* A follower whose leader told it to campaign (timeout_now): for term + 1
 * at once, its vote requests marked as a transfer. */
enum raft_election_outcome raft_election_transfer(struct raft *r, uint64_t now_ms);
/* A pre-candidate that won its pre-vote campaigns for term + 1. */
enum raft_election_outcome raft_election_campaign(struct raft *r, uint64_t now_ms);

#endif
