/*
 * How a replica's datagrams leave and arrive; the node never sees an
 * address.
 *
 * On the test-bed: one UDP socket connected to the test-bed's port (the
 * kernel drops datagrams from anywhere else), which routes every message
 * by its dst. In a cluster (cluster_config.h): a peer socket bound to this
 * member's address, that accepts a datagram only from a member's address,
 * only with that member's id as src and this cluster's id, and sends by dst (FFFF: a copy to
 * each peer); and a client socket, where clients' requests arrive and
 * answers leave for the address the client directory holds.
 *
 * Fault injection for tests of cluster mode (tests/cluster/faults.py):
 * with KVSTORE_PARTITION_FILE=PATH in the environment, the replica reads
 * PATH (again whenever it changed, at most every PARTITION_CHECK_MS) and
 * exchanges no datagram, either way, with the members it names (ids
 * separated by spaces, commas or newlines): a network partition made
 * inside the replicas, as no loopback firewall can be counted on.
 */
#ifndef TRANSPORT_H
#define TRANSPORT_H

#include <netinet/in.h>
#include <stdint.h>

#include "client_directory.h"
#include "cluster_config.h"

enum { TRANSPORT_PEERS, TRANSPORT_CLIENTS, TRANSPORT_SOCKETS };

struct transport {
	int fd[TRANSPORT_SOCKETS];            /* TRANSPORT_PEERS: the test-bed's socket there; -1: none */
	const struct cluster_config *cluster; /* NULL: on the test-bed */
	struct client_directory clients;
	char self[MSG_ID_SIZE];
	char *buf; /* one datagram, encoded or received */
	raft_log_fn log;
	const char *partition_file; /* NULL: no fault injection */
	uint64_t partition_checked_ms;
	bool cut_off[RAFT_MAX_PEERS + 1];      /* by member index: no datagram either way */
	bool foreign_told[RAFT_MAX_PEERS + 1]; /* logged that a member is of another cluster */
};

/* What transport_recv did. */
enum transport_recv_result {
	TRANSPORT_EMPTY,   /* nothing waiting */
	TRANSPORT_DROPPED, /* a datagram read and dropped (logged), or taken in here */
	TRANSPORT_MESSAGE, /* *m is for the node or the loop; the caller frees it */
};

/* The test-bed's socket, and the hello that tells it our address. 0, or -1
 * after saying why on stderr. */
int transport_open_testbed(struct transport *t, uint16_t port, const char *self, raft_log_fn log);
/* Both sockets of cluster mode, bound to c's addresses. 0 or -1, as above. */
int transport_open_cluster(struct transport *t, const struct cluster_config *c, raft_log_fn log);
void transport_close(struct transport *t);

/* Encodes and sends m where its dst says (dropped, and logged, when that
 * is a client nobody said where to find). */
void transport_send(struct transport *t, const struct msg_any *m);
/* Cluster mode under KVSTORE_PARTITION_FILE: reads the file again if it
 * is time to (now_ms). */
void transport_check_partition(struct transport *t, uint64_t now_ms);
/* Sends m to `to` from the client socket: the answer to a request that
 * needs no consensus (status). */
void transport_reply(struct transport *t, const struct msg_any *m, const struct sockaddr_in *to);
/* Reads one datagram from socket `which` (if it is open), decodes and
 * checks it; on TRANSPORT_MESSAGE, *from is where it came from. */
enum transport_recv_result transport_recv(struct transport *t, int which, struct msg_any *m, struct sockaddr_in *from);

#endif
