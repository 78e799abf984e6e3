/*
 * The node around the core: leases and reads, holding and forwarding requests, redirects (the client rules of simulator.md).
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

static void test_a_leader_lease_expires_without_acknowledgements(void)
{
	int leader;
	size_t i;

	leader = fixture_elect(&c, 3, 9);
	cluster_advance(&c, 10);
	CU_ASSERT_TRUE(raft_lease_valid(&c.nodes[leader].raft, c.now));
	for (i = 0; i < 3; i++)
		c.side[i] = (int)i == leader;
	cluster_advance(&c, raft_default_timing().lease + 1);
	CU_ASSERT_FALSE(raft_lease_valid(&c.nodes[leader].raft, c.now));
	cluster_free(&c);
}

static void test_a_cut_off_leader_never_answers_a_read(void)
{
	int leader;
	size_t i, n;

	leader = fixture_elect(&c, 5, 10);
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	cluster_advance(&c, 5);
	for (i = 0; i < 5; i++)
		c.side[i] = (int)i == leader;
	cluster_advance(&c, raft_default_timing().lease + 1);
	cluster_get(&c, (size_t)leader, "r1", "k");
	cluster_advance(&c, 50);
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "r1", &n));
	cluster_free(&c);
}

static void test_a_follower_forwards_a_request_once_the_leader_is_heard_from_after_it(void)
{
	const struct cluster_answer *a;
	size_t n, follower;
	int leader;

	leader = fixture_elect(&c, 3, 11);
	follower = (size_t)(leader + 1) % 3;
	cluster_get(&c, follower, "r1", "k");
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "r1", &n)); /* its belief predates the request */
	cluster_advance(&c, raft_default_timing().heartbeat + 1);
	a = cluster_answer(&c, "r1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK); /* answered by the leader itself */
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(a->from, raft_id(&c.nodes[leader].raft));
	CU_ASSERT_STRING_EQUAL(a->leader, raft_id(&c.nodes[leader].raft));
	cluster_free(&c);
}

/* Takes the first in-flight message of this type off the wire, unseen. */
static bool lose_first(enum msg_type type)
{
	size_t i;

	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == type) {
			cluster_drop(&c, i);
			return true;
		}
	return false;
}

/* A put p1 to the follower, and time and delivery until its forward is on
 * the wire (the follower forwards once it hears from the leader). */
static void put_until_forwarded(size_t follower)
{
	cluster_put(&c, follower, "p1", "k", "v");
	while (!cluster_in_flight(&c, MSG_TYPE_FORWARD)) {
		cluster_step_time(&c);
		while (c.n_wire && !cluster_in_flight(&c, MSG_TYPE_FORWARD))
			cluster_deliver(&c, 0);
	}
}

