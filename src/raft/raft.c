/*
 * The core's entry points. A request goes down to its handler, a reply to
 * the handler of the current role, a tick to the tick function of the
 * role; they hand it down to the protocol's files
 * (raft_election.c, raft_replication.c, raft_recv_append.c); those change
 * roles only through raft_convert.c. Calls go down, never back up here.
 */
#include "raft_election.h"
#include "base/mutant.h"
#include "raft_recv_append.h"
#include "raft_recv_snapshot.h"
#include "raft_replication.h"
#include "raft_inherit.h"
#include "raft_share.h"

#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/*
 * Default timing. The test-bed is a Python loop on loopback: a hop costs
 * tens to hundreds of microseconds, so a round trip is about 1 ms, and a
 * run is judged on messages as much as on latency.
 * - heartbeat 450 ms: only followers that were sent nothing for that long
 *   get one; with puts flowing along a chain, that is the two followers
 *   outside it (5 replicas: 2 x 2 x 2.2 = 9 messages a second). It is
 *   also how long a follower may stay silent and still be put on a chain.
 * - election_min 1000 ms: over two heartbeats, so a follower times out
 *   only if two in a row are lost (9% at 30% drops, 1% at 10%), and
 *   pre-vote then keeps it from disturbing the leader (a refused pre-vote
 *   costs its 2 x 4 messages). A dead leader is replaced within 1 to 2 s;
 *   requests meanwhile wait, they are not lost.
 * - lease 800 ms < election_min: followers refuse votes for election_min
 *   after hearing from the leader, counted from when they received a
 *   message the leader sent no earlier than the lease start.
 * - retry 3 to 10 ms: entries not committed after 1 ms plus two smoothed
 *   round trips (about 3 ms on the test-bed; 10 ms until one is measured)
 *   go along the chain again (twice, backing off), then to one more
 *   follower than a quorum still needs (the most recently heard of those
 *   lacking them). At 30% drops two puts in three need a second round, so
 *   this wait is what their median latency is made of. Never under 3 ms:
 *   the clock counts whole milliseconds, and a busy test-bed loop can hold
 *   a reply for a millisecond or two.
 * - vote_retry 40 ms: a lost vote request or reply would otherwise cost a
 *   whole election timeout; silent peers are asked once more.
 * - check_quorum 2000 ms (also how long a delegate may stay silent before
 *   the leader takes its share back): two election timeouts, so that drops alone almost
 *   never make a healthy leader step down.
 * - inherit_wait 6000 ms: how long a new leader holds the answers of
 *   entries it inherited while the delegate that may have answered them is
 *   silent (raft_inherit.h). Such a delegate was cut off with the old
 *   leader, and is heard once the partition heals: the test-bed's last 2 to
 *   5 s, and an election takes 1 to 2 s of that. Only a delegate that died
 *   costs its clients this wait (they are answered then, by the leader);
 *   giving up sooner costs a second ok whenever it had answered.
 */
struct raft_timing raft_default_timing(void)
{
	struct raft_timing t = {
		.heartbeat = 450,
		.election_min = 1000,
		.lease = 800,
		.retry_min = 3,
		.retry = 10,
		.vote_retry = 40,
		.check_quorum = 2000,
		.inherit_wait = 6000,
	};
	return t;
}

const char *raft_role_name(enum raft_role role)
{
	static const char *const names[] = { "follower", "pre-candidate", "candidate", "leader" };

	return (unsigned)role < 4 ? names[role] : "?";
}

const char *raft_strerror(int code)
{
	switch (code) {
	case RAFT_OK:
		return "ok";
#define RAFT_ERROR_CASE(name, value, text) \
	case name:                         \
		return text;
		RAFT_ERRORS(RAFT_ERROR_CASE)
#undef RAFT_ERROR_CASE
	}
	return "unknown error";
}

/* Copies a replica id in upper case; false unless it is 4 hex digits
 * other than FFFF (the broadcast address). */
