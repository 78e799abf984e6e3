/*
 * Elections and terms: votes, pre-vote, check-quorum and the limits on terms (sections 5.2, 5.4.1, 9.6).
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

static struct msg_any vote_request(const char *from, const char *to, uint64_t term, uint64_t last_index,
				   uint64_t last_term, bool pre_vote)
{
	struct msg_any m;

	msg_any_init(&m, MSG_TYPE_REQUEST_VOTE);
	msg_id_copy(m.as.env.src, from);
	msg_id_copy(m.as.env.dst, to);
	msg_id_copy(m.as.env.leader, MSG_ID_BROADCAST);
	m.as.request_vote.term = term;
	m.as.request_vote.last_log_index = last_index;
	m.as.request_vote.last_log_term = last_term;
	m.as.request_vote.pre_vote = pre_vote;
	return m;
}

/* The vote reply that node `to` put on the wire for `from`, if any. */
static const struct msg_request_vote_reply *find_vote_reply(const char *from)
{
	size_t i;

	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == MSG_TYPE_REQUEST_VOTE_REPLY && strcmp(c.wire[i].as.env.dst, from) == 0)
			return &c.wire[i].as.request_vote_reply;
	return NULL;
}

static void test_election_safety_at_most_one_leader_per_term(void)
{
	int leader;
	size_t i, leaders = 0;

	leader = fixture_elect(&c, 5, 1);
	for (i = 0; i < c.n; i++)
		leaders += raft_is_leader(&c.nodes[i].raft) &&
			   raft_term(&c.nodes[i].raft) == raft_term(&c.nodes[leader].raft);
	CU_ASSERT_EQUAL(leaders, 1);
	for (i = 0; i < c.n; i++)
		CU_ASSERT_STRING_EQUAL(raft_leader(&c.nodes[i].raft), raft_id(&c.nodes[leader].raft));
	cluster_free(&c);
}

static void test_voter_denies_its_vote_if_its_own_log_is_more_up_to_date(void)
{
	struct msg_any m;

	cluster_init(&c, 3, 2);
	fixture_append_entry(&c, 1, 2, "a");
	cluster_set_term(&c, 1, 2);
	m = vote_request("0000", "0001", 3, 5, 1, false); /* longer log, older last term */
	cluster_inject(&c, 1, &m);
	CU_ASSERT_PTR_NOT_NULL_FATAL(find_vote_reply("0000"));
	CU_ASSERT_FALSE(find_vote_reply("0000")->granted);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[1].raft), 3); /* the term is still adopted */
	cluster_free(&c);
}

static void test_each_server_votes_for_at_most_one_candidate_in_a_term(void)
{
	struct msg_any a = vote_request("0000", "0002", 1, 0, 0, false);
	struct msg_any b = vote_request("0001", "0002", 1, 0, 0, false);

	cluster_init(&c, 3, 3);
	cluster_inject(&c, 2, &a);
	CU_ASSERT_TRUE(find_vote_reply("0000")->granted);
	cluster_inject(&c, 2, &b);
	CU_ASSERT_FALSE(find_vote_reply("0001")->granted);
	cluster_inject(&c, 2, &a); /* asking again: the same vote */
	CU_ASSERT_EQUAL(c.n_wire, 3);
	CU_ASSERT_TRUE(c.wire[2].as.request_vote_reply.granted);
	cluster_free(&c);
}

/* Figure 2: votedFor is persistent state, "updated on stable storage
 * before responding". A durable replica (cluster.h: a lazy disk) that
 * crashes after granting a vote refuses another candidate of that term. */
static void test_a_voter_that_crashes_and_restarts_keeps_its_vote_of_the_term(void)
{
	struct msg_any a = vote_request("0000", "0002", 1, 0, 0, false);
	struct msg_any b = vote_request("0001", "0002", 1, 0, 0, false);

	cluster_init(&c, 3, 3);
	cluster_make_durable(&c);
	cluster_inject(&c, 2, &a);
	CU_ASSERT_PTR_NULL(find_vote_reply("0000")); /* it waits for the sync */
	cluster_sync(&c, 2);
	CU_ASSERT_TRUE_FATAL(find_vote_reply("0000") && find_vote_reply("0000")->granted);
	cluster_crash(&c, 2);
	cluster_restart(&c, 2);
	CU_ASSERT_EQUAL(c.bad_replays, 0);
	cluster_inject(&c, 2, &b);
	cluster_sync(&c, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(find_vote_reply("0001"));
	CU_ASSERT_FALSE(find_vote_reply("0001")->granted);
	cluster_free(&c);
}

static void test_a_server_that_heard_from_its_leader_recently_ignores_votes(void)
{
	int leader, voter;
	struct msg_any m;
	uint64_t term;

	leader = fixture_elect(&c, 3, 4);
	voter = (leader + 1) % 3;
	term = raft_term(&c.nodes[voter].raft);
	m = vote_request(raft_id(&c.nodes[(leader + 2) % 3].raft), raft_id(&c.nodes[voter].raft), term + 5, 100, term,
			 false);
	cluster_inject(&c, (size_t)voter, &m);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[voter].raft), term);
	CU_ASSERT_FALSE(find_vote_reply(raft_id(&c.nodes[(leader + 2) % 3].raft))->granted);
	cluster_free(&c);
}

