/* The leader's tick: a leadership transfer given up, check-quorum, retries
 * of uncommitted entries, the delegate's reminders and heartbeats, and
 * when the next is due. */
#include "raft_leader_tick.h"
#include "raft_chain.h"
#include "raft_convert.h"
#include "raft_inherit.h"
#include "raft_send.h"
#include "raft_share.h"
#include "raft_transfer.h"

#include <assert.h>
#include <stdlib.h>

/* After a retry, new entries go to one more follower for this long. */
#define WIDE_MS 2000

static bool lacks_uncommitted(const struct raft *r, const struct raft_peer *p)
{
	return r->commit < r->log.last && p->match_index < r->log.last;
}

/* The followers that uncommitted entries are resent to: those lacking
 * them, most recently heard first, one more than a quorum still needs, so
 * that one more loss does not cost another interval, without resending to
 * every follower. Fills set with their indexes; returns how many. */
static size_t retry_set(const struct raft *r, size_t *set)
{
	const struct raft_peer *lacking[RAFT_MAX_PEERS];
	size_t i, n = 0, confirmed = 0, size;

	if (r->commit >= r->log.last)
		return 0;
	for (i = 0; i < r->n_peers; i++) {
		if (r->peers[i].learner) /* no help to the commit: it catches up with heartbeats */
			continue;
		if (lacks_uncommitted(r, &r->peers[i]))
			lacking[n++] = &r->peers[i];
		else
			confirmed++;
	}
	qsort(lacking, n, sizeof *lacking, raft_compare_peers_by_last_heard);
	size = confirmed + 1 < raft_quorum(r) ? raft_quorum(r) - confirmed : 1;
	for (i = 0; i < n && i < size; i++)
		set[i] = (size_t)(lacking[i] - r->peers);
	return i;
}

/* When peer p of the retry set is next resent the uncommitted entries. */
static uint64_t retry_at(const struct raft *r, const struct raft_peer *p)
{
	uint64_t own = p->last_sent_ms + p->backoff_ms, any = r->oldest_unacked_ms + raft_retry_interval(r);

	return own > any ? own : any;
}

/* Doubles the wait before p is resent what it lacks, up to the heartbeat
 * interval: a peer that stays silent (crashed, cut off) is retried ever
 * less often. */
static void back_off(struct raft *r, struct raft_peer *p)
{
	p->backoff_ms = 2 * p->backoff_ms < r->timing.heartbeat ? 2 * p->backoff_ms : r->timing.heartbeat;
}

/* Uncommitted entries go along the chain again while its followers keep
 * answering (three messages rather than a star's four and its notices);
 * after two lost rounds in a row, by star, which does not wait for every
 * member of the chain. True if a chain was sent or is not due yet. */
static bool retry_by_chain(struct raft *r, uint64_t now_ms)
{
	struct raft_peer *chain[RAFT_MAX_PEERS];
	size_t i, k = raft_quorum(r) - 1;

	if (!raft_chain_pick(r, chain, now_ms) || chain[0]->backoff_ms > 2 * raft_retry_interval(r))
		return false;
	if (now_ms < retry_at(r, chain[0]))
		return true;
	if (chain[0]->last_sent_ms >= r->oldest_unacked_ms)
		for (i = 0; i < k; i++)
			back_off(r, chain[i]);
	return raft_chain_send(r, chain, k, now_ms);
}

static void retry_uncommitted(struct raft *r, uint64_t now_ms)
{
	size_t set[RAFT_MAX_PEERS], i, n = retry_set(r, set);

	if (n && retry_by_chain(r, now_ms))
		return;
	for (i = 0; i < n; i++) {
		struct raft_peer *p = &r->peers[set[i]];

		if (now_ms < retry_at(r, p))
			continue;
		if (p->last_sent_ms >= r->oldest_unacked_ms) {
			r->wide_until_ms = now_ms + WIDE_MS; /* it was sent and lost */
			back_off(r, p);
		}
		raft_send_append(r, p, now_ms);
	}
}

/* The delegate must hear of what it owes (raft_share_owes) even when
 * retries go by star and past it: at its own backoff, doubling while it
 * stays silent, so that a delegate losing many messages in a row is not
 * taken for dead (check_quorum ms of silence), and one that is dead is
 * not sent a message every retry interval. */
static bool delegate_due(const struct raft *r)
{
	const struct raft_peer *d = r->delegate >= 0 ? &r->peers[r->delegate] : NULL;

	return d && (raft_share_lags(r) || (raft_share_owes(r) && d->backoff_ms > 2 * raft_retry_interval(r)));
}

static void remind_delegate(struct raft *r, uint64_t now_ms)
{
	struct raft_peer *d = raft_share_delegate(r);

	if (!delegate_due(r) || now_ms < d->last_sent_ms + d->backoff_ms)
		return;
	if (d->last_heard_ms < d->last_sent_ms)
		back_off(r, d);
	raft_send_append(r, d, now_ms);
}

void raft_leader_tick(struct raft *r, uint64_t now_ms)
{
	size_t i, heard = 1;

	assert(r->role == RAFT_LEADER);
	raft_transfer_expire(r, now_ms);
	for (i = 0; i < r->n_peers; i++)
		if (!r->peers[i].learner && now_ms - r->peers[i].last_heard_ms < r->timing.check_quorum)
			heard++;
	if (heard < raft_quorum(r)) {
		raft_logf(r, RAFT_LOG_INFO, "check-quorum: heard from %zu of %zu voters within %llu ms, step down",
			  heard, raft_voters(r), (unsigned long long)r->timing.check_quorum);
		raft_convert_to_follower(r, r->term, MSG_ID_BROADCAST, now_ms);
		return;
	}
	if (raft_share_take_back(r, now_ms)) /* its commit index, for them to confirm */
		for (i = 0; i < r->n_peers; i++)
			raft_send_append(r, &r->peers[i], now_ms);
	raft_inherit_check(r, now_ms);
	retry_uncommitted(r, now_ms);
	remind_delegate(r, now_ms);
	for (i = 0; i < r->n_peers; i++)
		if (now_ms - r->peers[i].last_sent_ms >= r->timing.heartbeat)
			raft_send_append(r, &r->peers[i], now_ms);
}

uint64_t raft_leader_deadline(const struct raft *r, uint64_t now_ms)
{
	uint64_t deadline = now_ms + r->timing.heartbeat;
	size_t set[RAFT_MAX_PEERS], i, n = retry_set(r, set);

	for (i = 0; i < r->n_peers; i++) {
		uint64_t at = r->peers[i].last_sent_ms + r->timing.heartbeat;

		deadline = at < deadline ? at : deadline;
	}
	for (i = 0; i < n; i++) {
		uint64_t at = retry_at(r, &r->peers[set[i]]);

		deadline = at < deadline ? at : deadline;
	}
	if (delegate_due(r)) {
		uint64_t at = r->peers[r->delegate].last_sent_ms + r->peers[r->delegate].backoff_ms;

		deadline = at < deadline ? at : deadline;
	}
	if (!raft_share_settled(r)) {
		uint64_t at = r->peers[r->delegate].last_heard_ms + r->timing.check_quorum;

		deadline = at < deadline ? at : deadline;
	}
	if (raft_inherit_deadline(r) < deadline)
		deadline = raft_inherit_deadline(r);
	if (raft_transfer_deadline(r) < deadline)
		deadline = raft_transfer_deadline(r);
	return deadline > now_ms ? deadline : now_ms + 1;
}