static bool copy_id(char dst[MSG_ID_SIZE], const char *src)
{
	size_t i;

	if (!src || strlen(src) != MSG_ID_LEN)
		return false;
	for (i = 0; i < MSG_ID_LEN; i++) {
		if (!isxdigit((unsigned char)src[i]))
			return false;
		dst[i] = (char)toupper((unsigned char)src[i]);
	}
	dst[MSG_ID_LEN] = '\0';
	return strcmp(dst, MSG_ID_BROADCAST) != 0;
}

static int copy_peers(struct raft *r, const struct raft_config *cfg)
{
	size_t i;

	if (cfg->n_peers > RAFT_MAX_PEERS || !copy_id(r->id, cfg->id) || cfg->max_unanswered > RAFT_UNANSWERED_CAP)
		return RAFT_EINVAL;
	r->peers = calloc(cfg->n_peers ? cfg->n_peers : 1, sizeof *r->peers);
	if (!r->peers)
		return RAFT_ENOMEM;
	for (i = 0; i < cfg->n_peers; i++) {
		char id[MSG_ID_SIZE];

		if (!copy_id(id, cfg->peers[i]) || strcmp(id, r->id) == 0 || raft_peer_find(r, id))
			return RAFT_EINVAL;
		msg_id_copy(r->peers[r->n_peers++].id, id);
	}
	return RAFT_OK;
}

/* A snapshot restored with a log: the log starts at or before it and
 * agrees with its term; one without a snapshot starts at 1. */
static bool snapshot_fits(const struct raft_snapshot *s, const struct raft_log *log)
{
	if (!s)
		return log->base == 0;
	return s->index >= log->base && s->index <= log->last && raft_log_term(log, s->index) == s->term;
}

/* A restarted replica resumes as a follower of its saved term. Any commit
 * index below the one it knew is safe (Raft restarts from 0): committed
 * entries are never removed, and the rest it learns again from a leader. */
static int restore(struct raft *r, struct raft_restore *saved)
{
	uint64_t last = saved->log.last;

	if (saved->voted_for[0] && strcmp(saved->voted_for, r->id) != 0 && !raft_is_peer(r, saved->voted_for))
		return RAFT_EINVAL;
	if (raft_log_term(&saved->log, last) > saved->term)
		return RAFT_EINVAL;
	r->term = saved->term;
	msg_id_copy(r->voted_for, saved->voted_for);
	if (!snapshot_fits(saved->snapshot, &saved->log))
		return RAFT_EINVAL;
	r->log = saved->log;
	r->log.unsaved_from = RAFT_LOG_SAVED;
	raft_log_init(&saved->log);
	r->snapshot = saved->snapshot;
	saved->snapshot = NULL;
	/* Committed, for a restarted replica, is what it knew committed and
	 * answered: a leader's commit index runs ahead of its answers (they
	 * wait for its delegate's, and leave in log order), and a new leader
	 * counts what it knows committed as answered. The rest it learns
	 * again, and answers if nobody did. */
	r->commit = saved->commit < saved->known_commit ? saved->commit : saved->known_commit;
	if (r->commit > last)
		r->commit = last;
	if (r->commit < raft_snapshot_index(r)) /* a snapshot holds only what was committed and answered */
		r->commit = raft_snapshot_index(r);
	r->known_commit = saved->known_commit > r->commit ? saved->known_commit : r->commit;
	/* Closed at what it answered: a leader that names the share again
	 * opens it from there (take_share in raft_recv_append.c). */
	r->share_term = saved->share_term;
	r->share_answered = r->share_to = saved->share_answered;
	r->share_from = saved->share_answered ? 1 : 0;
	raft_logf(r, RAFT_LOG_INFO, "restored term %llu, vote %s, %llu entries, %llu committed",
		  (unsigned long long)r->term, r->voted_for[0] ? r->voted_for : "none", (unsigned long long)last,
		  (unsigned long long)r->commit);
	return RAFT_OK;
}

