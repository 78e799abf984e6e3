/* Committed entries applied, and puts settled. */
#ifndef NODE_APPLY_H
#define NODE_APPLY_H

#include "node_request.h"

/* Applies entries up to `to`. 0, or -1 when memory ran out (the rest is
 * applied at the next call). */
int node_apply_upto(struct node *n, uint64_t to);
/* Applies newly committed entries and sends the oks this step released. */
int node_apply_committed(struct node *n, struct raft_update *u);
/* Put q's slot is committed (node_list_take_ready). */
bool node_put_slot_committed(const struct node *n, const struct node_request *q, uint64_t now_ms);
/* Put q is settled: redirected if another entry took its slot; frees q. */
int node_put_settle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);

#endif
