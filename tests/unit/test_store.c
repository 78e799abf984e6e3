/*
 * The pieces under the core and the node, each on its own: the in-memory
 * log (raft_log.c), the key-value map (kv.c), raft_init's checks, and the
 * rule that ids are upper case from the edge on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "base/array.h"
#include "fail_alloc.h"
#include "node/kv.h"
#include "raft/raft_log.h"
#include "test_suites.h"

/* What every message between replicas carries (generated/messages.h). */
#define SCHEMA_FIELD "\"schema\":\"" MSG_SCHEMA_FINGERPRINT "\""

static void append(struct raft_log *log, uint64_t term, const char *mid)
{
	struct msg_log_entry e = { .term = term, .key = "k", .value = "v", .mid = (char *)mid };

	msg_id_copy(e.client, CLIENT_ID);
	CU_ASSERT_EQUAL_FATAL(raft_log_append(log, &e), 0);
}

static void test_the_log_is_indexed_from_one_with_term_0_outside_it(void)
{
	struct raft_log log;

	raft_log_init(&log);
	CU_ASSERT_EQUAL(raft_log_term(&log, 0), 0);
	CU_ASSERT_EQUAL(raft_log_term(&log, 1), 0);
	append(&log, 3, "a");
	append(&log, 5, "b");
	CU_ASSERT_EQUAL(log.last, 2);
	CU_ASSERT_EQUAL(raft_log_term(&log, 1), 3);
	CU_ASSERT_EQUAL(raft_log_term(&log, 2), 5);
	CU_ASSERT_EQUAL(raft_log_term(&log, 3), 0);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&log, 2)->mid, "b");
	raft_log_free(&log);
	CU_ASSERT_EQUAL(log.last, 0);
}

static void test_the_log_keeps_deep_copies_across_growth(void)
{
	struct raft_log log;
	char mid[16];
	uint64_t i;

	raft_log_init(&log);
	for (i = 1; i <= 1000; i++) { /* past the first capacity, several times */
		snprintf(mid, sizeof mid, "m%llu", (unsigned long long)i);
		append(&log, i / 100 + 1, mid);
	}
	snprintf(mid, sizeof mid, "overwritten");
	CU_ASSERT_STRING_EQUAL(raft_log_get(&log, 1)->mid, "m1");
	CU_ASSERT_STRING_EQUAL(raft_log_get(&log, 1000)->mid, "m1000");
	CU_ASSERT_STRING_EQUAL(raft_log_get(&log, 1000)->client, CLIENT_ID);
	raft_log_free(&log);
}

static void test_truncation_drops_the_suffix_and_appends_continue_after_it(void)
{
	struct raft_log log;

	raft_log_init(&log);
	append(&log, 1, "a");
	append(&log, 1, "b");
	append(&log, 2, "c");
	raft_log_truncate_after(&log, 1);
	CU_ASSERT_EQUAL(log.last, 1);
	CU_ASSERT_EQUAL(raft_log_term(&log, 2), 0);
	append(&log, 4, "d");
	CU_ASSERT_EQUAL(log.last, 2);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&log, 2)->mid, "d");
	raft_log_truncate_after(&log, 5); /* beyond the end: nothing to do */
	CU_ASSERT_EQUAL(log.last, 2);
	raft_log_free(&log);
}

static void test_first_of_term_finds_the_start_of_a_run(void)
{
	static const uint64_t terms[] = { 1, 1, 2, 2, 2, 4 };
	struct raft_log log;
	size_t i;

	raft_log_init(&log);
	for (i = 0; i < 6; i++)
		append(&log, terms[i], "x");
	CU_ASSERT_EQUAL(raft_log_first_of_term(&log, 2), 1);
	CU_ASSERT_EQUAL(raft_log_first_of_term(&log, 5), 3);
	CU_ASSERT_EQUAL(raft_log_first_of_term(&log, 3), 3);
	CU_ASSERT_EQUAL(raft_log_first_of_term(&log, 6), 6);
	raft_log_free(&log);
}

static void test_a_failed_append_leaves_the_log_unchanged(void)
{
	struct raft_log log;
	unsigned n;

	raft_log_init(&log);
	append(&log, 1, "a");
	for (n = 1; n <= 4; n++) {
		struct msg_log_entry e = { .term = 2, .key = "k2", .value = "v2", .mid = "b" };

		msg_id_copy(e.client, CLIENT_ID);
		fail_alloc_after(n);
		if (raft_log_append(&log, &e) == 0) {
			fail_alloc_after(0);
			raft_log_truncate_after(&log, 1);
			continue;
		}
		fail_alloc_after(0);
		CU_ASSERT_EQUAL(log.last, 1);
		CU_ASSERT_EQUAL(raft_log_term(&log, 2), 0);
	}
	raft_log_free(&log);
}

