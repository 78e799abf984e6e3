/* Install-snapshot as received by any role: the follower's side of
 * section 7. */
#ifndef RAFT_RECV_SNAPSHOT_H
#define RAFT_RECV_SNAPSHOT_H

#include "raft_convert.h"

/* A current or newer leader makes this replica its follower (a stale one
 * is told the newer term); the chunk is kept if it is the next one, and
 * the last one replaces the log and the map (raft_update.snapshot_installed).
 * Every chunk is answered with how much is held. */
void raft_recv_install_snapshot(struct raft *r, const struct msg_install_snapshot *m, uint64_t now_ms);

#endif
