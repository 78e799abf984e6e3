/*
 * Log replication: matching, commit, crashes and retries (sections 5.3, 5.4).
 * Test names are sentences from the paper (extended version) or from our
 * client rules.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "raft_fixture.h"
#include "test_suites.h"

static struct cluster c;

/* What a follower acknowledged is on its disk before the leader hears of
 * it: a crash right after its reply leaves loses nothing. */
static void test_an_entry_a_follower_acknowledged_survives_its_crash(void)
{
	size_t count, f;
	uint64_t index;
	int leader;

	cluster_init(&c, 3, 4);
	cluster_make_durable(&c);
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	cluster_advance(&c, 50);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cluster_answer(&c, "p1", &count));
	CU_ASSERT_EQUAL(count, 1);
	for (index = raft_last_index(&c.nodes[leader].raft);
	     strcmp(raft_entry(&c.nodes[leader].raft, index)->mid, "p1");)
		index--;
	f = (size_t)(leader + 1) % 3;
	CU_ASSERT_FATAL(raft_last_index(&c.nodes[f].raft) >= index);
	cluster_crash(&c, f);
	cluster_restart(&c, f);
	CU_ASSERT_EQUAL(c.bad_replays, 0);
	CU_ASSERT_FATAL(raft_last_index(&c.nodes[f].raft) >= index);
	CU_ASSERT_STRING_EQUAL(raft_entry(&c.nodes[f].raft, index)->mid, "p1");
	CU_ASSERT_EQUAL(raft_term(&c.nodes[f].raft), raft_term(&c.nodes[leader].raft));
	cluster_free(&c);
}

/* Forged replies (a hostile datagram, not a lying peer: no correct follower
 * names a message number or an index the leader never sent) keep a cut-off
 * leader's check-quorum fed, unless they are refused whole. */
static void test_a_reply_that_answers_nothing_sent_is_not_believed(void)
{
	uint64_t beyond = ((uint64_t)1 << 53) - 1, until;
	struct msg_any reply;
	struct raft *r;
	int leader;
	size_t i;

	leader = fixture_elect(&c, 3, 6);
	r = &c.nodes[leader].raft;
	for (i = 0; i < 3; i++)
		c.side[i] = (int)i == leader ? 1 : 0;
	msg_any_init(&reply, MSG_TYPE_APPEND_ENTRIES_REPLY);
	msg_id_copy(reply.as.env.dst, r->id);
	msg_id_copy(reply.as.env.leader, r->id);
	reply.as.append_entries_reply.term = r->term;
	reply.as.append_entries_reply.success = true;
	until = c.now + raft_default_timing().check_quorum + raft_default_timing().heartbeat + 10;
	for (i = 0; c.now < until && raft_is_leader(r); i++) {
		/* In turn: a message number never sent, an index beyond the log. */
		reply.as.append_entries_reply.seq = i % 2 ? beyond : r->seq;
		reply.as.append_entries_reply.match_index = i % 2 ? r->log.last : beyond;
		msg_id_copy(reply.as.env.src, r->peers[i % r->n_peers].id);
		cluster_inject(&c, (size_t)leader, &reply);
		cluster_advance(&c, 5);
	}
	CU_ASSERT_FALSE(raft_is_leader(r));
	cluster_free(&c);
}

static void test_log_matching_a_follower_drops_a_conflicting_suffix(void)
{
	int leader, f;
	size_t n;

	leader = fixture_elect(&c, 3, 7);
	f = (leader + 1) % 3;
	/* The follower holds entries of a term that never won. */
	fixture_append_entry(&c, (size_t)f, raft_term(&c.nodes[leader].raft) - 1, "x");
	fixture_append_entry(&c, (size_t)f, 0, "y");
	cluster_put(&c, (size_t)leader, "m1", "k", "v1");
	cluster_advance(&c, 500);
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[f].raft), raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_STRING_EQUAL(raft_log_get(&c.nodes[f].raft.log, raft_last_index(&c.nodes[f].raft))->mid, "m1");
	CU_ASSERT_PTR_NOT_NULL(cluster_answer(&c, "m1", &n));
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* Figure 8: a leader never commits an entry of an earlier term by counting
 * replicas; only once an entry of its own term is stored on a majority. */
static void test_figure_8_entries_of_older_terms_commit_only_with_the_current_term(void)
{
	struct raft *r;
	struct msg_any reply;
	struct raft_update u;
	int leader;

	leader = fixture_elect(&c, 3, 8);
	r = &c.nodes[leader].raft;
	/* Pretend an entry of an old term sits at the end of the log, on a
	 * majority (this leader and one follower), above its no-op. */
	r->log.entries[r->log.last - 1].term = r->term - 1;
	r->commit = r->known_commit = r->answers_upto = r->log.last - 1;
	c.nodes[leader].applied = r->commit;
	msg_any_init(&reply, MSG_TYPE_APPEND_ENTRIES_REPLY);
	msg_id_copy(reply.as.env.src, r->peers[0].id);
	msg_id_copy(reply.as.env.dst, r->id);
	msg_id_copy(reply.as.env.leader, r->id);
	reply.as.append_entries_reply.term = r->term;
	reply.as.append_entries_reply.success = true;
	reply.as.append_entries_reply.match_index = r->log.last;
	reply.as.append_entries_reply.seq = r->seq;
	raft_update_init(&u);
	raft_step(r, &reply, c.now, &u);
	CU_ASSERT_EQUAL(r->commit, r->log.last - 1); /* counted on a majority, still not committed */
	CU_ASSERT_EQUAL(u.commit_to, 0);
	raft_update_free(&u);
	r->log.entries[r->log.last - 1].term = r->term;
	raft_update_init(&u);
	raft_step(r, &reply, c.now, &u);
	CU_ASSERT_EQUAL(r->commit, r->log.last);
	CU_ASSERT_EQUAL(u.commit_from, r->log.last - 1);
	CU_ASSERT_EQUAL(u.commit_to, r->log.last);
	CU_ASSERT_EQUAL(u.answer_to, r->log.last); /* committed as leader: it answers the clients */
	raft_update_free(&u);
	cluster_free(&c);
}

