/*
 * kvctl: the command line client of a 3700kvstore cluster (cluster mode),
 * in the manner of etcdctl.
 *
 *     kvctl [--cluster HOST:PORT,...] [--timeout SECONDS] [--id ID] put KEY VALUE
 *     kvctl [...] get KEY
 *     kvctl [...] del KEY
 *     kvctl [...] cas KEY EXPECTED VALUE
 *     kvctl [...] [-w table|simple] status
 *     kvctl [...] move-leader ID
 *
 * Exit codes, for scripts: 0 done; 1 no answer in time (a put may or may
 * not have been applied: run it again, it is idempotent); 2 bad usage or
 * a request the schema refuses (key or value too long); 3 a cas whose key
 * did not hold the value expected (the value it held is printed); 4 the
 * cluster refused the request (move-leader: the reason is printed).
 */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/cluster_config.h"
#include "kv_client.h"

#define EXIT_UNANSWERED 1
#define EXIT_USAGE 2
#define EXIT_COMPARE_FAILED 3
#define EXIT_REFUSED 4
#define DEFAULT_CLUSTER "127.0.0.1:2379"
#define DEFAULT_TIMEOUT_S 5.0 /* etcdctl's --command-timeout */
#ifndef KVSTORE_VERSION
#define KVSTORE_VERSION "unknown"
#endif