static void test_pre_vote_does_not_disturb_a_healthy_leader(void)
{
	int leader, loner;
	uint64_t term;

	leader = fixture_elect(&c, 5, 5);
	term = raft_term(&c.nodes[leader].raft);
	loner = (leader + 1) % 5;
	c.side[loner] = 1; /* cut off: it times out and pre-votes, again and again */
	cluster_advance(&c, 3000);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[loner].raft), term);
	c.side[loner] = 0;
	cluster_advance(&c, 3000);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_EQUAL(raft_term(&c.nodes[leader].raft), term);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[loner].raft), term);
	cluster_free(&c);
}

static void test_a_leader_that_cannot_reach_a_majority_steps_down(void)
{
	int leader;
	size_t i;

	leader = fixture_elect(&c, 5, 6);
	for (i = 0; i < 5; i++)
		c.side[i] = (int)i == leader ? 1 : 0;
	cluster_advance(&c, raft_default_timing().check_quorum + raft_default_timing().heartbeat + 10);
	CU_ASSERT_FALSE(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_STRING_EQUAL(raft_leader(&c.nodes[leader].raft), MSG_ID_BROADCAST);
	cluster_free(&c);
}

/* A forged append-entries of term `term` from peer 0000 to node i. */
static void inject_forged_append(size_t i, uint64_t term)
{
	struct msg_any m;

	msg_any_init(&m, MSG_TYPE_APPEND_ENTRIES);
	msg_id_copy(m.as.env.src, "0000");
	msg_id_copy(m.as.env.dst, raft_id(&c.nodes[i].raft));
	msg_id_copy(m.as.env.leader, "0000");
	m.as.append_entries.term = term;
	m.as.append_entries.seq = 1;
	cluster_inject(&c, i, &m);
	msg_any_free(&m);
}

/* Issue 24 (C2): one forged append-entries of term 2^53 - 2 moved every
 * member to a term it could never campaign beyond. */
static void test_a_replica_never_adopts_a_term_it_could_not_exceed(void)
{
	uint64_t before;

	cluster_init(&c, 3, 41);
	before = raft_term(&c.nodes[1].raft);
	inject_forged_append(1, (UINT64_C(1) << 53) - 2);
	inject_forged_append(1, RAFT_TERM_MAX + 1);
	inject_forged_append(1, before + RAFT_TERM_JUMP_MAX + 1);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[1].raft), before);
	inject_forged_append(1, before + RAFT_TERM_JUMP_MAX); /* within the bound: taken */
	CU_ASSERT_EQUAL(raft_term(&c.nodes[1].raft), before + RAFT_TERM_JUMP_MAX);
	cluster_free(&c);
}

/* At the limit a replica cannot campaign: it stays a follower, and the
 * others, to whom its term is implausible, elect a leader without it. */
static void test_a_replica_at_the_term_limit_stays_a_follower(void)
{
	int leader;

	cluster_init(&c, 3, 42);
	cluster_set_term(&c, 1, RAFT_TERM_MAX);
	leader = cluster_elect(&c, 10000);
	CU_ASSERT_TRUE(leader == 0 || leader == 2);
	cluster_advance(&c, 5000);
	CU_ASSERT_EQUAL(raft_role_of(&c.nodes[1].raft), RAFT_FOLLOWER);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[1].raft), RAFT_TERM_MAX);
	CU_ASSERT_TRUE(raft_term(&c.nodes[0].raft) < RAFT_TERM_JUMP_MAX &&
		       raft_term(&c.nodes[2].raft) < RAFT_TERM_JUMP_MAX);
	cluster_free(&c);
}

static CU_TestInfo tests[] = {
	{ "a replica never adopts a term it could not exceed", test_a_replica_never_adopts_a_term_it_could_not_exceed },
	{ "a replica at the term limit stays a follower", test_a_replica_at_the_term_limit_stays_a_follower },
	{ "election safety: at most one leader can be elected in a given term",
	  test_election_safety_at_most_one_leader_per_term },
	{ "the voter denies its vote if its own log is more up-to-date",
	  test_voter_denies_its_vote_if_its_own_log_is_more_up_to_date },
	{ "each server will vote for at most one candidate in a given term",
	  test_each_server_votes_for_at_most_one_candidate_in_a_term },
	{ "a voter that crashes and restarts keeps its vote of the term",
	  test_a_voter_that_crashes_and_restarts_keeps_its_vote_of_the_term },
	{ "a server that heard from a current leader ignores RequestVote",
	  test_a_server_that_heard_from_its_leader_recently_ignores_votes },
	{ "pre-vote: a partitioned server does not disrupt the cluster",
	  test_pre_vote_does_not_disturb_a_healthy_leader },
	{ "check-quorum: a leader that cannot reach a majority steps down",
	  test_a_leader_that_cannot_reach_a_majority_steps_down },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "raft: elections and terms", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_raft_election_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
