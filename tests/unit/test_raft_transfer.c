/*
 * Leadership transfer (Raft dissertation 3.10, 4.2.3) and the client's
 * move_leader around it. Test names are sentences from the dissertation
 * or from our rules (node_transfer.h, raft_transfer.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "raft_fixture.h"
#include "test_suites.h"

static struct cluster c;

/* A three-member cluster with a leader; *target is a follower. */
static int elect_with_target(uint64_t seed, int *target)
{
	int leader = fixture_elect(&c, 3, seed);

	*target = (leader + 1) % 3;
	return leader;
}

static const struct cluster_answer *only_answer(const char *mid)
{
	size_t count;
	const struct cluster_answer *a = cluster_answer(&c, mid, &count);

	CU_ASSERT_EQUAL(count, a ? 1 : 0);
	return a;
}

static size_t in_flight(enum msg_type type)
{
	size_t i, n = 0;

	for (i = 0; i < c.n_wire; i++)
		n += c.wire[i].type == type;
	return n;
}

/* Drops every message in flight to or from node i. */
static void drop_traffic_of(int i)
{
	size_t k = 0;

	while (k < c.n_wire) {
		if (cluster_index_of(&c, c.wire[k].as.env.dst) == i || cluster_index_of(&c, c.wire[k].as.env.src) == i)
			cluster_drop(&c, k);
		else
			k++;
	}
}

/* Delivers and ticks until a timeout_now is on the wire (undelivered), at
 * most limit_ms; whether one is. */
static bool run_until_timeout_now(uint64_t limit_ms)
{
	uint64_t end = c.now + limit_ms;

	while (!in_flight(MSG_TYPE_TIMEOUT_NOW) && c.now < end) {
		if (c.n_wire)
			cluster_deliver(&c, 0);
		else
			cluster_step_time(&c);
	}
	return in_flight(MSG_TYPE_TIMEOUT_NOW) > 0;
}

static void test_the_target_campaigns_at_once_and_wins_without_an_election_timeout(void)
{
	int target, leader = elect_with_target(61, &target);
	uint64_t term = raft_term(&c.nodes[leader].raft), start = c.now;
	const struct cluster_answer *a;

	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	CU_ASSERT_TRUE(run_until_timeout_now(5)); /* its log matches: one round trip to tell it the commit */
	while (!only_answer("t1") && c.now < start + 100)
		cluster_advance(&c, 1);
	a = only_answer("t1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_STRING_EQUAL(a->leader, raft_id(&c.nodes[target].raft));
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	CU_ASSERT_EQUAL(raft_term(&c.nodes[target].raft), term + 1);
	/* well within the smallest election timeout: nobody waited for one */
	CU_ASSERT_TRUE(c.now - start < raft_default_timing().election_min / 2);
	cluster_free(&c);
}

/* 4.2.3: "a server ... disregards the check if the RequestVote includes a
 * special flag" (the transfer's); without it, a fresh leader's followers
 * refuse (test_raft_election.c). */
static void test_voters_grant_a_transfer_vote_though_their_leader_is_fresh(void)
{
	int target, leader = elect_with_target(62, &target);
	int voter = (leader + 2) % 3;
	uint64_t term = raft_term(&c.nodes[voter].raft);
	struct msg_any m;
	size_t i;
	bool granted = false;

	msg_any_init(&m, MSG_TYPE_REQUEST_VOTE);
	msg_id_copy(m.as.env.src, raft_id(&c.nodes[target].raft));
	msg_id_copy(m.as.env.dst, raft_id(&c.nodes[voter].raft));
	msg_id_copy(m.as.env.leader, MSG_ID_BROADCAST);
	m.as.request_vote.term = term + 1;
	m.as.request_vote.last_log_index = raft_last_index(&c.nodes[target].raft);
	m.as.request_vote.last_log_term = raft_entry_term(&c.nodes[target].raft, m.as.request_vote.last_log_index);
	m.as.request_vote.transfer = m.as.request_vote._present.transfer = true;
	cluster_inject(&c, (size_t)voter, &m);
	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == MSG_TYPE_REQUEST_VOTE_REPLY)
			granted = c.wire[i].as.request_vote_reply.granted;
	CU_ASSERT_TRUE(granted);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[voter].raft), term + 1);
	cluster_free(&c);
}