int raft_init(struct raft *r, const struct raft_config *cfg, uint64_t now_ms)
{
	int rc;

	memset(r, 0, sizeof *r);
	rc = copy_peers(r, cfg);
	if (rc != RAFT_OK) {
		free(r->peers);
		memset(r, 0, sizeof *r);
		return rc;
	}
	r->timing = cfg->timing;
	r->max_unanswered = cfg->max_unanswered ? cfg->max_unanswered : RAFT_MAX_UNANSWERED;
	r->rng = cfg->seed ? cfg->seed : 0x9E3779B97F4A7C15ull;
	r->log_fn = cfg->log;
	r->log_ctx = cfg->log_ctx;
	r->role = RAFT_FOLLOWER;
	r->delegate = -1;
	msg_id_copy(r->leader, MSG_ID_BROADCAST);
	raft_log_init(&r->log);
	if (cfg->restore) {
		rc = restore(r, cfg->restore);
		if (rc != RAFT_OK) {
			raft_free(r);
			return rc;
		}
	}
	raft_reset_election_timer(r, now_ms);
	raft_check_invariants(r);
	return RAFT_OK;
}

void raft_free(struct raft *r)
{
	raft_log_free(&r->log);
	raft_snapshot_free(r->snapshot);
	raft_snapshot_free(r->incoming);
	free(r->peers);
	memset(r, 0, sizeof *r);
}

uint64_t raft_deadline(const struct raft *r, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		return raft_replication_deadline(r, now_ms);
	if (r->vote_retry_at && r->vote_retry_at < r->election_deadline)
		return r->vote_retry_at;
	return r->election_deadline;
}

/* Every entry point writes into the caller's update while it runs, and
 * leaves in it when to call raft_tick next. */
static void begin_step(struct raft *r, struct raft_update *u)
{
	assert(r->update == NULL);
	r->update = u;
}

static void end_step(struct raft *r, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		raft_replication_release_answers(r, now_ms);
	r->update->deadline = raft_deadline(r, now_ms);
	r->update = NULL;
	raft_check_invariants(r);
}

/* A candidate that won: leader, and its first append-entries go out. */
static void become_leader(struct raft *r, uint64_t now_ms)
{
	if (raft_convert_to_leader(r, now_ms))
		raft_replication_start(r, now_ms);
}

/* Vote replies by role: a (pre-)candidate counts them; to anyone else
 * the election is over. */
static void step_vote_reply(struct raft *r, const struct msg_request_vote_reply *m, uint64_t now_ms)
{
	if (r->role != RAFT_PRE_CANDIDATE && r->role != RAFT_CANDIDATE)
		raft_election_recv_late_reply(r, m, now_ms);
	else if (raft_election_recv_reply(r, m, now_ms) == RAFT_ELECTION_WON)
		become_leader(r, now_ms);
}

/* Append-entries replies by role: only a leader replicates. */
static void step_append_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	if (r->role == RAFT_LEADER)
		raft_replication_recv_reply(r, m, now_ms);
	else
		raft_replication_recv_late_reply(r, m, now_ms);
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
	default:
		return 0;
	}
}

/* RAFT_TERM_MAX and RAFT_TERM_JUMP_MAX (raft.h). */
static bool term_plausible(const struct raft *r, uint64_t term)
{
	return term <= RAFT_TERM_MAX && (term <= r->term || term - r->term <= RAFT_TERM_JUMP_MAX);
}

int raft_step(struct raft *r, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	begin_step(r, u);
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
			raft_election_recv_request(r, &msg->as.request_vote, now_ms);
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
			raft_replication_recv_snapshot_reply(r, &msg->as.install_snapshot_reply, now_ms);
			break;
		default:
			break;
		}
	}
	end_step(r, now_ms);
	return 0;
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

int raft_tick(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	begin_step(r, u);
	if (r->role == RAFT_FOLLOWER)
		tick_follower(r, now_ms);
	else if (r->role == RAFT_LEADER)
		raft_replication_tick(r, now_ms);
	else
		tick_candidate(r, now_ms);
	end_step(r, now_ms);
	return 0;
}

uint64_t raft_propose(struct raft *r, const struct msg_log_entry *e, uint64_t now_ms, struct raft_update *u)
{
	struct msg_log_entry entry = *e; /* shallow: raft_log_append copies */

	if (r->role != RAFT_LEADER)
		return 0;
	entry.term = r->term;
	if (raft_log_append(&r->log, &entry) < 0)
		return 0;
	begin_step(r, u);
	if (r->commit + 1 == r->log.last)
		r->oldest_unacked_ms = now_ms;
	raft_replication_new_entry(r, now_ms);
	end_step(r, now_ms);
	return r->log.last;
}

