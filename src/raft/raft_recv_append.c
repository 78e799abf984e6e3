/* Append-entries as received by any role (Figure 2, "Receiver
 * implementation"): the follower's side of replication. */
#include "raft_recv_append.h"
#include "base/mutant.h"

#include <stdlib.h>
#include <string.h>

/* The leader that created m: its sender, or, for an append-entries passed
 * along a chain, the leader that the relaying follower names. */
static const char *origin_of(const struct msg_append_entries *m)
{
	return m->_count.witnesses ? m->env.leader : m->env.src;
}

static bool copy_links(struct msg_link **dst, size_t *count, bool *present, const struct msg_link *src, size_t n,
		       const char *extra)
{
	size_t total = n + (extra != NULL);

	*present = total > 0;
	*count = 0;
	if (total == 0)
		return true;
	*dst = calloc(total, sizeof **dst);
	if (!*dst)
		return false;
	if (n)
		memcpy(*dst, src, n * sizeof **dst);
	if (extra)
		msg_id_copy((*dst)[n].id, extra);
	*count = total;
	return true;
}

static void reply_append(struct raft *r, const struct msg_append_entries *m, bool success, uint64_t match,
			 uint64_t conflict_index, uint64_t conflict_term)
{
	struct msg_any *out = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES_REPLY, origin_of(m));
	struct msg_append_entries_reply *reply;

	if (!out)
		return;
	reply = &out->as.append_entries_reply;
	reply->term = r->term;
	reply->success = success;
	reply->match_index = match;
	reply->conflict_index = conflict_index;
	reply->conflict_term = conflict_term;
	reply->seq = m->seq;
	reply->commit = r->known_commit;
	if (r->share_term == r->term) {
		/* what of its share it answered: all it applied, up to the share's end */
		reply->answered = r->commit < r->share_to ? r->commit : r->share_to;
		reply->_present.answered = true;
	}
	if (m->_count.witnesses == 0)
		return;
	/* The witnesses stored everything this message carries. */
	reply->witness_match = m->prev_log_index + m->_count.entries;
	reply->_present.witness_match = true;
	if (!copy_links(&reply->witnesses, &reply->_count.witnesses, &reply->_present.witnesses, m->witnesses,
			m->_count.witnesses, NULL))
		raft_outbox_drop_last(r->update);
}

/* Passes a chained append-entries on to the next follower of its chain,
 * adding this replica to its witnesses. */
static void relay_append(struct raft *r, const struct msg_append_entries *m)
{
	struct msg_any *out = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, m->chain[0].id);
	struct msg_append_entries *ae;
	size_t k;

	if (!out)
		return;
	ae = &out->as.append_entries;
	ae->term = m->term;
	ae->prev_log_index = m->prev_log_index;
	ae->prev_log_term = m->prev_log_term;
	ae->commit = m->commit;
	ae->seq = m->seq;
	ae->answer_from = m->answer_from;
	ae->answer_to = m->answer_to;
	ae->delegate_commit = m->delegate_commit;
	ae->_present.answer_from = m->_present.answer_from;
	ae->_present.answer_to = m->_present.answer_to;
	ae->_present.delegate_commit = m->_present.delegate_commit;
	ae->entries = calloc(m->_count.entries ? m->_count.entries : 1, sizeof *ae->entries);
	if (!ae->entries)
		goto fail;
	for (k = 0; k < m->_count.entries; k++, ae->_count.entries++)
		if (raft_log_copy_entry(&ae->entries[k], &m->entries[k]) < 0)
			goto fail;
	if (!copy_links(&ae->chain, &ae->_count.chain, &ae->_present.chain, m->chain + 1, m->_count.chain - 1, NULL) ||
	    !copy_links(&ae->witnesses, &ae->_count.witnesses, &ae->_present.witnesses, m->witnesses,
			m->_count.witnesses, r->id))
		goto fail;
	return;
fail:
	raft_logf(r, RAFT_LOG_WARN, "out of memory relaying entries to %s", m->chain[0].id);
	raft_outbox_drop_last(r->update);
}

/* The last follower of a chain as long as a quorum knows that everything up
 * to match is committed: the leader, every witness and itself hold it, and
 * it ends with an entry of the leader's term (Figure 8). Only the leader's
 * delegate uses it: what a replica knows committed must be answered (a
 * new leader adopts it without answering), and the delegate answers its
 * share as it applies it. */