/* A leader cut off from the majority keeps its uncommitted entry, and
 * retries the silent followers ever less often instead of every 10 ms. */
static void test_a_silent_follower_is_retried_ever_less_often(void)
{
	int leader;
	size_t i;
	unsigned before, after;

	leader = fixture_elect(&c, 5, 17);
	for (i = 0; i < 5; i++)
		c.side[i] = (int)i == leader || (int)i == (leader + 2) % 5;
	cluster_put(&c, (size_t)leader, "stuck", "k", "v");
	before = 0;
	for (i = 0; i < 5; i++)
		before += c.side[i] ? 0 : c.sent[leader][i];
	cluster_advance(&c, 1000);
	after = 0;
	for (i = 0; i < 5; i++)
		after += c.side[i] ? 0 : c.sent[leader][i];
	/* Three followers cut off: every 10 ms would be 300 messages. */
	CU_ASSERT(after - before <= 30);
	CU_ASSERT(after - before >= 3);
	cluster_free(&c);
}

/* Figure 2 lets a follower drop a conflicting suffix, but never a
 * committed entry: a leader that says otherwise is wrong, and the
 * follower keeps its log (and says nothing). */
static void test_a_follower_never_truncates_a_committed_entry(void)
{
	static const char *const peers[] = { "0001", "0002" };
	struct raft_restore saved = { .term = 1, .commit = 3, .known_commit = 3 };
	struct raft_config cfg = {
		.id = "0000", .peers = peers, .n_peers = 2, .timing = raft_default_timing(), .restore = &saved
	};
	struct msg_log_entry bad = { .term = 9, .key = "k", .value = "x", .mid = "bad" };
	const char *const mids[] = { "a", "b", "c" };
	struct raft_update u;
	struct msg_any m;
	struct raft r;
	size_t i;

	/* A replica that restarts with entries 1 to 3 of term 1, committed. */
	raft_log_init(&saved.log);
	for (i = 0; i < 3; i++) {
		struct msg_log_entry e = { .term = 1, .key = "k", .value = (char *)mids[i], .mid = (char *)mids[i] };

		msg_id_copy(e.client, CLIENT_ID);
		CU_ASSERT_EQUAL_FATAL(raft_log_append(&saved.log, &e), 0);
	}
	CU_ASSERT_EQUAL_FATAL(raft_init(&r, &cfg, 0), RAFT_OK);
	raft_log_free(&saved.log);
	msg_id_copy(bad.client, CLIENT_ID);
	msg_any_init(&m, MSG_TYPE_APPEND_ENTRIES);
	msg_id_copy(m.as.env.src, "0001");
	msg_id_copy(m.as.env.dst, "0000");
	msg_id_copy(m.as.env.leader, "0001");
	m.as.append_entries.term = 9;
	m.as.append_entries.prev_log_index = 1;
	m.as.append_entries.prev_log_term = 1;
	m.as.append_entries.entries = &bad;
	m.as.append_entries._count.entries = 1;
	raft_update_init(&u);
	raft_step(&r, &m, 10, &u);
	CU_ASSERT_EQUAL(raft_last_index(&r), 3);
	CU_ASSERT_STRING_EQUAL(raft_entry(&r, 2)->mid, "b");
	CU_ASSERT_EQUAL(raft_commit(&r), 3);
	CU_ASSERT_EQUAL(raft_outbox_size(&u), 0);
	raft_update_free(&u);
	raft_free(&r);
}

static CU_TestInfo tests[] = {
	{ "an entry a follower acknowledged survives its crash",
	  test_an_entry_a_follower_acknowledged_survives_its_crash },
	{ "a reply that answers nothing the leader sent is not believed",
	  test_a_reply_that_answers_nothing_sent_is_not_believed },
	{ "log matching: a follower deletes the conflicting entry and all that follow",
	  test_log_matching_a_follower_drops_a_conflicting_suffix },
	{ "figure 8: only entries of the current term are committed by counting",
	  test_figure_8_entries_of_older_terms_commit_only_with_the_current_term },
	{ "a silent follower is retried ever less often", test_a_silent_follower_is_retried_ever_less_often },
	{ "a follower never truncates a committed entry", test_a_follower_never_truncates_a_committed_entry },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "raft: replication", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_raft_replication_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
