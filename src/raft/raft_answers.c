/*
 * Who answers which client. An entry's client gets exactly one answer,
 * from one of three places:
 * - the leader, for the entries it commits by star and for those it
 *   inherited once it knows nobody answered them (raft_inherit.h);
 * - its delegate, for the entries of its share (raft_share.h): the
 *   follower at the end of a chain answers them as it applies them;
 * - nobody again, for entries any replica says it knows committed with
 *   their clients answered (known_commit): a new leader adopts that.
 * The rules kept here:
 * 1. A leader's answers leave in log order, up to the release frontier
 *    (raft_share_release_frontier): an entry committed after a share the
 *    delegate has not answered waits for it, so that a client with two
 *    puts to one key in flight hears of them in the order they applied.
 * 2. What followers are told committed never passes what is answered, so
 *    a next leader can take it as answered; in the step that releases
 *    answers, followers are told of the commit (commit notices,
 *    raft_commit.h) unless one already said it knows.
 * 3. A leader that steps down with committed entries unanswered owes them
 *    (owed_from): were it to lead again it must not count them answered.
 * 4. Entries may be compacted away only once no client of theirs will be
 *    answered by this replica from the log again.
 */
#include "raft_answers.h"
#include "raft_inherit.h"
#include "raft_share.h"

#include <assert.h>
#include <string.h>

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

/* The highest commit index a follower said it knows, this term: the
 * last follower of a chain knows first. */
static uint64_t highest_known_commit(const struct raft *r)
{
	uint64_t known = 0;
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		if (r->peers[i].known_commit > known)
			known = r->peers[i].known_commit;
	return known;
}

/* Answers leave in log order: up to raft_share_release_frontier. */
size_t raft_answers_release(struct raft *r)
{
	struct raft_update *u = r->update;
	uint64_t frontier = raft_share_release_frontier(r), i;
	size_t answers = 0;

	assert(r->role == RAFT_LEADER);
	if (frontier <= r->answers_upto)
		return 0;
	u->answer_from = r->answers_upto;
	u->answer_to = frontier;
	r->answers_upto = frontier;
	if (r->answers_upto >= r->confirm_to)
		r->confirm_to = 0;
	for (i = u->answer_from + 1; i <= u->answer_to; i++)
		answers +=
			raft_answers_entry(r, u, i) && strcmp(raft_log_get(&r->log, i)->client, MSG_ID_BROADCAST) != 0;
	return highest_known_commit(r) < frontier ? answers : 0;
}

/* A leader that steps down with committed entries whose answers have not
 * left remembers them, and the delegate that may yet answer them (as a
 * follower that relayed to it would: raft_inherit.h). */
void raft_answers_note_owed(struct raft *r)
{
	uint64_t answered = raft_answered_upto(r);

	if (r->commit <= answered)
		return;
	raft_logf(r, RAFT_LOG_INFO, "entries %llu to %llu were committed, not all answered yet",
		  (unsigned long long)answered + 1, (unsigned long long)r->commit);
	if (!r->owed_from || r->owed_from > answered + 1)
		r->owed_from = answered + 1;
	if (r->delegate >= 0) {
		msg_id_copy(r->relayed_delegate, r->peers[r->delegate].id);
		r->relayed_term = r->term;
	}
}