static void test_the_map_sets_replaces_and_reads_values(void)
{
	struct kv kv;

	kv_init(&kv);
	CU_ASSERT_PTR_NULL(kv_get(&kv, "a"));
	CU_ASSERT_EQUAL(kv_put(&kv, "a", "1", 1), 0);
	CU_ASSERT_EQUAL(kv_put(&kv, "b", "", 2), 0);
	CU_ASSERT_EQUAL(kv_put(&kv, "a", "2", 3), 0);
	CU_ASSERT_STRING_EQUAL(kv_get(&kv, "a"), "2");
	CU_ASSERT_STRING_EQUAL(kv_get(&kv, "b"), "");
	CU_ASSERT_EQUAL(kv_written_at(&kv, "a"), 3);
	CU_ASSERT_EQUAL(kv_written_at(&kv, "b"), 2);
	CU_ASSERT_EQUAL(kv_written_at(&kv, "c"), 0);
	CU_ASSERT_EQUAL(kv.count, 2);
	kv_free(&kv);
	CU_ASSERT_EQUAL(kv.count, 0);
}

static void test_the_map_is_unchanged_when_memory_runs_out(void)
{
	struct kv kv;
	unsigned n;

	kv_init(&kv);
	CU_ASSERT_EQUAL(kv_put(&kv, "a", "1", 1), 0);
	for (n = 1; n <= 4; n++) {
		fail_alloc_after(n);
		if (kv_put(&kv, "a", "2", 3) < 0) {
			CU_ASSERT_STRING_EQUAL(kv_get(&kv, "a"), "1");
		} else {
			fail_alloc_after(0);
			CU_ASSERT_STRING_EQUAL(kv_get(&kv, "a"), "2");
			CU_ASSERT_EQUAL(kv_put(&kv, "a", "1", 1), 0);
		}
		fail_alloc_after(n);
		if (kv_put(&kv, "new", "x", 4) < 0)
			CU_ASSERT_PTR_NULL(kv_get(&kv, "new"));
		fail_alloc_after(0);
	}
	CU_ASSERT(kv.count <= 2);
	kv_free(&kv);
}

static int init_with(const char *id, const char *const *peers, size_t n_peers, struct raft *r)
{
	struct raft_config cfg = { .id = id, .peers = peers, .n_peers = n_peers, .timing = raft_default_timing() };

	return raft_init(r, &cfg, 0);
}

static void test_raft_init_refuses_bad_configurations_by_name(void)
{
	static const char *const dup[] = { "0001", "0001" };
	static const char *const self[] = { "0000" };
	static const char *const bad[] = { "00G1" };
	static const char *const lower[] = { "00ab", "00Cd" };
	const char *many[RAFT_MAX_PEERS + 1];
	char ids[RAFT_MAX_PEERS + 1][MSG_ID_SIZE];
	struct raft r;
	size_t i;

	for (i = 0; i <= RAFT_MAX_PEERS; i++) {
		snprintf(ids[i], sizeof ids[i], "%04zX", i + 1);
		many[i] = ids[i];
	}
	CU_ASSERT_EQUAL(init_with(NULL, self, 1, &r), RAFT_EINVAL);
	CU_ASSERT_EQUAL(init_with("FFFF", self, 1, &r), RAFT_EINVAL);
	CU_ASSERT_EQUAL(init_with("0000", dup, 2, &r), RAFT_EINVAL);
	CU_ASSERT_EQUAL(init_with("0000", self, 1, &r), RAFT_EINVAL);
	CU_ASSERT_EQUAL(init_with("0000", bad, 1, &r), RAFT_EINVAL);
	CU_ASSERT_EQUAL(init_with("0000", many, RAFT_MAX_PEERS + 1, &r), RAFT_EINVAL);
	CU_ASSERT_STRING_EQUAL(raft_strerror(RAFT_EINVAL), "invalid configuration");
	CU_ASSERT_STRING_EQUAL(raft_strerror(RAFT_ENOMEM), "out of memory");
	CU_ASSERT_EQUAL_FATAL(init_with("0000", many, RAFT_MAX_PEERS, &r), RAFT_OK);
	raft_free(&r);
	CU_ASSERT_EQUAL_FATAL(init_with("00ef", lower, 2, &r), RAFT_OK);
	CU_ASSERT_STRING_EQUAL(raft_id(&r), "00EF");
	CU_ASSERT_TRUE(raft_is_peer(&r, "00AB"));
	CU_ASSERT_TRUE(raft_is_peer(&r, "00CD"));
	raft_free(&r);
	fail_alloc_after(1);
	CU_ASSERT_EQUAL(init_with("0000", self + 0, 0, &r), RAFT_ENOMEM);
	fail_alloc_after(0);
}

