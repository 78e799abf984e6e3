/*
 * Requests a follower holds go to the leader once it is proven alive
 * (node_leader_proven): one `forward` message carries up to six, the
 * leader takes them as its own clients' requests (its delegate may answer
 * the puts) and acknowledges with `forward_ack`.
 * This is how etcd's followers hand proposals to their leader; here it
 * also spares the client a redirect and a second trip through the network
 * for every request that arrived while no leader was known.
 *
 * One replica answers each MID. A leader that takes a forwarded request
 * owns it exactly as if the client had sent it there (it answers, or
 * redirects if the put loses its slot or it stops leading before a read is
 * served); the follower never answers it. Forwards and acknowledgements
 * can be lost, so the follower resends what is not acknowledged, to the
 * same leader only, and that leader remembers the MIDs it took (a bounded
 * set) and takes none twice.
 *
 * A forward names the term of the leader it is for, and only that leader,
 * while it leads that term, takes its requests. Any other replica that
 * gets it (that leader after it stepped down, or after it lost the
 * election's race to a successor) refuses what it did not take, in its
 * acknowledgement: it leads that term never again, so the follower may
 * hold those requests for the next leader without risk of a second
 * answer. Without that word, a forward that reaches a fallen leader is
 * lost with its requests. Once the follower follows another leader, a
 * request neither acknowledged nor refused is left to the first: if that
 * leader took it, it answers it; if every copy was lost on the way, the
 * request goes unanswered, as one sent by the client to that leader just
 * before it fell would (resending it elsewhere could answer it twice).
 */
#include "node_forward.h"
#include "node_answer.h"
#include "node_handle.h"
#include "node_transfer.h"

#include <stdlib.h>
#include <string.h>

#define RESEND_DOUBLINGS 5

/* A replica that restarts from its log took, in its earlier life, the
 * requests the log holds (or another leader did): a follower that resends
 * one of them, its acknowledgement lost in the crash, must have it
 * acknowledged, not appended again. */
static int remember_logged(struct node *n)
{
	uint64_t last = raft_last_index(&n->raft), i;

	i = last > NODE_TAKEN_MIDS ? last - NODE_TAKEN_MIDS + 1 : 1;
	for (i = i > raft_compacted_upto(&n->raft) ? i : raft_compacted_upto(&n->raft) + 1; i <= last; i++) {
		const struct msg_log_entry *e = raft_entry(&n->raft, i);

		if (strcmp(e->client, MSG_ID_BROADCAST) != 0 && mid_set_add(&n->taken, e->mid) < 0)
			return -1;
	}
	return 0;
}

void node_keep_answered(struct node *n)
{
	n->keep_answered = true;
}

void node_take_answered(struct node *n, struct node_mids *out)
{
	node_mids_free(out);
	*out = n->answered;
	memset(&n->answered, 0, sizeof n->answered);
}

int node_remember_taken(struct node *n, const char *mid)
{
	return mid_set_add(&n->taken, mid) < 0 ? -1 : 0;
}

int node_forward_init(struct node *n)
{
	if (mid_set_init(&n->taken, NODE_TAKEN_MIDS) < 0)
		return -1;
	return remember_logged(n);
}

void node_forward_free(struct node *n)
{
	node_list_free(&n->forwarded);
	mid_set_free(&n->taken);
}

/* Unacknowledged forwards are resent after the retry interval, doubling
 * with each try up to the heartbeat interval. */
static uint64_t resend_at(const struct node *n, const struct node_request *q)
{
	uint64_t wait = raft_timing_of(&n->raft)->retry << (q->tries < RESEND_DOUBLINGS ? q->tries : RESEND_DOUBLINGS);

	return q->sent_ms + (wait < raft_timing_of(&n->raft)->heartbeat ? wait : raft_timing_of(&n->raft)->heartbeat);
}

/* Only a resend that waits for time needs a tick: one that waits for the
 * leader to be heard from again happens on the step that hears it. */
uint64_t node_forward_deadline(const struct node *n, uint64_t now_ms, uint64_t deadline)
{
	size_t i;

	for (i = 0; i < n->forwarded.n; i++) {
		const struct node_request *q = n->forwarded.items[i];
		uint64_t at = resend_at(n, q);

		if (node_leader_proven(n, q) && at > now_ms && at < deadline)
			deadline = at;
	}
	return deadline;
}

static int copy_request(struct msg_client_request *out, const struct node_request *q)
{
	out->get = q->type == MSG_TYPE_GET;
	out->deletes = out->_present.deletes = q->type == MSG_TYPE_DELETE;
	out->_present.expected = q->expected != NULL;
	out->seq = q->write_seq;
	out->_present.seq = q->write_seq != 0;
	if (q->expected && !(out->expected = strdup(q->expected)))
		return -1;
	msg_id_copy(out->client, q->client);
	out->mid = strdup(q->mid);
	out->key = strdup(q->key);
	out->value = strdup(q->value);
	return out->mid && out->key && out->value ? 0 : -1;
}

