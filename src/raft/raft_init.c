/* A replica's core comes to life: its timing, its peers, and the state
 * it restores from a write-ahead log. */
#include "raft_state.h"

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

/* cfg's learners, each this replica or a peer named once. */
static int mark_learners(struct raft *r, const struct raft_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_learners; i++) {
		char id[MSG_ID_SIZE];
		struct raft_peer *p;

		if (!msg_member_id(id, cfg->learners[i]))
			return RAFT_EINVAL;
		p = raft_peer_find(r, id);
		if (strcmp(id, r->id) == 0 ? r->learner : !p || p->learner)
			return RAFT_EINVAL;
		if (p)
			p->learner = true;
		else
			r->learner = true;
	}
	return RAFT_OK;
}

static int copy_peers(struct raft *r, const struct raft_config *cfg)
{
	size_t i;

	if (cfg->n_peers > RAFT_MAX_PEERS || !msg_member_id(r->id, cfg->id) ||
	    cfg->max_unanswered > RAFT_UNANSWERED_CAP)
		return RAFT_EINVAL;
	r->peers = calloc(cfg->n_peers ? cfg->n_peers : 1, sizeof *r->peers);
	if (!r->peers)
		return RAFT_ENOMEM;
	for (i = 0; i < cfg->n_peers; i++) {
		char id[MSG_ID_SIZE];

		if (!msg_member_id(id, cfg->peers[i]) || strcmp(id, r->id) == 0 || raft_peer_find(r, id))
			return RAFT_EINVAL;
		msg_id_copy(r->peers[r->n_peers++].id, id);
	}
	return mark_learners(r, cfg);
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
	r->transfer_to = -1;
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
