/*
 * The delegate's share: the follower at the end of the chains answers its clients, in log order, never before the leader may serve a read that sees them, and a share taken back from a silent delegate is answered once.
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
#include "raft/raft_inherit.h"
#include "test_suites.h"

static struct cluster c;

/* The order of the answers: the index in c.answers of mid's first one. */
static size_t answer_position(const char *mid)
{
	size_t i;

	for (i = 0; i < c.n_answers && strcmp(c.answers[i].mid, mid) != 0; i++)
		;
	return i;
}

/* Five replicas whose leader's first put (w0, key k) opened a share, and
 * its delegate (*d) cut off from everyone right after answering it.
 * Returns the leader. */
static int delegate_cut_off(size_t *d)
{
	const struct cluster_answer *ok;
	size_t n;
	int leader = fixture_elect(&c, 5, 51);

	cluster_put(&c, (size_t)leader, "w0", "k", "v0");
	cluster_advance(&c, 20);
	ok = cluster_answer(&c, "w0", &n);
	CU_ASSERT_FATAL(ok != NULL && strcmp(ok->from, raft_id(&c.nodes[leader].raft)) != 0);
	*d = fixture_node_named(&c, ok->from);
	c.side[*d] = 1;
	return leader;
}

/* A leader whose delegate fell silent commits a put of the delegate's
 * share by star: its answer waits for the delegate. The leader steps down
 * (a higher term reaches it) and wins the next election. The put is
 * committed in its log, yet nobody answered it: it must answer it (after
 * waiting, as for any inherited entry, for the delegate that may have),
 * not count its own commit index as answered. Seen under a flood of
 * hostile datagrams on real replicas: a get then read the put's value,
 * and its client never heard of it. */
static void test_a_leader_elected_again_answers_what_its_silent_delegate_never_did(void)
{
	const struct cluster_answer *ok;
	struct msg_any higher; /* a reply of a higher term */
	size_t d, i, n, f;
	int leader = delegate_cut_off(&d);

	cluster_put(&c, (size_t)leader, "w1", "k1", "v1");
	cluster_advance(&c, 300); /* by star, after the chain's retries; well before the share is taken back */
	CU_ASSERT_EQUAL_FATAL(raft_commit(&c.nodes[leader].raft), raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "w1", &n)); /* the delegate's to answer */
	f = ((size_t)leader + 1) % 5 == d ? ((size_t)leader + 2) % 5 : ((size_t)leader + 1) % 5;
	msg_any_init(&higher, MSG_TYPE_APPEND_ENTRIES_REPLY);
	msg_id_copy(higher.as.env.src, raft_id(&c.nodes[f].raft));
	msg_id_copy(higher.as.env.dst, raft_id(&c.nodes[leader].raft));
	msg_id_copy(higher.as.env.leader, MSG_ID_BROADCAST);
	higher.as.append_entries_reply.term = raft_term(&c.nodes[leader].raft) + 1;
	cluster_inject(&c, (size_t)leader, &higher);
	msg_any_free(&higher);
	CU_ASSERT_FATAL(!raft_is_leader(&c.nodes[leader].raft));
	for (i = 0; i < c.n; i++) /* it alone campaigns */
		if ((int)i != leader)
			cluster_set_election_timer(&c, i, c.now + 100000);
	cluster_advance(&c, 3000);
	CU_ASSERT_EQUAL_FATAL(cluster_leader(&c), leader);
	cluster_advance(&c, raft_default_timing().inherit_wait + 1000);
	ok = cluster_answer(&c, "w1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ok);
	CU_ASSERT_EQUAL(ok->type, MSG_TYPE_OK);
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* A get may see a put only once the put's ok is out (the client checks a
 * get against the puts it saw acknowledged). Here the delegate is cut off
 * when a put of its share commits by star: the leader applies it, but the
 * delegate answers it, so a get of that key waits for that ok. */
static void test_a_get_never_sees_a_put_before_its_ok_is_sent(void)
{
	const struct cluster_answer *got;
	size_t n, d;
	int leader = delegate_cut_off(&d);

	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	cluster_advance(&c, 200); /* committed by star without the delegate */
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[leader].raft), raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "w1", &n));
	cluster_get(&c, (size_t)leader, "g1", "k");
	cluster_advance(&c, 10);
	got = cluster_answer(&c, "g1", &n);
	CU_ASSERT(got == NULL || strcmp(got->value, "v0") == 0);
	c.side[d] = 0;
	cluster_advance(&c, 1000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cluster_answer(&c, "w1", &n));
	CU_ASSERT_EQUAL(n, 1);
	got = cluster_answer(&c, "g1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT(strcmp(got->value, "v1") != 0 || answer_position("w1") < answer_position("g1"));
	cluster_free(&c);
}

