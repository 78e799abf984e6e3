/* The replica's command line: the test-bed's form and the cluster's. */
#include "edge_args.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* With a data directory, a snapshot every this many applied entries by
 * default: the log a restart replays stays short, and a large map is not
 * written out too often. */
#define SNAPSHOT_EVERY 10000

static int usage(const char *why)
{
	fprintf(stderr,
		"3700kvstore: %s\n"
		"usage: 3700kvstore [--data-dir DIR [--snapshot-every N]] <udp-port> <my-id> <peer-id> [<peer-id> "
		"...]\n"
		"       3700kvstore --name ID --initial-cluster ID=HOST:PORT,ID=HOST:PORT,... --listen-client "
		"HOST:PORT\n"
		"                   [--initial-cluster-token NAME] [--data-dir DIR [--snapshot-every N]]\n"
		"  the first form runs under the test-bed at <udp-port>; the second is one member of a cluster:\n"
		"  --initial-cluster names every member with the address its peers reach it at, and\n"
		"  --listen-client is where this member serves clients (kvctl)\n"
		"  --initial-cluster-token NAME: with the members, makes the cluster's id, which its data\n"
		"    directories and datagrams carry (another cluster's are refused); one per cluster\n"
		"  ids are 4 hex digits (not FFFF); 1 to %d distinct peers\n"
		"  --data-dir DIR: keep term, vote and log in DIR/wal and resume from it\n"
		"  --snapshot-every N: with --data-dir, snapshot the map and compact the log every N applied\n"
		"    entries (default %d; 0: never)\n",
		why, RAFT_MAX_PEERS, SNAPSHOT_EVERY);
	return 2;
}

/* The value of option `name` at argv[1], as "--name VALUE" or
 * "--name=VALUE" (moving past it), or NULL when argv[1] is not it. */
static const char *option_value(const char *name, int *argc, char ***argv)
{
	const char *opt = (*argv)[1];
	size_t len = strlen(name);

	if (strncmp(opt, name, len) != 0)
		return NULL;
	if (opt[len] == '=' && opt[len + 1]) {
		*argc -= 1;
		*argv += 1;
		return opt + len + 1;
	}
	if (opt[len] == '\0' && *argc > 2 && (*argv)[2][0]) {
		*argc -= 2;
		*argv += 2;
		return (*argv)[0];
	}
	return NULL;
}

static bool parse_count(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return isdigit((unsigned char)s[0]) && !*end && errno == 0;
}

static const char *const option_names[] = { "--data-dir",        "--snapshot-every", "--name",
					    "--initial-cluster", "--listen-client",  "--initial-cluster-token" };

static const char **option_slot(struct edge_options *o, size_t i)
{
	const char **slots[] = { &o->data_dir,        &o->snapshot_every, &o->name,
				 &o->initial_cluster, &o->listen_client,  &o->token };

	return slots[i];
}

static int parse_options(int *argc, char ***argv, struct edge_options *o, uint64_t *snapshot_every)
{
	while (*argc > 1 && strncmp((*argv)[1], "--", 2) == 0) {
		const char *value = NULL;
		size_t i;

		for (i = 0; i < sizeof option_names / sizeof *option_names && !value; i++)
			if ((value = option_value(option_names[i], argc, argv)) != NULL)
				*option_slot(o, i) = value;
		if (!value) {
			for (i = 0; i < sizeof option_names / sizeof *option_names; i++)
				if (strcmp((*argv)[1], option_names[i]) == 0) {
					fprintf(stderr, "3700kvstore: %s needs a value\n", option_names[i]);
					return usage("an option without its value");
				}
			return usage("unknown option");
		}
	}
	if (o->snapshot_every && !parse_count(o->snapshot_every, snapshot_every))
		return usage("--snapshot-every needs a whole number");
	if (o->snapshot_every && !o->data_dir)
		return usage("--snapshot-every needs --data-dir");
	if ((o->initial_cluster || o->listen_client || o->token) && !o->name)
		return usage("cluster mode needs --name");
	return 0;
}

/* The test-bed's form: <udp-port> <my-id> <peer-id> ... */
static int parse_testbed_args(int argc, char **argv, struct edge_args *a)
{
	char *end;
	long p;
	int i, j;

	if (argc < 4)
		return usage("too few arguments");
	if (argc - 3 > RAFT_MAX_PEERS)
		return usage("too many peers");
	p = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || p < 1 || p > 65535)
		return usage("the port must be a number from 1 to 65535");
	for (i = 2; i < argc; i++) {
		if (!cluster_parse_id(argv[i]))
			return usage("ids must be 4 hex digits, not FFFF");
		for (j = 2; j < i; j++)
			if (strcmp(argv[i], argv[j]) == 0)
				return usage("ids must be distinct");
	}
	a->port = (uint16_t)p;
	msg_id_copy(a->id, argv[2]);
	for (i = 3; i < argc; i++)
		a->peers[i - 3] = argv[i];
	a->n_peers = (size_t)(argc - 3);
	return 0;
}

/* The cluster's form: every member but this one is a peer. */
static int parse_cluster_args(int argc, struct edge_args *a)
{
	const struct edge_options *o = &a->opts;
	struct cluster_config *c = &a->cluster;
	char err[256];
	size_t i;

	if (argc > 1)
		return usage("cluster mode takes no positional arguments");
	if (!cluster_config_parse(c, o->name, o->initial_cluster, o->listen_client, o->token, err, sizeof err))
		return usage(err);
	msg_id_copy(a->id, c->self);
	a->n_peers = 0;
	for (i = 0; i < c->n_members; i++)
		if (strcmp(c->members[i].id, c->self) != 0)
			a->peers[a->n_peers++] = c->members[i].id;
	return 0;
}

int edge_args_parse(int argc, char **argv, struct edge_args *a)
{
	int rc;

	a->snapshot_every = SNAPSHOT_EVERY;
	rc = parse_options(&argc, &argv, &a->opts, &a->snapshot_every);
	if (rc)
		return rc;
	return a->opts.name ? parse_cluster_args(argc, a) : parse_testbed_args(argc, argv, a);
}
