/* Leadership transfer, the leader's side (Raft dissertation 3.10): it
 * stops taking proposals, brings the target's log up to its own, and
 * tells it to campaign at once (timeout_now); the target's side is
 * raft_election_transfer. */
#ifndef RAFT_TRANSFER_H
#define RAFT_TRANSFER_H

#include "raft_state.h"

/* Leader: starts handing over to peer `target` (see raft_transfer in
 * raft.h for the codes). */
int raft_transfer_begin(struct raft *r, const char *target, uint64_t now_ms);
/* Leader, transferring: sends the target what it lacks, then, once every
 * entry is committed and answered, the commit, then timeout_now (again,
 * should the target answer in this term after it). Called after every
 * step of a leader. */
void raft_transfer_progress(struct raft *r, uint64_t now_ms);
/* Leader: a transfer whose target has not taken over within an election
 * timeout is given up, and the leader takes proposals again. */
void raft_transfer_expire(struct raft *r, uint64_t now_ms);
/* When raft_transfer_expire has something to do (UINT64_MAX: never). */
uint64_t raft_transfer_deadline(const struct raft *r);

#endif
