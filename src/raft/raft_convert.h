/*
 * Role changes: the only place where r->role is assigned. Each function
 * states what holds on entry and sets up what the new role needs; none of
 * them sends a message (the caller does, in the layer above: an election
 * sends vote requests, a new leader its first append-entries).
 */
#ifndef RAFT_CONVERT_H
#define RAFT_CONVERT_H

#include "raft_state.h"

/* Any role, a term >= the current one: follows `leader` (FFFF: unknown)
 * in that term. A higher term clears the vote; the election timer restarts
 * unless nothing changed (same role, term and leader). */
void raft_convert_to_follower(struct raft *r, uint64_t term, const char *leader, uint64_t now_ms);
/* A follower or (pre-)candidate whose election timer fired: asks for
 * pre-votes in term + 1 without changing its term (section 9.6). */
void raft_convert_to_pre_candidate(struct raft *r, uint64_t now_ms);
/* A pre-candidate that won its pre-vote, or (transfer) a follower that
 * its leader told to campaign: term + 1, votes for itself. */
void raft_convert_to_candidate(struct raft *r, bool transfer, uint64_t now_ms);
/* A candidate with a majority of votes: leader of its term, with a no-op
 * entry of that term appended (section 8). False if the no-op could not
 * be appended for lack of memory (the leader still leads; its next
 * proposal commits the term). */
bool raft_convert_to_leader(struct raft *r, uint64_t now_ms);

#endif
