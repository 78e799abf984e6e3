/* timeout_now as received (Raft dissertation 3.10). */
#ifndef RAFT_RECV_TIMEOUT_NOW_H
#define RAFT_RECV_TIMEOUT_NOW_H

#include "raft_election.h"

/* A follower told by its leader of this term to campaign does so at
 * once; from anyone else, or in another term or role, it is ignored. */
enum raft_election_outcome raft_recv_timeout_now(struct raft *r, const struct msg_timeout_now *m, uint64_t now_ms);

#endif