static uint64_t chain_commit(const struct raft *r, const struct msg_append_entries *m, uint64_t match)
{
	if (m->_count.chain || !m->_present.answer_from || 2 + m->_count.witnesses < raft_quorum(r) ||
	    raft_log_term(&r->log, match) != m->term)
		return 0;
	return match;
}

/* Appends what is new, truncating a conflicting suffix (Figure 2, 3 and 4).
 * Returns false when out of memory. */
static bool merge_entries(struct raft *r, const struct msg_append_entries *m)
{
	size_t k;

	for (k = 0; k < m->_count.entries; k++) {
		uint64_t index = m->prev_log_index + 1 + k;

		if (index <= r->log.base) /* in the snapshot: committed, so the leader's too */
			continue;
		if (index <= r->log.last) {
			if (raft_log_term(&r->log, index) == m->entries[k].term)
				continue;
			if (index <= r->commit) {
				raft_logf(r, RAFT_LOG_WARN, "refused to truncate committed entry %llu",
					  (unsigned long long)index);
				return false;
			}
			raft_logf(r, RAFT_LOG_INFO, "entry %llu conflicts: drop it and all after it",
				  (unsigned long long)index);
			raft_log_truncate_after(&r->log, index - 1);
		}
		if (raft_log_append(&r->log, &m->entries[k]) < 0)
			return false;
	}
	return true;
}

/* The last receiver of a message that names a share is the leader's
 * delegate: it answers the clients of the entries of the share as it
 * applies them (raft_answers_entry). */
static void take_share(struct raft *r, const struct msg_append_entries *m)
{
	/* Datagrams overtake one another (a paused replica reads a whole
	 * backlog): one the leader sent before the newest taken here tells
	 * what the share was then, and could reopen a share that closed, whose
	 * later entries the leader answers itself. */
	if (r->share_term == m->term) {
		if (m->seq < r->share_seq)
			return;
		r->share_seq = m->seq;
	}
	/* A link of a chain is not the delegate (any more): after its share
	 * closed, the leader may open the next one for another follower and
	 * put this one first on its chains, with no word in between. */
	if (m->_count.chain || !m->_present.answer_from) {
		if (r->share_term == m->term && r->share_to > r->share_answered)
			r->share_to = r->share_answered;
		return;
	}
	if (r->share_term != m->term) {
		r->share_term = m->term;
		r->share_answered = 0;
		r->share_seq = m->seq;
	}
	if (r->share_from != m->answer_from)
		raft_logf(r, RAFT_LOG_INFO, "answer the clients of entries from %llu on for leader %s",
			  (unsigned long long)m->answer_from, r->leader);
	r->share_from = m->answer_from;
	r->share_to = m->_present.answer_to ? m->answer_to : UINT64_MAX;
	/* What of the share this replica applied before it knew of it, it
	 * answers now: its replies say it answered up to its commit. */
	r->update->late_from = r->share_answered > r->share_from - 1 ? r->share_answered : r->share_from - 1;
	r->update->late_to = r->commit < r->share_to ? r->commit : r->share_to;
	if (r->update->late_to <= r->update->late_from)
		r->update->late_from = r->update->late_to = 0;
	else
		r->share_answered = r->update->late_to;
}

/* After the commit index moved: the node answers the share's newly applied
 * entries (raft_answers_entry). */
static void note_share_answered(struct raft *r)
{
	uint64_t upto = r->commit < r->share_to ? r->commit : r->share_to;

	if (r->share_term == r->term && upto >= r->share_from && upto > r->share_answered)
		r->share_answered = upto;
}

/* What the leader has committed, as far as this replica may apply it: the
 * delegate is told the whole commit index (a link passes it on unread),
 * the others what is answered. */
static uint64_t leader_commit(const struct raft *r, const struct msg_append_entries *m)
{
	if (!m->_count.chain && r->share_term == m->term && m->_present.delegate_commit &&
	    m->delegate_commit > m->commit)
		return m->delegate_commit;
	return m->commit;
}

/* Figure 2's first rule: a leader of an older term is told the newer one
 * (unless it asked for no reply). Any other makes this replica its
 * follower, heard from now. False when the message stops here. */
