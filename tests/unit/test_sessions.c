/*
 * Client sessions and deletes (src/node/sessions.h, node.h): a resent write is
 * answered but applied once, wherever the resend arrives and whenever;
 * a delete removes its key on every replica, sent to the leader or
 * forwarded; sessions travel in snapshots.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "node/node_snapshot.h"
#include "raft/raft_snapshot.h"
#include "node/sessions.h"
#include "test_suites.h"

#define CLIENT_A "0A0A"
#define CLIENT_B "0B0B"
/* Long enough for followers to hear of a commit, and to forward what
 * they hold: a few heartbeats. */
#define SETTLE_MS 500

static struct cluster c;

static size_t elected(uint64_t seed)
{
	int leader;

	cluster_init(&c, 3, seed);
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	cluster_advance(&c, SETTLE_MS);
	return (size_t)leader;
}

static void put_from(size_t node, const char *client, const char *mid, const char *key, const char *value)
{
	cluster_request(&c, node, client, MSG_ID_BROADCAST, MSG_TYPE_PUT, mid, key, value);
}

/* Every replica's map has key at value (NULL: absent). */
static void assert_everywhere(const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < c.n; i++) {
		const char *got = kv_get(&c.nodes[i].kv, key);

		if (value) {
			CU_ASSERT(got && strcmp(got, value) == 0);
		} else {
			CU_ASSERT_PTR_NULL(got);
		}
	}
}

static size_t answers_to(const char *mid)
{
	size_t count = 0;

	cluster_answer(&c, mid, &count);
	return count;
}

static void test_a_write_resent_after_it_was_applied_is_answered_and_not_applied_again(void)
{
	size_t leader = elected(11), follower = (leader + 1) % 3;

	put_from(leader, CLIENT_A, "A-1", "k", "from A");
	cluster_advance(&c, SETTLE_MS);
	put_from(leader, CLIENT_B, "B-1", "k", "from B");
	cluster_advance(&c, SETTLE_MS);
	assert_everywhere("k", "from B");
	/* A heard nothing (its ok lost) and resends, to the leader, then to a
	 * follower: both answer from the session, and B's value stays. */
	put_from(leader, CLIENT_A, "A-1", "k", "from A");
	cluster_advance(&c, SETTLE_MS);
	put_from(follower, CLIENT_A, "A-1", "k", "from A");
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(answers_to("A-1"), 3);
	CU_ASSERT_EQUAL(cluster_answer(&c, "A-1", &(size_t){ 0 })->type, MSG_TYPE_OK);
	assert_everywhere("k", "from B");
	/* the resends took no log entry: three puts' worth and the no-op */
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[leader].raft), 3);
	cluster_free(&c);
}

/* A copy of an earlier write that a follower held (or the network kept)
 * arrives after its client's later write was applied: its serial number
 * says so, and it is not applied, at the leader or in the log. */
static void put_with_seq(size_t node, const char *client, const char *mid, const char *key, const char *value,
			 uint64_t seq)
{
	struct msg_any m;

	msg_any_init(&m, MSG_TYPE_PUT);
	msg_id_copy(m.as.env.src, client);
	msg_id_copy(m.as.env.dst, raft_id(&c.nodes[node].raft));
	msg_id_copy(m.as.env.leader, MSG_ID_BROADCAST);
	m.as.put.mid = (char *)mid;
	m.as.put.key = (char *)key;
	m.as.put.value = (char *)value;
	m.as.put.seq = seq;
	m.as.put._present.seq = true;
	cluster_inject(&c, node, &m);
}

static void test_a_late_copy_of_an_earlier_write_is_not_applied(void)
{
	size_t leader = elected(17);
	uint64_t last;

	put_with_seq(leader, CLIENT_A, "A-1", "k", "first", 10);
	cluster_advance(&c, SETTLE_MS);
	put_with_seq(leader, CLIENT_A, "A-2", "k", "second", 11);
	cluster_advance(&c, SETTLE_MS);
	last = raft_last_index(&c.nodes[leader].raft);
	/* A-1 again, as a follower that held it would forward it: dropped */
	put_with_seq(leader, CLIENT_A, "A-1", "k", "first", 10);
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[leader].raft), last);
	assert_everywhere("k", "second");
	/* and in the log (both copies appended before the later write applied) */
	put_with_seq(leader, CLIENT_B, "B-1", "k", "b1", 5);
	put_with_seq(leader, CLIENT_B, "B-2", "k", "b2", 6);
	put_with_seq(leader, CLIENT_B, "B-1", "k", "b1", 5);
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[leader].raft), last + 3);
	assert_everywhere("k", "b2");
	/* a write without a serial number is never taken for late */
	put_from(leader, CLIENT_B, "B-0", "k", "unordered");
	cluster_advance(&c, SETTLE_MS);
	assert_everywhere("k", "unordered");
	cluster_free(&c);
}

