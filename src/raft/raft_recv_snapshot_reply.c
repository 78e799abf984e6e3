/* Install-snapshot replies: the leader's side of section 7. */
#include "raft_recv_snapshot_reply.h"
#include "raft_commit.h"
#include "raft_convert.h"
#include "raft_send.h"

void raft_recv_install_snapshot_reply(struct raft *r, const struct msg_install_snapshot_reply *m, uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);

	raft_logf(r, RAFT_LOG_DEBUG, "snapshot reply from %s: term %llu, at %llu, next %llu%s", m->env.src,
		  (unsigned long long)m->term, (unsigned long long)m->last_index, (unsigned long long)m->next,
		  m->done ? ", installed" : "");
	if (m->term > r->term) {
		raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
		return;
	}
	if (r->role != RAFT_LEADER || m->term != r->term || !r->snapshot || m->last_index != r->snapshot->index ||
	    m->next > raft_snapshot_items(r->snapshot))
		return;
	p->last_heard_ms = now_ms;
	p->backoff_ms = raft_retry_interval(r);
	if (m->done) {
		raft_logf(r, RAFT_LOG_INFO, "%s installed the snapshot at %llu", p->id,
			  (unsigned long long)m->last_index);
		p->snap_index = p->snap_next = 0;
		raft_peer_raise_match(p, m->last_index);
		raft_commit_update(r, now_ms);
		if (r->role == RAFT_LEADER && p->match_index < r->log.last)
			raft_send_append(r, p, now_ms);
		return;
	}
	/* p->snap_next is the chunk last sent: a second reply asking for it
	 * while it is on its way (two were in flight after a resend) is not
	 * answered, or both would go on for the rest of the transfer. A
	 * follower that lost its chunks asks for the start again. */
	if (p->snap_index != m->last_index ||
	    (m->next == p->snap_next && now_ms - p->last_sent_ms < raft_retry_interval(r)))
		return;
	p->snap_next = m->next;
	raft_send_snapshot_chunk(r, p, now_ms);
}
