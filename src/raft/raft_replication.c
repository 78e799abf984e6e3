/* Log replication, the leader's side: append-entries, their replies,
 * commit, commit notices, heartbeats and retries (sections 5.3, 5.4.2, 8). */
#include "raft_replication.h"
#include "base/mutant.h"
#include "raft_inherit.h"
#include "raft_share.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Batches stay well under the 65,507-byte UDP limit: an entry is counted at
 * its worst-case JSON size (every byte escaped as \u00XX). */
#define BATCH_BYTES 56000
#define ENTRY_OVERHEAD 96 /* an entry's JSON without its strings, a delete's included, is 89 bytes */
/* The most entries one append-entries carries: a follower far behind
 * (a new leader's backlog, a catch-up) gets them a part per round trip,
 * so the bytes a leader queues at once stay bounded. Four followers sent
 * 56 KB each overflow a 208 KB receive buffer (Linux's default), the
 * test-bed's for this replica among them, losing the answers to clients
 * that were queued with them. */
#define MESSAGE_ENTRIES 32
/* A message that would carry more entries than this is a batch: one at a
 * time to a follower (batch_pending). */
#define BATCH_ENTRIES 8
/* After a retry, new entries go to one more follower for this long. */
#define WIDE_MS 2000

/* A compare-and-set's expected value and its field name on top. */
#define EXPECTED_OVERHEAD 16
/* A client's serial number: ,"seq":<20 digits>. */
#define SEQ_OVERHEAD 28

static size_t worst_case_size(const struct msg_log_entry *e)
{
	size_t cas = e->_present.expected ? EXPECTED_OVERHEAD + 6 * strlen(e->expected) : 0;
	size_t seq = e->_present.seq ? SEQ_OVERHEAD : 0;

	return ENTRY_OVERHEAD + 6 * (strlen(e->key) + strlen(e->value) + strlen(e->mid)) + cas + seq;
}

