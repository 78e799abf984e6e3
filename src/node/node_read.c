/* Gets, the leader's way: under a lease, or after a read-index round
 * (section 6.4), and never before the answer of a put they would see. */
#include "node_read.h"
#include "node_answer.h"

/* A read may see only puts whose `ok` has been sent: the client checks a
 * get against the puts it saw acknowledged. A leader applies its
 * delegate's share as it commits it, but the delegate answers it, and it
 * holds the answers of entries it inherited (raft_inherit.h), so a read
 * waits until the put it would see, the last to write its key, is
 * answered. */
static bool answer_sent(const struct node *n, const char *key)
{
	return raft_entry_answered(&n->raft, kv_written_at(&n->kv, key));
}

/* The last entry of the log that writes key and is not applied yet, 0 if
 * none. Its delegate may have answered it already: a chain tells the
 * delegate that an entry is committed before the leader hears of it, so a
 * client can hold the put's ok while the leader's commit index is behind
 * it. A read of that key waits until that entry is applied. With
 * elsewhere_only, only entries another replica may answer count
 * (raft_answered_elsewhere). */
static uint64_t unapplied_write(const struct node *n, const char *key, bool elsewhere_only)
{
	uint64_t i;

	for (i = raft_last_index(&n->raft); i > n->applied; i--)
		if (strcmp(raft_entry(&n->raft, i)->key, key) == 0 &&
		    (!elsewhere_only || raft_answered_elsewhere(&n->raft, i)))
			return i;
	return 0;
}

/* Leader: a get is served now under a lease, else after a read-index round
 * (or, under a lease, once the delegate's answers are out: seq 0). Either
 * way it sees every put of its key that was answered before it arrived,
 * by this leader or by its delegate (unapplied_write). */
int node_lead_get(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	bool lease = raft_lease_valid(&n->raft, now_ms);
	uint64_t pending = unapplied_write(n, q->key, false);

	if (lease && !pending && n->applied == raft_commit(&n->raft) && answer_sent(n, q->key)) {
		int rc = node_answer_read(n, u, q);

		node_request_free(q);
		return rc;
	}
	q->read_index = pending > raft_commit(&n->raft) ? pending : raft_commit(&n->raft);
	q->seq = lease ? 0 : raft_read_round(&n->raft, now_ms, u);
	return node_list_push(&n->reads, q);
}

/* Linearizable: a majority confirmed this leader after the read arrived,
 * and the state includes every entry committed before it arrived. The
 * test-bed asks more: its client checks the answer against every put it
 * has seen acknowledged by then, and a put of this key that arrived after
 * the read may be acknowledged by the delegate before this leader knows.
 * So a read also waits while such a put is unapplied here. Puts this
 * leader answers itself need no wait: their oks follow the read's. */
/* A read waits for a round that began after it arrived (seq), and is
 * served only while a majority acknowledged a message sent less than a
 * lease ago: a leader that was stopped reads the replies that waited in
 * its socket, which confirm a round from before the stop, while another
 * leader may have acknowledged puts since. */
bool node_read_confirmed(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	bool confirmed = q->seq ? raft_seq_confirmed(&n->raft, q->seq) && raft_acks_fresh(&n->raft, now_ms)
				: raft_lease_valid(&n->raft, now_ms);

	return raft_term_committed(&n->raft) && n->applied >= q->read_index && confirmed && answer_sent(n, q->key) &&
	       !unapplied_write(n, q->key, true);
}

int node_read_serve(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = node_answer_read(n, u, q);

	(void)now_ms;
	node_request_free(q);
	return rc;
}
