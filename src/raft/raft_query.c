/* What the code around the core may ask of it; none of these change
 * anything. */
#include "raft_state.h"
#include "base/mutant.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

const char *raft_role_name(enum raft_role role)
{
	static const char *const names[] = { "follower", "pre-candidate", "candidate", "leader" };

	return (size_t)role < sizeof names / sizeof *names ? names[role] : "?";
}

bool raft_lease_valid(const struct raft *r, uint64_t now_ms)
{
	return raft_term_committed(r) && r->lease_off_term != r->term && raft_acks_fresh(r, now_ms);
}

bool raft_acks_fresh(const struct raft *r, uint64_t now_ms)
{
	uint64_t sent[RAFT_MAX_PEERS];
	size_t i, n = 0, need = raft_quorum(r) - 1; /* voters besides this leader */

	if (r->role != RAFT_LEADER)
		return false;
	if (need == 0)
		return true;
	for (i = 0; i < r->n_peers; i++)
		if (!r->peers[i].learner)
			sent[n++] = r->peers[i].acked_sent_ms;
	qsort(sent, n, sizeof *sent, raft_compare_u64_desc);
	/* The majority's oldest acknowledged send starts the lease. */
	return sent[need - 1] > 0 && (now_ms < sent[need - 1] + r->timing.lease || MUTANT_ON(READ_EXPIRED_LEASE));
}

bool raft_seq_confirmed(const struct raft *r, uint64_t seq)
{
	size_t i, acks = 1;

	for (i = 0; i < r->n_peers; i++)
		if (!r->peers[i].learner && r->peers[i].acked_seq >= seq)
			acks++;
	return r->role == RAFT_LEADER && acks >= raft_quorum(r);
}

bool raft_term_committed(const struct raft *r)
{
	return raft_log_term(&r->log, r->commit) == r->term;
}

bool raft_is_peer(const struct raft *r, const char *id)
{
	return raft_peer_find(r, id) != NULL;
}

bool raft_is_leader(const struct raft *r)
{
	return r->role == RAFT_LEADER;
}

enum raft_role raft_role_of(const struct raft *r)
{
	return r->role;
}

const char *raft_leader(const struct raft *r)
{
	return r->leader;
}

uint64_t raft_leader_contacts(const struct raft *r)
{
	return r->leader_contacts;
}

bool raft_leader_fresh(const struct raft *r, uint64_t now_ms, uint64_t within_ms)
{
	if (r->role == RAFT_LEADER)
		return true;
	return strcmp(r->leader, MSG_ID_BROADCAST) != 0 && r->heard_leader && now_ms - r->leader_heard_ms < within_ms;
}

const char *raft_transfer_target(const struct raft *r)
{
	return r->role == RAFT_LEADER && r->transfer_to >= 0 ? r->peers[r->transfer_to].id : NULL;
}

const char *raft_id(const struct raft *r)
{
	return r->id;
}

const struct raft_timing *raft_timing_of(const struct raft *r)
{
	return &r->timing;
}

uint64_t raft_term(const struct raft *r)
{
	return r->term;
}

uint64_t raft_commit(const struct raft *r)
{
	return r->commit;
}

const char *raft_voted_for(const struct raft *r)
{
	return r->voted_for;
}

uint64_t raft_last_index(const struct raft *r)
{
	return r->log.last;
}

const struct msg_log_entry *raft_entry(const struct raft *r, uint64_t index)
{
	assert(index > r->log.base && index <= r->log.last);
	return raft_log_get(&r->log, index);
}

const struct raft_snapshot *raft_snapshot_of(const struct raft *r)
{
	return r->snapshot;
}

uint64_t raft_snapshot_index(const struct raft *r)
{
	return r->snapshot ? r->snapshot->index : 0;
}

uint64_t raft_compacted_upto(const struct raft *r)
{
	return r->log.base;
}

uint64_t raft_entry_term(const struct raft *r, uint64_t index)
{
	return raft_log_term(&r->log, index);
}