/* The codec hands every id over in upper case, so a peer whose messages
 * spell its id in lower case is still that peer to the core. */
static void test_a_peer_id_in_lower_case_is_the_same_peer(void)
{
	static const char text[] =
		"{\"src\":\"000a\",\"dst\":\"000b\",\"leader\":\"000a\",\"type\":\"append_entries\"," SCHEMA_FIELD
		","
		"\"term\":3,\"prev_log_index\":0,\"prev_log_term\":0,\"commit\":0,\"seq\":1,\"quiet\":false,"
		"\"entries\":[]}";
	static const char *const peers[] = { "000A", "000C" };
	struct raft_config cfg = { .id = "000B", .peers = peers, .n_peers = 2, .timing = raft_default_timing() };
	struct raft_update u;
	struct msg_any m;
	struct raft r;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(text, sizeof text - 1, &m, NULL), MSG_OK);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "000A");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "000B");
	CU_ASSERT_EQUAL_FATAL(raft_init(&r, &cfg, 0), RAFT_OK);
	raft_update_init(&u);
	raft_step(&r, &m, 1, &u);
	CU_ASSERT_EQUAL(raft_term(&r), 3);
	CU_ASSERT_STRING_EQUAL(raft_leader(&r), "000A");
	CU_ASSERT_EQUAL(raft_outbox_size(&u), 1); /* the reply to the leader */
	raft_update_free(&u);
	msg_any_free(&m);
	raft_free(&r);
}

/* The one growable array: it starts at `first`, doubles until the items
 * fit, and when memory or the size runs out it fails leaving the array as
 * it was. */
static void test_the_growable_array_doubles_and_fails_cleanly(void)
{
	uint64_t *items = NULL;
	size_t cap = 0;

	CU_ASSERT_EQUAL_FATAL(array_reserve(&items, &cap, 1, sizeof *items, 16), 0);
	CU_ASSERT_EQUAL(cap, 16);
	items[15] = 7;
	CU_ASSERT_EQUAL(array_reserve(&items, &cap, 16, sizeof *items, 16), 0);
	CU_ASSERT_EQUAL(cap, 16);
	CU_ASSERT_EQUAL_FATAL(array_reserve(&items, &cap, 100, sizeof *items, 16), 0);
	CU_ASSERT_EQUAL(cap, 128);
	CU_ASSERT_EQUAL(items[15], 7);
	fail_alloc_after(1);
	CU_ASSERT_EQUAL(array_reserve(&items, &cap, 129, sizeof *items, 16), -1);
	CU_ASSERT_TRUE(fail_alloc_fired());
	fail_alloc_after(0);
	CU_ASSERT_EQUAL(cap, 128);
	CU_ASSERT_EQUAL(items[15], 7);
	CU_ASSERT_EQUAL(array_reserve(&items, &cap, SIZE_MAX / 4, sizeof *items, 16), -1);
	CU_ASSERT_EQUAL(array_reserve(&items, &cap, SIZE_MAX, 1, 16), -1);
	CU_ASSERT_EQUAL(cap, 128);
	free(items);
}

static CU_TestInfo store_tests[] = {
	{ "the growable array doubles, and fails leaving it as it was",
	  test_the_growable_array_doubles_and_fails_cleanly },
	{ "the log is indexed from 1, with term 0 outside it",
	  test_the_log_is_indexed_from_one_with_term_0_outside_it },
	{ "the log keeps deep copies across growth", test_the_log_keeps_deep_copies_across_growth },
	{ "truncation drops the suffix and appends continue after it",
	  test_truncation_drops_the_suffix_and_appends_continue_after_it },
	{ "first-of-term finds the start of a run", test_first_of_term_finds_the_start_of_a_run },
	{ "a failed append leaves the log unchanged", test_a_failed_append_leaves_the_log_unchanged },
	{ "the map sets, replaces and reads values", test_the_map_sets_replaces_and_reads_values },
	{ "the map is unchanged when memory runs out", test_the_map_is_unchanged_when_memory_runs_out },
	{ "raft_init refuses bad configurations", test_raft_init_refuses_bad_configurations_by_name },
	{ "a peer id in lower case is the same peer", test_a_peer_id_in_lower_case_is_the_same_peer },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo store_suites[] = {
	{ "log, map and configuration", NULL, NULL, NULL, NULL, store_tests },
	CU_SUITE_INFO_NULL,
};

int test_store_register(void)
{
	return CU_register_suites(store_suites) == CUE_SUCCESS ? 0 : -1;
}