/* 3.10: "the prior leader stops accepting new client requests"; ours wait
 * and reach the new leader, which answers each once. */
static void test_the_prior_leader_stops_accepting_requests_and_they_reach_the_new_one(void)
{
	int target, leader = elect_with_target(63, &target);
	uint64_t last = raft_last_index(&c.nodes[leader].raft);
	const struct cluster_answer *a;
	struct msg_log_entry e = { .key = "k", .value = "v0", .mid = "p0" };
	struct raft_update u;

	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[leader].raft), last); /* not appended */
	msg_id_copy(e.client, CLIENT_ID);
	raft_update_init(&u);
	CU_ASSERT_EQUAL(raft_propose(&c.nodes[leader].raft, &e, c.now, &u), 0); /* the core refuses too */
	raft_update_free(&u);
	cluster_advance(&c, 200);
	a = only_answer("p1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	cluster_get(&c, (size_t)target, "g1", "k");
	cluster_advance(&c, 50);
	a = only_answer("g1");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_OK && strcmp(a->value, "v1") == 0);
	cluster_free(&c);
}

/* 3.10: "the prior leader sends its log entries to the target server";
 * timeout_now only once the target's log matches. */
static void test_a_target_that_lags_is_brought_up_to_date_before_timeout_now(void)
{
	int target, leader = elect_with_target(64, &target);
	const struct cluster_answer *a;

	c.side[target] = 1; /* it misses a few puts */
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	cluster_put(&c, (size_t)leader, "p2", "k", "v2");
	cluster_advance(&c, 20);
	CU_ASSERT_TRUE(only_answer("p2") != NULL);
	drop_traffic_of(target);
	c.side[target] = 0;
	CU_ASSERT_TRUE(c.nodes[leader].raft.peers[0].match_index < raft_last_index(&c.nodes[leader].raft) ||
		       c.nodes[leader].raft.peers[1].match_index < raft_last_index(&c.nodes[leader].raft));
	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	CU_ASSERT_EQUAL(in_flight(MSG_TYPE_TIMEOUT_NOW), 0);
	CU_ASSERT_TRUE(in_flight(MSG_TYPE_APPEND_ENTRIES) >= 1);
	cluster_advance(&c, 100);
	a = only_answer("t1");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_OK);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[target].raft), raft_last_index(&c.nodes[target].raft));
	cluster_free(&c);
}

/* 3.10: "if the transfer does not complete after about one election
 * timeout, the prior leader aborts the transfer and resumes accepting
 * client requests". */
static void test_a_transfer_that_does_not_complete_is_aborted_and_the_leader_resumes(void)
{
	int target, leader = elect_with_target(65, &target);
	uint64_t term = raft_term(&c.nodes[leader].raft);
	const struct cluster_answer *a;

	c.side[target] = 1; /* it never hears */
	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	cluster_advance(&c, raft_default_timing().election_min + 10);
	a = only_answer("t1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(a->error, "did not take over"));
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_EQUAL(raft_term(&c.nodes[leader].raft), term);
	CU_ASSERT_PTR_NULL(raft_transfer_target(&c.nodes[leader].raft));
	a = only_answer("p1"); /* the write that waited is served */
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_OK);
	cluster_free(&c);
}

/* Our rule (raft_transfer.c): voters may elect the target within the
 * leader's lease, so a leader that sent timeout_now reads through a
 * read-index round for the rest of its term, even once it resumes. */
static void test_a_leader_that_sent_timeout_now_has_no_lease_for_the_rest_of_its_term(void)
{
	int target, leader = elect_with_target(66, &target);

	cluster_advance(&c, 5);
	CU_ASSERT_TRUE(raft_lease_valid(&c.nodes[leader].raft, c.now));
	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	CU_ASSERT_TRUE_FATAL(run_until_timeout_now(5));
	drop_traffic_of(target); /* the timeout_now is lost */
	c.side[target] = 1;
	CU_ASSERT_FALSE(raft_lease_valid(&c.nodes[leader].raft, c.now));
	cluster_advance(&c, raft_default_timing().election_min + 10);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_FALSE(raft_lease_valid(&c.nodes[leader].raft, c.now));
	cluster_free(&c);
}

