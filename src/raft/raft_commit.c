/* The leader's commit (Figure 2, sections 5.3, 5.4.2) and the notices
 * that tell followers of it. */
#include "raft_commit.h"
#include "base/mutant.h"
#include "raft_send.h"
#include "raft_share.h"

#include <stdlib.h>

/* Tells the followers that the newly committed entries are committed, in
 * the step that releases their answers (the node sends the answers first:
 * node.c, after_step). Should this leader die, the next
 * one hears what they know in their (pre-)vote and append-entries replies
 * and does not answer those clients again; it would only if every one of
 * these notices were lost. They go to every follower the entries were sent
 * to, not only those that confirmed them: after a loss that is one more
 * copy (see raft_chain_new_entry), for the price of one message.
 * A notice for several answers (a batch, a share taken back) goes to every
 * follower: its loss would cost a second ok for each of them, should the
 * leader die, and one more message per follower is cheaper. */
void raft_commit_notify(struct raft *r, bool to_every_follower, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++) {
		struct raft_peer *p = &r->peers[i];
		struct msg_any *m;

		if (!to_every_follower && p->match_index < r->commit && p->sent_upto < r->commit)
			continue;
		m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);
		if (!m)
			continue;
		/* The newest word on the share, so a seq of its own (a
		 * delegate that answers because of it replies). */
		raft_send_header(r, &m->as.append_entries, raft_share_answered_commit(r), now_ms);
		m->as.append_entries.quiet = true;
		/* Without it the delegate would take itself for one no more. */
		raft_share_add_fields(r, p, &m->as.append_entries);
	}
}

/* Figure 2 and section 5.4.2: the highest index a majority holds, committed
 * only if it is of the current term (Figure 8). */
void raft_commit_update(struct raft *r, uint64_t now_ms)
{
	uint64_t match[RAFT_MAX_PEERS + 1];
	size_t i, voters = 1;
	uint64_t n;

	match[0] = r->log.last;
	for (i = 0; i < r->n_peers; i++)
		if (!r->peers[i].learner)
			match[voters++] = r->peers[i].match_index;
	qsort(match, voters, sizeof *match, raft_compare_u64_desc);
	n = match[raft_quorum(r) - 1 - (MUTANT_ON(COMMIT_WITHOUT_MAJORITY) && raft_quorum(r) > 1)];
	if (n <= r->commit || raft_log_term(&r->log, n) != r->term)
		return;
	raft_advance_commit(r, n, true);
	raft_share_learn(r);
	r->oldest_unacked_ms = now_ms;
	/* Entries of the delegate's share committed without it knowing (by a
	 * star): it answers them once told. */
	if (raft_share_lags(r) && raft_share_delegate(r)->known_commit < r->commit)
		raft_send_append(r, raft_share_delegate(r), now_ms);
}
