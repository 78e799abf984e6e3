/* Requests held by a follower go to the leader (node_forward.c). */
#ifndef NODE_FORWARD_H
#define NODE_FORWARD_H

#include "node_request.h"

int node_forward_init(struct node *n);
void node_forward_free(struct node *n);
/* Follower: sends held requests to a leader proven alive, resends those
 * not acknowledged; leader: takes over whatever it still held. */
int node_forward_step(struct node *n, uint64_t now_ms, struct raft_update *u);
int node_recv_forward(struct node *n, const struct msg_forward *m, uint64_t now_ms, struct raft_update *u);
int node_recv_forward_ack(struct node *n, const struct msg_forward_ack *m, uint64_t now_ms, struct raft_update *u);
/* The earlier of deadline and the next resend due after now_ms. */
uint64_t node_forward_deadline(const struct node *n, uint64_t now_ms, uint64_t deadline);

#endif
