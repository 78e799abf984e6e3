/*
 * kvctl: the command line client of a 3700kvstore cluster (cluster mode),
 * in the manner of etcdctl.
 *
 *     kvctl [--cluster HOST:PORT,...] [--timeout SECONDS] [--id ID] put KEY VALUE
 *     kvctl [...] get KEY
 *     kvctl [...] del KEY
 *     kvctl [...] status
 *
 * Exit codes, for scripts: 0 done; 1 no answer in time (a put may or may
 * not have been applied: run it again, it is idempotent); 2 bad usage or
 * a request the schema refuses (key or value too long).
 */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_config.h"
#include "kv_client.h"

#define EXIT_UNANSWERED 1
#define EXIT_USAGE 2
#define DEFAULT_CLUSTER "127.0.0.1:2379"
#define DEFAULT_TIMEOUT_S 5.0 /* etcdctl's --command-timeout */

static void print_help(FILE *to)
{
	fprintf(to,
		"usage: kvctl [options] put KEY VALUE   set KEY to VALUE\n"
		"       kvctl [options] get KEY         print KEY's value (empty if never set, or deleted)\n"
		"       kvctl [options] del KEY         delete KEY\n"
		"       kvctl [options] status          each member's role, term, leader and indexes\n"
		"options:\n"
		"  --cluster HOST:PORT,...  the members' client addresses (default $KVCTL_CLUSTER, else %s)\n"
		"  --timeout SECONDS        give up after this long (default %.0f)\n"
		"  --id ID                  this client's id, 4 hex digits (default: random)\n"
		"  -v, --verbose            say how many resends and redirects a request took\n"
		"  -h, --help               this text\n"
		"exit codes: 0 done; 1 no answer in time (a put may or may not have been applied);\n"
		"            2 bad usage, or a key or value the store refuses\n",
		DEFAULT_CLUSTER, DEFAULT_TIMEOUT_S);
}

static int usage_error(const char *why)
{
	fprintf(stderr, "kvctl: %s\n", why);
	print_help(stderr);
	return EXIT_USAGE;
}

static int exit_code(enum kv_result rc, const char *err)
{
	if (rc == KV_OK)
		return 0;
	fprintf(stderr, "kvctl: %s\n", err);
	return rc == KV_TIMEOUT ? EXIT_UNANSWERED : EXIT_USAGE;
}

static void print_rule(void)
{
	puts("+-----------------------+------+---------------+------+--------+--------+---------+-------+----------+");
}

/* A table, as `etcdctl endpoint status -w table` prints one. */
static int print_status(struct kv_client *c, uint64_t timeout_ms)
{
	struct msg_status_reply out[KV_CLIENT_MAX_MEMBERS];
	bool answered[KV_CLIENT_MAX_MEMBERS];
	int missing = 0;
	size_t i;

	for (i = 0; i < c->n_members; i++)
		msg_status_reply_init(&out[i]);
	kv_client_status(c, out, answered, timeout_ms);
	print_rule();
	printf("| %-21s | %-4s | %-13s | %4s | %-6s | %6s | %7s | %5s | %8s |\n", "ENDPOINT", "ID", "ROLE", "TERM",
	       "LEADER", "COMMIT", "APPLIED", "LAST", "SNAPSHOT");
	print_rule();
	for (i = 0; i < c->n_members; i++) {
		char where[32];

		cluster_format_address(&c->members[i].addr, where, sizeof where);
		if (!answered[i]) {
			printf("| %-21s | %-4s | %-13s | %4s | %-6s | %6s | %7s | %5s | %8s |\n", where, "-",
			       "no answer", "-", "-", "-", "-", "-", "-");
			missing++;
			continue;
		}
		printf("| %-21s | %-4s | %-13s | %4llu | %-6s | %6llu | %7llu | %5llu | %8llu |\n", where,
		       out[i].env.src, out[i].role, (unsigned long long)out[i].term,
		       strcmp(out[i].env.leader, MSG_ID_BROADCAST) == 0 ? "none" : out[i].env.leader,
		       (unsigned long long)out[i].commit, (unsigned long long)out[i].applied,
		       (unsigned long long)out[i].last_index, (unsigned long long)out[i].snapshot_index);
		msg_status_reply_free(&out[i]);
	}
	print_rule();
	if (missing)
		fprintf(stderr, "kvctl: %d of %zu members did not answer within %llu ms\n", missing, c->n_members,
			(unsigned long long)timeout_ms);
	return missing ? EXIT_UNANSWERED : 0;
}

static int run_command(struct kv_client *c, int argc, char **argv, uint64_t timeout_ms, bool verbose)
{
	char err[256] = "";
	enum kv_result rc;
	char *value = NULL;

	if (argc == 1 && strcmp(argv[0], "status") == 0)
		return print_status(c, timeout_ms < 2000 ? timeout_ms : 2000);
	if (argc == 3 && strcmp(argv[0], "put") == 0) {
		rc = kv_client_put(c, argv[1], argv[2], timeout_ms, err, sizeof err);
		if (rc == KV_OK)
			puts("OK");
	} else if (argc == 2 && strcmp(argv[0], "del") == 0) {
		rc = kv_client_delete(c, argv[1], timeout_ms, err, sizeof err);
		if (rc == KV_OK)
			puts("OK");
	} else if (argc == 2 && strcmp(argv[0], "get") == 0) {
		rc = kv_client_get(c, argv[1], &value, timeout_ms, err, sizeof err);
		if (rc == KV_OK)
			puts(value);
		free(value);
	} else {
		return usage_error(argc == 0 ? "no command" : "unknown command or wrong number of arguments");
	}
	if (verbose)
		fprintf(stderr, "kvctl: client %s, %llu resends, %llu redirects\n", c->id,
			(unsigned long long)c->resends, (unsigned long long)c->redirects);
	return exit_code(rc, err);
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cluster", required_argument, NULL, 'c' }, { "timeout", required_argument, NULL, 't' },
		{ "id", required_argument, NULL, 'i' },      { "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
	};
	const char *cluster = getenv("KVCTL_CLUSTER"), *id = NULL;
	double timeout_s = DEFAULT_TIMEOUT_S;
	bool verbose = false;
	struct kv_client c;
	char err[256], *end;
	int opt, rc;

	if (!cluster || !*cluster)
		cluster = DEFAULT_CLUSTER;
	while ((opt = getopt_long(argc, argv, "+vh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			cluster = optarg;
			break;
		case 't':
			timeout_s = strtod(optarg, &end);
			if (*end || !(timeout_s > 0 && timeout_s <= 3600))
				return usage_error("--timeout needs a number of seconds, over 0 and at most 3600");
			break;
		case 'i':
			id = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			print_help(stdout);
			return 0;
		default:
			print_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (kv_client_init(&c, cluster, id, err, sizeof err) < 0)
		return usage_error(err);
	rc = run_command(&c, argc - optind, argv + optind, (uint64_t)(timeout_s * 1000), verbose);
	kv_client_free(&c);
	return rc;
}
