/* The leader's messages to one follower: append-entries from its
 * next_index on (or the snapshot, chunk by chunk, when it lacks entries
 * compacted away), and the window of unanswered messages that decides
 * whether one may go now (sections 5.3, 7). */
#include "raft_send.h"
#include "raft_share.h"

#include <assert.h>
#include <stdlib.h>

/* Batches stay well under the 65,507-byte UDP limit: an entry is counted at
 * its worst-case JSON size (msg_log_entry_encoded_bound). */
#define BATCH_BYTES 56000
/* The most entries one append-entries carries: a follower far behind
 * (a new leader's backlog, a catch-up) gets them a part per round trip,
 * so the bytes a leader queues at once stay bounded. Four followers sent
 * 56 KB each overflow a 208 KB receive buffer (Linux's default), the
 * test-bed's for this replica among them, losing the answers to clients
 * that were queued with them. */
#define MESSAGE_ENTRIES 32
_Static_assert(MESSAGE_ENTRIES <= MSG_APPEND_ENTRIES_ENTRIES_MAX_COUNT,
	       "more entries than the schema lets a message carry");
/* A message that would carry more entries than this is a batch: one at a
 * time to a follower (raft_send_batch_pending). */
#define BATCH_ENTRIES 8

static bool copy_entries(struct msg_append_entries *ae, const struct raft_log *log, uint64_t from)
{
	uint64_t i, n = 0;
	size_t bytes = 0;

	while (from + n <= log->last && n < MESSAGE_ENTRIES) {
		bytes += msg_log_entry_encoded_bound(raft_log_get(log, from + n));
		if (n > 0 && bytes > BATCH_BYTES)
			break;
		n++;
	}
	if (n == 0)
		return true;
	ae->entries = calloc(n, sizeof *ae->entries);
	if (!ae->entries)
		return false;
	ae->_count.entries = n;
	for (i = 0; i < n; i++)
		if (raft_log_copy_entry(&ae->entries[i], raft_log_get(log, from + i)) < 0)
			return false;
	return true;
}

/* What every append-entries says besides its entries: this term, the
 * entry it follows, the commit as far as clients were answered, and a new
 * seq, timed. */
void raft_send_header(struct raft *r, struct msg_append_entries *ae, uint64_t prev, uint64_t now_ms)
{
	ae->term = r->term;
	ae->prev_log_index = prev;
	ae->prev_log_term = raft_log_term(&r->log, prev);
	ae->commit = raft_share_answered_commit(r);
	ae->seq = ++r->seq;
	r->seq_sent_ms[r->seq % RAFT_SEQ_WINDOW] = now_ms;
}

/* Fills ae with the entries from index `from` on that one message
 * carries (MESSAGE_ENTRIES, BATCH_BYTES), under a new seq. False when out
 * of memory. */
bool raft_send_fill(struct raft *r, struct msg_append_entries *ae, uint64_t from, uint64_t now_ms)
{
	raft_send_header(r, ae, from - 1, now_ms);
	if (!copy_entries(ae, &r->log, from))
		return false;
	/* The rest goes at the next reply, when this part is acknowledged. */
	if (ae->prev_log_index + ae->_count.entries < r->log.last)
		r->entries_owed = true;
	return true;
}

/* When an unanswered batch is presumed lost: after RAFT_UNANSWERED_MS,
 * or a little over twice the smoothed round trip when that is longer
 * (TCP's retransmission timer): a leader whose backlog slows the network
 * would otherwise take its batches for lost and add copies to the
 * backlog. */
static uint64_t batch_lost_after(const struct raft *r)
{
	uint64_t ms = r->rtt_known ? 1 + 2 * r->srtt8 / 8 : 0;

	if (ms < RAFT_UNANSWERED_MS)
		return RAFT_UNANSWERED_MS;
	return ms < r->timing.retry ? ms : r->timing.retry;
}

/* How many of the latest append-entries sent to p are unanswered and
 * sent less than lost_ms ago. A reply answers every older message too
 * (acked_seq only grows); a new entry's message unanswered for
 * RAFT_UNANSWERED_MS is taken for lost and no longer holds new entries
 * back, so that under loss each entry still goes out at once (held back,
 * it would wait for a retry and commit in a batch with others: more
 * second oks when a leader dies). */
static size_t unanswered(const struct raft *r, const struct raft_peer *p, uint64_t now_ms, uint64_t lost_ms)
{
	size_t i, n = 0;

	for (i = 0; i < RAFT_UNANSWERED_CAP; i++) {
		uint64_t seq = p->sent_seqs[i];

		n += seq > p->acked_seq && r->seq - seq < RAFT_SEQ_WINDOW &&
		     now_ms - r->seq_sent_ms[seq % RAFT_SEQ_WINDOW] < lost_ms;
	}
	return n;
}

