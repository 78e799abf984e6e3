/*
 * Learners (Raft dissertation 4.2.1: "new servers join the cluster as
 * non-voting members"): the log reaches them, but they never vote, never
 * count toward a quorum, never lead. Test names are the rules.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "test_suites.h"

static struct cluster c;

static int elect(size_t n, uint64_t seed, unsigned learners)
{
	int leader;

	cluster_init_learners(&c, n, seed, learners);
	leader = cluster_elect(&c, 10000);
	CU_ASSERT_FATAL(leader >= 0);
	return leader;
}

static bool granted_to(const char *candidate)
{
	size_t i;

	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == MSG_TYPE_REQUEST_VOTE_REPLY && strcmp(c.wire[i].as.env.dst, candidate) == 0)
			return c.wire[i].as.request_vote_reply.granted;
	return false;
}

static void test_a_learner_never_votes(void)
{
	struct msg_any m;

	cluster_init_learners(&c, 3, 81, 1u << 2);
	msg_any_init(&m, MSG_TYPE_REQUEST_VOTE);
	msg_id_copy(m.as.env.src, "0000");
	msg_id_copy(m.as.env.dst, "0002");
	msg_id_copy(m.as.env.leader, MSG_ID_BROADCAST);
	m.as.request_vote.term = 1;
	cluster_inject(&c, 2, &m);
	CU_ASSERT_FALSE(granted_to("0000"));
	m.as.request_vote.pre_vote = true;
	cluster_inject(&c, 2, &m);
	CU_ASSERT_FALSE(granted_to("0000"));
	cluster_free(&c);
}

/* One voter and two learners: that voter alone is a majority of the
 * voters, and wins without a vote; the learners' are never asked for. */
static void test_a_majority_is_of_the_voters_only(void)
{
	int leader = elect(3, 82, (1u << 1) | (1u << 2));

	CU_ASSERT_EQUAL(leader, 0);
	CU_ASSERT_EQUAL(c.sent[0][1] + c.sent[0][2] > 0, true); /* the log reaches them */
	cluster_put(&c, 0, "p1", "k", "v");
	cluster_advance(&c, 5);
	CU_ASSERT_TRUE(cluster_answer(&c, "p1", &(size_t){ 0 }) != NULL);
	cluster_free(&c);
}

/* Three voters and two learners: with two voters down, the leader and the
 * learners are three of five, but one of three voters: nothing commits,
 * and check-quorum steps the leader down. */
static void test_a_learner_never_counts_toward_a_quorum(void)
{
	int leader = elect(5, 83, (1u << 3) | (1u << 4));
	size_t i, count;

	CU_ASSERT_TRUE(leader < 3);
	for (i = 0; i < 3; i++)
		if ((int)i != leader)
			c.alive[i] = false;
	cluster_put(&c, (size_t)leader, "p1", "k", "v");
	cluster_advance(&c, raft_default_timing().heartbeat + 50); /* the learners hold it by now */
	CU_ASSERT_EQUAL(c.nodes[3].raft.log.last, raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "p1", &count));
	CU_ASSERT_TRUE(raft_commit(&c.nodes[leader].raft) < raft_last_index(&c.nodes[leader].raft));
	cluster_advance(&c, raft_default_timing().check_quorum + raft_default_timing().heartbeat);
	CU_ASSERT_FALSE(raft_is_leader(&c.nodes[leader].raft));
	cluster_free(&c);
}

/* With every voter gone, a learner waits: it never campaigns, nor when a
 * leader tells it to (timeout_now), and a client cannot move the leader
 * to it. */
static void test_a_learner_never_leads(void)
{
	int leader = elect(3, 84, 1u << 2);
	uint64_t term = raft_term(&c.nodes[2].raft);
	const struct cluster_answer *a;
	size_t count;
	struct msg_any m;

	cluster_move_leader(&c, (size_t)leader, "t1", "0002");
	a = cluster_answer(&c, "t1", &count);
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_FAIL && strstr(a->error, "learner"));
	msg_any_init(&m, MSG_TYPE_TIMEOUT_NOW);
	msg_id_copy(m.as.env.src, raft_id(&c.nodes[leader].raft));
	msg_id_copy(m.as.env.dst, "0002");
	msg_id_copy(m.as.env.leader, raft_id(&c.nodes[leader].raft));
	m.as.timeout_now.term = term;
	cluster_inject(&c, 2, &m);
	c.alive[0] = c.alive[1] = false;
	cluster_advance(&c, 10000);
	CU_ASSERT_EQUAL(raft_role_of(&c.nodes[2].raft), RAFT_FOLLOWER);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[2].raft), term);
	cluster_free(&c);
}

/* The log reaches a learner (with heartbeats: new entries go by chain or
 * star to voters only) and it applies what the voters committed. */
static void test_a_learner_receives_the_log(void)
{
	int leader = elect(4, 85, 1u << 3);
	char mid[8];
	size_t i;

	for (i = 0; i < 20; i++) {
		snprintf(mid, sizeof mid, "p%zu", i);
		cluster_put(&c, (size_t)leader, mid, "k", mid);
		cluster_advance(&c, 2);
	}
	cluster_advance(&c, raft_default_timing().heartbeat + 10);
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[3].raft), raft_commit(&c.nodes[leader].raft));
	CU_ASSERT_EQUAL(c.nodes[3].applied, raft_commit(&c.nodes[leader].raft));
	cluster_free(&c);
}

static CU_TestInfo tests[] = {
	{ "a learner never votes", test_a_learner_never_votes },
	{ "a majority is of the voters only: learners are never asked for a vote",
	  test_a_majority_is_of_the_voters_only },
	{ "a learner never counts toward a quorum", test_a_learner_never_counts_toward_a_quorum },
	{ "a learner never leads", test_a_learner_never_leads },
	{ "a learner receives the log and applies what the voters committed", test_a_learner_receives_the_log },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "raft: learners", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_raft_learners_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
