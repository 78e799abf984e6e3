/* Client requests as the node keeps them while they wait, and the lists
 * that hold them. */
#include "node_request.h"
#include "base/array.h"

#include <stdlib.h>
#include <string.h>

void node_request_free(struct node_request *q)
{
	if (!q)
		return;
	free(q->mid);
	free(q->key);
	free(q->value);
	free(q->expected);
	free(q);
}

struct node_request *node_request_new(enum msg_type type, const char *client, const char *named, const char *mid,
				      const char *key, const char *value)
{
	struct node_request *q = calloc(1, sizeof *q);

	if (!q)
		return NULL;
	q->type = type;
	msg_id_copy(q->client, client);
	msg_id_copy(q->named, named);
	q->mid = strdup(mid);
	q->key = strdup(key);
	q->value = strdup(value ? value : "");
	if (!q->mid || !q->key || !q->value) {
		node_request_free(q);
		return NULL;
	}
	return q;
}

struct node_request *node_cas_request_new(const char *client, const char *named, const char *mid, const char *key,
					  const char *expected, const char *value)
{
	struct node_request *q = node_request_new(MSG_TYPE_CAS, client, named, mid, key, value);

	if (q && !(q->expected = strdup(expected))) {
		node_request_free(q);
		return NULL;
	}
	return q;
}

struct node_request *node_request_from(const struct msg_client_request *r, const char *named)
{
	struct node_request *q;

	if (r->_present.expected && !r->get)
		q = node_cas_request_new(r->client, named, r->mid, r->key, r->expected, r->value);
	else
		q = node_request_new(r->get       ? MSG_TYPE_GET
				     : r->deletes ? MSG_TYPE_DELETE
						  : MSG_TYPE_PUT,
				     r->client, named, r->mid, r->key, r->get ? NULL : r->value);
	if (q)
		q->write_seq = r->_present.seq ? r->seq : 0;
	return q;
}

int node_list_push(struct node_list *l, struct node_request *q)
{
	if (array_reserve(&l->items, &l->cap, l->n + 1, sizeof *l->items, 16) < 0)
		return -1;
	l->items[l->n++] = q;
	return 0;
}

struct node_request *node_list_take(struct node_list *l, size_t i)
{
	struct node_request *q = l->items[i];

	memmove(&l->items[i], &l->items[i + 1], (l->n - i - 1) * sizeof *l->items);
	l->n--;
	return q;
}

void node_list_free(struct node_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		node_request_free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* Takes, in arrival order, every request of l that is ready and hands it to
 * act, which owns it then. Returns -1 if any action ran out of memory. */
int node_list_take_ready(struct node *n, struct node_list *l, node_request_ready ready, node_request_action act,
			 uint64_t now_ms, struct raft_update *u)
{
	size_t i = 0;
	int rc = 0;

	while (i < l->n) {
		if (!ready(n, l->items[i], now_ms)) {
			i++;
			continue;
		}
		if (act(n, node_list_take(l, i), now_ms, u) < 0)
			rc = -1;
	}
	return rc;
}

int node_mids_add(struct node_mids *m, const char *mid)
{
	char *copy;

	if (array_reserve(&m->items, &m->cap, m->n + 1, sizeof *m->items, 16) < 0)
		return -1;
	copy = strdup(mid);
	if (!copy)
		return -1;
	m->items[m->n++] = copy;
	return 0;
}

void node_mids_free(struct node_mids *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->items[i]);
	free(m->items);
	memset(m, 0, sizeof *m);
}
