/*
 * The core's entry points. A request goes down to its handler, a reply to
 * the handler of the current role, a tick to the tick function of the
 * role; the protocol's files below change roles only through
 * raft_convert.c. Calls go down, never back up here (make layers).
 */
#include "raft_answers.h"
#include "raft_chain.h"
#include "raft_commit.h"
#include "raft_convert.h"
#include "raft_election.h"
#include "raft_leader_tick.h"
#include "raft_recv_append.h"
#include "raft_recv_append_reply.h"
#include "raft_recv_request_vote.h"
#include "raft_recv_request_vote_reply.h"
#include "raft_recv_snapshot.h"
#include "raft_recv_snapshot_reply.h"
#include "raft_recv_timeout_now.h"
#include "raft_send.h"
#include "raft_transfer.h"

#include <assert.h>
#include <string.h>

uint64_t raft_deadline(const struct raft *r, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		return raft_leader_deadline(r, now_ms);
	if (r->vote_retry_at && r->vote_retry_at < r->election_deadline)
		return r->vote_retry_at;
	return r->election_deadline;
}

/* Figure 2's persistent state but the log, as a step began. */
struct hard_state {
	uint64_t term;
	char vote[MSG_ID_SIZE];
};

/* Every entry point writes into the caller's update while it runs, and
 * leaves in it when to call raft_tick next and what to persist. */
static struct hard_state begin_step(struct raft *r, struct raft_update *u)
{
	struct hard_state before = { .term = r->term };

	assert(r->update == NULL);
	r->update = u;
	msg_id_copy(before.vote, r->voted_for);
	return before;
}

/* What the step changed that must be written down before its messages
 * leave: a vote or term changed since `before`, and the entries from the
 * first one written or removed (raft_propose appends before its step
 * begins: it counts too). */
static void note_persist(struct raft *r, const struct hard_state *before, struct raft_update *u)
{
	struct raft_persist step = { r->term != before->term || strcmp(r->voted_for, before->vote) != 0,
				     raft_log_take_unsaved(&r->log) };

	raft_persist_merge(&u->persist, &step);
}

static void end_step(struct raft *r, const struct hard_state *before, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER) {
		size_t answers = raft_answers_release(r);

		if (answers)
			raft_commit_notify(r, answers > 1, now_ms);
		raft_transfer_progress(r, now_ms);
	}
	r->update->deadline = raft_deadline(r, now_ms);
	note_persist(r, before, r->update);
	r->update = NULL;
	raft_check_invariants(r);
}

/* A candidate that won: leader, and its first append-entries go out. */
static void become_leader(struct raft *r, uint64_t now_ms)
{
	if (raft_convert_to_leader(r, now_ms))
		raft_send_round(r, now_ms);
}

/* Vote replies by role: a (pre-)candidate counts them; to anyone else
 * the election is over. */
static void step_vote_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	if (r->role != RAFT_PRE_CANDIDATE && r->role != RAFT_CANDIDATE)
		raft_recv_request_vote_late_reply(r, m, now_ms);
	else if (raft_recv_request_vote_reply(r, m, now_ms) == RAFT_ELECTION_WON)
		become_leader(r, now_ms);
}

/* Append-entries replies by role: only a leader replicates. */
static void step_append_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		raft_recv_append_entries_reply(r, m, now_ms);
	else
		raft_recv_append_entries_late_reply(r, m, now_ms);
}

/* The term a peer message carries (every message between replicas has one). */
static uint64_t message_term(const struct msg_any *m)
{
	switch (m->type) {
	case MSG_TYPE_REQUEST_VOTE:
		return m->as.request_vote.term;
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		return m->as.request_vote_reply.term;
	case MSG_TYPE_APPEND_ENTRIES:
		return m->as.append_entries.term;
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		return m->as.append_entries_reply.term;
	case MSG_TYPE_INSTALL_SNAPSHOT:
		return m->as.install_snapshot.term;
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		return m->as.install_snapshot_reply.term;
	case MSG_TYPE_TIMEOUT_NOW:
		return m->as.timeout_now.term;
	default:
		return 0;
	}
}

/* RAFT_TERM_MAX and RAFT_TERM_JUMP_MAX (raft.h). */
static bool term_plausible(const struct raft *r, uint64_t term)
{
	return term <= RAFT_TERM_MAX && (term <= r->term || term - r->term <= RAFT_TERM_JUMP_MAX);
}