/* One forward to the leader with requests batch[0..k). */
static int send_forward(struct node *n, struct node_request **batch, size_t k, struct raft_update *u)
{
	struct msg_any *m = node_message(n, u, MSG_TYPE_FORWARD, raft_leader(&n->raft));
	size_t i;

	if (!m)
		return -1;
	m->as.forward.term = raft_term(&n->raft);
	m->as.forward.requests = calloc(k, sizeof *m->as.forward.requests);
	if (m->as.forward.requests)
		m->as.forward._count.requests = k;
	for (i = 0; m->as.forward.requests && i < k; i++)
		if (copy_request(&m->as.forward.requests[i], batch[i]) < 0)
			break;
	if (!m->as.forward.requests || i < k) {
		raft_outbox_drop_last(u);
		return -1;
	}
	node_logf(n, RAFT_LOG_DEBUG, "forwarded %zu requests to %s, the first %s", k, raft_leader(&n->raft),
		  batch[0]->mid);
	return 0;
}

/* Sends every request of `due` (in order) to the leader, in batches; each
 * is then waiting for its acknowledgement. A batch that cannot be queued
 * for lack of memory is resent later, like a lost one. */
static int send_due(struct node *n, struct node_list *due, uint64_t now_ms, struct raft_update *u)
{
	size_t i, k;
	int rc = 0;

	for (i = 0; i < due->n; i += k) {
		k = due->n - i < MSG_FORWARD_REQUESTS_MAX_COUNT ? due->n - i : MSG_FORWARD_REQUESTS_MAX_COUNT;
		if (send_forward(n, &due->items[i], k, u) < 0)
			rc = -1;
	}
	for (i = 0; i < due->n; i++) {
		struct node_request *q = due->items[i];

		q->sent_ms = now_ms;
		q->contacts = raft_leader_contacts(&n->raft);
		msg_id_copy(q->sent_to, raft_leader(&n->raft));
		if (node_list_push(&n->forwarded, q) < 0) {
			node_request_free(q);
			rc = -1;
		}
	}
	due->n = 0;
	return rc;
}

/* This replica now leads: what it held is its own to serve; what it had
 * forwarded belongs to the leader it was sent to. */
static int take_over(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	int rc = 0;

	node_list_free(&n->forwarded);
	while (n->held.n)
		if (node_handle(n, node_list_take(&n->held, 0), now_ms, u) < 0)
			rc = -1;
	return rc;
}

/* True when this replica follows a leader other than the one a request
 * was forwarded to: not merely none (an election timeout that comes to
 * nothing, under loss), but a successor. */
static bool followed_elsewhere(const struct node *n, const struct node_request *q)
{
	const char *leader = raft_leader(&n->raft);

	return strcmp(leader, MSG_ID_BROADCAST) != 0 && strcmp(q->sent_to, leader) != 0;
}

/* Forwarded: now left to the leader it went to (followed_elsewhere), or
 * the resend is due; held: a leader is proven alive. */
static bool due_now(const struct node *n, const struct node_request *q, bool forwarded, uint64_t now_ms)
{
	if (forwarded && followed_elsewhere(n, q))
		return true;
	return node_leader_proven(n, q) && (!forwarded || now_ms >= resend_at(n, q));
}

/* Moves the requests of l that are due (in order) to the end of due, which
 * has room for them all; forwarded ones left to another leader are freed. */
static void take_due(struct node *n, struct node_list *l, bool forwarded, uint64_t now_ms, struct node_list *due)
{
	size_t i = 0;

	while (i < l->n) {
		struct node_request *q = l->items[i];

		if (!due_now(n, q, forwarded, now_ms)) {
			if (!forwarded)
				break; /* see count_due */
			i++;
			continue;
		}
		q = node_list_take(l, i);
		if (forwarded && followed_elsewhere(n, q)) {
			node_logf(n, RAFT_LOG_DEBUG, "%s %s left to %s, which it was forwarded to",
				  msg_type_name(q->type), q->mid, q->sent_to);
			node_request_free(q);
			continue;
		}
		q->tries += forwarded;
		due->items[due->n++] = q;
	}
}

static size_t count_due(const struct node *n, const struct node_list *l, bool forwarded, uint64_t now_ms)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		bool due = due_now(n, l->items[i], forwarded, now_ms);

		/* Held requests are in arrival order, so their contact counts never
		 * decrease: those proven form a prefix, and a long hold (a
		 * partition) costs nothing per step. */
		if (!due && !forwarded)
			break;
		k += due;
	}
	return k;
}

int node_forward_step(struct node *n, uint64_t now_ms, struct raft_update *u)
{
	struct node_list due = { 0 };
	int rc;

	if (raft_is_leader(&n->raft))
		return node_transfer_holds_writes(n) ? 0 : take_over(n, now_ms, u);
	due.cap = count_due(n, &n->forwarded, true, now_ms) + count_due(n, &n->held, false, now_ms);
	if (due.cap == 0)
		return 0;
	due.items = malloc(due.cap * sizeof *due.items);
	if (!due.items)
		return -1;
	take_due(n, &n->forwarded, true, now_ms, &due);
	take_due(n, &n->held, false, now_ms, &due);
	rc = send_due(n, &due, now_ms, u);
	free(due.items);
	return rc;
}

