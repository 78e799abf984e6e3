/* A client request meets the replica. */
#ifndef NODE_HANDLE_H
#define NODE_HANDLE_H

#include "node_request.h"

/* True once a leader was heard from after q began to wait: it was alive
 * then, so a request may be sent its way. */
bool node_leader_proven(const struct node *n, const struct node_request *q);
/* Takes ownership of q, as if it had just arrived from its client. */
int node_handle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);
/* Takes ownership of q: a follower keeps it until a leader is heard from
 * after now, then forwards it; a leader serves it. */
int node_hold(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);

#endif