/* A lost timeout_now would cost the whole transfer: the target's next
 * answer in the leader's term shows it never campaigned, and it is sent
 * timeout_now again (as etcd does). */
static void test_a_lost_timeout_now_is_sent_again_when_the_target_answers(void)
{
	int target, leader = elect_with_target(69, &target);
	uint64_t start = c.now;
	size_t i;

	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == MSG_TYPE_TIMEOUT_NOW)
			cluster_drop(&c, i--);
	while (!only_answer("t1") && c.now < start + raft_default_timing().election_min)
		cluster_advance(&c, 1);
	CU_ASSERT_TRUE(only_answer("t1") && only_answer("t1")->type == MSG_TYPE_OK);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	cluster_free(&c);
}

/* Our rule (raft_transfer.c): timeout_now only once the target knows
 * every entry committed with its client answered, so that as leader it
 * answers nobody again (five replicas: the delegate answers the puts). */
static void test_the_target_knows_every_answer_sent_before_it_campaigns(void)
{
	int leader = fixture_elect(&c, 5, 70), target = (leader + 1) % 5;
	char mid[8];
	size_t i, count;

	for (i = 0; i < 6; i++) {
		snprintf(mid, sizeof mid, "p%zu", i);
		cluster_put(&c, (size_t)leader, mid, "k", mid);
	}
	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	CU_ASSERT_TRUE_FATAL(run_until_timeout_now(50));
	CU_ASSERT_EQUAL(raft_answered_upto(&c.nodes[target].raft), raft_last_index(&c.nodes[leader].raft));
	cluster_advance(&c, 100);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	for (i = 0; i < 6; i++) {
		snprintf(mid, sizeof mid, "p%zu", i);
		cluster_answer(&c, mid, &count);
		CU_ASSERT_EQUAL(count, 1);
	}
	cluster_free(&c);
}

/* Cluster mode (node_step.c): a get the prior leader was serving when it
 * stepped down goes to the new leader, which answers it; before, it was
 * redirected naming nobody, and its client started over. */
static void test_a_get_the_prior_leader_was_serving_reaches_the_new_leader(void)
{
	int target, leader = elect_with_target(72, &target);
	const char *old = raft_id(&c.nodes[leader].raft);
	const struct cluster_answer *a;
	size_t i;

	for (i = 0; i < c.n; i++)
		node_set_forward_within(&c.nodes[i], raft_default_timing().election_min);
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	cluster_advance(&c, 10);
	cluster_move_leader(&c, (size_t)leader, "t1", raft_id(&c.nodes[target].raft));
	CU_ASSERT_TRUE_FATAL(run_until_timeout_now(5));
	cluster_request(&c, (size_t)leader, CLIENT_ID, old, MSG_TYPE_GET, "g1", "k", NULL); /* a read round: no lease */
	for (i = 0; i < c.n_wire; i++) /* the round is lost: the get still waits when its leader steps down */
		if (c.wire[i].type == MSG_TYPE_APPEND_ENTRIES)
			cluster_drop(&c, i--);
	cluster_advance(&c, 100);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[target].raft));
	a = only_answer("g1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_STRING_EQUAL(a->value, "v1");
	cluster_free(&c);
}

/* Our rule (raft_recv_timeout_now.c): only the leader a follower follows,
 * in its term, makes it campaign; a stray timeout_now disturbs nobody. */
static void test_a_timeout_now_from_anyone_but_the_leader_of_the_term_is_ignored(void)
{
	int target, leader = elect_with_target(67, &target);
	int other = (leader + 2) % 3;
	uint64_t term = raft_term(&c.nodes[target].raft);
	struct msg_any m;

	msg_any_init(&m, MSG_TYPE_TIMEOUT_NOW);
	msg_id_copy(m.as.env.src, raft_id(&c.nodes[other].raft));
	msg_id_copy(m.as.env.dst, raft_id(&c.nodes[target].raft));
	msg_id_copy(m.as.env.leader, MSG_ID_BROADCAST);
	m.as.timeout_now.term = term;
	cluster_inject(&c, (size_t)target, &m);
	msg_id_copy(m.as.env.src, raft_id(&c.nodes[leader].raft));
	m.as.timeout_now.term = term - 1;
	cluster_inject(&c, (size_t)target, &m);
	CU_ASSERT_EQUAL(raft_role_of(&c.nodes[target].raft), RAFT_FOLLOWER);
	CU_ASSERT_EQUAL(raft_term(&c.nodes[target].raft), term);
	CU_ASSERT_EQUAL(in_flight(MSG_TYPE_REQUEST_VOTE), 0);
	cluster_free(&c);
}

