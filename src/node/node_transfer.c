/* A client's move_leader; see node_transfer.h. */
#include "node_transfer.h"
#include "node_answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The answer to client's move_leader mid (to target): ok, or fail with
 * the reason (error NULL: ok). */
static int reply(struct node *n, struct raft_update *u, const char *client, const char *mid, const char *target,
		 const char *error)
{
	struct msg_any *m;

	node_logf(n, error ? RAFT_LOG_WARN : RAFT_LOG_INFO, "move_leader %s from %s to %s: %s", mid, client, target,
		  error ? error : "done");
	if (!error)
		return node_reply(n, u, MSG_TYPE_OK, client, mid, NULL);
	if (!(m = node_message(n, u, MSG_TYPE_FAIL, client)))
		return -1;
	if (!(m->as.fail.mid = strdup(mid)) || !(m->as.fail.error = strdup(error))) {
		raft_outbox_drop_last(u);
		return -1;
	}
	m->as.fail._present.error = true;
	return 0;
}

/* The answer to the client of the transfer under way; clears it. */
static int answer(struct node *n, struct raft_update *u, const char *error)
{
	struct node_transfer *t = &n->transfer;
	int rc = reply(n, u, t->client, t->mid, t->target, error);

	node_transfer_free(n);
	return rc;
}

/* A move_leader answered at once; the transfer under way, if any, is
 * left as it is. */
static int refuse(struct node *n, const struct msg_move_leader *m, struct raft_update *u, const char *error)
{
	return reply(n, u, m->env.src, m->mid, m->target, error);
}

int node_recv_move_leader(struct node *n, const struct msg_move_leader *m, uint64_t now_ms, struct raft_update *u)
{
	struct node_transfer *t = &n->transfer;
	char why[128];
	int rc;

	if (!raft_is_leader(&n->raft)) /* the client asks the one this replica believes in */
		return node_reply(n, u, MSG_TYPE_REDIRECT, m->env.src, m->mid, NULL);
	if (t->mid) /* one at a time; a resend of this one is answered with it */
		return strcmp(t->mid, m->mid) == 0 ? 0 : refuse(n, m, u, raft_strerror(RAFT_EBUSY));
	if (strcmp(m->target, raft_id(&n->raft)) == 0) /* already there: etcd answers so too */
		return refuse(n, m, u, NULL);
	rc = raft_transfer(&n->raft, m->target, now_ms, u);
	if (rc != RAFT_OK) {
		snprintf(why, sizeof why, "cannot move the leader to %s: %s", m->target, raft_strerror(rc));
		return refuse(n, m, u, why);
	}
	msg_id_copy(t->client, m->env.src);
	msg_id_copy(t->target, m->target);
	if (!(t->mid = strdup(m->mid)))
		return -1; /* the transfer goes on; the client resends and is told it is busy */
	/* The core gives up after an election timeout; the target's election
	 * may take as long again before this replica hears who won. */
	t->until = now_ms + 2 * raft_timing_of(&n->raft)->election_min;
	return 0;
}

int node_transfer_step(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	struct node_transfer *t = &n->transfer;
	const char *leader = raft_leader(&n->raft);
	char why[160];

	if (!t->mid)
		return 0;
	if (strcmp(leader, t->target) == 0)
		return answer(n, u, NULL);
	if (raft_is_leader(&n->raft) && !raft_transfer_target(&n->raft)) {
		snprintf(why, sizeof why, "%s did not take over within an election timeout (%llu ms): %s leads on",
			 t->target, (unsigned long long)raft_timing_of(&n->raft)->election_min, raft_id(&n->raft));
		return answer(n, u, why);
	}
	if (!raft_is_leader(&n->raft) && strcmp(leader, MSG_ID_BROADCAST) != 0) {
		snprintf(why, sizeof why, "%s leads instead of %s", leader, t->target);
		return answer(n, u, why);
	}
	if (now_ms >= t->until) {
		snprintf(why, sizeof why, "no leader heard of since the hand-over to %s", t->target);
		return answer(n, u, why);
	}
	return 0;
}

uint64_t node_transfer_deadline(const struct node *n)
{
	return n->transfer.mid ? n->transfer.until : UINT64_MAX;
}

bool node_transfer_holds_writes(const struct node *n)
{
	return raft_transfer_target(&n->raft) != NULL;
}

void node_transfer_free(struct node *n)
{
	free(n->transfer.mid);
	memset(&n->transfer, 0, sizeof n->transfer);
}