/* The test-bed's client keeps, per key, the value of the put it heard of
 * last: oks must leave in log order. Here the delegate is cut off with a
 * put of its share unanswered; the next put goes by star and commits at
 * once, but its ok waits for the first one's, which the leader sends when
 * it takes the share back. */
static void test_oks_leave_in_log_order_when_a_delegate_falls_silent(void)
{
	size_t n, d;
	int leader = delegate_cut_off(&d);

	cluster_put(&c, (size_t)leader, "w1", "k", "v1"); /* the delegate's to answer */
	cluster_advance(&c, 600);                         /* no chain runs through it now */
	cluster_put(&c, (size_t)leader, "w2", "k", "v2"); /* by star: the leader's */
	cluster_advance(&c, 200);
	CU_ASSERT_EQUAL(raft_commit(&c.nodes[leader].raft), raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "w1", &n));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "w2", &n));
	cluster_advance(&c, 2000); /* the share taken back */
	CU_ASSERT_PTR_NOT_NULL(cluster_answer(&c, "w1", &n));
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_PTR_NOT_NULL(cluster_answer(&c, "w2", &n));
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT(answer_position("w1") < answer_position("w2"));
	cluster_free(&c);
}

/* Five replicas whose leader's first put (w0, key k) opened a share; its
 * second (w1, v1) went along the chain, and the first follower relayed
 * it: the only message in flight is the one to the delegate. Returns the
 * leader. */
static int second_put_relayed(void)
{
	int leader = fixture_elect(&c, 5, 61);

	cluster_put(&c, (size_t)leader, "w0", "k", "v0");
	cluster_advance(&c, 20);
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	CU_ASSERT_FATAL(c.n_wire == 1);
	cluster_deliver(&c, 0); /* leader -> first follower, which relays */
	CU_ASSERT_FATAL(c.n_wire == 1);
	return leader;
}

/* The delegate's ok leaves before its reply to the leader: the leader may
 * serve a read that sees the put as soon as it has the reply, and the
 * test-bed reads each replica's datagrams in the order they were sent. */
static void test_the_delegate_sends_its_ok_before_its_reply(void)
{
	struct raft_update u;
	struct msg_any relayed;
	size_t i, d, ok_at = SIZE_MAX, reply_at = SIZE_MAX;

	second_put_relayed();
	relayed = c.wire[0];
	c.n_wire = 0; /* ours now */
	for (d = 0; d < c.n && strcmp(raft_id(&c.nodes[d].raft), relayed.as.env.dst) != 0; d++)
		;
	CU_ASSERT_FATAL(d < c.n);
	raft_update_init(&u);
	node_receive(&c.nodes[d], &relayed, c.now, &u);
	for (i = 0; i < raft_outbox_size(&u); i++) {
		const struct msg_any *m = raft_outbox_get(&u, i);

		if (m->type == MSG_TYPE_OK && ok_at == SIZE_MAX)
			ok_at = i;
		if (m->type == MSG_TYPE_APPEND_ENTRIES_REPLY && reply_at == SIZE_MAX)
			reply_at = i;
	}
	CU_ASSERT(ok_at != SIZE_MAX && reply_at != SIZE_MAX);
	CU_ASSERT(ok_at < reply_at);
	raft_update_free(&u);
	msg_any_free(&relayed);
	cluster_free(&c);
}

/* The delegate answers a put as soon as the chain brings it, before the
 * leader counts it committed. A get that reaches the leader after that ok
 * must see the put, even while the delegate's reply is lost. */
static void test_a_get_sees_a_put_that_the_delegate_answered_before_the_leader_knew(void)
{
	const struct cluster_answer *got;
	size_t n;
	int leader = second_put_relayed();

	cluster_deliver(&c, 0); /* -> the delegate: it answers w1 and replies */
	CU_ASSERT_PTR_NOT_NULL_FATAL(cluster_answer(&c, "w1", &n));
	while (c.n_wire)
		cluster_drop(&c, 0); /* its reply */
	cluster_get(&c, (size_t)leader, "g1", "k");
	cluster_advance(&c, 1000);
	got = cluster_answer(&c, "g1", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got->value, "v1");
	cluster_free(&c);
}

/* After a share closes, the leader may open the next for another follower
 * and put the old delegate first on its chains, with no word in between.
 * A link passes the delegate's commit index on unread and answers nothing:
 * the clients of those entries are the new delegate's. */
