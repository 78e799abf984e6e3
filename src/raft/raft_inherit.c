/* Answers for inherited entries; see raft_inherit.h. */
#include "raft_inherit.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

/* The peer that may have answered inherited entries: the delegate of the
 * last chain this replica relayed, in the term of its last entry. */
static struct raft_peer *possible_answerer(struct raft *r)
{
	struct raft_peer *d = raft_peer_find(r, r->relayed_delegate);

	if (!d || r->relayed_term != raft_log_term(&r->log, r->log.last) || d->answered)
		return NULL; /* none, or it voted: what it answered is adopted */
	return d;
}

uint64_t raft_inherit_first(const struct raft *r)
{
	uint64_t first;

	if (!r->owed_from)
		return r->commit + 1;
	/* What a peer knows committed was answered; the rest is still owed.
	 * (Taking owed_from <= known_commit for all of it answered left a
	 * re-elected leader that knew 444 of its 523 answered, owing from
	 * 430, answering none of 445 to 523: soak seed 37.) */
	first = r->owed_from > r->known_commit ? r->owed_from : r->known_commit + 1;
	return first <= r->commit ? first : r->commit + 1;
}

void raft_inherit_begin(struct raft *r, uint64_t first, uint64_t now_ms)
{
	struct raft_peer *d = possible_answerer(r);

	assert(r->role == RAFT_LEADER);
	r->inherit_to = 0;
	if (!d || first > r->log.last)
		return;
	r->inherit_from = first;
	r->inherit_to = r->log.last; /* before the no-op of the new term */
	r->inherit_until_ms = now_ms + r->timing.inherit_wait;
	r->inherit_peer = (size_t)(d - r->peers);
	raft_logf(r, RAFT_LOG_INFO,
		  "entries %llu to %llu of earlier terms: answer them once %s, which may have, is heard",
		  (unsigned long long)r->inherit_from, (unsigned long long)r->inherit_to, d->id);
}

bool raft_inherit_holds(const struct raft *r, uint64_t index)
{
	return r->inherit_to && index >= r->inherit_from && index <= r->inherit_to;
}

uint64_t raft_inherit_cap(const struct raft *r, uint64_t frontier)
{
	return r->inherit_to && frontier >= r->inherit_from ? r->inherit_from - 1 : frontier;
}

void raft_inherit_check(struct raft *r, uint64_t now_ms)
{
	if (!r->inherit_to)
		return;
	if (r->known_commit >= r->inherit_from) { /* answered by whoever told it */
		r->inherit_from = r->known_commit + 1;
		/* the frontier stops below the first held entry: it moves on */
		if (r->answers_upto < r->inherit_from - 1 && r->inherit_from - 1 <= r->commit)
			r->answers_upto = r->inherit_from - 1;
	}
	if (r->inherit_from > r->inherit_to) {
		raft_logf(r, RAFT_LOG_DEBUG, "entries up to %llu of earlier terms were answered, as a peer knows",
			  (unsigned long long)r->inherit_to);
		r->inherit_to = 0;
		return;
	}
	if (!r->peers[r->inherit_peer].answered && now_ms < r->inherit_until_ms)
		return;
	raft_logf(r, RAFT_LOG_INFO, "%s: answer entries %llu to %llu of earlier terms",
		  r->peers[r->inherit_peer].answered ? "heard the delegate" : "waited long enough",
		  (unsigned long long)r->inherit_from, (unsigned long long)r->inherit_to);
	r->inherit_to = 0; /* the frontier passes them at the end of the step */
}

uint64_t raft_inherit_deadline(const struct raft *r)
{
	return r->inherit_to ? r->inherit_until_ms : UINT64_MAX;
}