static bool copy_entries(struct msg_append_entries *ae, const struct raft_log *log, uint64_t from)
{
	uint64_t i, n = 0;
	size_t bytes = 0;

	while (from + n <= log->last && n < MESSAGE_ENTRIES) {
		bytes += worst_case_size(raft_log_get(log, from + n));
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
static void fill_header(struct raft *r, struct msg_append_entries *ae, uint64_t prev, uint64_t now_ms)
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
static bool fill_append(struct raft *r, struct msg_append_entries *ae, uint64_t from, uint64_t now_ms)
{
	fill_header(r, ae, from - 1, now_ms);
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
static bool batch_pending(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
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
static bool probing(const struct raft_peer *p)
{
	return p->next_index != p->match_index + 1;
}

/* One message at a time while probing, as for a batch on its way. */
static bool window_full(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	if (probing(p) && unanswered(r, p, now_ms, batch_lost_after(r)) > 0)
		return true;
	return unanswered(r, p, now_ms, RAFT_UNANSWERED_MS) >= r->max_unanswered || batch_pending(r, p, now_ms);
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

static void note_sent(const struct raft *r, struct raft_peer *p, const struct msg_append_entries *ae, uint64_t now_ms)
{
	p->last_sent_ms = now_ms;
	p->sent_upto = ae->prev_log_index + ae->_count.entries;
	note_sent_seq(r, p, ae->seq);
}

/* A follower that lacks entries compacted away gets the snapshot instead,
 * one chunk per message: the next after what it said it holds. Each
 * reply brings the next chunk; a lost one is sent again when the peer is
 * next due (heartbeat, retry). */
static void send_snapshot_chunk(struct raft *r, struct raft_peer *p, uint64_t now_ms)
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
void raft_replication_send(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m;

	assert(r->role == RAFT_LEADER);
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
	if (p->next_index <= r->log.base) {
		send_snapshot_chunk(r, p, now_ms);
		return;
	}
	m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);
	if (!m)
		return;
	if (!fill_append(r, &m->as.append_entries, p->next_index, now_ms)) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory copying entries for %s", p->id);
		raft_outbox_drop_last(r->update);
		return;
	}
	raft_share_add_fields(r, p, &m->as.append_entries);
	note_sent(r, p, &m->as.append_entries, now_ms);
}

/* qsort comparators over arrays of peer pointers. */
static int by_last_heard(const void *a, const void *b)
{
	const struct raft_peer *p = *(const struct raft_peer *const *)a, *q = *(const struct raft_peer *const *)b;

	return (p->last_heard_ms < q->last_heard_ms) - (p->last_heard_ms > q->last_heard_ms);
}

static int by_responsiveness(const void *a, const void *b)
{
	const struct raft_peer *p = *(const struct raft_peer *const *)a, *q = *(const struct raft_peer *const *)b;

	if (p->match_index != q->match_index)
		return p->match_index > q->match_index ? -1 : 1;
	return by_last_heard(a, b);
}

/* Peers ordered most up to date and most recently heard first. */
static void rank_peers(struct raft *r, struct raft_peer **order)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		order[i] = &r->peers[i];
	qsort(order, r->n_peers, sizeof *order, by_responsiveness);
}

/* Tells the followers that the newly committed entries are committed, in
 * the step that releases their answers (the node sends the answers first:
 * node.c, after_step). Should this leader die, the next
 * one hears what they know in their (pre-)vote and append-entries replies
 * and does not answer those clients again; it would only if every one of
 * these notices were lost. They go to every follower the entries were sent
 * to, not only those that confirmed them: after a loss that is one more
 * copy (see raft_replication_new_entry), for the price of one message.
 * A notice for several answers (a batch, a share taken back) goes to every
 * follower: its loss would cost a second ok for each of them, should the
 * leader die, and one more message per follower is cheaper. */
static void send_commit_notices(struct raft *r, bool to_every_follower, uint64_t now_ms)
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
		fill_header(r, &m->as.append_entries, raft_share_answered_commit(r), now_ms);
		m->as.append_entries.quiet = true;
		/* Without it the delegate would take itself for one no more. */
		raft_share_add_fields(r, p, &m->as.append_entries);
	}
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

/* Answers leave in log order: up to raft_share_release_frontier, and
 * followers are told the commit in the same step (the notices), so that
 * a next leader does not answer them again. */
void raft_replication_release_answers(struct raft *r, uint64_t now_ms)
{
	struct raft_update *u = r->update;
	uint64_t frontier = raft_share_release_frontier(r), i;
	size_t answers = 0;

	assert(r->role == RAFT_LEADER);
	if (frontier <= r->answers_upto)
		return;
	u->answer_from = r->answers_upto;
	u->answer_to = frontier;
	r->answers_upto = frontier;
	if (r->answers_upto >= r->confirm_to)
		r->confirm_to = 0;
	for (i = u->answer_from + 1; i <= u->answer_to; i++)
		answers +=
			raft_answers_entry(r, u, i) && strcmp(raft_log_get(&r->log, i)->client, MSG_ID_BROADCAST) != 0;
	if (answers && highest_known_commit(r) < frontier)
		send_commit_notices(r, answers > 1, now_ms);
}

/* Figure 2 and section 5.4.2: the highest index a majority holds, committed
 * only if it is of the current term (Figure 8). */
static void leader_update_commit(struct raft *r, uint64_t now_ms)
{
	uint64_t match[RAFT_MAX_PEERS + 1];
	size_t i;
	uint64_t n;

	match[0] = r->log.last;
	for (i = 0; i < r->n_peers; i++)
		match[i + 1] = r->peers[i].match_index;
	qsort(match, r->n_peers + 1, sizeof *match, raft_compare_u64_desc);
	n = match[raft_quorum(r) - 1 - (MUTANT_ON(COMMIT_WITHOUT_MAJORITY) && raft_quorum(r) > 1)];
	if (n <= r->commit || raft_log_term(&r->log, n) != r->term)
		return;
	raft_advance_commit(r, n, true);
	raft_share_learn(r);
	r->oldest_unacked_ms = now_ms;
	/* Entries of the delegate's share committed without it knowing (by a
	 * star): it answers them once told. */
	if (raft_share_lags(r) && raft_share_delegate(r)->known_commit < r->commit)
		raft_replication_send(r, raft_share_delegate(r), now_ms);
}

/* A follower a chain can run through: heard from within a heartbeat
 * interval, its log known to match (not probing). */
static bool chain_ready(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	return !probing(p) && p->next_index > r->log.base && now_ms - p->last_heard_ms < r->timing.heartbeat;
}

/* The followers for a chain: quorum - 1 of them, the most up to date and
 * responsive first, ending with the delegate when there is one (it answers
 * the clients). Chains wait for the no-op of the term to commit, so that
 * every earlier entry is settled. Fills chain; false if there is none. */
static bool pick_chain(struct raft *r, struct raft_peer **chain, uint64_t now_ms)
{
	struct raft_peer *order[RAFT_MAX_PEERS], *last = raft_share_delegate(r);
	size_t i, n = 0, k = raft_quorum(r) - 1;

	if (k < 2 || r->commit < r->term_start || r->inherit_to || (!raft_share_open(r) && !raft_share_settled(r)))
		return false;
	/* A new share waits until every answer of the last one was released
	 * (raft_answers_entry tells entries apart by the current share), and
	 * those taken back from it too: the next delegate's would overtake
	 * them. */
	if (!raft_share_open(r) &&
	    ((r->delegate >= 0 && r->answers_upto < r->delegate_to) || r->confirm_to > r->answers_upto))
		return false;
	rank_peers(r, order);
	if (!raft_share_open(r))
		last = order[k - 1];
	if (!chain_ready(r, last, now_ms))
		return false;
	for (i = 0; i < r->n_peers && n < k - 1; i++)
		if (order[i] != last && chain_ready(r, order[i], now_ms))
			chain[n++] = order[i];
	if (n < k - 1)
		return false;
	chain[n] = last;
	return true;
}

/* Leader -> F1 -> F2 -> leader (with 5 replicas): each follower stores the
 * entries and passes them on; the last one, the delegate, then knows that
 * a quorum holds them, answers their clients itself and replies to the
 * leader. Three messages where a star to two followers costs four plus
 * the commit notices that let a follower know the commit before a leader
 * answers; and no longer for the client, since the delegate answers at the
 * point where the leader would have learnt the commit. */
static bool send_chain(struct raft *r, struct raft_peer **chain, size_t k, uint64_t now_ms)
{
	struct msg_append_entries *ae;
	struct msg_any *m;
	uint64_t from = chain[0]->next_index;
	size_t i;

	if (!raft_share_open(r))
		raft_share_begin(r, chain[k - 1]);
	for (i = 1; i < k; i++)
		from = chain[i]->next_index < from ? chain[i]->next_index : from;
	m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, chain[0]->id);
	if (!m)
		return false;
	ae = &m->as.append_entries;
	ae->chain = calloc(k - 1, sizeof *ae->chain);
	if (!ae->chain || !fill_append(r, ae, from, now_ms)) {
		raft_outbox_drop_last(r->update);
		return false;
	}
	ae->_present.chain = true;
	ae->_count.chain = k - 1;
	for (i = 1; i < k; i++)
		msg_id_copy(ae->chain[i - 1].id, chain[i]->id);
	raft_share_add_fields(r, chain[k - 1], ae);
	for (i = 0; i < k; i++)
		note_sent(r, chain[i], ae, now_ms);
	return true;
}

