/*
 * Golden decision traces (cowsql's CLUSTER_TRACE style): the subtle
 * scenarios run on the in-process cluster, and what the replicas decided,
 * in their own words, must read exactly as written here. A failing test
 * prints the expected and the actual trace side by side. Each line is
 * "<ms since start> <replica> <decision>".
 *
 * To update a trace after a deliberate change of behaviour, run
 * TRACE_PRINT=1 UNIT_SUITE="golden traces" build/unit_tests, read the new
 * trace line by line, and paste it here only if every line is right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "test_suites.h"

static struct cluster c;

static size_t split_lines(char *text, const char **lines, size_t max)
{
	size_t n = 0;
	char *save = NULL, *line;

	for (line = strtok_r(text, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save))
		lines[n++] = line;
	return n;
}

/* Prints expected and actual side by side, marking lines that differ. */
static void print_side_by_side(const char *expected, const char *actual)
{
	static char e_copy[sizeof c.trace], a_copy[sizeof c.trace];
	static const char *e_lines[512], *a_lines[512];
	size_t ne, na, i;

	snprintf(e_copy, sizeof e_copy, "%s", expected);
	snprintf(a_copy, sizeof a_copy, "%s", actual);
	ne = split_lines(e_copy, e_lines, 512);
	na = split_lines(a_copy, a_lines, 512);
	fprintf(stderr, "\n%-72s   %s\n", "expected", "actual");
	for (i = 0; i < ne || i < na; i++) {
		const char *e = i < ne ? e_lines[i] : "", *a = i < na ? a_lines[i] : "";

		fprintf(stderr, "%-72.72s %c %s\n", e, strcmp(e, a) ? '|' : ' ', a);
	}
}

static void check_trace(const char *expected)
{
	if (getenv("TRACE_PRINT"))
		fprintf(stderr, "\n%s", c.trace);
	if (strcmp(expected, c.trace) != 0)
		print_side_by_side(expected, c.trace);
	CU_ASSERT_STRING_EQUAL(c.trace, expected);
}

static void append_entries_of_terms(size_t node, const uint64_t *terms, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char mid[16];
		struct msg_log_entry e = { .term = terms[i], .key = "k", .value = "v", .mid = mid };

		snprintf(mid, sizeof mid, "t%llu-%zu", (unsigned long long)terms[i], i + 1);
		msg_id_copy(e.client, CLIENT_ID);
		CU_ASSERT_EQUAL_FATAL(cluster_append(&c, node, &e, true), 0);
	}
}

static void isolate(size_t node, bool cut)
{
	c.side[node] = cut ? 1 : 0;
}

/* Advances time like cluster_advance, but every message between replicas
 * a and b is lost: a link cut, while both still reach everyone else. */
static void advance_with_cut(size_t a, size_t b, uint64_t ms)
{
	while (ms--) {
		cluster_step_time(&c);
		while (c.n_wire) {
			const char *src = c.wire[0].as.env.src, *dst = c.wire[0].as.env.dst;
			const char *ia = raft_id(&c.nodes[a].raft), *ib = raft_id(&c.nodes[b].raft);

			if ((!strcmp(src, ia) && !strcmp(dst, ib)) || (!strcmp(src, ib) && !strcmp(dst, ia)))
				cluster_drop(&c, 0);
			else
				cluster_deliver(&c, 0);
		}
	}
}

/* Pre-vote (section 9.6): a replica that cannot hear the leader, though
 * the other follower can, times out and asks for pre-votes; the follower
 * refuses while its leader is fresh, and nobody's term moves. */
static const char pre_vote_refused[] =
	" 1580 0000 commit 0 -> 1: as the leader says\n"
	" 2260 0002 election timeout in term 1: start pre-vote\n"
	" 2260 0000 pre-vote from 0002 for term 2: refuse\n";

