/*
 * Cluster mode's configuration: who the members are and where they (and
 * this replica's clients) are reached, in etcd's form:
 *
 *     --name 0001 --initial-cluster 0001=127.0.0.1:2380,0002=...,0003=...
 *     --listen-client 127.0.0.1:2379 [--initial-cluster-token NAME]
 *
 * The cluster's id is a hash of the members (ids and addresses, in any
 * order) and the token, as etcd makes its cluster ID: every member computes
 * the same one without talking. It is written into a new data directory
 * and stamped on every datagram; a directory or a peer of another cluster
 * is refused. Two clusters on the same addresses are told apart only by
 * their tokens: give each its own, as etcd advises.
 *
 * A member's address is where it receives its peers' Raft messages (and
 * the only address they are accepted from); ids are 4 hex digits, as on
 * the test-bed. Parsing only: no sockets here, so that it is tested alone.
 */
#ifndef CLUSTER_CONFIG_H
#define CLUSTER_CONFIG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "raft/raft.h"

struct cluster_member {
	char id[MSG_ID_SIZE];
	struct sockaddr_in addr;
};

struct cluster_config {
	char self[MSG_ID_SIZE];
	struct cluster_member members[RAFT_MAX_PEERS + 1]; /* self among them */
	size_t n_members;
	struct sockaddr_in client_addr; /* where this replica serves clients */
	uint64_t id;                    /* the cluster's: cluster_id_of */
};

/* Cluster ids fit a JSON number exactly (the schema's u64). */
#define CLUSTER_ID_MAX ((UINT64_C(1) << 53) - 1)

/* "A.B.C.D:PORT" (or "localhost:PORT") into *out; false, with the reason
 * in err, otherwise. Port 0 is refused: members must be reachable where
 * the configuration says. */
bool cluster_parse_address(const char *s, struct sockaddr_in *out, char *err, size_t cap);
/* The address as "A.B.C.D:PORT" (cap >= 22). */
void cluster_format_address(const struct sockaddr_in *a, char *out, size_t cap);
/* An id of 4 hex digits, upper-cased in place; not FFFF. */
bool cluster_parse_id(char *s);
/* The id of the cluster of c's members and that token (NULL: none): 1 to
 * CLUSTER_ID_MAX. */
uint64_t cluster_id_of(const struct cluster_config *c, const char *token);
/* Fills c from --name, --initial-cluster, --listen-client and
 * --initial-cluster-token (NULL: none): 2 to
 * RAFT_MAX_PEERS + 1 distinct members with distinct addresses, self among
 * them, and a client address that is no member's. False, with the reason
 * in err, otherwise. */
bool cluster_config_parse(struct cluster_config *c, const char *name, const char *members, const char *client,
			  const char *token, char *err, size_t cap);
/* The member with that id, or at that address (NULL: none). */
const struct cluster_member *cluster_member_by_id(const struct cluster_config *c, const char *id);
const struct cluster_member *cluster_member_by_addr(const struct cluster_config *c, const struct sockaddr_in *a);

#endif
