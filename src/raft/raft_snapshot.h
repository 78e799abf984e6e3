/*
 * A snapshot (Raft section 7): the key-value map as of log index `index`
 * (of term `term`), the MIDs of requests already taken, which the entries
 * it replaces would otherwise have told (node.h), and the clients'
 * sessions (sessions.h), applied with the map. The core keeps
 * the latest one to send to followers that lack what was compacted; the
 * node makes it from its map and rebuilds its map from one received.
 *
 * Its items, as install_snapshot counts them, are the pairs, then the
 * MIDs, then the sessions.
 */
#ifndef RAFT_SNAPSHOT_H
#define RAFT_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"

struct raft_snapshot {
	uint64_t index, term;
	struct msg_kv_pair *pairs; /* each key once, in no particular order */
	size_t n_pairs, cap_pairs;
	char **mids;
	size_t n_mids, cap_mids;
	struct msg_client_session *sessions; /* each client once */
	size_t n_sessions, cap_sessions;
};

/* An empty snapshot of index and term; NULL when out of memory. */
struct raft_snapshot *raft_snapshot_new(uint64_t index, uint64_t term);
void raft_snapshot_free(struct raft_snapshot *s);
/* Append copies. 0, or -1 when out of memory (s unchanged). */
int raft_snapshot_add_pair(struct raft_snapshot *s, const char *key, const char *value, uint64_t index);
int raft_snapshot_add_mid(struct raft_snapshot *s, const char *mid);
/* seq: the client's highest serial number applied (0: none); result: a
 * compare-and-set's answer, or NULL. */
int raft_snapshot_add_session(struct raft_snapshot *s, const char *client, const char *mid, uint64_t index,
			      uint64_t seq, const char *result);
uint64_t raft_snapshot_items(const struct raft_snapshot *s);

/* Fills m's pairs, mids and sessions with the items from `offset` on that fit one
 * datagram at their worst-case JSON size, and its last_index, last_term,
 * offset and total. False when out of memory. */
bool raft_snapshot_fill_chunk(const struct raft_snapshot *s, uint64_t offset, struct msg_install_snapshot *m);
/* Appends the items of chunk m to s (m->offset must be s's item count,
 * its items in their kinds' order). 0, or -1 when out of memory or when m
 * puts an item after one of a later kind (s unchanged but for the items
 * before it). */
int raft_snapshot_take_chunk(struct raft_snapshot *s, const struct msg_install_snapshot *m);

#endif
