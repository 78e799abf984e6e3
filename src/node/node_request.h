/* Client requests as the node keeps them while they wait (held,
 * forwarded, appended, or waiting for a read round), and the lists that
 * hold them. Not part of the node's API. */
#ifndef NODE_REQUEST_H
#define NODE_REQUEST_H

#include "node.h"

struct node_request {
	enum msg_type type; /* MSG_TYPE_GET, _PUT, _DELETE (value "") or _CAS */
	char client[MSG_ID_SIZE];
	char named[MSG_ID_SIZE]; /* the leader the client believed in */
	char *mid, *key, *value;
	char *expected;            /* a compare-and-set's; NULL for any other request */
	uint64_t write_seq;        /* a write's serial number from its client; 0: none */
	uint64_t contacts;         /* held, forwarded: raft_leader_contacts when it began to wait */
	uint64_t sent_ms;          /* forwarded: when it was last sent */
	char sent_to[MSG_ID_SIZE]; /* forwarded: the leader it was sent to */
	unsigned tries;            /* forwarded: how often */
	uint64_t index, term;      /* put: where it sits in the log */
	uint64_t seq, read_index;  /* get: the round that confirms it, and the commit to apply first */
};

/* A request of `type` from `client`, who named `named` as leader; value
 * NULL for a get. NULL when out of memory. */
struct node_request *node_request_new(enum msg_type type, const char *client, const char *named, const char *mid,
				      const char *key, const char *value);
void node_request_free(struct node_request *q);
/* A compare-and-set of key from expected to value. NULL when out of memory. */
struct node_request *node_cas_request_new(const char *client, const char *named, const char *mid, const char *key,
					  const char *expected, const char *value);

/* The request r of client r->client, who named `named` as leader (a
 * forwarded request names the leader that took it). NULL when out of
 * memory. */
struct node_request *node_request_from(const struct msg_client_request *r, const char *named);

int node_list_push(struct node_list *l, struct node_request *q);
/* Removes item i, keeping the order of the rest (answers go out in arrival order). */
struct node_request *node_list_take(struct node_list *l, size_t i);
void node_list_free(struct node_list *l);

typedef bool (*node_request_ready)(const struct node *n, const struct node_request *q, uint64_t now_ms);
typedef int (*node_request_action)(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);
/* Takes, in arrival order, every request of l that is ready and hands it
 * to act, which owns it then. Returns -1 if any action ran out of memory. */
int node_list_take_ready(struct node *n, struct node_list *l, node_request_ready ready, node_request_action act,
			 uint64_t now_ms, struct raft_update *u);

/* Appends a copy of mid. 0, or -1 when out of memory. */
int node_mids_add(struct node_mids *m, const char *mid);

#endif
