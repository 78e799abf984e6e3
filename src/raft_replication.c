/* Log replication, the leader's side: append-entries, their replies,
 * commit, commit notices, heartbeats and retries (sections 5.3, 5.4.2, 8). */
#include "raft_replication.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Batches stay well under the 65,507-byte UDP limit: an entry is counted at
 * its worst-case JSON size (every byte escaped as \u00XX). */
#define BATCH_BYTES 56000
#define ENTRY_OVERHEAD 96
#define MAX_BATCH 512 /* the schema's max_count for entries */
/* After a retry, new entries go to one more follower for this long. */
#define WIDE_MS 2000

static size_t worst_case_size(const struct msg_log_entry *e)
{
	return ENTRY_OVERHEAD + 6 * (strlen(e->key) + strlen(e->value) + strlen(e->mid));
}

static bool copy_entries(struct msg_append_entries *ae, const struct raft_log *log, uint64_t from)
{
	uint64_t i, n = 0;
	size_t bytes = 0;

	while (from + n <= log->last && n < MAX_BATCH) {
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

/* How many of the latest append-entries sent to p are unanswered and
 * recent. A reply answers every older message too (acked_seq only grows);
 * one unanswered for RAFT_UNANSWERED_MS is taken for lost and no longer
 * holds new entries back, so that under loss each entry still goes out at
 * once (held back, it would wait for a retry and commit in a batch with
 * others: more second oks when a leader dies). */
static size_t unanswered(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	size_t i, n = 0;

	for (i = 0; i < RAFT_MAX_UNANSWERED; i++) {
		uint64_t seq = p->sent_seqs[i];

		n += seq > p->acked_seq && r->seq - seq < RAFT_SEQ_WINDOW &&
		     now_ms - r->seq_sent_ms[seq % RAFT_SEQ_WINDOW] < RAFT_UNANSWERED_MS;
	}
	return n;
}

/* Remembers seq among the latest sent to p, in place of the oldest. */
static void note_sent(struct raft_peer *p, uint64_t seq)
{
	size_t i, oldest = 0;

	for (i = 1; i < RAFT_MAX_UNANSWERED; i++)
		if (p->sent_seqs[i] < p->sent_seqs[oldest])
			oldest = i;
	p->sent_seqs[oldest] = seq;
}

/* Sends everything the peer may lack, from next_index on: entries are not
 * assumed delivered until acknowledged, so a resend is always complete. */
void raft_replication_send(struct raft *r, struct raft_peer *p, uint64_t now_ms)
{
	struct msg_any *m;
	struct msg_append_entries *ae;

	assert(r->role == RAFT_LEADER);
	m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);
	if (!m)
		return;
	ae = &m->as.append_entries;
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
	ae->term = r->term;
	ae->prev_log_index = p->next_index - 1;
	ae->prev_log_term = raft_log_term(&r->log, ae->prev_log_index);
	ae->commit = r->commit;
	ae->seq = ++r->seq;
	r->seq_sent_ms[r->seq % RAFT_SEQ_WINDOW] = now_ms;
	if (!copy_entries(ae, &r->log, p->next_index)) {
		raft_logf(r, RAFT_LOG_WARN, "out of memory copying entries for %s", p->id);
		raft_outbox_drop_last(r->update);
		return;
	}
	p->last_sent_ms = now_ms;
	p->sent_upto = ae->prev_log_index + ae->_count.entries;
	p->owed = false;
	note_sent(p, ae->seq);
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

/* Tells the followers that the newly committed entries are committed,
 * before the leader answers any client. Should this leader die, the next
 * one hears what they know in their (pre-)vote and append-entries replies
 * and does not answer those clients again; it would only if every one of
 * these notices were lost. They go to every follower the entries were sent
 * to, not only those that confirmed them: after a loss that is one more
 * copy (see raft_replication_new_entry), for the price of one message. */
static void send_commit_notices(struct raft *r)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++) {
		struct raft_peer *p = &r->peers[i];
		struct msg_any *m;

		if (p->match_index < r->commit && p->sent_upto < r->commit)
			continue;
		m = raft_out_new(r, MSG_TYPE_APPEND_ENTRIES, p->id);
		if (!m)
			continue;
		m->as.append_entries.term = r->term;
		m->as.append_entries.prev_log_index = r->commit;
		m->as.append_entries.prev_log_term = raft_log_term(&r->log, r->commit);
		m->as.append_entries.commit = r->commit;
		m->as.append_entries.quiet = true;
	}
}

/* Figure 2 and section 5.4.2: the highest index a majority holds, committed
 * only if it is of the current term (Figure 8). */
static void leader_update_commit(struct raft *r, uint64_t now_ms)
{
	uint64_t match[RAFT_MAX_PEERS + 1];
	size_t i;
	uint64_t n;
	bool clients = false;

	match[0] = r->log.last;
	for (i = 0; i < r->n_peers; i++)
		match[i + 1] = r->peers[i].match_index;
	qsort(match, r->n_peers + 1, sizeof *match, raft_compare_u64_desc);
	n = match[raft_quorum(r) - 1];
	if (n <= r->commit || raft_log_term(&r->log, n) != r->term)
		return;
	for (i = r->commit + 1; i <= n; i++)
		clients |= strcmp(raft_log_get(&r->log, i)->client, MSG_ID_BROADCAST) != 0;
	raft_advance_commit(r, n, true);
	r->oldest_unacked_ms = now_ms;
	if (clients)
		send_commit_notices(r);
}

