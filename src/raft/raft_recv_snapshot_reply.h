/* Install-snapshot replies. */
#ifndef RAFT_RECV_SNAPSHOT_REPLY_H
#define RAFT_RECV_SNAPSHOT_REPLY_H

#include "raft_state.h"

/* Any role: a follower's answer to a snapshot chunk. A leader sends the
 * next chunk, or once the follower installed it, entries after it. */
void raft_recv_install_snapshot_reply(struct raft *r, const struct msg_install_snapshot_reply *m, uint64_t now_ms);

#endif