/* The next message to p would be a batch, and one is on its way: every
 * message repeats all that p has not acknowledged, so a second copy of a
 * backlog only adds to the load. A new leader that took over held
 * requests after a partition healed sent each follower behind its whole
 * gap (161 entries) again per request and per reply (37 resends from one
 * entry in 26 ms): the test-bed's socket for it overflowed and lost its answers
 * to clients (committed puts never acknowledged, then reads of them taken
 * for wrong by the test-bed's client rule). */
bool raft_send_batch_pending(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	return r->log.last + 1 - p->next_index > BATCH_ENTRIES && unanswered(r, p, now_ms, batch_lost_after(r)) > 0;
}

/* p's log is not known to match the leader's just before next_index: a
 * new term, or a rejection moved next_index back (etcd's probe state).
 * Every message to it until it answers may be rejected, and each
 * rejection asks for a resend: a leader elected after a partition healed
 * sent the old leader's follower one message per request it took over,
 * 57 in a few milliseconds at seven replicas, and the test-bed's socket
 * for that leader overflowed and lost its oks (issue 24). */
bool raft_peer_probing(const struct raft_peer *p)
{
	return p->next_index != p->match_index + 1;
}

/* One message at a time while probing, as for a batch on its way. */
bool raft_send_window_full(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	if (raft_peer_probing(p) && unanswered(r, p, now_ms, batch_lost_after(r)) > 0)
		return true;
	return unanswered(r, p, now_ms, RAFT_UNANSWERED_MS) >= r->max_unanswered ||
	       raft_send_batch_pending(r, p, now_ms);
}

/* seq takes the place of the oldest remembered */
static void note_sent_seq(const struct raft *r, struct raft_peer *p, uint64_t seq)
{
	size_t i, oldest = 0;

	for (i = 1; i < r->max_unanswered; i++)
		if (p->sent_seqs[i] < p->sent_seqs[oldest])
			oldest = i;
	p->sent_seqs[oldest] = seq;
}

void raft_send_note(const struct raft *r, struct raft_peer *p, const struct msg_append_entries *ae, uint64_t now_ms)
{
	p->last_sent_ms = now_ms;
	p->sent_upto = ae->prev_log_index + ae->_count.entries;
	note_sent_seq(r, p, ae->seq);
}

/* A follower that lacks entries compacted away gets the snapshot instead,
 * one chunk per message: the next after what it said it holds. Each
 * reply brings the next chunk; a lost one is sent again when the peer is
 * next due (heartbeat, retry). */
void raft_send_snapshot_chunk(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m = raft_out_new(r, MSG_TYPE_INSTALL_SNAPSHOT, p->id);

	if (!m)
		return;
	if (p->snap_index != r->snapshot->index) {
		p->snap_index = r->snapshot->index;
		p->snap_next = 0;
		raft_logf(r, RAFT_LOG_INFO, "%s lacks entries before %llu: send it the snapshot at %llu", p->id,
			  (unsigned long long)p->next_index, (unsigned long long)r->snapshot->index);
	}
	m->as.install_snapshot.term = r->term;
	if (!raft_snapshot_fill_chunk(r->snapshot, p->snap_next, &m->as.install_snapshot)) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory copying a snapshot chunk for %s", p->id);
		raft_outbox_drop_last(r->update);
		return;
	}
	p->last_sent_ms = now_ms;
}

/* Sends what the peer may lack, from next_index on: entries are not
 * assumed delivered until acknowledged, so a resend starts where the peer
 * is known to hold the log, and the rest follows as parts are
 * acknowledged (MESSAGE_ENTRIES). */
void raft_send_append(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m;

	assert(r->role == RAFT_LEADER);
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
	if (p->next_index <= r->log.base) {
		raft_send_snapshot_chunk(r, p, now_ms);
		return;
	}
	m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);
	if (!m)
		return;
	if (!raft_send_fill(r, &m->as.append_entries, p->next_index, now_ms)) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory copying entries for %s", p->id);
		raft_outbox_drop_last(r->update);
		return;
	}
	raft_share_add_fields(r, p, &m->as.append_entries);
	raft_send_note(r, p, &m->as.append_entries, now_ms);
}

/* An append-entries without entries at what p is known to hold: asks for
 * a reply (a read's round, section 6.4) without repeating a batch that is
 * on its way. */
static void send_probe(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);

	if (!m)
		return;
	raft_send_header(r, &m->as.append_entries, p->match_index, now_ms);
	raft_share_add_fields(r, p, &m->as.append_entries);
	note_sent_seq(r, p, m->as.append_entries.seq);
}

/* Every follower hears from the leader: a term's first messages, and
 * each read's round. A new leader that took over held requests (a get
 * each) sent every follower behind its whole gap per get: a probe goes
 * where a batch is on its way. */
void raft_send_round(struct raft *r, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++) {
		if (raft_send_batch_pending(r, &r->peers[i], now_ms) && r->peers[i].match_index >= r->log.base)
			send_probe(r, &r->peers[i], now_ms);
		else
			raft_send_append(r, &r->peers[i], now_ms);
	}
}
