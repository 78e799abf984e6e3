/* Declarations shared by the core's files (raft.c, raft_election.c,
 * raft_replication.c); not part of the public API. */
#ifndef RAFT_INTERNAL_H
#define RAFT_INTERNAL_H

#include "raft.h"

/* Messages that cannot be added for lack of memory are counted as lost:
 * Raft tolerates lost messages, and retries cover them. */
struct msg_any *raft_out_new(struct raft *r, enum msg_type type, const char *dst);
void raft_logf(const struct raft *r, enum raft_log_level level, const char *fmt, ...);

size_t raft_quorum(const struct raft *r);
/* qsort comparator: uint64_t values, largest first. */
int raft_compare_u64_desc(const void *a, const void *b);
struct raft_peer *raft_find_peer(struct raft *r, const char *id);
uint64_t raft_random(struct raft *r, uint64_t below);
void raft_reset_election_timer(struct raft *r, uint64_t now_ms);
void raft_set_leader(struct raft *r, const char *id);

void raft_become_follower(struct raft *r, uint64_t term, const char *leader, uint64_t now_ms);
void raft_become_leader(struct raft *r, uint64_t now_ms);

/* raft_election.c */
void raft_start_pre_vote(struct raft *r, uint64_t now_ms);
void raft_retry_votes(struct raft *r);
void raft_recv_request_vote(struct raft *r, const struct msg_request_vote *m, uint64_t now_ms);
void raft_recv_vote_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms);

/* raft_replication.c */
void raft_advance_commit(struct raft *r, uint64_t index, bool as_leader);
void raft_learn_commit(struct raft *r, uint64_t index);
void raft_adopt_known_commit(struct raft *r);
void raft_send_append(struct raft *r, struct raft_peer *p, uint64_t now_ms);
void raft_replicate_new_entry(struct raft *r, uint64_t now_ms);
void raft_leader_tick(struct raft *r, uint64_t now_ms);
uint64_t raft_leader_deadline(const struct raft *r, uint64_t now_ms);
void raft_recv_append_entries(struct raft *r, const struct msg_append_entries *m, uint64_t now_ms);
void raft_recv_append_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms);

#endif