/* move_leader's answers in etcdctl's manner: a follower points at the
 * leader; the leader refuses a target that is no member, says ok to
 * itself, and refuses a second transfer while one is under way. */
static void test_move_leader_is_refused_with_a_reason_or_redirected(void)
{
	int target, leader = elect_with_target(68, &target);
	const struct cluster_answer *a;

	cluster_move_leader(&c, (size_t)target, "t1", raft_id(&c.nodes[target].raft));
	a = only_answer("t1");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_REDIRECT && strcmp(a->leader, raft_id(&c.nodes[leader].raft)) == 0);
	cluster_move_leader(&c, (size_t)leader, "t2", "0ABC");
	a = only_answer("t2");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_FAIL && strstr(a->error, "0ABC") && strstr(a->error, "not a member"));
	cluster_move_leader(&c, (size_t)leader, "t3", raft_id(&c.nodes[leader].raft));
	a = only_answer("t3");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_OK);
	c.side[target] = 1;
	cluster_move_leader(&c, (size_t)leader, "t4", raft_id(&c.nodes[target].raft));
	cluster_move_leader(&c, (size_t)leader, "t4", raft_id(&c.nodes[target].raft)); /* a resend */
	cluster_move_leader(&c, (size_t)leader, "t5", raft_id(&c.nodes[(leader + 2) % 3].raft));
	CU_ASSERT_PTR_NULL(only_answer("t4"));
	a = only_answer("t5");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_FAIL && strstr(a->error, "already under way"));
	cluster_advance(&c, raft_default_timing().election_min + 10); /* the one under way still ends in an answer */
	a = only_answer("t4");
	CU_ASSERT_TRUE(a && a->type == MSG_TYPE_FAIL && strstr(a->error, "did not take over"));
	cluster_free(&c);
}

static CU_TestInfo tests[] = {
	{ "transfer: the target campaigns at once and wins without an election timeout",
	  test_the_target_campaigns_at_once_and_wins_without_an_election_timeout },
	{ "transfer: voters disregard a fresh leader when the RequestVote carries the transfer flag",
	  test_voters_grant_a_transfer_vote_though_their_leader_is_fresh },
	{ "transfer: the prior leader stops accepting new client requests; they reach the new leader",
	  test_the_prior_leader_stops_accepting_requests_and_they_reach_the_new_one },
	{ "transfer: the prior leader sends its log entries to the target before timeout_now",
	  test_a_target_that_lags_is_brought_up_to_date_before_timeout_now },
	{ "transfer: after about one election timeout the prior leader aborts and resumes",
	  test_a_transfer_that_does_not_complete_is_aborted_and_the_leader_resumes },
	{ "transfer: a leader that sent timeout_now has no lease for the rest of its term",
	  test_a_leader_that_sent_timeout_now_has_no_lease_for_the_rest_of_its_term },
	{ "transfer: a lost timeout_now is sent again when the target answers in the old term",
	  test_a_lost_timeout_now_is_sent_again_when_the_target_answers },
	{ "transfer: timeout_now only once the target knows every entry committed and answered",
	  test_the_target_knows_every_answer_sent_before_it_campaigns },
	{ "transfer, cluster mode: a get the prior leader was serving reaches the new leader",
	  test_a_get_the_prior_leader_was_serving_reaches_the_new_leader },
	{ "transfer: a timeout_now from anyone but the leader of the term is ignored",
	  test_a_timeout_now_from_anyone_but_the_leader_of_the_term_is_ignored },
	{ "move_leader: redirected by a follower, refused with a reason by the leader",
	  test_move_leader_is_refused_with_a_reason_or_redirected },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "raft: leadership transfer", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_raft_transfer_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