static bool accept_leader(struct raft *r, const struct msg_append_entries *m, const char *leader, uint64_t now_ms)
{
	if (m->term < r->term && !MUTANT_ON(ACCEPT_STALE_TERM)) {
		if (!m->quiet)
			reply_append(r, m, false, 0, 0, 0);
		return false;
	}
	if (m->term >= r->term) /* always, but with the planted ACCEPT_STALE_TERM */
		raft_convert_to_follower(r, m->term, leader, now_ms);
	r->heard_leader = true;
	r->leader_heard_ms = now_ms;
	r->leader_contacts++;
	raft_reset_election_timer(r, now_ms);
	return true;
}

/* Figure 2: false, with a reply that hints where to resume (section 5.3),
 * unless the log holds an entry at prev_log_index of prev_log_term. */
static bool prev_matches(struct raft *r, const struct msg_append_entries *m)
{
	if (m->prev_log_index > r->log.last) {
		if (!m->quiet)
			reply_append(r, m, false, 0, r->log.last + 1 + MUTANT_ON(WRONG_CONFLICT_HINT), 0);
		return false;
	}
	if (!raft_log_matches(&r->log, m->prev_log_index, m->prev_log_term)) {
		uint64_t term = raft_log_term(&r->log, m->prev_log_index);

		if (!m->quiet)
			reply_append(r, m, false, 0,
				     raft_log_first_of_term(&r->log, m->prev_log_index) +
					     MUTANT_ON(WRONG_CONFLICT_HINT),
				     term);
		return false;
	}
	return true;
}

/* Figure 2: commitIndex = min(leaderCommit, index of last new entry), or
 * more when the chain proves a majority holds the entries up to match. */
static void commit_after_merge(struct raft *r, const struct msg_append_entries *m, uint64_t match)
{
	uint64_t known = leader_commit(r, m) < match ? leader_commit(r, m) : match;

	if (chain_commit(r, m, match) > known) {
		known = chain_commit(r, m, match);
		raft_logf(r, RAFT_LOG_DEBUG,
			  "it holds up to %llu, as do the leader and %zu relaying followers: committed",
			  (unsigned long long)known, m->_count.witnesses);
	}
	raft_advance_commit(r, known, false);
}

/* A link of a chain passes the message on; anyone else replies, but to a
 * quiet message only if it answered clients of its share meanwhile. */
static void pass_on_or_reply(struct raft *r, const struct msg_append_entries *m, uint64_t match,
			     uint64_t answered_before)
{
	if (m->_count.chain) {
		if (m->_present.answer_from) { /* the chain ends at the delegate */
			msg_id_copy(r->relayed_delegate, m->chain[m->_count.chain - 1].id);
			r->relayed_term = m->term;
		}
		raft_logf(r, RAFT_LOG_DEBUG, "stored up to %llu, pass it on to %s", (unsigned long long)match,
			  m->chain[0].id);
		relay_append(r, m);
	} else if (!m->quiet || r->share_answered > answered_before) {
		/* A delegate that answered tells the leader, even when asked
		 * for no reply: a leader that goes on thinking it silent takes
		 * its share back and answers those clients again. */
		reply_append(r, m, true, match, 0, 0);
	}
}

void raft_recv_append_entries(struct raft *r, const struct msg_append_entries *m, uint64_t now_ms)
{
	const char *leader = origin_of(m);
	uint64_t match, answered_before = r->share_answered;

	if (!raft_is_peer(r, leader) || (m->_count.chain && !raft_is_peer(r, m->chain[0].id))) {
		raft_logf(r, RAFT_LOG_WARN,
			  "dropped an append-entries relayed by %s: leader %s or next %s is not a peer", m->env.src,
			  leader, m->_count.chain ? m->chain[0].id : "-");
		return;
	}
	raft_learn_commit(r, m->commit);
	if (!accept_leader(r, m, leader, now_ms) || !prev_matches(r, m) || !merge_entries(r, m))
		return;
	match = m->prev_log_index + m->_count.entries;
	if (match < r->log.base) /* it holds more: its snapshot */
		match = r->log.base;
	take_share(r, m);
	commit_after_merge(r, m, match);
	note_share_answered(r);
	pass_on_or_reply(r, m, match, answered_before);
}