/* Lists the MIDs of the requests i of m with pick[i] == want. On failure
 * *count says how many were copied, for msg_any_free. */
static int mid_list(struct msg_request_mid **list, size_t *count, const struct msg_forward *m, const bool *pick,
		    bool want)
{
	size_t i;

	*list = calloc(m->_count.requests, sizeof **list);
	if (!*list)
		return -1;
	for (i = 0; i < m->_count.requests; i++) {
		if (pick[i] != want)
			continue;
		if (!((*list)[*count].mid = strdup(m->requests[i].mid)))
			return -1;
		++*count;
	}
	return 0;
}

/* Acknowledges the requests of m that were taken (taken[i]) and refuses
 * the others. */
static int send_ack(struct node *n, const struct msg_forward *m, const bool *taken, bool refusing,
		    struct raft_update *u)
{
	struct msg_any *ack = node_message(n, u, MSG_TYPE_FORWARD_ACK, m->env.src);
	struct msg_forward_ack *a;

	if (!ack)
		return -1;
	a = &ack->as.forward_ack;
	if (mid_list(&a->requests, &a->_count.requests, m, taken, true) < 0 ||
	    (refusing && mid_list(&a->refused, &a->_count.refused, m, taken, false) < 0)) {
		raft_outbox_drop_last(u);
		return -1;
	}
	a->_present.refused = refusing;
	return 0;
}

/* Takes the requests of m that it did not take before (a resend whose
 * acknowledgement was lost); all of them are then taken. */
static int take_requests(struct node *n, const struct msg_forward *m, bool *taken, uint64_t now_ms,
			 struct raft_update *u)
{
	size_t i;

	for (i = 0; i < m->_count.requests; i++) {
		const struct msg_client_request *r = &m->requests[i];
		int fresh = mid_set_add(&n->taken, r->mid);
		struct node_request *q;

		if (fresh == 0) {
			taken[i] = true;
			continue;
		}
		q = fresh < 0 ? NULL : node_request_from(r, raft_id(&n->raft));
		if (!q || node_handle(n, q, now_ms, u) < 0)
			return -1; /* the rest unacknowledged: the follower resends them */
		taken[i] = true;
	}
	return 0;
}

int node_recv_forward(struct node *n, const struct msg_forward *m, uint64_t now_ms, struct raft_update *u)
{
	bool taken[MSG_FORWARD_REQUESTS_MAX_COUNT] = { false };
	bool leads = raft_is_leader(&n->raft) && raft_term(&n->raft) == m->term;
	size_t i;
	int rc = 0;

	if (!raft_is_peer(&n->raft, m->env.src) || m->_count.requests > MSG_FORWARD_REQUESTS_MAX_COUNT) {
		node_logf(n, RAFT_LOG_DEBUG, "forward from %s ignored: %s", m->env.src,
			  raft_is_peer(&n->raft, m->env.src) ? "too many requests" : "not a peer");
		return 0;
	}
	if (leads) {
		rc = take_requests(n, m, taken, now_ms, u);
		if (rc < 0 && !taken[0])
			return rc; /* nothing taken, nothing to say: it is all resent */
	} else {
		for (i = 0; i < m->_count.requests; i++)
			taken[i] = mid_set_has(&n->taken, m->requests[i].mid);
		node_logf(n, RAFT_LOG_DEBUG, "forward from %s for term %llu refused: %s", m->env.src,
			  (unsigned long long)m->term,
			  raft_is_leader(&n->raft) ? "it leads another" : "not the leader");
	}
	if (send_ack(n, m, taken, !leads, u) < 0)
		rc = -1;
	return rc;
}

/* The requests a forward_ack refused wait here again, for the next leader
 * proven alive; this replica may lead next itself. */
static int hold_again(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u)
{
	node_logf(n, RAFT_LOG_DEBUG, "%s %s refused by %s: held again", msg_type_name(q->type), q->mid, q->sent_to);
	q->tries = 0;
	return node_hold(n, q, now_ms, u);
}

static struct node_request *take_forwarded(struct node *n, const char *from, const char *mid)
{
	size_t j;

	for (j = 0; j < n->forwarded.n; j++)
		if (strcmp(n->forwarded.items[j]->mid, mid) == 0 && strcmp(n->forwarded.items[j]->sent_to, from) == 0)
			return node_list_take(&n->forwarded, j);
	return NULL;
}

int node_recv_forward_ack(struct node *n, const struct msg_forward_ack *m, uint64_t now_ms, struct raft_update *u)
{
	struct node_request *q;
	size_t i;
	int rc = 0;

	for (i = 0; i < m->_count.requests; i++)
		node_request_free(take_forwarded(n, m->env.src, m->requests[i].mid));
	for (i = 0; i < m->_count.refused; i++)
		if ((q = take_forwarded(n, m->env.src, m->refused[i].mid)) && hold_again(n, q, now_ms, u) < 0)
			rc = -1;
	return rc;
}
