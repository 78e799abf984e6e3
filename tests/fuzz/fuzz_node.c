/*
 * libFuzzer target over the node and the Raft core. An input is a
 * sequence of steps for replica 0000 of five, one per line:
 *   T<ms>            a tick at <ms> (virtual time from the start)
 *   <ms> <datagram>  a datagram it receives at <ms>
 * as `build/soak --seed S --record FILE 0` writes them from a soak run
 * (the seed corpus, tests/fuzz/node_corpus, is made so). The fuzzer plays
 * every peer and every client. Time never goes back: an earlier time
 * counts as the current one. A line that does not decode is dropped, as
 * the replica's loop drops such a datagram.
 *
 * Beyond "no crash and no sanitizer report": the core's invariants hold
 * after every step (raft_check_invariants asserts them; assertions are on),
 * the node has applied no more than its commit index, which is within its
 * log; every message it sends encodes and decodes again (a replica never
 * sends a malformed message); and a tick never asks for another tick at
 * or before its own time (the loop would spin). The replica snapshots
 * every SNAPSHOT_EVERY applied entries, so compaction runs under it too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "node/node.h"

#define START_MS 1000
#define MAX_AT 1000000000ull /* about eleven days: times beyond are clamped */
/* Often enough that the seeds' few hundred entries are compacted, and
 * install_snapshot from a "leader" meets a log with a snapshot. */
#define SNAPSHOT_EVERY 16

static void fail(const char *what, const struct msg_error *err)
{
	fprintf(stderr, "fuzz_node: %s%s%s\n", what, err ? ": " : "", err ? err->text : "");
	abort();
}

static void check_sent(const struct raft_update *u)
{
	size_t i;

	for (i = 0; i < raft_outbox_size(u); i++) {
		struct msg_error err;
		struct msg_any again;
		char *bytes = NULL;
		size_t len;

		if (msg_any_encode_alloc(raft_outbox_get(u, i), &bytes, &len, &err) != MSG_OK)
			fail("a message it sends does not encode", &err);
		if (msg_any_decode(bytes, len, &again, &err) != MSG_OK)
			fail("a message it sends does not decode", &err);
		msg_any_free(&again);
		msg_buffer_free(bytes);
	}
}

/* The time at the start of line (digits), clamped; *used: its length. */
static uint64_t parse_time(const char *line, size_t len, size_t *used)
{
	uint64_t at = 0;
	size_t i;

	for (i = 0; i < len && line[i] >= '0' && line[i] <= '9'; i++)
		at = at < MAX_AT ? at * 10 + (uint64_t)(line[i] - '0') : MAX_AT;
	*used = i;
	return at < MAX_AT ? at : MAX_AT;
}

static void step(struct node *n, const char *line, size_t len, uint64_t *now)
{
	bool tick = len > 0 && line[0] == 'T';
	struct raft_update u;
	struct msg_any m;
	size_t used;
	uint64_t at = START_MS + parse_time(line + tick, len - tick, &used);

	if (at > *now)
		*now = at;
	used += tick;
	raft_update_init(&u);
	if (tick) {
		node_tick(n, *now, &u);
		if (u.deadline <= *now)
			fail("a tick asked for a tick at or before its own time", NULL);
	} else {
		if (used < len && line[used] == ' ')
			used++;
		if (msg_any_decode(line + used, len - used, &m, NULL) != MSG_OK) {
			raft_update_free(&u);
			return;
		}
		node_receive(n, &m, *now, &u);
		msg_any_free(&m);
	}
	check_sent(&u);
	if (n->applied > raft_commit(&n->raft) || raft_commit(&n->raft) > raft_last_index(&n->raft))
		fail("applied > commit or commit > last index", NULL);
	raft_update_free(&u);
	/* as the loop does once its messages are out: compaction is fuzzed too */
	node_maybe_snapshot(n, UINT64_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const peers[] = { "0001", "0002", "0003", "0004" };
	struct raft_config cfg = { .id = "0000", .peers = peers, .n_peers = 4, .seed = 1 };
	const char *p = (const char *)data, *end = p + size;
	uint64_t now = START_MS;
	struct node n;

	cfg.timing = raft_default_timing();
	if (node_init(&n, &cfg, now) != 0)
		return 0;
	node_set_snapshot_every(&n, SNAPSHOT_EVERY);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line_end = nl ? nl : end;

		step(&n, p, (size_t)(line_end - p), &now);
		p = nl ? nl + 1 : end;
	}
	node_free(&n);
	return 0;
}
