/* The node's side of snapshots (node_snapshot.c); node.h declares the
 * functions main.c calls. */
#ifndef NODE_SNAPSHOT_H
#define NODE_SNAPSHOT_H

#include "node.h"

/* The map becomes that of raft_snapshot_of, applied its index, and its
 * MIDs count as taken. 0, or -1 when out of memory (the map and applied
 * unchanged, unless only MIDs could not be kept). */
int node_load_snapshot(struct node *n);

#endif
