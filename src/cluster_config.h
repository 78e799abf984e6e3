/*
 * Cluster mode's configuration: who the members are and where they (and
 * this replica's clients) are reached, in etcd's form:
 *
 *     --name 0001 --initial-cluster 0001=127.0.0.1:2380,0002=...,0003=...
 *     --listen-client 127.0.0.1:2379
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

#include "raft.h"

struct cluster_member {
	char id[MSG_ID_SIZE];
	struct sockaddr_in addr;
};

struct cluster_config {
	char self[MSG_ID_SIZE];
	struct cluster_member members[RAFT_MAX_PEERS + 1]; /* self among them */
	size_t n_members;
	struct sockaddr_in client_addr; /* where this replica serves clients */
};

/* "A.B.C.D:PORT" (or "localhost:PORT") into *out; false, with the reason
 * in err, otherwise. Port 0 is refused: members must be reachable where
 * the configuration says. */
bool cluster_parse_address(const char *s, struct sockaddr_in *out, char *err, size_t cap);
/* The address as "A.B.C.D:PORT" (cap >= 22). */
void cluster_format_address(const struct sockaddr_in *a, char *out, size_t cap);
/* An id of 4 hex digits, upper-cased in place; not FFFF. */
bool cluster_parse_id(char *s);
/* Fills c from --name, --initial-cluster and --listen-client: 2 to
 * RAFT_MAX_PEERS + 1 distinct members with distinct addresses, self among
 * them, and a client address that is no member's. False, with the reason
 * in err, otherwise. */
bool cluster_config_parse(struct cluster_config *c, const char *name, const char *members, const char *client,
			  char *err, size_t cap);
/* The member with that id, or at that address (NULL: none). */
const struct cluster_member *cluster_member_by_id(const struct cluster_config *c, const char *id);
const struct cluster_member *cluster_member_by_addr(const struct cluster_config *c, const struct sockaddr_in *a);

#endif
