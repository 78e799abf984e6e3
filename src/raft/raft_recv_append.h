/* Append-entries as received by any role: the follower's side of
 * replication (Figure 2, "Receiver implementation"). */
#ifndef RAFT_RECV_APPEND_H
#define RAFT_RECV_APPEND_H

#include "raft_convert.h"

/* A current or newer leader makes this replica its follower; a stale one
 * is told the newer term. Entries are merged, the commit index follows
 * the leader's, and the leader gets a reply (none for a commit notice). */
void raft_recv_append_entries(struct raft *r, const struct msg_append_entries *m, uint64_t now_ms);

#endif
