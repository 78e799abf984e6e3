/* The in-process cluster's clients: requests into a node, and the
 * answers they got; see cluster.h. */
#include "cluster.h"

#include <string.h>

/* A message of `type` from client to node i, naming `leader`. */
static struct msg_any to_node(const struct cluster *c, size_t i, enum msg_type type, const char *client,
			      const char *leader)
{
	struct msg_any m;

	msg_any_init(&m, type);
	msg_id_copy(m.as.env.src, client);
	msg_id_copy(m.as.env.dst, c->nodes[i].raft.id);
	msg_id_copy(m.as.env.leader, leader);
	return m;
}

void cluster_request(struct cluster *c, size_t i, const char *client, const char *leader, enum msg_type type,
		     const char *mid, const char *key, const char *value)
{
	struct msg_any m = to_node(c, i, type, client, leader);

	if (type == MSG_TYPE_PUT) {
		m.as.put.mid = (char *)mid;
		m.as.put.key = (char *)key;
		m.as.put.value = (char *)value;
	} else if (type == MSG_TYPE_DELETE) {
		m.as.delete.mid = (char *)mid;
		m.as.delete.key = (char *)key;
	} else {
		m.as.get.mid = (char *)mid;
		m.as.get.key = (char *)key;
	}
	cluster_inject(c, i, &m);
}

void cluster_cas(struct cluster *c, size_t i, const char *client, const char *mid, const char *key,
		 const char *expected, const char *value)
{
	struct msg_any m = to_node(c, i, MSG_TYPE_CAS, client, MSG_ID_BROADCAST);

	m.as.cas.mid = (char *)mid;
	m.as.cas.key = (char *)key;
	m.as.cas.expected = (char *)expected;
	m.as.cas.value = (char *)value;
	cluster_inject(c, i, &m);
}

void cluster_move_leader(struct cluster *c, size_t i, const char *mid, const char *target)
{
	struct msg_any m = to_node(c, i, MSG_TYPE_MOVE_LEADER, CLIENT_ID, MSG_ID_BROADCAST);

	m.as.move_leader.mid = (char *)mid;
	msg_id_copy(m.as.move_leader.target, target);
	cluster_inject(c, i, &m);
}

void cluster_put(struct cluster *c, size_t i, const char *mid, const char *key, const char *value)
{
	cluster_request(c, i, CLIENT_ID, MSG_ID_BROADCAST, MSG_TYPE_PUT, mid, key, value);
}

void cluster_get(struct cluster *c, size_t i, const char *mid, const char *key)
{
	cluster_request(c, i, CLIENT_ID, MSG_ID_BROADCAST, MSG_TYPE_GET, mid, key, NULL);
}

const struct cluster_answer *cluster_answer(const struct cluster *c, const char *mid, size_t *count)
{
	const struct cluster_answer *found = NULL;
	size_t i;

	*count = 0;
	for (i = 0; i < c->n_answers; i++) {
		if (strcmp(c->answers[i].mid, mid) == 0) {
			if (!found)
				found = &c->answers[i];
			(*count)++;
		}
	}
	return found;
}
