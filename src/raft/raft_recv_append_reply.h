/* Append-entries replies. */
#ifndef RAFT_RECV_APPEND_REPLY_H
#define RAFT_RECV_APPEND_REPLY_H

#include "raft_state.h"

/* Leader: a follower's reply moves its match or next index, may commit,
 * and sends what it lacks or what was owed. */
void raft_recv_append_entries_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms);
/* Follower or (pre-)candidate: a reply to a leadership that is over. Only
 * what it says about the commit index and a higher term counts. */
void raft_recv_append_entries_late_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms);

#endif
