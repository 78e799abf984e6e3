/* What the node says to clients, and its log. */
#ifndef NODE_ANSWER_H
#define NODE_ANSWER_H

#include "node_request.h"

void node_logf(const struct node *n, enum raft_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A message from this replica to dst, naming its belief of the leader;
 * NULL when out of memory. One that cannot be filled is taken back with
 * raft_outbox_drop_last. */
struct msg_any *node_message(struct node *n, struct raft_update *u, enum msg_type type, const char *dst);
/* The answer `type` (ok, fail, redirect) to client's request mid, with
 * value for the ok of a get. 0, or -1 when out of memory. */
int node_reply(struct node *n, struct raft_update *u, enum msg_type type, const char *client, const char *mid,
	       const char *value);
/* The ok to get q, with the map's value of its key. */
int node_answer_read(struct node *n, struct raft_update *u, const struct node_request *q);
/* The ok to an applied write of client's (a compare-and-set's with the
 * value it found, a delete's with whether it removed a key). */
int node_answer_write(struct node *n, struct raft_update *u, const char *client, const char *mid, bool deletes);
/* Redirects q's client to this replica's leader (FFFF if none); frees q. */
int node_redirect(struct node *n, struct node_request *q, struct raft_update *u, const char *why);

#endif
