/*
 * The bottom of the core: the state every role shares and the few
 * operations on it that every other file uses (messages out, peers,
 * randomness, the election timer, the leader belief, the commit index).
 * Every file of the core calls only files below it: raft_step.c at the
 * top (the entry points), then the handler of each message
 * (raft_recv_*.c), the leader's tick, the chain, the commit, role changes
 * (raft_convert.c), sending, answer tracking, the share and inherited
 * answers, and this. `make layers` prints the order from the compiled
 * objects and fails on any call or include that goes back up.
 */
#ifndef RAFT_STATE_H
#define RAFT_STATE_H

#include "raft.h"

void raft_logf(const struct raft *r, enum raft_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A message to dst from this replica, naming its leader belief, added to
 * the step's outbox. NULL when out of memory: the message is logged and
 * counted as lost, which Raft's retries already cover. */
struct msg_any *raft_out_new(struct raft *r, enum msg_type type, const char *dst);

/* Leader: the wait before unacknowledged entries are resent, from the
 * measured round trips (raft_measure_rtt). */
uint64_t raft_retry_interval(const struct raft *r);
/* Leader: the reply to the append-entries sent with seq came at now_ms. */
void raft_measure_rtt(struct raft *r, uint64_t seq, uint64_t now_ms);

/* The members that vote (all but learners), this replica included if it
 * votes. */
size_t raft_voters(const struct raft *r);
/* Votes or acknowledgements of voters that make a majority of them, this
 * replica's included (a leader always votes). */
size_t raft_quorum(const struct raft *r);
/* The peer with this id, or NULL. */
struct raft_peer *raft_peer_find(const struct raft *r, const char *id);
/* The peer that sent a message that raft_step let through: raft_step
 * drops every message whose sender is not a peer, so this cannot fail. */
struct raft_peer *raft_peer_of(struct raft *r, const char *id);
/* qsort comparator: uint64_t values, largest first. */
int raft_compare_u64_desc(const void *a, const void *b);
/* qsort comparator over an array of peer pointers: most recently heard
 * first. */
int raft_compare_peers_by_last_heard(const void *a, const void *b);
/* p is known to hold the log up to match: its next_index follows. */
void raft_peer_raise_match(struct raft_peer *p, uint64_t match);

/* A new election timeout, drawn from [election_min, 2 * election_min). */
void raft_reset_election_timer(struct raft *r, uint64_t now_ms);
void raft_set_leader(struct raft *r, const char *id);

/* Entries up to index are committed: records them in the step's update
 * (as_leader: this replica answers their clients). Never moves back. */
void raft_advance_commit(struct raft *r, uint64_t index, bool as_leader);
/* Some replica knows index is committed (it may lie beyond this log). */
void raft_learn_commit(struct raft *r, uint64_t index);
/* Leader: commits what another replica told it is committed, without
 * answering those clients again (their leader did). */
void raft_adopt_known_commit(struct raft *r);

/* Asserts every invariant that raft.h writes next to a field. */
void raft_check_invariants(const struct raft *r);

#endif