static void test_a_lost_forward_or_acknowledgement_is_resent_and_answered_once(void)
{
	const struct cluster_answer *a;
	size_t n, follower;
	int leader, lost;

	for (lost = 0; lost < 2; lost++) {
		leader = fixture_elect(&c, 3, 15);
		follower = (size_t)(leader + 1) % 3;
		put_until_forwarded(follower);
		if (lost == 0) {
			CU_ASSERT_TRUE(lose_first(MSG_TYPE_FORWARD));
		} else {
			cluster_deliver(&c, cluster_find(&c, MSG_TYPE_FORWARD));
			CU_ASSERT_TRUE(lose_first(MSG_TYPE_FORWARD_ACK)); /* taken, but the follower does not know */
		}
		/* Resent once the leader is heard from again: by its next heartbeat. */
		cluster_advance(&c, raft_default_timing().heartbeat + 50);
		a = cluster_answer(&c, "p1", &n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
		CU_ASSERT_EQUAL(n, 1);
		CU_ASSERT_EQUAL(c.nodes[follower].forwarded.n, 0);
		cluster_free(&c);
	}
}

/* A forward can reach its leader after that leader stepped down: here a
 * partition cuts the leader off, so it steps down, while the forward is on
 * its way. It did not take the request and never will (the forward names
 * its term), so it says so, and the follower holds the request for the
 * next leader; before, the forward was ignored, and the request dropped
 * once the follower heard of the successor. */
static void test_a_forward_that_reaches_a_leader_after_it_stepped_down_goes_to_the_next_leader(void)
{
	const struct cluster_answer *a;
	struct msg_any forward;
	size_t i, n, follower;
	int leader, next = -1;

	leader = fixture_elect(&c, 5, 15);
	follower = (size_t)(leader + 1) % 5;
	put_until_forwarded(follower);
	i = cluster_find(&c, MSG_TYPE_FORWARD);
	forward = c.wire[i]; /* ours now: delayed on the way */
	memmove(&c.wire[i], &c.wire[i + 1], (c.n_wire - i - 1) * sizeof *c.wire);
	c.n_wire--;
	c.side[leader] = 1; /* cut off, it steps down; the rest elect another */
	c.side[follower] = 2;
	do
		cluster_advance(&c, 10);
	while ((raft_is_leader(&c.nodes[leader].raft) || cluster_leader(&c) < 0) && c.now < CLUSTER_START_MS + 10000);
	CU_ASSERT_FATAL(!raft_is_leader(&c.nodes[leader].raft));
	cluster_inject(&c, (size_t)leader, &forward);
	msg_any_free(&forward);
	for (i = 0; i < c.n; i++)
		c.side[i] = 0;
	cluster_advance(&c, 2000);
	next = cluster_leader(&c);
	CU_ASSERT_FATAL(next >= 0 && next != leader);
	a = cluster_answer(&c, "p1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_OK);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(a->leader, raft_id(&c.nodes[next].raft)); /* by it or its delegate */
	cluster_free(&c);
}

static void test_a_follower_never_sends_a_request_to_a_leader_that_died_before_it(void)
{
	const struct cluster_answer *a;
	size_t n, follower;
	int leader, next;

	leader = fixture_elect(&c, 5, 21);
	follower = (size_t)(leader + 1) % 5;
	c.alive[leader] = false;
	cluster_put(&c, follower, "p1", "k", "v");
	cluster_advance(&c, raft_default_timing().election_min / 2);
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "p1", &n)); /* held: no leader heard from since */
	next = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(next >= 0 && next != leader);
	cluster_advance(&c, 20);
	a = cluster_answer(&c, "p1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(a->leader, raft_id(&c.nodes[next].raft));
	cluster_free(&c);
}

/* Found by fuzz_node: an entry that names a client but no MID (no correct
 * leader makes one; the schema allows an empty MID for no-ops) was answered
 * with an ok that does not encode. */
static void test_an_entry_without_a_mid_is_applied_and_answered_to_no_one(void)
{
	struct msg_log_entry e = { .key = "k", .value = "v", .mid = "" };
	const struct cluster_answer *a;
	size_t i, n;
	int leader;

	leader = fixture_elect(&c, 3, 24);
	msg_id_copy(e.client, CLIENT_ID);
	for (i = 0; i < 3; i++) { /* as if an earlier leader had replicated it everywhere */
		e.term = raft_term(&c.nodes[leader].raft);
		cluster_append(&c, i, &e, false);
	}
	cluster_put(&c, (size_t)leader, "p1", "k", "v1");
	cluster_advance(&c, 500);
	a = cluster_answer(&c, "p1", &n);
	CU_ASSERT_PTR_NOT_NULL(a); /* the put after it commits, so the entry did too */
	CU_ASSERT_EQUAL(c.nodes[leader].applied, raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "", &n));
	cluster_free(&c);
}

static void test_a_client_that_takes_a_follower_for_its_leader_is_told_at_once(void)
{
	const struct cluster_answer *a;
	size_t n, follower;
	int leader;

	leader = fixture_elect(&c, 3, 14);
	follower = (size_t)(leader + 1) % 3;
	cluster_request(&c, follower, CLIENT_ID, raft_id(&c.nodes[follower].raft), MSG_TYPE_GET, "r1", "k", NULL);
	a = cluster_answer(&c, "r1", &n); /* no waiting for the next heartbeat */
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_REDIRECT);
	CU_ASSERT_STRING_EQUAL(a->leader, raft_id(&c.nodes[leader].raft));
	cluster_free(&c);
}

