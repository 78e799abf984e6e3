/* Install-snapshot, the follower's side (Raft section 7, Figure 13): the
 * chunks are kept in order, and the last one replaces whatever the log
 * held up to the snapshot's index. */
#include "raft_recv_snapshot.h"

#include <string.h>

static void reply_snapshot(struct raft *r, const struct msg_install_snapshot *m, uint64_t next, bool done)
{
	struct msg_any *out = raft_out_new(r, MSG_TYPE_INSTALL_SNAPSHOT_REPLY, m->env.src);

	if (!out)
		return;
	out->as.install_snapshot_reply.term = r->term;
	out->as.install_snapshot_reply.last_index = m->last_index;
	out->as.install_snapshot_reply.next = next;
	out->as.install_snapshot_reply.done = done;
}

static bool same_snapshot(const struct raft *r, const struct msg_install_snapshot *m)
{
	const struct raft_snapshot *s = r->incoming;

	return s && s->index == m->last_index && s->term == m->last_term && strcmp(r->incoming_from, m->env.src) == 0;
}

/* Figure 13, steps 6 and 7: entries after the snapshot that agree with it
 * stay; otherwise the whole log goes. The snapshot holds committed
 * entries only, and every client of them was answered. */
static void install(struct raft *r)
{
	struct raft_snapshot *s = r->incoming;

	if (s->index <= r->log.last && raft_log_term(&r->log, s->index) == s->term) {
		raft_log_compact(&r->log, s->index);
	} else {
		raft_log_reset(&r->log, s->index, s->term);
	}
	raft_snapshot_free(r->snapshot);
	r->snapshot = s;
	r->incoming = NULL;
	r->commit = s->index;
	raft_learn_commit(r, s->index);
	r->update->snapshot_installed = true;
	raft_logf(r, RAFT_LOG_INFO, "installed %s's snapshot at %llu (term %llu, %zu keys); log now %llu..%llu",
		  r->leader, (unsigned long long)s->index, (unsigned long long)s->term, s->n_pairs,
		  (unsigned long long)s->index + 1, (unsigned long long)r->log.last);
}

/* Keeps the chunk when it is the next one; false when out of memory or
 * out of order (the reply says where to go on from). */
static bool take_chunk(struct raft *r, const struct msg_install_snapshot *m)
{
	if (!same_snapshot(r, m)) {
		raft_snapshot_free(r->incoming);
		r->incoming = NULL;
		if (m->offset != 0)
			return false;
		r->incoming = raft_snapshot_new(m->last_index, m->last_term);
		if (!r->incoming)
			return false;
		msg_id_copy(r->incoming_from, m->env.src);
	}
	/* In order, and never past the total it announced: a sender that
	 * says otherwise is not followed (nor is memory spent on it). */
	if (m->offset != raft_snapshot_items(r->incoming) || m->offset > m->total ||
	    m->total - m->offset < (uint64_t)m->_count.pairs + m->_count.mids + m->_count.sessions)
		return false;
	if (raft_snapshot_take_chunk(r->incoming, m) < 0) {
		raft_logf(r, RAFT_LOG_WARN, "dropped a snapshot chunk from %s: out of memory or malformed", m->env.src);
		raft_snapshot_free(r->incoming);
		r->incoming = NULL;
		return false;
	}
	return true;
}

void raft_recv_install_snapshot(struct raft *r, const struct msg_install_snapshot *m, uint64_t now_ms)
{
	raft_logf(r, RAFT_LOG_DEBUG,
		  "snapshot chunk from %s: term %llu, at %llu, offset %llu of %llu: %zu pairs, %zu mids, %zu sessions",
		  m->env.src, (unsigned long long)m->term, (unsigned long long)m->last_index,
		  (unsigned long long)m->offset, (unsigned long long)m->total, m->_count.pairs, m->_count.mids,
		  m->_count.sessions);
	if (m->term < r->term) {
		reply_snapshot(r, m, 0, false);
		return;
	}
	raft_convert_to_follower(r, m->term, m->env.src, now_ms);
	r->heard_leader = true;
	r->leader_heard_ms = now_ms;
	r->leader_contacts++;
	raft_reset_election_timer(r, now_ms);
	if (m->last_index <= r->commit) { /* it holds all of that already */
		raft_snapshot_free(r->incoming);
		r->incoming = NULL;
		reply_snapshot(r, m, m->total, true);
		return;
	}
	if (!take_chunk(r, m))
		raft_logf(r, RAFT_LOG_DEBUG, "snapshot chunk at %llu of %llu from %s not taken: %llu held",
			  (unsigned long long)m->offset, (unsigned long long)m->total, m->env.src,
			  (unsigned long long)(r->incoming ? raft_snapshot_items(r->incoming) : 0));
	if (r->incoming && raft_snapshot_items(r->incoming) == m->total) {
		install(r);
		reply_snapshot(r, m, m->total, true);
		return;
	}
	reply_snapshot(r, m, same_snapshot(r, m) ? raft_snapshot_items(r->incoming) : 0, false);
}
