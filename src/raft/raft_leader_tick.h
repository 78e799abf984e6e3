/* The leader's tick. */
#ifndef RAFT_LEADER_TICK_H
#define RAFT_LEADER_TICK_H

#include "raft_state.h"

/* A transfer that timed out given up, check-quorum (may step down),
 * retries of uncommitted entries, and heartbeats to followers sent
 * nothing for a heartbeat interval. */
void raft_leader_tick(struct raft *r, uint64_t now_ms);
/* When raft_leader_tick has something to do next. */
uint64_t raft_leader_deadline(const struct raft *r, uint64_t now_ms);

#endif