static void test_pre_vote_is_refused_while_the_leader_is_fresh(void)
{
	int leader;
	size_t loner;

	cluster_init(&c, 3, 5);
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	loner = (size_t)(leader + 1) % 3;
	cluster_trace_start(&c, RAFT_LOG_DEBUG);
	advance_with_cut((size_t)leader, loner, 2500);
	check_trace(pre_vote_refused);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_EQUAL(raft_term(&c.nodes[loner].raft), raft_term(&c.nodes[leader].raft));
	cluster_free(&c);
}

/* Check-quorum (section 9.6): a leader that hears from no majority for
 * check_quorum ms steps down, so clients are not held by a leader that
 * cannot commit. */
static const char check_quorum_step_down[] =
	" 2142 0000 election timeout in term 1: start pre-vote\n"
	" 2142 0000 pre-vote won: campaign for term 2\n"
	" 2142 0001 term 1 -> 2: remote term is higher, become follower\n"
	" 2142 0001 remote log is up to date: grant vote to 0000 in term 2\n"
	" 2142 0000 won the election: leader of term 2\n"
	" 3268 0002 check-quorum: heard from 1 of 3 voters within 2000 ms, step down\n"
	" 3268 0002 leader -> follower in term 1\n";

static void test_a_leader_without_a_majority_steps_down(void)
{
	int leader;
	size_t i;

	cluster_init(&c, 3, 6);
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	for (i = 0; i < 3; i++)
		isolate(i, (int)i == leader);
	cluster_trace_start(&c, RAFT_LOG_INFO);
	cluster_advance(&c, 2400);
	check_trace(check_quorum_step_down);
	cluster_free(&c);
}

/* Section 5.3 with the follower's hints: a follower holding entries of two
 * terms that never won is brought in line in one round trip per term, and
 * its conflicting suffix is dropped. Before the election: 0000 and 0002
 * hold terms 1 1 1 4 4 4 4; 0001 holds 1 1 1 2 2 2 3 3 3 3 3. */
static const char conflict_backtracking[] =
	" 1518 0001 term 4 -> 5: remote term is higher, become follower\n"
	" 1518 0000 0001 lacks entries: hint index 7 term 3 -> send from 7\n"
	" 1518 0000 0001 lacks entries: hint index 4 term 2 -> send from 4\n"
	" 1518 0001 entry 4 conflicts: drop it and all after it\n"
	" 1518 0001 commit 0 -> 8: as the leader says\n";

static void test_conflict_hints_skip_a_whole_term_per_round_trip(void)
{
	static const uint64_t winners[] = { 1, 1, 1, 4, 4, 4, 4 };
	static const uint64_t loser[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3 };

	cluster_init(&c, 3, 7);
	append_entries_of_terms(0, winners, 7);
	append_entries_of_terms(1, loser, 11);
	append_entries_of_terms(2, winners, 7);
	cluster_set_term(&c, 1, 4);
	isolate(1, true);
	CU_ASSERT_FATAL(cluster_elect(&c, 5000) >= 0);
	isolate(1, false);
	cluster_trace_start(&c, RAFT_LOG_DEBUG);
	cluster_advance(&c, raft_default_timing().heartbeat + 100);
	check_trace(conflict_backtracking);
	CU_ASSERT_EQUAL(raft_last_index(&c.nodes[1].raft), raft_last_index(&c.nodes[0].raft));
	CU_ASSERT_EQUAL(raft_log_term(&c.nodes[1].raft.log, 4), 4);
	cluster_free(&c);
}

/* Figure 8: an entry of an earlier term, stored on a majority, is not
 * committed by counting; the new leader's no-op of its own term commits
 * it. 0000 holds an entry of term 2 that 0001 also has; 0002 has none. */