static void print_help(FILE *to)
{
	fprintf(to,
		"usage: kvctl [options] put KEY VALUE   set KEY to VALUE\n"
		"       kvctl [options] get KEY         print KEY's value (a line; nothing if never set, or deleted)\n"
		"       kvctl [options] del KEY         delete KEY; print how many keys it removed (1 or 0)\n"
		"       kvctl [options] cas KEY EXPECTED VALUE\n"
		"                                       set KEY to VALUE if it holds EXPECTED (\"\": unset)\n"
		"       kvctl [options] status          each member's role, term, leader and indexes\n"
		"       kvctl [options] move-leader ID  hand leadership to member ID (4 hex digits)\n"
		"options:\n"
		"  --cluster HOST:PORT,...  the members' client addresses (default $KVCTL_CLUSTER, else %s)\n"
		"  --timeout SECONDS        give up after this long (default %.0f)\n"
		"  --id ID                  this client's id, 4 to 16 hex digits (default: 16 random)\n"
		"  -w, --write-out FORMAT   status as a table (default) or simple: one line of\n"
		"                           comma-separated fields per member, for scripts\n"
		"  -v, --verbose            say how many resends and redirects a request took\n"
		"  -h, --help               this text\n"
		"  --version                the build's version (its commit)\n"
		"exit codes: 0 done; 1 no answer in time (a put may or may not have been applied);\n"
		"            2 bad usage, or a key or value the store refuses;\n"
		"            3 cas found another value than EXPECTED (printed; nothing written);\n"
		"            4 the cluster refused the request (the reason printed)\n",
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
	return rc == KV_TIMEOUT ? EXIT_UNANSWERED : rc == KV_REFUSED ? EXIT_REFUSED : EXIT_USAGE;
}

#define STATUS_COLUMNS 9

static const char *const status_header[STATUS_COLUMNS] = { "ENDPOINT", "ID",      "ROLE", "TERM",    "LEADER",
							   "COMMIT",   "APPLIED", "LAST", "SNAPSHOT" };
static const int status_width[STATUS_COLUMNS] = { -21, -4, -13, 4, -6, 6, 7, 5, 8 }; /* < 0: left-aligned */

static void print_rule(void)
{
	size_t i;

	for (i = 0; i < STATUS_COLUMNS; i++)
		printf("+%.*s", abs(status_width[i]) + 2, "--------------------------");
	puts("+");
}

/* One row: as a table's (`etcdctl endpoint status -w table`), or as
 * comma-separated fields for scripts (`-w simple`). */
static void print_row(const char *const *cols, bool simple)
{
	size_t i;

	for (i = 0; i < STATUS_COLUMNS; i++)
		if (simple)
			printf("%s%s", i ? ", " : "", cols[i]);
		else
			printf("| %*s ", status_width[i], cols[i]);
	puts(simple ? "" : "|");
}

/* The columns of member i's answer (or of its silence) in text[]. */
static void status_columns(const struct kv_client *c, size_t i, const struct msg_status_reply *r, bool answered,
			   char text[STATUS_COLUMNS][32], const char *cols[STATUS_COLUMNS])
{
	size_t k;

	cluster_format_address(&c->members[i].addr, text[0], sizeof text[0]);
	for (k = 1; k < STATUS_COLUMNS; k++)
		strcpy(text[k], "-");
	if (!answered) {
		strcpy(text[2], "no answer");
	} else {
		snprintf(text[1], sizeof text[1], "%.4s", r->env.src);
		snprintf(text[2], sizeof text[2], "%.16s", r->role);
		snprintf(text[3], sizeof text[3], "%llu", (unsigned long long)r->term);
		snprintf(text[4], sizeof text[4], "%.4s",
			 strcmp(r->env.leader, MSG_ID_BROADCAST) == 0 ? "none" : r->env.leader);
		snprintf(text[5], sizeof text[5], "%llu", (unsigned long long)r->commit);
		snprintf(text[6], sizeof text[6], "%llu", (unsigned long long)r->applied);
		snprintf(text[7], sizeof text[7], "%llu", (unsigned long long)r->last_index);
		snprintf(text[8], sizeof text[8], "%llu", (unsigned long long)r->snapshot_index);
	}
	for (k = 0; k < STATUS_COLUMNS; k++)
		cols[k] = text[k];
}

static int print_status(struct kv_client *c, uint64_t timeout_ms, bool simple)
{
	struct msg_status_reply out[KV_CLIENT_MAX_MEMBERS];
	bool answered[KV_CLIENT_MAX_MEMBERS];
	char text[STATUS_COLUMNS][32];
	const char *cols[STATUS_COLUMNS];
	int missing = 0;
	size_t i;

	for (i = 0; i < c->n_members; i++)
		msg_status_reply_init(&out[i]);
	kv_client_status(c, out, answered, timeout_ms);
	if (!simple) {
		print_rule();
		print_row(status_header, false);
		print_rule();
	}
	for (i = 0; i < c->n_members; i++) {
		status_columns(c, i, &out[i], answered[i], text, cols);
		print_row(cols, simple);
		missing += !answered[i];
		if (answered[i])
			msg_status_reply_free(&out[i]);
	}
	if (!simple)
		print_rule();
	if (missing)
		fprintf(stderr, "kvctl: %d of %zu members did not answer within %llu ms\n", missing, c->n_members,
			(unsigned long long)timeout_ms);
	return missing ? EXIT_UNANSWERED : 0;
}

/* What each command takes, for a usage error that names it. */
static int wrong_arguments(const char *command)
{
	static const char *const takes[][2] = {
		{ "put", "put takes KEY VALUE" },
		{ "get", "get takes KEY" },
		{ "del", "del takes KEY" },
		{ "cas", "cas takes KEY EXPECTED VALUE" },
		{ "status", "status takes no arguments" },
		{ "move-leader", "move-leader takes ID, a member's id (4 hex digits)" },
	};
	char why[96];
	size_t i;

	for (i = 0; i < sizeof takes / sizeof takes[0]; i++)
		if (strcmp(command, takes[i][0]) == 0)
			return usage_error(takes[i][1]);
	snprintf(why, sizeof why, "unknown command \"%.40s\"", command);
	return usage_error(why);
}

/* etcdctl move-leader's words. */
static enum kv_result move_leader(struct kv_client *c, const char *target, uint64_t timeout_ms, char *err, size_t cap)
{
	char id[MSG_ID_SIZE], from[MSG_ID_SIZE];
	enum kv_result rc;

	if (!msg_member_id(id, target)) {
		snprintf(err, cap, "move-leader takes ID, a member's id (4 hex digits), not \"%.20s\"", target);
		return KV_ERROR;
	}
	rc = kv_client_move_leader(c, id, from, timeout_ms, err, cap);
	if (rc == KV_OK && strcmp(from, id) == 0)
		printf("%s already leads\n", id);
	else if (rc == KV_OK)
		printf("Leadership transferred from %s to %s\n", from, id);
	return rc;
}

static int run_command(struct kv_client *c, int argc, char **argv, uint64_t timeout_ms, bool verbose, bool simple)
{
	char err[256] = "";
	enum kv_result rc;
	char *value = NULL;

	if (argc == 1 && strcmp(argv[0], "status") == 0)
		return print_status(c, timeout_ms < 2000 ? timeout_ms : 2000, simple);
	if (argc == 3 && strcmp(argv[0], "put") == 0) {
		rc = kv_client_put(c, argv[1], argv[2], timeout_ms, err, sizeof err);
		if (rc == KV_OK)
			puts("OK");
	} else if (argc == 4 && strcmp(argv[0], "cas") == 0) {
		rc = kv_client_cas(c, argv[1], argv[2], argv[3], &value, timeout_ms, err, sizeof err);
		if (rc == KV_OK && strcmp(value, argv[2]) != 0) {
			printf("%s\n", value);
			fprintf(stderr, "kvctl: compare failed: %s holds the value above, not the one expected\n",
				argv[1]);
			free(value);
			return EXIT_COMPARE_FAILED;
		}
		if (rc == KV_OK)
			puts("OK");
		free(value);
	} else if (argc == 2 && strcmp(argv[0], "del") == 0) {
		uint64_t deleted = 0;

		rc = kv_client_delete(c, argv[1], &deleted, timeout_ms, err, sizeof err);
		if (rc == KV_OK)
			printf("%llu\n", (unsigned long long)deleted); /* etcdctl's count */
	} else if (argc == 2 && strcmp(argv[0], "move-leader") == 0) {
		rc = move_leader(c, argv[1], timeout_ms, err, sizeof err);
	} else if (argc == 2 && strcmp(argv[0], "get") == 0) {
		rc = kv_client_get(c, argv[1], &value, timeout_ms, err, sizeof err);
		if (rc == KV_OK && value) /* a key that holds nothing prints nothing, as etcdctl's */
			puts(value);
		free(value);
	} else {
		return argc == 0 ? usage_error("no command") : wrong_arguments(argv[0]);
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
		{ "help", no_argument, NULL, 'h' },          { "write-out", required_argument, NULL, 'w' },
		{ "version", no_argument, NULL, 'V' },       { NULL, 0, NULL, 0 },
	};
	const char *cluster = getenv("KVCTL_CLUSTER"), *id = NULL;
	double timeout_s = DEFAULT_TIMEOUT_S;
	bool verbose = false, simple = false;
	struct kv_client c;
	char err[256], *end;
	int opt, rc;

	if (!cluster || !*cluster)
		cluster = DEFAULT_CLUSTER;
	while ((opt = getopt_long(argc, argv, "vhw:", options, NULL)) != -1) {
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
		case 'w':
			if (strcmp(optarg, "table") != 0 && strcmp(optarg, "simple") != 0)
				return usage_error("--write-out is table or simple");
			simple = strcmp(optarg, "simple") == 0;
			break;
		case 'h':
			print_help(stdout);
			return 0;
		case 'V':
			printf("kvctl %s\n", KVSTORE_VERSION);
			return 0;
		default:
			print_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (kv_client_init(&c, cluster, id, err, sizeof err) < 0)
		return usage_error(err);
	rc = run_command(&c, argc - optind, argv + optind, (uint64_t)(timeout_s * 1000), verbose, simple);
	kv_client_free(&c);
	return rc;
}
