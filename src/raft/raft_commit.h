/* The leader's commit index, and the notices that tell followers of it. */
#ifndef RAFT_COMMIT_H
#define RAFT_COMMIT_H

#include "raft_state.h"

/* Leader: commits the highest index a majority holds, if of this term. */
void raft_commit_update(struct raft *r, uint64_t now_ms);
/* Leader: tells followers that what it commits is committed, in the step
 * that releases their clients' answers: every follower when the step
 * answers several (to_every_follower), else those it sent the entries. */
void raft_commit_notify(struct raft *r, bool to_every_follower, uint64_t now_ms);

#endif
