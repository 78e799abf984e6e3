/* New entries, the leader's way: along a chain of followers that ends at
 * the delegate when there is one, otherwise by star to just enough
 * followers to commit them. */
#include "raft_chain.h"
#include "raft_commit.h"
#include "raft_send.h"
#include "raft_share.h"

#include <stdlib.h>

/* A chain names every follower it goes through but the first: at most
 * RAFT_MAX_PEERS - 1, and its reply as many witnesses. */
_Static_assert(MSG_APPEND_ENTRIES_CHAIN_MAX_COUNT >= RAFT_MAX_PEERS - 1, "the schema's chain is too short");
_Static_assert(MSG_APPEND_ENTRIES_REPLY_WITNESSES_MAX_COUNT >= RAFT_MAX_PEERS - 1,
	       "the schema's witnesses are too few");

static int by_responsiveness(const void *a, const void *b)
{
	const struct raft_peer *p = *(const struct raft_peer *const *)a, *q = *(const struct raft_peer *const *)b;

	if (p->learner != q->learner) /* voters first: only they commit */
		return p->learner ? 1 : -1;

	if (p->match_index != q->match_index)
		return p->match_index > q->match_index ? -1 : 1;
	return raft_compare_peers_by_last_heard(a, b);
}

/* Voting peers ordered most up to date and most recently heard first;
 * returns how many (learners come after them, and no chain or star of
 * new entries goes to one: they catch up with heartbeats). */
static size_t rank_peers(struct raft *r, struct raft_peer **order)
{
	size_t i;

	for (i = 0; i < r->n_peers; i++)
		order[i] = &r->peers[i];
	qsort(order, r->n_peers, sizeof *order, by_responsiveness);
	return raft_voters(r) - 1; /* a leader votes */
}

/* A follower a chain can run through: heard from within a heartbeat
 * interval, its log known to match (not probing). */
static bool chain_ready(const struct raft *r, const struct raft_peer *p, uint64_t now_ms)
{
	return !raft_peer_probing(p) && p->next_index > r->log.base && now_ms - p->last_heard_ms < r->timing.heartbeat;
}

/* The followers for a chain: quorum - 1 of them, the most up to date and
 * responsive first, ending with the delegate when there is one (it answers
 * the clients). Chains wait for the no-op of the term to commit, so that
 * every earlier entry is settled. Fills chain; false if there is none. */
bool raft_chain_pick(struct raft *r, struct raft_peer **chain, uint64_t now_ms)
{
	struct raft_peer *order[RAFT_MAX_PEERS], *last = raft_share_delegate(r);
	size_t i, n = 0, voting, k = raft_quorum(r) - 1;

	if (k < 2 || r->commit < r->term_start || r->inherit_to || (!raft_share_open(r) && !raft_share_settled(r)))
		return false;
	/* A new share waits until every answer of the last one was released
	 * (raft_answers_entry tells entries apart by the current share), and
	 * those taken back from it too: the next delegate's would overtake
	 * them. */
	if (!raft_share_open(r) &&
	    ((r->delegate >= 0 && r->answers_upto < r->delegate_to) || r->confirm_to > r->answers_upto))
		return false;
	voting = rank_peers(r, order);
	if (!raft_share_open(r))
		last = order[k - 1];
	if (!chain_ready(r, last, now_ms))
		return false;
	for (i = 0; i < voting && n < k - 1; i++)
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
bool raft_chain_send(struct raft *r, struct raft_peer **chain, size_t k, uint64_t now_ms)
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
	if (!ae->chain || !raft_send_fill(r, ae, from, now_ms)) {
		raft_outbox_drop_last(r->update);
		return false;
	}
	ae->_present.chain = true;
	ae->_count.chain = k - 1;
	for (i = 1; i < k; i++)
		msg_id_copy(ae->chain[i - 1].id, chain[i]->id);
	raft_share_add_fields(r, chain[k - 1], ae);
	for (i = 0; i < k; i++)
		raft_send_note(r, chain[i], ae, now_ms);
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
		if (raft_send_window_full(r, chain[i], now_ms))
			return true;
	return false;
}

/* New entries go along a chain when there is one (raft_chain_send); otherwise
 * to just enough followers to commit them, the most up to date and
 * responsive first.
 * The others get them with their next heartbeat. After a loss (see
 * raft_leader_tick) a star goes to one more for a while, so that one lost
 * message no longer delays the commit. A follower with a full window
 * (max_unanswered) is passed over: the entries are owed, and go with
 * whatever else was proposed meanwhile at the next reply. */
void raft_chain_send_entries(struct raft *r, bool proposed, uint64_t now_ms)
{
	struct raft_peer *order[RAFT_MAX_PEERS];
	size_t i, voting, fanout = raft_quorum(r) - 1;

	r->entries_owed = false;
	if (raft_chain_pick(r, order, now_ms)) {
		if (chain_sent_all(r, order, fanout))
			return;
		if (chain_window_full(r, order, fanout, now_ms)) {
			r->entries_owed = true;
			return;
		}
		if (raft_chain_send(r, order, fanout, now_ms))
			return;
	}
	/* The share ends before the entry just proposed, the first that goes
	 * by star; owed entries that go by star stay in it, as retries do. */
	if (proposed)
		raft_share_close(r);
	if (now_ms < r->wide_until_ms)
		fanout++;
	voting = rank_peers(r, order);
	for (i = 0; i < voting && i < fanout; i++) {
		if (sent_all(r, order[i]))
			continue;
		if (raft_send_window_full(r, order[i], now_ms))
			r->entries_owed = true;
		else
			raft_send_append(r, order[i], now_ms);
	}
	if (voting == 0) /* this leader alone is a majority */
		raft_commit_update(r, now_ms);
}

void raft_chain_new_entry(struct raft *r, uint64_t now_ms)
{
	raft_chain_send_entries(r, true, now_ms);
}
