/* Log replication, the leader's side (sections 5.3, 5.4.2, 8). Every
 * function here but raft_replication_recv_late_reply is for a leader. */
#ifndef RAFT_REPLICATION_H
#define RAFT_REPLICATION_H

#include "raft_convert.h"

/* A new leader's first append-entries, to every peer; also a read-index
 * round's heartbeat. */
void raft_replication_start(struct raft *r, uint64_t now_ms);
/* Everything peer p may lack, from its next_index on, as one message. */
void raft_replication_send(struct raft *r, struct raft_peer *p, uint64_t now_ms);
/* A client's entry was appended: sends it to just enough followers. */
void raft_replication_new_entry(struct raft *r, uint64_t now_ms);
/* Check-quorum (may step down), retries of uncommitted entries, and
 * heartbeats to followers sent nothing for a heartbeat interval. */
void raft_replication_tick(struct raft *r, uint64_t now_ms);
/* Leader, at the end of every step: releases the answers of the entries
 * up to the frontier (the update's answer range), after commit notices. */
void raft_replication_release_answers(struct raft *r, uint64_t now_ms);
/* When raft_replication_tick has something to do next. */
uint64_t raft_replication_deadline(const struct raft *r, uint64_t now_ms);
void raft_replication_recv_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms);
/* Follower or (pre-)candidate: a reply to a leadership that is over. Only
 * what it says about the commit index and a higher term counts. */
void raft_replication_recv_late_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms);
/* Any role: a follower's answer to a snapshot chunk. A leader sends the
 * next chunk, or once the follower installed it, entries after it. */
void raft_replication_recv_snapshot_reply(struct raft *r, const struct msg_install_snapshot_reply *m, uint64_t now_ms);

#endif
