/* A client request meets the replica: answered as a resend, served by a
 * leader, or held until a leader is proven alive. */
#include "node_handle.h"
#include "base/mutant.h"
#include "node_answer.h"
#include "node_read.h"
#include "node_transfer.h"

#include <string.h>

static int lead_put(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	struct msg_log_entry e = { .key = q->key, .value = q->value, .mid = q->mid, .expected = q->expected };

	msg_id_copy(e.client, q->client);
	e.deletes = e._present.deletes = q->type == MSG_TYPE_DELETE;
	e._present.expected = q->type == MSG_TYPE_CAS;
	e.seq = q->write_seq;
	e._present.seq = q->write_seq != 0;
	q->index = raft_propose(&n->raft, &e, now_ms, u);
	q->term = raft_term(&n->raft);
	node_logf(n, RAFT_LOG_DEBUG, "put %s from %s: appended at %llu", q->mid, q->client,
		  (unsigned long long)q->index);
	if (q->index == 0 || node_list_push(&n->puts, q) < 0) {
		/* Out of memory: nothing entered the log, so the client may retry. */
		int rc = q->index == 0 ? node_reply(n, u, MSG_TYPE_FAIL, q->client, q->mid, NULL) : -1;

		node_request_free(q);
		return rc;
	}
	return 0;
}

/* A follower sends a request towards the leader it believes in only once
 * that leader has been heard from since the request began to wait here:
 * then it was alive after the client gave up on whoever it asked before.
 * A belief older than the request may name a leader that has just died;
 * a client sent there finds it dead and comes straight back to a random
 * replica with `leader` FFFF: a redirect loop, turn after turn, until an
 * election ends. */
bool node_leader_proven(const struct node *n, const struct node_request *q)
{
	return strcmp(raft_leader(&n->raft), MSG_ID_BROADCAST) != 0 && raft_leader_contacts(&n->raft) > q->contacts;
}

/* Holds q until the leader's contacts exceed `contacts`. */
static int hold_since(struct node *n, struct node_request *q, uint64_t contacts, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (raft_is_leader(&n->raft))
		return node_handle(n, q, now_ms, u);
	q->contacts = contacts;
	if (n->held.n == NODE_MAX_HELD) /* bounded memory: the oldest is sent off */
		rc = node_redirect(n, node_list_take(&n->held, 0), u, "too many held");
	return node_list_push(&n->held, q) < 0 ? -1 : rc;
}

/* A leader serves q. A client that names this replica as its leader when
 * it is not one was misinformed (or this replica lost its place): it is
 * told at once what this replica believes, FFFF if nothing, rather than
 * left to pile further requests on a replica that cannot serve them.
 * Anything else waits for a leader proven alive (node_leader_proven), then
 * goes there (node_forward.c): without one there is no better place for
 * the client, and a redirect naming none sends it to a random replica,
 * which on the minority side of a partition only holds it again (or
 * bounces it on: a loop). In cluster mode a leader heard from lately
 * counts as proven (node_set_forward_within): its clients resend. There a
 * request that names this replica is not redirected either: it is one a
 * client sent while this replica led, or one this replica was serving
 * when it stepped down (a read whose round had not come back, after a
 * leadership transfer say), and the leader it goes to answers the client
 * itself, while a redirect naming nobody sent it to start over. */
int node_handle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	if (q->type != MSG_TYPE_GET && sessions_late(&n->sessions, q->client, q->mid, q->write_seq)) {
		/* its client has had a later write applied: it waits for this no more */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: a late copy, dropped", msg_type_name(q->type), q->mid,
			  q->client);
		node_request_free(q);
		return 0;
	}
	if (q->type != MSG_TYPE_GET && sessions_applied(&n->sessions, q->client, q->mid)) {
		/* a resend: applied here, so committed, whoever leads */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: a resend of a write applied, ok again",
			  msg_type_name(q->type), q->mid, q->client);
		rc = node_answer_write(n, u, q->client, q->mid, q->type == MSG_TYPE_DELETE);
		node_request_free(q);
		return rc;
	}
	if (raft_is_leader(&n->raft) && q->type != MSG_TYPE_GET && node_transfer_holds_writes(n)) {
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: held while leadership is handed over",
			  msg_type_name(q->type), q->mid, q->client);
		q->contacts = raft_leader_contacts(&n->raft);
		return node_list_push(&n->held, q) < 0 ? -1 : 0;
	}
	if (raft_is_leader(&n->raft))
		return q->type == MSG_TYPE_GET ? node_lead_get(n, q, now_ms, u) : lead_put(n, q, now_ms, u);
	if (MUTANT_ON(FOLLOWER_ANSWERS_GET) && q->type == MSG_TYPE_GET) {
		rc = node_answer_read(n, u, q);
		node_request_free(q);
		return rc;
	}
	if (!n->forward_within && strcmp(q->named, raft_id(&n->raft)) == 0)
		return node_redirect(n, q, u, "the client takes this replica for its leader");
	if (n->forward_within && raft_leader_fresh(&n->raft, now_ms, n->forward_within)) {
		/* as if the contact that makes it fresh came after the request */
		node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: its leader was heard from lately, forward it now",
			  msg_type_name(q->type), q->mid, q->client);
		return hold_since(n, q, raft_leader_contacts(&n->raft) - 1, now_ms, u);
	}
	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: held until a leader is heard from", msg_type_name(q->type), q->mid,
		  q->client);
	return node_hold(n, q, now_ms, u);
}

int node_hold(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	return hold_since(n, q, raft_leader_contacts(&n->raft), now_ms, u);
}