static void test_without_a_leader_a_request_is_held_then_served(void)
{
	const struct cluster_answer *a;
	size_t n;
	int leader;

	cluster_init(&c, 3, 12);
	cluster_put(&c, 0, "early", "k", "v");
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "early", &n));
	leader = cluster_elect(&c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	cluster_advance(&c, 20);
	a = cluster_answer(&c, "early", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT(a->type == MSG_TYPE_OK || a->type == MSG_TYPE_REDIRECT);
	cluster_free(&c);
}

static void test_reads_see_acknowledged_writes(void)
{
	const struct cluster_answer *a;
	int leader;
	size_t n;

	leader = fixture_elect(&c, 5, 13);
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	cluster_advance(&c, 5);
	CU_ASSERT_EQUAL(cluster_answer(&c, "w1", &n)->type, MSG_TYPE_OK);
	cluster_get(&c, (size_t)leader, "r1", "k");
	cluster_advance(&c, 5);
	a = cluster_answer(&c, "r1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_TRUE(a->has_value);
	CU_ASSERT_STRING_EQUAL(a->value, "v1");
	cluster_free(&c);
}

static void test_a_put_that_lost_its_slot_is_redirected_by_the_replica_that_took_it(void)
{
	const struct cluster_answer *a;
	int leader, next;
	size_t i, n;

	leader = fixture_elect(&c, 3, 16);
	for (i = 0; i < 3; i++)
		c.side[i] = (int)i == leader;
	cluster_put(&c, (size_t)leader, "lost", "k", "v-lost");
	next = -1;
	while (next < 0 || next == leader) {
		cluster_advance(&c, 1);
		next = cluster_leader(&c);
		if (next == leader && !raft_is_leader(&c.nodes[leader].raft))
			next = -1;
		for (i = 0; i < 3 && next == leader; i++)
			if ((int)i != leader && raft_is_leader(&c.nodes[i].raft))
				next = (int)i;
	}
	cluster_put(&c, (size_t)next, "won", "k", "v-won");
	cluster_advance(&c, 50);
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "lost", &n));
	for (i = 0; i < 3; i++)
		c.side[i] = 0;
	cluster_advance(&c, 3000);
	a = cluster_answer(&c, "lost", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_EQUAL(a->type, MSG_TYPE_REDIRECT);
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* The test-bed's client may have a get and a put of one key in flight at
 * once, and checks the get against the puts it saw acknowledged when the
 * get's answer arrives. Here a get waits at the leader for an earlier put
 * of its key (w0) when a later put (w1) arrives; the chain carries both to
 * the delegate, which answers both, before any reply reaches the leader.
 * The leader then learns of w0 alone: answering the get now would give
 * the client v0 after it was told w1 was done. */
static void test_a_get_waits_for_a_put_of_its_key_that_arrived_after_it(void)
{
	const struct cluster_answer *got;
	size_t i, n;
	int leader = fixture_elect(&c, 5, 61);

	cluster_put(&c, (size_t)leader, "w-open", "k", "v-open"); /* opens a share */
	cluster_advance(&c, 20);
	cluster_put(&c, (size_t)leader, "w0", "k", "v0");
	cluster_get(&c, (size_t)leader, "g1", "k");
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	for (i = 0; i < c.n_wire;)
		if (strcmp(c.wire[i].as.env.dst, raft_id(&c.nodes[leader].raft)) == 0)
			i++;
		else
			cluster_deliver(&c, i), i = 0;
	CU_ASSERT_PTR_NOT_NULL_FATAL(cluster_answer(&c, "w1", &n));
	while (c.n_wire) {
		cluster_deliver(&c, 0);
		got = cluster_answer(&c, "g1", &n);
		CU_ASSERT(got == NULL || strcmp(got->value, "v1") == 0);
	}
	cluster_advance(&c, 1000);
	got = cluster_answer(&c, "g1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got->value, "v1");
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* A leader's step that commits a put sends the ok ahead of the commit
 * notices it sends the followers in the same step: a replica stopped in
 * the middle of sending (a kill; a receiving buffer that fills) then
 * loses a notice, not the ok (issue 24, A). */
static void test_a_leaders_answers_leave_before_its_messages_to_peers(void)
{
	size_t i, steps = 0, first_ok = SIZE_MAX, first_peer = SIZE_MAX;
	bool checked = false;
	int leader;

	leader = fixture_elect(&c, 3, 43);
	cluster_settle(&c, 1000);
	cluster_put(&c, (size_t)leader, "w", "k", "v");
	while (c.n_wire && steps++ < 100 && !checked) {
		const struct msg_any *m = &c.wire[0];
		struct raft_update u;

		if (m->type != MSG_TYPE_APPEND_ENTRIES_REPLY ||
		    strcmp(m->as.env.dst, raft_id(&c.nodes[leader].raft)) != 0) {
			cluster_deliver(&c, 0);
			continue;
		}
		raft_update_init(&u);
		node_receive(&c.nodes[leader], m, c.now, &u);
		for (i = 0; i < raft_outbox_size(&u); i++) {
			enum msg_type t = raft_outbox_get(&u, i)->type;

			if (t == MSG_TYPE_OK && first_ok == SIZE_MAX)
				first_ok = i;
			if (t == MSG_TYPE_APPEND_ENTRIES && first_peer == SIZE_MAX)
				first_peer = i;
		}
		checked = first_ok != SIZE_MAX;
		raft_update_free(&u);
		cluster_drop(&c, 0);
	}
	CU_ASSERT_FATAL(checked);
	CU_ASSERT(first_peer != SIZE_MAX); /* the commit notices */
	CU_ASSERT(first_ok < first_peer);
	cluster_free(&c);
}

/* Reads that arrive together (a new leader's held requests, a forward
 * of several) share one read-index round: a round per read sent every
 * follower behind the whole gap a hundred times over, and the socket the
 * leader's messages queue in overflowed (issue 24). */
static void test_reads_of_one_step_share_a_read_round(void)
{
	struct raft_update u;
	struct raft *r;
	uint64_t first, second;
	int leader;

	leader = fixture_elect(&c, 5, 31);
	cluster_settle(&c, 1000);
	r = &c.nodes[leader].raft;
	raft_update_init(&u);
	first = raft_read_round(r, c.now, &u);
	second = raft_read_round(r, c.now, &u);
	CU_ASSERT(first > 0);
	CU_ASSERT_EQUAL(second, first);
	CU_ASSERT_EQUAL(raft_outbox_size(&u), r->n_peers); /* one message per follower */
	raft_update_free(&u);
	raft_update_init(&u);
	CU_ASSERT(raft_read_round(r, c.now, &u) > first); /* the next step, a round of its own */
	raft_update_free(&u);
	cluster_free(&c);
}

static CU_TestInfo tests[] = {
	{ "a leader lease expires without acknowledgements", test_a_leader_lease_expires_without_acknowledgements },
	{ "a leader cut off from the majority never answers a read", test_a_cut_off_leader_never_answers_a_read },
	{ "a follower forwards a request once the leader is heard from after it",
	  test_a_follower_forwards_a_request_once_the_leader_is_heard_from_after_it },
	{ "a lost forward or acknowledgement is resent, and answered once",
	  test_a_lost_forward_or_acknowledgement_is_resent_and_answered_once },
	{ "a follower never sends a request to a leader that died before it",
	  test_a_follower_never_sends_a_request_to_a_leader_that_died_before_it },
	{ "an entry without a MID is applied and answered to no one",
	  test_an_entry_without_a_mid_is_applied_and_answered_to_no_one },
	{ "a client that takes a follower for its leader is told at once",
	  test_a_client_that_takes_a_follower_for_its_leader_is_told_at_once },
	{ "without a leader a request is held, then served", test_without_a_leader_a_request_is_held_then_served },
	{ "reads see acknowledged writes", test_reads_see_acknowledged_writes },
	{ "a put that lost its slot is redirected by the replica that took it",
	  test_a_put_that_lost_its_slot_is_redirected_by_the_replica_that_took_it },
	{ "a forward that reaches a leader after it stepped down goes to the next leader",
	  test_a_forward_that_reaches_a_leader_after_it_stepped_down_goes_to_the_next_leader },
	{ "a get waits for a put of its key that arrived after it",
	  test_a_get_waits_for_a_put_of_its_key_that_arrived_after_it },
	{ "reads of one step share a read round", test_reads_of_one_step_share_a_read_round },
	{ "a leader's answers leave before its messages to peers",
	  test_a_leaders_answers_leave_before_its_messages_to_peers },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "node: client requests", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_node_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
