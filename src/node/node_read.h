/* Gets, the leader's way. */
#ifndef NODE_READ_H
#define NODE_READ_H

#include "node_request.h"

/* Leader: get q is served now under a lease, or waits in n->reads for a
 * read-index round; takes ownership of q. */
int node_lead_get(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);
/* Leader: waiting get q may be served now (node_list_take_ready). */
bool node_read_confirmed(const struct node *n, const struct node_request *q, uint64_t now_ms);
/* Answers get q and frees it. */
int node_read_serve(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);

#endif