/* Issue 24 (C1): two kvctl runs drew one client id; the write of the one
 * with the lower serial number entered the log after the other's, was
 * skipped as late, and was answered ok all the same: an acknowledged
 * write that no replica holds. It must not be answered ok (nor fail:
 * nothing tells a late copy from a client that moved on). */
static void test_a_write_skipped_as_late_is_never_answered_ok(void)
{
	size_t leader = elected(19), count = 0;
	const struct cluster_answer *a;

	put_with_seq(leader, CLIENT_A, "one", "k1", "from one", 20);
	put_with_seq(leader, CLIENT_A, "two", "k2", "from two", 19);
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[leader].raft), 3);
	CU_ASSERT_EQUAL(answers_to("one"), 1);
	a = cluster_answer(&c, "two", &count);
	CU_ASSERT_TRUE(a == NULL || a->type != MSG_TYPE_OK);
	assert_everywhere("k1", "from one");
	assert_everywhere("k2", NULL);
	cluster_free(&c);
}

/* The resend reaches the leader while the first copy is not yet
 * committed: both enter the log, and the second is answered but skipped
 * when applied, after B's put that came between them. */
static void test_a_write_resent_while_in_the_log_is_applied_once(void)
{
	size_t leader = elected(12);

	put_from(leader, CLIENT_A, "A-1", "k", "from A");
	put_from(leader, CLIENT_B, "B-1", "k", "from B");
	put_from(leader, CLIENT_A, "A-1", "k", "from A");
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[leader].raft), 4);
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[leader].raft), 4);
	assert_everywhere("k", "from B");
	CU_ASSERT(answers_to("A-1") >= 1);
	CU_ASSERT_EQUAL(answers_to("B-1"), 1);
	cluster_free(&c);
}

static void test_a_delete_removes_its_key_on_every_replica_also_when_forwarded(void)
{
	size_t leader = elected(13), follower = (leader + 2) % 3;
	const struct cluster_answer *a;
	size_t count = 0;

	put_from(leader, CLIENT_A, "A-1", "gone", "v");
	put_from(leader, CLIENT_A, "A-2", "kept", "v");
	cluster_advance(&c, SETTLE_MS);
	cluster_request(&c, follower, CLIENT_B, MSG_ID_BROADCAST, MSG_TYPE_DELETE, "B-1", "gone", NULL);
	cluster_advance(&c, SETTLE_MS);
	a = cluster_answer(&c, "B-1", &count);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_EQUAL(count, 1);
	CU_ASSERT_TRUE(a->has_deleted); /* etcdctl's count: it removed one key */
	CU_ASSERT_EQUAL(a->deleted, 1);
	CU_ASSERT_FALSE(a->has_value);
	CU_ASSERT_TRUE(raft_entry(&c.nodes[leader].raft, raft_last_index(&c.nodes[leader].raft))->deletes);
	assert_everywhere("gone", NULL);
	assert_everywhere("kept", "v");
	/* a get reads it as a key never written */
	cluster_get(&c, leader, "G-1", "gone");
	cluster_advance(&c, SETTLE_MS);
	a = cluster_answer(&c, "G-1", &count);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(a->has_value); /* on the test-bed: "", as its protocol says */
	CU_ASSERT_STRING_EQUAL(a->value, "");
	/* deleting what is not there is a write like any other */
	cluster_request(&c, leader, CLIENT_B, MSG_ID_BROADCAST, MSG_TYPE_DELETE, "B-2", "never", NULL);
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_EQUAL(answers_to("B-2"), 1);
	a = cluster_answer(&c, "B-2", &count);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(a->has_deleted); /* ... and this one none */
	CU_ASSERT_EQUAL(a->deleted, 0);
	/* in cluster mode a key that holds nothing is told from an empty one */
	node_tell_absent(&c.nodes[leader]);
	put_from(leader, CLIENT_A, "A-3", "empty", "");
	cluster_get(&c, leader, "G-2", "gone");
	cluster_get(&c, leader, "G-3", "empty");
	cluster_advance(&c, SETTLE_MS);
	a = cluster_answer(&c, "G-2", &count);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_FALSE(a->has_value);
	a = cluster_answer(&c, "G-3", &count);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(a->has_value);
	CU_ASSERT_STRING_EQUAL(a->value, "");
	cluster_free(&c);
}