void raft_step(struct raft *r, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	struct hard_state before = begin_step(r, u);
	/* Below this point every message comes from a peer (raft_peer_of).
	 * Requests are handled alike in every role (their handlers look at
	 * the role where it matters); replies depend on it. */
	if (!raft_peer_find(r, msg->as.env.src)) {
		raft_logf(r, RAFT_LOG_WARN, "dropped a %s from %s: not a peer", msg_type_name(msg->type),
			  msg->as.env.src);
	} else if (!term_plausible(r, message_term(msg))) {
		raft_logf(r, RAFT_LOG_WARN, "dropped a %s from %s: term %llu is implausible in term %llu",
			  msg_type_name(msg->type), msg->as.env.src, (unsigned long long)message_term(msg),
			  (unsigned long long)r->term);
	} else {
		switch (msg->type) {
		case MSG_TYPE_REQUEST_VOTE:
			raft_recv_request_vote(r, &msg->as.request_vote, now_ms);
			break;
		case MSG_TYPE_APPEND_ENTRIES:
			raft_recv_append_entries(r, &msg->as.append_entries, now_ms);
			break;
		case MSG_TYPE_REQUEST_VOTE_REPLY:
			step_vote_reply(r, &msg->as.request_vote_reply, now_ms);
			break;
		case MSG_TYPE_APPEND_ENTRIES_REPLY:
			step_append_reply(r, &msg->as.append_entries_reply, now_ms);
			break;
		case MSG_TYPE_INSTALL_SNAPSHOT:
			raft_recv_install_snapshot(r, &msg->as.install_snapshot, now_ms);
			break;
		case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
			raft_recv_install_snapshot_reply(r, &msg->as.install_snapshot_reply, now_ms);
			break;
		case MSG_TYPE_TIMEOUT_NOW:
			if (raft_recv_timeout_now(r, &msg->as.timeout_now, now_ms) == RAFT_ELECTION_WON)
				become_leader(r, now_ms);
			break;
		default:
			break;
		}
	}
	end_step(r, &before, now_ms);
}

static void tick_follower(struct raft *r, uint64_t now_ms)
{
	assert(r->role == RAFT_FOLLOWER);
	if (now_ms >= r->election_deadline && raft_election_start(r, now_ms) == RAFT_ELECTION_WON)
		become_leader(r, now_ms);
}

static void tick_candidate(struct raft *r, uint64_t now_ms)
{
	assert(r->role == RAFT_PRE_CANDIDATE || r->role == RAFT_CANDIDATE);
	if (now_ms >= r->election_deadline) {
		if (raft_election_start(r, now_ms) == RAFT_ELECTION_WON)
			become_leader(r, now_ms);
	} else if (r->vote_retry_at && now_ms >= r->vote_retry_at) {
		raft_election_retry(r);
	}
}

void raft_tick(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	struct hard_state before = begin_step(r, u);
	if (r->role == RAFT_FOLLOWER)
		tick_follower(r, now_ms);
	else if (r->role == RAFT_LEADER)
		raft_leader_tick(r, now_ms);
	else
		tick_candidate(r, now_ms);
	end_step(r, &before, now_ms);
}

uint64_t raft_propose(struct raft *r, const struct msg_log_entry *e, uint64_t now_ms, struct raft_update *u)
{
	struct msg_log_entry entry = *e; /* shallow: raft_log_append copies */
	struct hard_state before;

	if (r->role != RAFT_LEADER || r->transfer_to >= 0)
		return 0;
	entry.term = r->term;
	if (raft_log_append(&r->log, &entry) < 0)
		return 0;
	before = begin_step(r, u);
	if (r->commit + 1 == r->log.last)
		r->oldest_unacked_ms = now_ms;
	raft_chain_new_entry(r, now_ms);
	end_step(r, &before, now_ms);
	return r->log.last;
}

int raft_transfer(struct raft *r, const char *target, uint64_t now_ms, struct raft_update *u)
{
	struct hard_state before = begin_step(r, u);
	int rc = raft_transfer_begin(r, target, now_ms);

	end_step(r, &before, now_ms);
	return rc;
}

uint64_t raft_read_round(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	struct hard_state before;

	if (r->role != RAFT_LEADER)
		return 0;
	if (u->read_round) /* its messages leave after this read arrived too */
		return u->read_round;
	u->read_round = r->seq + 1;
	before = begin_step(r, u);
	raft_send_round(r, now_ms);
	end_step(r, &before, now_ms);
	return u->read_round;
}

void raft_compact(struct raft *r, struct raft_snapshot *snapshot, uint64_t trail)
{
	uint64_t keep_after = snapshot->index > trail ? snapshot->index - trail : 0;

	assert(snapshot->index > raft_snapshot_index(r) && snapshot->index <= r->commit);
	snapshot->term = raft_log_term(&r->log, snapshot->index);
	raft_logf(r, RAFT_LOG_INFO, "snapshot at %llu (term %llu, %zu keys); entries up to %llu forgotten",
		  (unsigned long long)snapshot->index, (unsigned long long)snapshot->term, snapshot->n_pairs,
		  (unsigned long long)(keep_after > r->log.base ? keep_after : r->log.base));
	if (keep_after > r->log.base)
		raft_log_compact(&r->log, keep_after);
	raft_snapshot_free(r->snapshot);
	r->snapshot = snapshot;
	raft_check_invariants(r);
}
