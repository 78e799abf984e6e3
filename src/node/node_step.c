/* The node's entry points: a message or a tick in, and everything that
 * follows a step of the core, in the order that keeps answers right. */
#include "node.h"
#include "node_apply.h"
#include "node_forward.h"
#include "node_handle.h"
#include "node_read.h"
#include "node_transfer.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

int node_init(struct node *n, const struct raft_config *cfg, uint64_t now_ms)
{
	int rc;

	memset(n, 0, sizeof *n);
	rc = raft_init(&n->raft, cfg, now_ms);
	if (rc != RAFT_OK)
		return rc;
	kv_init(&n->kv);
	sessions_init(&n->sessions);
	if (node_forward_init(n) < 0) {
		raft_free(&n->raft);
		return RAFT_ENOMEM;
	}
	/* A restarted replica rebuilds its map from its snapshot and the
	 * entries it knows committed; their clients were answered before it
	 * stopped. */
	if (node_apply_upto(n, raft_commit(&n->raft)) < 0) {
		node_free(n);
		return RAFT_ENOMEM;
	}
	return RAFT_OK;
}

void node_free(struct node *n)
{
	free(n->late.items);
	node_mids_free(&n->answered);
	node_list_free(&n->reads);
	node_list_free(&n->puts);
	node_list_free(&n->held);
	node_forward_free(n);
	node_transfer_free(n);
	kv_free(&n->kv);
	sessions_free(&n->sessions);
	raft_free(&n->raft);
}

static bool always(const struct node *n, const struct node_request *q, uint64_t now_ms)
{
	(void)n;
	(void)q;
	(void)now_ms;
	return true;
}

static int serve_reads(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	if (!raft_is_leader(&n->raft)) /* not in the log: whoever leads next may serve them */
		return node_list_take_ready(n, &n->reads, always, node_handle, now_ms, u);
	return node_list_take_ready(n, &n->reads, node_read_confirmed, node_read_serve, now_ms, u);
}

/* What node.h writes next to the fields of struct node. */
static void check_invariants(const struct node *n)
{
	size_t i;

	assert(n->applied <= raft_commit(&n->raft));
	assert(n->reads.n == 0 || raft_is_leader(&n->raft));
	assert(n->held.n <= NODE_MAX_HELD);
	for (i = 0; i < n->puts.n; i++)
		assert(n->puts.items[i]->index > raft_commit(&n->raft));
	(void)i;
}

static bool to_a_client(const struct msg_any *m)
{
	return m->type == MSG_TYPE_OK || m->type == MSG_TYPE_FAIL || m->type == MSG_TYPE_REDIRECT;
}

/* Everything that may follow a step of the core, in the order that keeps
 * answers right: apply (and acknowledge) first, then reads and the rest.
 * The step's answers then leave ahead of its messages to peers, in the
 * order they were given: nothing a peer does with those messages needs
 * them to come first, and a replica stopped in the middle of sending (a
 * kill, or a receiver whose buffer fills with the peers' share of a
 * burst) then loses the commit notices, which costs a second ok at the
 * next leader, rather than the answers, which leaves a client that
 * never hears of its write (and, on the test-bed, a read of it taken
 * for wrong). A delegate's oks so leave before its reply to the leader,
 * as they must: once the leader has the reply it may serve reads that
 * see these puts, and a get is never answered before the ok of a put it
 * sees. */
static int after_step(struct node *n, uint64_t now_ms, struct raft_update *u, int rc)
{
	if (node_apply_committed(n, u) < 0)
		rc = -1;
	if (node_list_take_ready(n, &n->puts, node_put_slot_committed, node_put_settle, now_ms, u) < 0)
		rc = -1;
	if (serve_reads(n, now_ms, u) < 0)
		rc = -1;
	if (node_transfer_step(n, now_ms, u) < 0)
		rc = -1;
	if (node_forward_step(n, now_ms, u) < 0)
		rc = -1;
	u->deadline = node_forward_deadline(n, now_ms, raft_deadline(&n->raft, now_ms));
	if (node_transfer_deadline(n) < u->deadline)
		u->deadline = node_transfer_deadline(n) > now_ms ? node_transfer_deadline(n) : now_ms + 1;
	raft_outbox_partition(u, to_a_client);
	check_invariants(n);
	return rc;
}

/* A client's request as the node takes it: the same conversion as for a
 * forwarded one (node_request_from), through a view of it that borrows
 * the message's strings. */
static struct node_request *request_from(const struct msg_any *msg)
{
	struct msg_client_request view = { 0 };

	msg_id_copy(view.client, msg->as.env.src);
	switch (msg->type) {
	case MSG_TYPE_GET:
		view.get = true;
		view.mid = msg->as.get.mid;
		view.key = msg->as.get.key;
		break;
	case MSG_TYPE_DELETE:
		view.deletes = view._present.deletes = true;
		view.mid = msg->as.delete.mid;
		view.key = msg->as.delete.key;
		view.value = (char *)"";
		view.seq = msg->as.delete.seq;
		view._present.seq = msg->as.delete._present.seq;
		break;
	case MSG_TYPE_CAS:
		view._present.expected = true;
		view.expected = msg->as.cas.expected;
		view.mid = msg->as.cas.mid;
		view.key = msg->as.cas.key;
		view.value = msg->as.cas.value;
		view.seq = msg->as.cas.seq;
		view._present.seq = msg->as.cas._present.seq;
		break;
	default:
		view.mid = msg->as.put.mid;
		view.key = msg->as.put.key;
		view.value = msg->as.put.value;
		view.seq = msg->as.put.seq;
		view._present.seq = msg->as.put._present.seq;
		break;
	}
	return node_request_from(&view, msg->as.env.leader);
}

int node_receive(struct node *n, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u)
{
	struct node_request *q;
	int rc = 0;

	switch (msg->type) {
	case MSG_TYPE_GET:
	case MSG_TYPE_PUT:
	case MSG_TYPE_DELETE:
	case MSG_TYPE_CAS:
		q = request_from(msg);
		rc = q ? node_handle(n, q, now_ms, u) : -1;
		break;
	case MSG_TYPE_FORWARD:
		rc = node_recv_forward(n, &msg->as.forward, now_ms, u);
		break;
	case MSG_TYPE_MOVE_LEADER:
		rc = node_recv_move_leader(n, &msg->as.move_leader, now_ms, u);
		break;
	case MSG_TYPE_FORWARD_ACK:
		rc = node_recv_forward_ack(n, &msg->as.forward_ack, now_ms, u);
		break;
	default:
		raft_step(&n->raft, msg, now_ms, u);
		break;
	}
	return after_step(n, now_ms, u, rc);
}

int node_tick(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	raft_tick(&n->raft, now_ms, u);
	return after_step(n, now_ms, u, 0);
}

void node_set_forward_within(struct node *n, uint64_t ms)
{
	n->forward_within = ms;
}

void node_tell_absent(struct node *n)
{
	n->tell_absent = true;
}

int node_status(const struct node *n, struct msg_status_reply *r)
{
	r->role = strdup(raft_role_name(raft_role_of(&n->raft)));
	if (!r->role)
		return -1;
	r->term = raft_term(&n->raft);
	r->commit = raft_commit(&n->raft);
	r->applied = n->applied;
	r->last_index = raft_last_index(&n->raft);
	r->snapshot_index = raft_snapshot_index(&n->raft);
	return 0;
}
