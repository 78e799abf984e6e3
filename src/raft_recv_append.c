/* Append-entries as received by any role (Figure 2, "Receiver
 * implementation"): the follower's side of replication. */
#include "raft_recv_append.h"

#include <string.h>

static void reply_append(struct raft *r, const struct msg_append_entries *m, bool success, uint64_t match,
			 uint64_t conflict_index, uint64_t conflict_term)
{
	struct msg_any *out = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES_REPLY, m->env.src);

	if (!out)
		return;
	out->as.append_entries_reply.term = r->term;
	out->as.append_entries_reply.success = success;
	out->as.append_entries_reply.match_index = match;
	out->as.append_entries_reply.conflict_index = conflict_index;
	out->as.append_entries_reply.conflict_term = conflict_term;
	out->as.append_entries_reply.seq = m->seq;
	out->as.append_entries_reply.commit = r->known_commit;
}

/* Appends what is new, truncating a conflicting suffix (Figure 2, 3 and 4).
 * Returns false when out of memory. */
static bool merge_entries(struct raft *r, const struct msg_append_entries *m)
{
	size_t k;

	for (k = 0; k < m->_count.entries; k++) {
		uint64_t index = m->prev_log_index + 1 + k;

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

void raft_recv_append_entries(struct raft *r, const struct msg_append_entries *m, uint64_t now_ms)
{
	uint64_t match;

	raft_learn_commit(r, m->commit);
	if (m->term < r->term) {
		/* Figure 2: reply false if term < currentTerm, so the sender learns. */
		if (!m->quiet)
			reply_append(r, m, false, 0, 0, 0);
		return;
	}
	raft_convert_to_follower(r, m->term, m->env.src, now_ms);
	r->heard_leader = true;
	r->leader_heard_ms = now_ms;
	r->leader_contacts++;
	raft_reset_election_timer(r, now_ms);
	if (m->prev_log_index > r->log.last) {
		if (!m->quiet)
			reply_append(r, m, false, 0, r->log.last + 1, 0);
		return;
	}
	if (raft_log_term(&r->log, m->prev_log_index) != m->prev_log_term) {
		uint64_t term = raft_log_term(&r->log, m->prev_log_index);

		if (!m->quiet)
			reply_append(r, m, false, 0, raft_log_first_of_term(&r->log, m->prev_log_index), term);
		return;
	}
	if (!merge_entries(r, m))
		return;
	match = m->prev_log_index + m->_count.entries;
	/* Figure 2: commitIndex = min(leaderCommit, index of last new entry). */
	raft_advance_commit(r, m->commit < match ? m->commit : match, false);
	if (!m->quiet)
		reply_append(r, m, true, match, 0, 0);
}