/* True when p was sent every entry of the log already (it may hold them). */
static bool sent_all(const struct raft *r, const struct raft_peer *p)
{
	return p->sent_upto >= r->log.last;
}

/* One message goes through every follower of a chain. */
static bool chain_sent_all(const struct raft *r, struct raft_peer **chain, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (!sent_all(r, chain[i]))
			return false;
	return true;
}

static bool chain_window_full(const struct raft *r, struct raft_peer **chain, size_t k, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (window_full(r, chain[i], now_ms))
			return true;
	return false;
}

/* New entries go along a chain when there is one (send_chain); otherwise
 * to just enough followers to commit them, the most up to date and
 * responsive first.
 * The others get them with their next heartbeat. After a loss (see
 * raft_leader_tick) a star goes to one more for a while, so that one lost
 * message no longer delays the commit. A follower with a full window
 * (max_unanswered) is passed over: the entries are owed, and go with
 * whatever else was proposed meanwhile at the next reply. */
static void send_new_entries(struct raft *r, bool proposed, uint64_t now_ms)
{
	struct raft_peer *order[RAFT_MAX_PEERS];
	size_t i, fanout = raft_quorum(r) - 1;

	r->entries_owed = false;
	if (pick_chain(r, order, now_ms)) {
		if (chain_sent_all(r, order, fanout))
			return;
		if (chain_window_full(r, order, fanout, now_ms)) {
			r->entries_owed = true;
			return;
		}
		if (send_chain(r, order, fanout, now_ms))
			return;
	}
	/* The share ends before the entry just proposed, the first that goes
	 * by star; owed entries that go by star stay in it, as retries do. */
	if (proposed)
		raft_share_close(r);
	if (now_ms < r->wide_until_ms)
		fanout++;
	rank_peers(r, order);
	for (i = 0; i < r->n_peers && i < fanout; i++) {
		if (sent_all(r, order[i]))
			continue;
		if (window_full(r, order[i], now_ms))
			r->entries_owed = true;
		else
			raft_replication_send(r, order[i], now_ms);
	}
	if (r->n_peers == 0)
		leader_update_commit(r, now_ms);
}

