/* The delegate's share; see raft_share.h. */
#include "raft_share.h"

#include "raft_inherit.h"

#include <assert.h>

bool raft_share_open(const struct raft *r)
{
	return r->delegate >= 0 && r->delegate_to == UINT64_MAX;
}

bool raft_share_settled(const struct raft *r)
{
	return r->delegate < 0 || (!raft_share_open(r) && (r->peers[r->delegate].answered_upto >= r->delegate_to ||
							   r->delegate_to < r->delegate_from));
}

bool raft_share_owes(const struct raft *r)
{
	const struct raft_peer *d = r->delegate >= 0 ? &r->peers[r->delegate] : NULL;
	uint64_t end = r->delegate_to < r->log.last ? r->delegate_to : r->log.last;

	return d && !raft_share_settled(r) && d->answered_upto < end;
}

bool raft_share_lags(const struct raft *r)
{
	const struct raft_peer *d = r->delegate >= 0 ? &r->peers[r->delegate] : NULL;

	return d && !raft_share_settled(r) && r->commit >= r->delegate_from && d->answered_upto < r->commit &&
	       d->answered_upto < r->delegate_to;
}

struct raft_peer *raft_share_delegate(struct raft *r)
{
	return r->delegate >= 0 ? &r->peers[r->delegate] : NULL;
}

/* As far as clients may be answered once taken-back answers are confirmed. */
static uint64_t answerable_commit(const struct raft *r)
{
	uint64_t frontier;

	if (raft_share_settled(r))
		return raft_inherit_cap(r, r->commit);
	frontier = r->peers[r->delegate].answered_upto;
	if (frontier < r->delegate_from - 1)
		frontier = r->delegate_from - 1;
	return raft_inherit_cap(r, r->commit < frontier ? r->commit : frontier);
}

uint64_t raft_share_answered_commit(const struct raft *r)
{
	uint64_t answerable = answerable_commit(r);

	/* Taken-back answers have not left yet: followers told of their
	 * commit would count them answered, and a leader killed before they
	 * leave would leave them unanswered for good (soak seed 2080, and
	 * seed 2644 for a leader's own known commit). */
	if (r->confirm_to > r->answers_upto && answerable > r->answers_upto)
		return r->answers_upto;
	return answerable;
}

uint64_t raft_share_release_frontier(const struct raft *r)
{
	if (r->confirm_to > r->answers_upto && !raft_seq_confirmed(r, r->confirm_seq))
		return r->answers_upto;
	return answerable_commit(r);
}

void raft_share_learn(struct raft *r)
{
	raft_learn_commit(r, raft_share_answered_commit(r));
}

void raft_share_add_fields(const struct raft *r, const struct raft_peer *final, struct msg_append_entries *ae)
{
	if (r->delegate < 0 || final != &r->peers[r->delegate])
		return;
	ae->answer_from = r->delegate_from;
	ae->_present.answer_from = true;
	if (!raft_share_open(r)) {
		ae->answer_to = r->delegate_to;
		ae->_present.answer_to = true;
	}
	/* Up to the share's end: what comes after it the leader answers, and
	 * only once the share is answered. */
	ae->delegate_commit = r->commit < r->delegate_to ? r->commit : r->delegate_to;
	ae->_present.delegate_commit = true;
}

bool raft_share_contains(const struct raft *r, uint64_t index)
{
	return r->delegate >= 0 && index >= r->delegate_from && index <= r->delegate_to;
}

void raft_share_close(struct raft *r)
{
	if (!raft_share_open(r))
		return;
	r->delegate_to = r->log.last - 1;
	if (r->delegate_to < r->delegate_from) {
		r->delegate = -1;
		return;
	}
	raft_logf(r, RAFT_LOG_DEBUG, "%s's share ends at %llu", r->peers[r->delegate].id,
		  (unsigned long long)r->delegate_to);
}

bool raft_share_take_back(struct raft *r, uint64_t now_ms)
{
	struct raft_peer *d = raft_share_delegate(r);

	if (raft_share_settled(r) || now_ms - d->last_heard_ms < r->timing.check_quorum)
		return false;
	r->confirm_to = r->delegate_to < r->log.last ? r->delegate_to : r->log.last;
	r->confirm_seq = r->seq + 1; /* the first message sent from now on */
	/* The share ends where its answers do: the leader answers the rest,
	 * and what it held back after it, as the frontier passes them. */
	r->delegate_to = d->answered_upto > r->delegate_from - 1 ? d->answered_upto : r->delegate_from - 1;
	raft_logf(r, RAFT_LOG_INFO, "%s silent for %llu ms: answer its share from %llu on", d->id,
		  (unsigned long long)(now_ms - d->last_heard_ms), (unsigned long long)r->delegate_to + 1);
	raft_share_learn(r);
	return true;
}

void raft_share_begin(struct raft *r, struct raft_peer *d)
{
	uint64_t from = r->commit + 1; /* the entries nobody answered yet */

	assert(raft_share_settled(r));
	if (r->delegate >= 0 && r->delegate_to + 1 > from)
		from = r->delegate_to + 1;
	if (d->answered_upto + 1 > from)
		from = d->answered_upto + 1;
	r->delegate = (int)(d - r->peers);
	r->delegate_from = from;
	r->delegate_to = UINT64_MAX;
	raft_logf(r, RAFT_LOG_INFO, "%s answers clients from entry %llu on", d->id, (unsigned long long)from);
}