static const char figure_8[] =
	" 1043 0000 election timeout in term 2: start pre-vote\n"
	" 1043 0001 pre-vote from 0000 for term 3: grant\n"
	" 1043 0002 pre-vote from 0000 for term 3: grant\n"
	" 1043 0000 pre-vote won: campaign for term 3\n"
	" 1043 0001 term 2 -> 3: remote term is higher, become follower\n"
	" 1043 0001 remote log is up to date: grant vote to 0000 in term 3\n"
	" 1043 0002 term 2 -> 3: remote term is higher, become follower\n"
	" 1043 0002 remote log is up to date: grant vote to 0000 in term 3\n"
	" 1043 0000 won the election: leader of term 3\n"
	" 1043 0000 commit 0 -> 2: stored on a majority\n"
	" 1043 0000 entry 1 committed: ok to 0100 for t2-1\n"
	" 1043 0000 0002 lacks entries: hint index 1 term 0 -> send from 1\n"
	" 1043 0001 commit 0 -> 2: as the leader says\n"
	" 1043 0002 commit 0 -> 2: as the leader says\n";

static void test_figure_8_an_old_entry_commits_only_with_one_of_the_current_term(void)
{
	static const uint64_t old[] = { 2 };

	cluster_init(&c, 3, 8);
	append_entries_of_terms(0, old, 1);
	append_entries_of_terms(1, old, 1);
	cluster_set_term(&c, 2, 2);
	cluster_trace_start(&c, RAFT_LOG_DEBUG);
	CU_ASSERT_FATAL(cluster_elect(&c, 5000) >= 0);
	check_trace(figure_8);
	cluster_free(&c);
}

/* A new leader adopts the commit index it learns from a voter: leader
 * 0001 sent a put to both followers and answered it; its commit notice
 * reached only 0002, then it died. 0000 times out first, and 0002's vote
 * tells it that the put was answered: it commits the put without a
 * second ok. */
static const char known_commit_adopted[] =
	" 2148 0000 election timeout in term 1: start pre-vote\n"
	" 2148 0002 pre-vote from 0000 for term 2: grant\n"
	" 2148 0000 pre-vote won: campaign for term 2\n"
	" 2148 0002 term 1 -> 2: remote term is higher, become follower\n"
	" 2148 0002 remote log is up to date: grant vote to 0000 in term 2\n"
	" 2148 0000 won the election: leader of term 2\n"
	" 2148 0000 commit 1 -> 2: known committed, answered by an earlier leader\n"
	" 2148 0000 commit 2 -> 3: stored on a majority\n";