bool raft_lease_valid(const struct raft *r, uint64_t now_ms)
{
	uint64_t sent[RAFT_MAX_PEERS];
	size_t i, need = raft_quorum(r) - 1; /* peers besides this leader */

	if (r->role != RAFT_LEADER || !raft_term_committed(r))
		return false;
	if (need == 0)
		return true;
	for (i = 0; i < r->n_peers; i++)
		sent[i] = r->peers[i].acked_sent_ms;
	qsort(sent, r->n_peers, sizeof *sent, raft_compare_u64_desc);
	/* The majority's oldest acknowledged send starts the lease. */
	return sent[need - 1] > 0 && (now_ms < sent[need - 1] + r->timing.lease || MUTANT_ON(READ_EXPIRED_LEASE));
}

uint64_t raft_read_round(struct raft *r, uint64_t now_ms, struct raft_update *u)
{
	if (r->role != RAFT_LEADER)
		return 0;
	if (u->read_round) /* its messages leave after this read arrived too */
		return u->read_round;
	u->read_round = r->seq + 1;
	begin_step(r, u);
	raft_replication_start(r, now_ms);
	end_step(r, now_ms);
	return u->read_round;
}
bool raft_answers_entry(const struct raft *r, const struct raft_update *u, uint64_t index)
{
	if (r->role == RAFT_LEADER)
		return index > u->answer_from && index <= u->answer_to && !raft_share_contains(r, index) &&
		       !raft_inherit_holds(r, index);
	if (index <= u->commit_from || index > u->commit_to)
		return false;
	return r->share_term == r->term && index >= r->share_from && index <= r->share_to &&
	       raft_log_term(&r->log, index) == r->term;
}

bool raft_seq_confirmed(const struct raft *r, uint64_t seq)
{
	size_t i, acks = 1;

	for (i = 0; i < r->n_peers; i++)
		if (r->peers[i].acked_seq >= seq)
			acks++;
	return r->role == RAFT_LEADER && acks >= raft_quorum(r);
}

bool raft_entry_answered(const struct raft *r, uint64_t index)
{
	if (r->role != RAFT_LEADER)
		return index <= r->commit;
	return index <= r->answers_upto && !raft_inherit_holds(r, index);
}

bool raft_answered_elsewhere(const struct raft *r, uint64_t index)
{
	/* A share taken back from a silent delegate may have been answered
	 * there in part, its replies lost: until this leader answers them
	 * itself, a read of their keys waits for them to apply (soak --durable
	 * seed 4388: the delegate acknowledged a put while the leader was
	 * stopped, and the leader's read answered the value before it). */
	bool taken_back = index > r->answers_upto && index <= r->confirm_to;

	return r->role == RAFT_LEADER && (raft_share_contains(r, index) || raft_inherit_holds(r, index) || taken_back);
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

/* A leader's own answers: those it released, but inherited ones it holds. */
static uint64_t leader_answered(const struct raft *r)
{
	uint64_t mine = r->answers_upto;

	if (r->inherit_to && r->inherit_from <= mine)
		mine = r->inherit_from - 1;
	return mine;
}

uint64_t raft_answered_upto(const struct raft *r)
{
	uint64_t mine = r->role == RAFT_LEADER ? leader_answered(r) : 0;

	return mine > r->known_commit ? mine : r->known_commit;
}

uint64_t raft_compactable_upto(const struct raft *r)
{
	/* A leader's known_commit may run ahead of answers it holds (taken
	 * back from a silent delegate, or inherited): those need their
	 * entries yet. */
	uint64_t upto = r->role == RAFT_LEADER ? leader_answered(r) : r->known_commit;

	return upto < r->commit ? upto : r->commit;
}

void raft_delegate_answered(const struct raft *r, uint64_t *term, uint64_t *upto)
{
	*term = r->share_term;
	*upto = r->share_term ? r->share_answered : 0;
}

uint64_t raft_take_unsaved(struct raft *r)
{
	return raft_log_take_unsaved(&r->log);
}

void raft_return_unsaved(struct raft *r, uint64_t from)
{
	raft_log_mark_unsaved(&r->log, from);
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