static void test_a_former_delegate_answers_nothing_as_a_link_of_a_chain(void)
{
	struct raft_update u;
	struct msg_any link;
	size_t i, d, f;
	int leader;

	leader = fixture_elect(&c, 5, 61);
	cluster_put(&c, (size_t)leader, "w0", "k", "v0"); /* opens the delegate's share */
	cluster_advance(&c, 20);
	cluster_put(&c, (size_t)leader, "w1", "k", "v1");
	CU_ASSERT_FATAL(c.n_wire == 1 && c.wire[0].as.append_entries._count.chain == 1);
	link = c.wire[0]; /* leader -> first follower, then on to the delegate */
	c.n_wire = 0;     /* ours now */
	f = fixture_node_named(&c, link.as.env.dst);
	d = fixture_node_named(&c, link.as.append_entries.chain[0].id);
	/* The same entries, as if the delegate were now the first link and the
	 * other follower the end, and the commit had reached w1. */
	msg_id_copy(link.as.env.dst, raft_id(&c.nodes[d].raft));
	msg_id_copy(link.as.append_entries.chain[0].id, raft_id(&c.nodes[f].raft));
	link.as.append_entries.delegate_commit = raft_last_index(&c.nodes[leader].raft);
	raft_update_init(&u);
	node_receive(&c.nodes[d], &link, c.now, &u);
	for (i = 0; i < raft_outbox_size(&u); i++)
		CU_ASSERT_NOT_EQUAL(raft_outbox_get(&u, i)->type, MSG_TYPE_OK);
	CU_ASSERT(raft_commit(&c.nodes[d].raft) < raft_last_index(&c.nodes[d].raft));
	raft_update_free(&u);
	msg_any_free(&link);
	cluster_free(&c);
}

/* Datagrams overtake one another (a paused replica reads a whole backlog
 * at once). A delegate told that its share ended must not take an older
 * message, which still shows the share open, for the newer word: it would
 * answer entries past the end, which the leader answers itself. */
static void test_an_overtaken_message_does_not_reopen_a_closed_share(void)
{
	struct raft_update u;
	size_t i, d, oks = 0;

	second_put_relayed(); /* wire[0]: w1, on to the delegate, its share open */
	cluster_duplicate(&c, 0);
	CU_ASSERT_FATAL(c.n_wire == 2 && c.wire[1].as.append_entries._present.answer_from);
	d = fixture_node_named(&c, c.wire[0].as.env.dst);
	/* The newer word: the share ends before w1. */
	c.wire[1].as.append_entries.seq += 10;
	c.wire[1].as.append_entries.answer_to = c.wire[1].as.append_entries.prev_log_index;
	c.wire[1].as.append_entries._present.answer_to = true;
	c.wire[1].as.append_entries.delegate_commit = c.wire[1].as.append_entries.prev_log_index;
	raft_update_init(&u);
	node_receive(&c.nodes[d], &c.wire[1], c.now, &u);
	node_receive(&c.nodes[d], &c.wire[0], c.now, &u); /* the older one, after */
	for (i = 0; i < raft_outbox_size(&u); i++)
		oks += raft_outbox_get(&u, i)->type == MSG_TYPE_OK;
	CU_ASSERT_EQUAL(oks, 0);
	CU_ASSERT(raft_commit(&c.nodes[d].raft) == raft_last_index(&c.nodes[d].raft)); /* it knows w1 committed */
	raft_update_free(&u);
	cluster_free(&c);
}

/* A delegate that answers tells the leader so, even when the message that
 * let it answer asks for no reply (a commit notice): a leader that still
 * thinks it silent takes its share back and answers those clients again. */
static void test_a_delegate_that_answers_replies_even_to_a_quiet_message(void)
{
	struct raft_update u;
	size_t i, d, oks = 0, replies = 0;

	second_put_relayed();
	d = fixture_node_named(&c, c.wire[0].as.env.dst);
	c.wire[0].as.append_entries.quiet = true;
	raft_update_init(&u);
	node_receive(&c.nodes[d], &c.wire[0], c.now, &u);
	for (i = 0; i < raft_outbox_size(&u); i++) {
		oks += raft_outbox_get(&u, i)->type == MSG_TYPE_OK;
		replies += raft_outbox_get(&u, i)->type == MSG_TYPE_APPEND_ENTRIES_REPLY;
	}
	CU_ASSERT_EQUAL(oks, 1);
	CU_ASSERT_EQUAL(replies, 1);
	raft_update_free(&u);
	cluster_free(&c);
}

/* A leader that takes a silent delegate's share back answers those
 * clients only once a follower says it knows them committed: cut off
 * itself, and dying so, it would leave a next leader that never heard of
 * those answers to give them again. */
