/* What the node says to clients (ok, fail, redirect) and through which
 * channel it logs. */
#include "node_answer.h"

#include <stdarg.h>
#include <string.h>

void node_logf(const struct node *n, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	raft_vlogf(&n->raft, level, fmt, ap);
	va_end(ap);
}

struct msg_any *node_message(struct node *n, struct raft_update *u, enum msg_type type, const char *dst)
{
	struct msg_any *m = raft_outbox_add(u, type);

	if (!m)
		return NULL;
	msg_envelope_fill(&m->as.env, raft_id(&n->raft), dst, raft_leader(&n->raft));
	return m;
}

/* The answer `type` to client's request mid (an ok with value, when
 * given), in u's outbox; NULL when out of memory (nothing added). */
static struct msg_any *answer(struct node *n, struct raft_update *u, enum msg_type type, const char *client,
			      const char *mid, const char *value)
{
	struct msg_any *m = node_message(n, u, type, client);
	char **mid_field;

	if (!m)
		return NULL;
	mid_field = msg_any_mid_field(m);
	*mid_field = strdup(mid);
	if (value) {
		m->as.ok.value = strdup(value);
		m->as.ok._present.value = true;
	}
	if (!*mid_field || (value && !m->as.ok.value)) {
		raft_outbox_drop_last(u);
		return NULL;
	}
	if (n->keep_answered && mid_set_has(&n->taken, mid) && node_mids_add(&n->answered, mid) < 0)
		node_logf(n, RAFT_LOG_WARN, "out of memory: %s may be answered again after a restart", mid);
	return m;
}

int node_reply(struct node *n, struct raft_update *u, enum msg_type type, const char *client, const char *mid,
	       const char *value)
{
	return answer(n, u, type, client, mid, value) ? 0 : -1;
}

int node_answer_read(struct node *n, struct raft_update *u, const struct node_request *q)
{
	const char *value = kv_get(&n->kv, q->key);

	return node_reply(n, u, MSG_TYPE_OK, q->client, q->mid, value ? value : n->tell_absent ? NULL : "");
}

/* The ok to an applied write of client's: a compare-and-set's carries the
 * value it found, a delete's how many keys it removed (both kept in the
 * client's session, so that a resend gets the first answer). */
int node_answer_write(struct node *n, struct raft_update *u, const char *client, const char *mid, bool deletes)
{
	const char *result = sessions_result(&n->sessions, client, mid);
	struct msg_any *m = answer(n, u, MSG_TYPE_OK, client, mid, deletes ? NULL : result);

	if (!m)
		return -1;
	if (deletes && result) {
		m->as.ok.deleted = strcmp(result, "1") == 0;
		m->as.ok._present.deleted = true;
	}
	return 0;
}

int node_redirect(struct node *n, struct node_request *q, struct raft_update *u, const char *why)
{
	int rc;

	node_logf(n, RAFT_LOG_DEBUG, "%s %s from %s: %s, redirect to %s", msg_type_name(q->type), q->mid, q->client,
		  why, raft_leader(&n->raft));
	rc = node_reply(n, u, MSG_TYPE_REDIRECT, q->client, q->mid, NULL);
	node_request_free(q);
	return rc;
}