void raft_replication_new_entry(struct raft *r, uint64_t now_ms)
{
	send_new_entries(r, true, now_ms);
}

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
		if (lacks_uncommitted(r, &r->peers[i]))
			lacking[n++] = &r->peers[i];
		else
			confirmed++;
	}
	qsort(lacking, n, sizeof *lacking, by_last_heard);
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

	if (!pick_chain(r, chain, now_ms) || chain[0]->backoff_ms > 2 * raft_retry_interval(r))
		return false;
	if (now_ms < retry_at(r, chain[0]))
		return true;
	if (chain[0]->last_sent_ms >= r->oldest_unacked_ms)
		for (i = 0; i < k; i++)
			back_off(r, chain[i]);
	return send_chain(r, chain, k, now_ms);
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
		raft_replication_send(r, p, now_ms);
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
	raft_replication_send(r, d, now_ms);
}

void raft_replication_tick(struct raft *r, uint64_t now_ms)
{
	size_t i, heard = 1;

	assert(r->role == RAFT_LEADER);
	for (i = 0; i < r->n_peers; i++)
		if (now_ms - r->peers[i].last_heard_ms < r->timing.check_quorum)
			heard++;
	if (heard < raft_quorum(r)) {
		raft_logf(r, RAFT_LOG_INFO, "check-quorum: heard from %zu of %zu within %llu ms, step down", heard,
			  r->n_peers + 1, (unsigned long long)r->timing.check_quorum);
		raft_convert_to_follower(r, r->term, MSG_ID_BROADCAST, now_ms);
		return;
	}
	if (raft_share_take_back(r, now_ms)) /* its commit index, for them to confirm */
		for (i = 0; i < r->n_peers; i++)
			raft_replication_send(r, &r->peers[i], now_ms);
	raft_inherit_check(r, now_ms);
	retry_uncommitted(r, now_ms);
	remind_delegate(r, now_ms);
	for (i = 0; i < r->n_peers; i++)
		if (now_ms - r->peers[i].last_sent_ms >= r->timing.heartbeat)
			raft_replication_send(r, &r->peers[i], now_ms);
}

uint64_t raft_replication_deadline(const struct raft *r, uint64_t now_ms)
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
	return deadline > now_ms ? deadline : now_ms + 1;
}

/* Section 5.3, with the follower's hints: skip a whole conflicting term. */
static uint64_t next_after_conflict(const struct raft *r, const struct msg_append_entries_reply *m)
{
	uint64_t i;

	if (m->conflict_term != 0)
		for (i = r->log.last; i > r->log.base; i--)
			if (raft_log_term(&r->log, i) == m->conflict_term)
				return i + 1;
	return m->conflict_index ? m->conflict_index : 1;
}

/* An append-entries without entries at what p is known to hold: asks for
 * a reply (a read's round, section 6.4) without repeating a batch that is
 * on its way. */
static void send_probe(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);

	if (!m)
		return;
	fill_header(r, &m->as.append_entries, p->match_index, now_ms);
	raft_share_add_fields(r, p, &m->as.append_entries);
	note_sent_seq(r, p, m->as.append_entries.seq);
}

/* Every follower hears from the leader: a term's first messages, and
 * each read's round. A new leader that took over held requests (a get
 * each) sent every follower behind its whole gap per get: a probe goes
 * where a batch is on its way. */
void raft_replication_start(struct raft *r, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++) {
		if (batch_pending(r, &r->peers[i], now_ms) && r->peers[i].match_index >= r->log.base)
			send_probe(r, &r->peers[i], now_ms);
		else
			raft_replication_send(r, &r->peers[i], now_ms);
	}
}

/* What every reply says, whatever the role: the commit index its sender
 * knows, and perhaps a higher term. True if this replica stepped down. */
static bool learn_from_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	raft_learn_commit(r, m->commit);
	if (m->term <= r->term)
		return false;
	raft_convert_to_follower(r, m->term, MSG_ID_BROADCAST, now_ms);
	return true;
}

void raft_replication_recv_late_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	assert(r->role != RAFT_LEADER);
	learn_from_reply(r, m, now_ms);
}

