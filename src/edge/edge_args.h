/* The replica's command line (3700kvstore --help says it all). */
#ifndef EDGE_ARGS_H
#define EDGE_ARGS_H

#include "net/cluster_config.h"
#include "raft/raft.h"

/* Options come first, so that the test-bed's invocation (positional
 * arguments only) is unchanged. */
struct edge_options {
	const char *data_dir;
	const char *snapshot_every;
	const char *name, *initial_cluster, *listen_client, *token; /* cluster mode */
};

struct edge_args {
	struct edge_options opts;
	uint64_t snapshot_every;       /* applied entries between snapshots (0: never) */
	uint16_t port;                 /* the test-bed's form: its UDP port */
	struct cluster_config cluster; /* the cluster's form: every member */
	char id[MSG_ID_SIZE];
	const char *peers[RAFT_MAX_PEERS];
	size_t n_peers;
};

/* Fills a from the command line: 0, or the exit code (2) after a usage
 * message on stderr. */
int edge_args_parse(int argc, char **argv, struct edge_args *a);

#endif
