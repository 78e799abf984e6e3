/* What the unit tests of the core and the node share. */
#ifndef RAFT_FIXTURE_H
#define RAFT_FIXTURE_H

#include "cluster.h"

/* c becomes a cluster of n nodes whose leader has committed an entry of
 * its term; returns the leader (the test stops if none was elected). */
int fixture_elect(struct cluster *c, size_t n, uint64_t seed);
/* Node i holds a put of key "k" by CLIENT_ID with value and MID mid, of
 * `term`, after its last entry. */
void fixture_append_entry(struct cluster *c, size_t i, uint64_t term, const char *mid);

/* The index of the node whose id is id (the test stops if none). */
size_t fixture_node_named(const struct cluster *c, const char *id);

#endif