/* A new entry goes to just enough followers to commit it, the most up to
 * date and responsive first; the others get it with their next heartbeat.
 * After a loss (see raft_leader_tick) it goes to one more for a while, so
 * that one lost message no longer delays the commit. A follower with
 * RAFT_MAX_UNANSWERED messages unanswered is owed it instead, and gets it
 * with whatever else was proposed meanwhile when it answers. */
void raft_replication_new_entry(struct raft *r, uint64_t now_ms)
{
	struct raft_peer *order[RAFT_MAX_PEERS];
	size_t i, fanout = raft_quorum(r) - 1;

	if (now_ms < r->wide_until_ms)
		fanout++;
	rank_peers(r, order);
	for (i = 0; i < r->n_peers && i < fanout; i++) {
		if (unanswered(r, order[i], now_ms) < RAFT_MAX_UNANSWERED)
			raft_replication_send(r, order[i], now_ms);
		else
			order[i]->owed = true;
	}
	if (r->n_peers == 0)
		leader_update_commit(r, now_ms);
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
	uint64_t own = p->last_sent_ms + p->backoff_ms, any = r->oldest_unacked_ms + r->timing.retry;

	return own > any ? own : any;
}

static void retry_uncommitted(struct raft *r, uint64_t now_ms)
{
	size_t set[RAFT_MAX_PEERS], i, n = retry_set(r, set);

	for (i = 0; i < n; i++) {
		struct raft_peer *p = &r->peers[set[i]];

		if (now_ms < retry_at(r, p))
			continue;
		if (p->last_sent_ms >= r->oldest_unacked_ms) {
			r->wide_until_ms = now_ms + WIDE_MS; /* it was sent and lost */
			/* A peer that stays silent (crashed, cut off) is retried
			 * ever less often, down to the heartbeat rate. */
			p->backoff_ms =
				2 * p->backoff_ms < r->timing.heartbeat ? 2 * p->backoff_ms : r->timing.heartbeat;
		}
		raft_replication_send(r, p, now_ms);
	}
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
	retry_uncommitted(r, now_ms);
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
	return deadline > now_ms ? deadline : now_ms + 1;
}

/* Section 5.3, with the follower's hints: skip a whole conflicting term. */
static uint64_t next_after_conflict(const struct raft *r, const struct msg_append_entries_reply *m)
{
	uint64_t i;

	if (m->conflict_term != 0)
		for (i = r->log.last; i > 0; i--)
			if (raft_log_term(&r->log, i) == m->conflict_term)
				return i + 1;
	return m->conflict_index ? m->conflict_index : 1;
}

void raft_replication_start(struct raft *r, uint64_t now_ms)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		raft_replication_send(r, &r->peers[i], now_ms);
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

void raft_replication_recv_reply(struct raft *r, const struct msg_append_entries_reply *m, uint64_t now_ms)
{
	struct raft_peer *p = raft_peer_of(r, m->env.src);

	assert(r->role == RAFT_LEADER);
	if (learn_from_reply(r, m, now_ms) || m->term != r->term)
		return;
	raft_adopt_known_commit(r);
	p->last_heard_ms = now_ms;
	p->backoff_ms = r->timing.retry;
	if (m->seq > p->acked_seq && m->seq <= r->seq) {
		p->acked_seq = m->seq;
		if (r->seq - m->seq < RAFT_SEQ_WINDOW && r->seq_sent_ms[m->seq % RAFT_SEQ_WINDOW] > p->acked_sent_ms)
			p->acked_sent_ms = r->seq_sent_ms[m->seq % RAFT_SEQ_WINDOW];
	}
	if (!m->success) {
		uint64_t next = next_after_conflict(r, m);

		if (next <= p->match_index)
			next = p->match_index + 1;
		if (m->seq == p->acked_seq) { /* only the newest answer steers */
			raft_logf(r, RAFT_LOG_DEBUG, "%s lacks entries: hint index %llu term %llu -> send from %llu",
				  p->id, (unsigned long long)m->conflict_index, (unsigned long long)m->conflict_term,
				  (unsigned long long)next);
			p->next_index = next;
			raft_replication_send(r, p, now_ms);
		}
		return;
	}
	if (m->match_index > r->log.last)
		return; /* cannot be: not from this leader's log */
	if (m->match_index > p->match_index)
		p->match_index = m->match_index;
	if (p->next_index <= p->match_index)
		p->next_index = p->match_index + 1;
	leader_update_commit(r, now_ms);
	/* Catching up after a leader change: keep sending while behind, unless
	 * what it lacks is already on its way; and what it is owed goes now. */
	if (p->match_index < r->log.last &&
	    (p->sent_upto <= p->match_index || (p->owed && unanswered(r, p, now_ms) < RAFT_MAX_UNANSWERED)))
		raft_replication_send(r, p, now_ms);
}