/* The answer to mid: its found value, "" when it has none; fails the
 * test when there is no answer. */
static const char *found_by(const char *mid)
{
	size_t count = 0;
	const struct cluster_answer *a = cluster_answer(&c, mid, &count);

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_TRUE(a->has_value);
	return a->value;
}

static void test_a_compare_and_set_writes_only_over_the_value_expected_and_answers_what_it_found(void)
{
	size_t leader = elected(15), follower = (leader + 1) % 3;

	cluster_cas(&c, leader, CLIENT_A, "A-1", "lock", "", "a"); /* absent reads as "": it swaps */
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_STRING_EQUAL(found_by("A-1"), "");
	assert_everywhere("lock", "a");
	cluster_cas(&c, follower, CLIENT_B, "B-1", "lock", "", "b"); /* forwarded; finds a: no swap */
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_STRING_EQUAL(found_by("B-1"), "a");
	assert_everywhere("lock", "a");
	cluster_cas(&c, leader, CLIENT_B, "B-2", "lock", "a", "b");
	cluster_advance(&c, SETTLE_MS);
	CU_ASSERT_STRING_EQUAL(found_by("B-2"), "a");
	assert_everywhere("lock", "b");
	CU_ASSERT_STRING_EQUAL(raft_entry(&c.nodes[leader].raft, raft_last_index(&c.nodes[leader].raft))->expected,
			       "a");
	cluster_free(&c);
}

/* Its answer is part of the session: a resend after another client's
 * write gets the answer the first copy got, and changes nothing. */
static void test_a_resent_compare_and_set_gets_the_answer_it_first_got(void)
{
	size_t leader = elected(16), follower = (leader + 2) % 3;
	size_t count = 0;

	cluster_cas(&c, leader, CLIENT_A, "A-1", "lock", "", "a");
	cluster_advance(&c, SETTLE_MS);
	put_from(leader, CLIENT_B, "B-1", "lock", "b");
	cluster_advance(&c, SETTLE_MS);
	cluster_cas(&c, follower, CLIENT_A, "A-1", "lock", "", "a");
	cluster_cas(&c, leader, CLIENT_A, "A-1", "lock", "", "a");
	cluster_advance(&c, SETTLE_MS);
	cluster_answer(&c, "A-1", &count);
	CU_ASSERT_EQUAL(count, 3);
	for (size_t i = 0; i < c.n_answers; i++)
		if (strcmp(c.answers[i].mid, "A-1") == 0)
			CU_ASSERT_STRING_EQUAL(c.answers[i].value, "");
	assert_everywhere("lock", "b");
	cluster_free(&c);
}

/* A snapshot holds each client's last write, so that a replica that
 * rebuilt its state from one still knows a resend for what it is. */
