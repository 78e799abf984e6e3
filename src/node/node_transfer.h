/* A client's move_leader (kvctl move-leader), the node's side: asks the
 * core to hand leadership over (raft_transfer) and answers the client once
 * the target leads, or why not. */
#ifndef NODE_TRANSFER_H
#define NODE_TRANSFER_H

#include "node.h"

/* A move_leader from a client. 0, or -1 when out of memory. */
int node_recv_move_leader(struct node *n, const struct msg_move_leader *m, uint64_t now_ms, struct raft_update *u);
/* After every step: answers the client of a transfer that ended. */
int node_transfer_step(struct node *n, uint64_t now_ms, struct raft_update *u);
/* The time by which a transfer under way is answered (UINT64_MAX: none). */
uint64_t node_transfer_deadline(const struct node *n);
/* Writes wait while the leader hands over: they go to the new leader, or
 * are served here if the transfer gives up. */
bool node_transfer_holds_writes(const struct node *n);
void node_transfer_free(struct node *n);

#endif