static void test_a_share_taken_back_is_answered_once_a_follower_knows_the_commit(void)
{
	size_t n, d, i;
	int leader = delegate_cut_off(&d);

	cluster_put(&c, (size_t)leader, "w1", "k", "v1"); /* the delegate's to answer */
	cluster_advance(&c, 1800);
	CU_ASSERT_PTR_NULL_FATAL(cluster_answer(&c, "w1", &n));
	for (i = 0; i < c.n; i++) /* the leader alone, the delegate alone */
		c.side[i] = i == (size_t)leader ? 2 : i == d ? 1 : 0;
	cluster_advance(&c, 400); /* the share is taken back meanwhile */
	CU_ASSERT(raft_is_leader(&c.nodes[leader].raft));
	CU_ASSERT_PTR_NULL(cluster_answer(&c, "w1", &n));
	/* Until its ok leaves, w1 is not answered as far as the leader knows
	 * (its log would say so, and after a crash nobody would answer it),
	 * and the delegate may have answered it: a read of k waits for it. */
	CU_ASSERT(raft_answered_upto(&c.nodes[leader].raft) < raft_last_index(&c.nodes[leader].raft));
	CU_ASSERT(raft_answered_elsewhere(&c.nodes[leader].raft, raft_last_index(&c.nodes[leader].raft)));
	c.side[leader] = 0;
	cluster_advance(&c, 1000);
	CU_ASSERT_PTR_NOT_NULL(cluster_answer(&c, "w1", &n));
	CU_ASSERT_EQUAL(n, 1);
	cluster_free(&c);
}

/* While a taken-back share's answers wait for a quorum to hear the
 * leader, followers are told no commit past the answers that left: a
 * leader killed in that wait leaves them to the next leader. Told the
 * commit, every follower counted w1 answered and nobody answered it (soak
 * seed 2080, once a leader's batches were timed by the round trip; a get
 * then read w1's value, and its client still held the older one). */
static void test_a_share_taken_back_is_not_told_answered_before_it_is(void)
{
	const struct cluster_answer *ok;
	uint64_t w1;
	size_t n, d, i, steps = 0;
	int leader = delegate_cut_off(&d), next;

	cluster_put(&c, (size_t)leader, "w1", "k", "v1"); /* the delegate's to answer */
	cluster_settle(&c, 1000);
	w1 = raft_last_index(&c.nodes[leader].raft);
	CU_ASSERT_PTR_NULL_FATAL(cluster_answer(&c, "w1", &n));
	while (c.nodes[leader].raft.confirm_to == 0 && steps++ < 5000) {
		cluster_step_time(&c); /* until the share is taken back, nothing delivered */
		cluster_settle(&c, c.nodes[leader].raft.confirm_to ? 0 : 1000);
	}
	CU_ASSERT_FATAL(c.nodes[leader].raft.confirm_to >= w1);
	for (i = 0; i < c.n_wire; i++)
		if (c.wire[i].type == MSG_TYPE_APPEND_ENTRIES)
			CU_ASSERT(c.wire[i].as.append_entries.commit < w1);
	c.alive[leader] = false; /* its messages arrive, the replies find it dead */
	cluster_settle(&c, 1000);
	c.side[d] = 0;
	cluster_advance(&c, 5000);
	next = cluster_leader(&c);
	CU_ASSERT_FATAL(next >= 0 && next != leader);
	ok = cluster_answer(&c, "w1", &n);
	CU_ASSERT_PTR_NOT_NULL(ok);
	cluster_free(&c);
}

static CU_TestInfo tests[] = {
	{ "a former delegate answers nothing as a link of a chain",
	  test_a_former_delegate_answers_nothing_as_a_link_of_a_chain },
	{ "a get never sees a put before its ok is sent", test_a_get_never_sees_a_put_before_its_ok_is_sent },
	{ "oks leave in log order when a delegate falls silent",
	  test_oks_leave_in_log_order_when_a_delegate_falls_silent },
	{ "a get sees a put that the delegate answered before the leader knew",
	  test_a_get_sees_a_put_that_the_delegate_answered_before_the_leader_knew },
	{ "the delegate sends its ok before its reply", test_the_delegate_sends_its_ok_before_its_reply },
	{ "an overtaken message does not reopen a closed share",
	  test_an_overtaken_message_does_not_reopen_a_closed_share },
	{ "a delegate that answers replies even to a quiet message",
	  test_a_delegate_that_answers_replies_even_to_a_quiet_message },
	{ "a share taken back is answered once a follower knows the commit",
	  test_a_share_taken_back_is_answered_once_a_follower_knows_the_commit },
	{ "a share taken back is not told answered before it is",
	  test_a_share_taken_back_is_not_told_answered_before_it_is },
	{ "a leader elected again answers what its silent delegate never did",
	  test_a_leader_elected_again_answers_what_its_silent_delegate_never_did },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "raft: the delegate's share", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

int test_raft_delegate_register(void)
{
	return CU_register_suites(suites) == CUE_SUCCESS ? 0 : -1;
}