static void test_sessions_travel_in_a_snapshot_and_its_chunks(void)
{
	size_t leader = elected(14), i;
	struct msg_install_snapshot m;
	struct raft_snapshot *copy;
	const struct raft_snapshot *s;
	uint64_t offset = 0;

	put_from(leader, CLIENT_A, "A-1", "k", "a");
	cluster_cas(&c, leader, CLIENT_B, "B-1", "k", "a", "b");
	cluster_advance(&c, SETTLE_MS);
	node_set_snapshot_every(&c.nodes[leader], 1);
	CU_ASSERT_EQUAL_FATAL(node_maybe_snapshot(&c.nodes[leader], UINT64_MAX), 1);
	s = raft_snapshot_of(&c.nodes[leader].raft);
	CU_ASSERT_EQUAL_FATAL(s->n_sessions, 2);
	copy = raft_snapshot_new(s->index, s->term);
	while (offset < raft_snapshot_items(s)) {
		msg_install_snapshot_init(&m);
		CU_ASSERT_FATAL(raft_snapshot_fill_chunk(s, offset, &m));
		CU_ASSERT_EQUAL_FATAL(raft_snapshot_take_chunk(copy, &m), 0);
		offset += m._count.pairs + m._count.mids + m._count.sessions;
		msg_install_snapshot_free(&m);
	}
	CU_ASSERT_EQUAL_FATAL(copy->n_sessions, 2);
	for (i = 0; i < 2; i++)
		CU_ASSERT(msg_client_session_equal(&copy->sessions[i], &s->sessions[i]));
	raft_snapshot_free(copy);
	/* The leader rebuilds from its own snapshot: B's resend is still one. */
	c.nodes[leader].applied = 0;
	CU_ASSERT_EQUAL_FATAL(node_load_snapshot(&c.nodes[leader]), 0);
	CU_ASSERT_TRUE(sessions_applied(&c.nodes[leader].sessions, CLIENT_B, "B-1"));
	CU_ASSERT_FALSE(sessions_applied(&c.nodes[leader].sessions, CLIENT_B, "B-2"));
	/* and the compare-and-set's answer with it */
	CU_ASSERT_PTR_NOT_NULL_FATAL(sessions_result(&c.nodes[leader].sessions, CLIENT_B, "B-1"));
	CU_ASSERT_STRING_EQUAL(sessions_result(&c.nodes[leader].sessions, CLIENT_B, "B-1"), "a");
	CU_ASSERT_PTR_NULL(sessions_result(&c.nodes[leader].sessions, CLIENT_A, "A-1"));
	cluster_free(&c);
}

/* Issue 24 (C1): sessions were found by an id's first 4 bytes, so two
 * wide ids alike there shared one: a write of one was late for the other. */
static void test_wide_client_ids_alike_in_their_first_digits_have_sessions_of_their_own(void)
{
	const struct session_write w = { .mid = "M1", .index = 3, .seq = 50 };
	struct sessions s;

	sessions_init(&s);
	CU_ASSERT_EQUAL_FATAL(sessions_reserve(&s, "0123456789ABCDEF"), 0);
	CU_ASSERT_EQUAL_FATAL(sessions_reserve(&s, "0123FFFFFFFFFFFF"), 0);
	CU_ASSERT_EQUAL(s.count, 2);
	sessions_record(&s, "0123456789ABCDEF", &w);
	CU_ASSERT_TRUE(sessions_late(&s, "0123456789ABCDEF", "M0", 40));
	CU_ASSERT_FALSE(sessions_late(&s, "0123FFFFFFFFFFFF", "M0", 40));
	CU_ASSERT_TRUE(sessions_applied(&s, "0123456789ABCDEF", "M1"));
	CU_ASSERT_FALSE(sessions_applied(&s, "0123FFFFFFFFFFFF", "M1"));
	sessions_free(&s);
}

static CU_TestInfo session_tests[] = {
	{ "wide client ids alike in their first digits have sessions of their own",
	  test_wide_client_ids_alike_in_their_first_digits_have_sessions_of_their_own },
	{ "a write resent after it was applied is answered, and not applied again",
	  test_a_write_resent_after_it_was_applied_is_answered_and_not_applied_again },
	{ "a write resent while in the log is applied once", test_a_write_resent_while_in_the_log_is_applied_once },
	{ "a late copy of an earlier write is not applied", test_a_late_copy_of_an_earlier_write_is_not_applied },
	{ "a write skipped as late is never answered ok", test_a_write_skipped_as_late_is_never_answered_ok },
	{ "a delete removes its key on every replica, also when forwarded",
	  test_a_delete_removes_its_key_on_every_replica_also_when_forwarded },
	{ "a compare-and-set writes only over the value expected, and answers what it found",
	  test_a_compare_and_set_writes_only_over_the_value_expected_and_answers_what_it_found },
	{ "a resent compare-and-set gets the answer it first got",
	  test_a_resent_compare_and_set_gets_the_answer_it_first_got },
	{ "sessions travel in a snapshot and its chunks", test_sessions_travel_in_a_snapshot_and_its_chunks },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo session_suites[] = {
	{ "client sessions and deletes", NULL, NULL, NULL, NULL, session_tests },
	CU_SUITE_INFO_NULL,
};

int test_sessions_register(void)
{
	return CU_register_suites(session_suites) == CUE_SUCCESS ? 0 : -1;
}