static void test_a_new_leader_adopts_a_known_commit_without_answering_again(void)
{
	uint64_t seed = 15;
	size_t n, i;

	cluster_init(&c, 3, seed);
	while (cluster_elect(&c, 5000) != 1) { /* any seed will do: the first where 0001 leads */
		cluster_free(&c);
		cluster_init(&c, 3, ++seed);
	}
	cluster_advance(&c, 20);
	/* As after a loss: the put goes to both followers, not just one. */
	cluster_widen(&c, 1, c.now + 1000);
	cluster_put(&c, 1, "w1", "k", "v1");
	while (c.n_wire) {
		const struct msg_any *m = &c.wire[0];

		if (m->type == MSG_TYPE_APPEND_ENTRIES && m->as.append_entries.quiet && !strcmp(m->as.env.dst, "0000"))
			cluster_drop(&c, 0); /* the commit notice to 0000 is lost */
		else
			cluster_deliver(&c, 0);
	}
	CU_ASSERT_EQUAL(cluster_answer(&c, "w1", &n)->type, MSG_TYPE_OK);
	c.alive[1] = false;
	/* 0000 times out first, once 0002 no longer counts 0001 as fresh. */
	cluster_set_election_timer(&c, 0, c.now + raft_default_timing().election_min + 5);
	cluster_set_election_timer(&c, 2, c.now + 2 * raft_default_timing().election_min - 1);
	cluster_trace_start(&c, RAFT_LOG_DEBUG);
	for (i = 0; i < raft_default_timing().election_min + 50; i++)
		cluster_advance(&c, 1);
	check_trace(known_commit_adopted);
	CU_ASSERT_TRUE(raft_is_leader(&c.nodes[0].raft));
	cluster_answer(&c, "w1", &n);
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* Replication along a chain (five replicas): the leader sends a put to
 * one follower, which stores it and passes it on; the second, the
 * delegate, then knows that three of five hold it, answers the client and
 * replies to the leader for both. No commit notices follow. Then the
 * delegate is cut off: the next put goes by star, which ends the
 * delegate's share, and the leader answers it itself. */
static const char chain_and_star[] =
	" 1347 0002 0001 answers clients from entry 2 on\n"
	" 1347 0002 put w1 from 0100: appended at 2\n"
	" 1348 0000 commit 0 -> 1: as the leader says\n"
	" 1348 0000 stored up to 2, pass it on to 0001\n"
	" 1348 0001 answer the clients of entries from 2 on for leader 0002\n"
	" 1348 0001 it holds up to 2, as do the leader and 1 relaying followers: committed\n"
	" 1348 0001 commit 0 -> 2: as the leader says\n"
	" 1348 0001 entry 2 committed: ok to 0100 for w1\n"
	" 1348 0002 commit 1 -> 2: stored on a majority\n"
	" 1792 0003 commit 0 -> 2: as the leader says\n"
	" 1792 0004 commit 0 -> 2: as the leader says\n"
	" 1797 0000 commit 1 -> 2: as the leader says\n"
	" 1802 0002 0001's share ends at 2\n"
	" 1802 0002 put w2 from 0100: appended at 3\n"
	" 1803 0002 commit 2 -> 3: stored on a majority\n"
	" 1803 0002 entry 3 committed: ok to 0100 for w2\n"
	" 1803 0000 commit 2 -> 3: as the leader says\n"
	" 1803 0003 commit 2 -> 3: as the leader says\n";

static void test_a_chain_delegate_answers_and_a_star_ends_its_share(void)
{
	const struct cluster_answer *a;
	int leader;
	size_t n, d;

	cluster_init(&c, 5, 11);
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	cluster_advance(&c, 5);
	cluster_trace_start(&c, RAFT_LOG_DEBUG);
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	cluster_advance(&c, 5);
	a = cluster_answer(&c, "w1", &n);
	CU_ASSERT_FATAL(a != NULL && n == 1);
	CU_ASSERT_STRING_NOT_EQUAL(a->from, raft_id(&c.nodes[leader].raft));
	for (d = 0; d < c.n && strcmp(raft_id(&c.nodes[d].raft), a->from) != 0; d++)
		;
	isolate(d, true);
	cluster_advance(&c, raft_default_timing().heartbeat);
	cluster_put(&c, (size_t)leader, "w2", "k", "v2");
	cluster_advance(&c, 5);
	check_trace(chain_and_star);
	a = cluster_answer(&c, "w2", &n);
	CU_ASSERT_FATAL(a != NULL && n == 1);
	CU_ASSERT_STRING_EQUAL(a->from, raft_id(&c.nodes[leader].raft));
	cluster_free(&c);
}

static CU_TestInfo trace_tests[] = {
	{ "pre-vote is refused while the leader is fresh", test_pre_vote_is_refused_while_the_leader_is_fresh },
	{ "check-quorum: a leader without a majority steps down", test_a_leader_without_a_majority_steps_down },
	{ "conflict hints skip a whole term per round trip", test_conflict_hints_skip_a_whole_term_per_round_trip },
	{ "figure 8: an old entry commits only with one of the current term",
	  test_figure_8_an_old_entry_commits_only_with_one_of_the_current_term },
	{ "a new leader adopts a known commit without answering again",
	  test_a_new_leader_adopts_a_known_commit_without_answering_again },
	{ "a chain's delegate answers, and a star ends its share",
	  test_a_chain_delegate_answers_and_a_star_ends_its_share },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo trace_suites[] = {
	{ "golden traces", NULL, NULL, NULL, NULL, trace_tests },
	CU_SUITE_INFO_NULL,
};

int test_traces_register(void)
{
	return CU_register_suites(trace_suites) == CUE_SUCCESS ? 0 : -1;
}