/* A reply (or a relay of the message with this seq) proves p heard it. */
static void note_heard(struct raft *r, struct raft_peer *p, uint64_t seq, uint64_t now_ms)
{
	p->last_heard_ms = now_ms;
	p->backoff_ms = raft_retry_interval(r);
	if (seq > p->acked_seq && seq <= r->seq) {
		p->acked_seq = seq;
		if (r->seq - seq < RAFT_SEQ_WINDOW && r->seq_sent_ms[seq % RAFT_SEQ_WINDOW] > p->acked_sent_ms)
			p->acked_sent_ms = r->seq_sent_ms[seq % RAFT_SEQ_WINDOW];
	}
}

static void raise_match(struct raft_peer *p, uint64_t match)
{
	if (match > p->match_index)
		p->match_index = match;
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
}

/* The followers that passed a chained append-entries on stored its
 * entries first (a follower relays only what it accepted), and heard the
 * leader's message: they count for the commit, the lease and
 * check-quorum as if they had replied. */
static void credit_witnesses(struct raft *r, const struct msg_append_entries_reply *m, const struct raft_peer *replier,
			     uint64_t now_ms)
{
	size_t i;

	if (!m->_present.witness_match || m->witness_match > r->log.last)
		return;
	for (i = 0; i < m->_count.witnesses; i++) {
		struct raft_peer *w = raft_peer_find(r, m->witnesses[i].id);

		if (!w || w == replier)
			continue;
		note_heard(r, w, m->seq, now_ms);
		raise_match(w, m->witness_match);
	}
}

/* A reply of this term names a message number this leader sent and, when
 * it succeeds, an index of this leader's log: nothing else can come from a
 * correct follower, so a reply that does not is not believed in any part
 * (not even as a sign of life, which would extend the lease). */
static bool answers_something_sent(const struct raft *r, const struct msg_append_entries_reply *m)
{
	return m->seq <= r->seq && (!m->success || m->match_index <= r->log.last);
}

void raft_replication_recv_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);

	assert(r->role == RAFT_LEADER);
	if (learn_from_reply(r, m, now_ms) || m->term != r->term)
		return;
	if (!answers_something_sent(r, m)) {
		raft_logf(r, RAFT_LOG_WARN, "dropped an append reply from %s: seq %llu, match %llu answer nothing sent",
			  m->env.src, (unsigned long long)m->seq, (unsigned long long)m->match_index);
		return;
	}
	raft_adopt_known_commit(r);
	raft_measure_rtt(r, m->seq, now_ms);
	note_heard(r, p, m->seq, now_ms);
	p->answered = true;
	raft_inherit_check(r, now_ms);
	if (m->commit > p->known_commit)
		p->known_commit = m->commit;
	if (m->_present.answered && p == raft_share_delegate(r) && m->answered > p->answered_upto) {
		p->answered_upto = m->answered < r->log.last ? m->answered : r->log.last;
		raft_share_learn(r);
	}
	credit_witnesses(r, m, p, now_ms);
	if (!m->success) {
		uint64_t next = next_after_conflict(r, m);

		if (next <= p->match_index)
			next = p->match_index + 1;
		if (m->seq == p->acked_seq) { /* only the newest answer steers */
			raft_logf(r, RAFT_LOG_DEBUG, "%s lacks entries: hint index %llu term %llu -> send from %llu",
				  p->id, (unsigned long long)m->conflict_index, (unsigned long long)m->conflict_term,
				  (unsigned long long)next);
			p->next_index = next;
			if (!batch_pending(r, p, now_ms)) /* a reply to what went before the batch */
				raft_replication_send(r, p, now_ms);
		}
		return;
	}
	raise_match(p, MUTANT_ON(MATCH_FROM_LEADER_LOG) ? r->log.last : m->match_index);
	leader_update_commit(r, now_ms);
	if (r->role == RAFT_LEADER && r->entries_owed)
		send_new_entries(r, false, now_ms);
	/* Catching up after a leader change: keep sending while behind, unless
	 * what it lacks is already on its way. */
	if (p->match_index < r->log.last && p->sent_upto <= p->match_index)
		raft_replication_send(r, p, now_ms);
}

void raft_replication_recv_snapshot_reply(struct raft *r, const struct msg_install_snapshot_reply *m, uint64_t now_ms)
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
		raise_match(p, m->last_index);
		leader_update_commit(r, now_ms);
		if (r->role == RAFT_LEADER && p->match_index < r->log.last)
			raft_replication_send(r, p, now_ms);
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
	send_snapshot_chunk(r, p, now_ms);
}
