/*
 * The cluster under clients that behave as the test-bed's do
 * (../shared/docs/simulator.md, "Clients"): each remembers the leader its
 * last answer named, sends there while that replica lives, else forgets it
 * and sends to a random living replica with `leader` FFFF, and retries a
 * redirect or fail at once as a new request. Leader kills and hard
 * partitions make every client forget its leader.
 *
 * The property checked is the one a redirect loop breaks: a client is sent
 * round at most MAX_CHAIN times for one request, and a run sees about one
 * redirect per client at the start and after each event that moves or hides
 * the leader (issue 8's bound: 8 x (1 + events) + 2% of requests).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "cluster.h"
#include "test_suites.h"

#define SEEDS 100
#define NODES 5
#define N_CLIENTS 8
#define MAX_CHAIN 3
#define GIVE_UP_CHAIN 50 /* a chain this long is a loop: stop following it */
#define START_MS 3000    /* requests start once a leader is likely */
#define RUN_MS 24000
#define EVENT_GAP_MS 5000 /* an event every 5 s, each ended or followed by the next */
#define MAX_MIDS 4096

enum event { KILL_LEADER, KILL_FOLLOWER, PART_EASY, PART_HARD, N_EVENT_KINDS };

struct bed_client {
	char id[MSG_ID_SIZE];
	int leader; /* node index, or -1: unknown */
};

struct bed {
	struct cluster c;
	struct bed_client clients[N_CLIENTS];
	unsigned chain[MAX_MIDS]; /* redirects and fails before request m<i> */
	enum msg_type kind[MAX_MIDS];
	unsigned mids;
	size_t answers_seen;
	size_t requests, redirects, events, longest_chain, looped;
	bool partitioned;
};

static struct bed b;

static int node_index(const char *id)
{
	size_t i;

	for (i = 0; i < b.c.n; i++)
		if (strcmp(raft_id(&b.c.nodes[i].raft), id) == 0)
			return (int)i;
	return -1;
}

static size_t random_living(void)
{
	size_t i;

	do
		i = cluster_random(&b.c, b.c.n);
	while (!b.c.alive[i]);
	return i;
}

/* Sends a client's request where the test-bed would; chain counts the
 * redirects that led to it. */
static void send_request(struct bed_client *cl, enum msg_type type, const char *key, unsigned chain)
{
	char mid[16], value[16];
	size_t target;

	if (b.mids == MAX_MIDS)
		return;
	if (cl->leader < 0 || !b.c.alive[cl->leader])
		cl->leader = -1; /* forgets a dead leader */
	target = cl->leader >= 0 ? (size_t)cl->leader : random_living();
	snprintf(mid, sizeof mid, "m%u", b.mids);
	snprintf(value, sizeof value, "v%u", b.mids);
	b.kind[b.mids] = type;
	b.chain[b.mids++] = chain;
	b.requests++;
	cluster_request(&b.c, target, cl->id, cl->leader >= 0 ? raft_id(&b.c.nodes[cl->leader].raft) : MSG_ID_BROADCAST,
			type, mid, key, type == MSG_TYPE_PUT ? value : NULL);
}

/* Each new answer: the client adopts its leader; a redirect or fail is
 * retried at once, which may bring more answers in the same step. */
static void follow_answers(void)
{
	while (b.answers_seen < b.c.n_answers) {
		const struct cluster_answer a = b.c.answers[b.answers_seen++];
		struct bed_client *cl = NULL;
		unsigned long m;
		unsigned chain;
		size_t k;

		for (k = 0; k < N_CLIENTS; k++)
			if (strcmp(b.clients[k].id, a.to) == 0)
				cl = &b.clients[k];
		if (!cl || a.mid[0] != 'm')
			continue;
		cl->leader = node_index(a.leader);
		if (a.type == MSG_TYPE_OK)
			continue;
		m = strtoul(a.mid + 1, NULL, 10);
		chain = b.chain[m] + 1;
		b.redirects++;
		if (chain > b.longest_chain)
			b.longest_chain = chain;
		if (chain >= GIVE_UP_CHAIN) {
			b.looped++;
			continue;
		}
		send_request(cl, b.kind[m], "k", chain);
	}
}

static void forget_leaders(void)
{
	size_t k;

	for (k = 0; k < N_CLIENTS; k++)
		b.clients[k].leader = -1;
}

/* Like the test-bed's partitions, except that the majority side always
 * holds a quorum of living nodes: a run in which no leader can exist for
 * seconds proves nothing about redirects. */
static void split(bool keep_leader)
{
	int leader = cluster_leader(&b.c);
	size_t i, majority = 0;

	for (i = 0; i < b.c.n; i++)
		b.c.side[i] = 1;
	if (keep_leader && leader >= 0) {
		b.c.side[leader] = 0;
		majority++;
	}
	while (majority < NODES / 2 + 1) {
		i = cluster_random(&b.c, b.c.n);
		if (b.c.side[i] && b.c.alive[i]) {
			b.c.side[i] = 0;
			majority++;
		}
	}
}

static void fire(enum event e)
{
	int leader = cluster_leader(&b.c);
	size_t i, alive = 0;

	for (i = 0; i < b.c.n; i++)
		alive += b.c.alive[i];
	b.events++;
	if (b.partitioned) { /* the next event ends the partition first */
		memset(b.c.side, 0, sizeof b.c.side);
		b.partitioned = false;
		b.events++;
	}
	switch (e) {
	case KILL_LEADER:
		if (leader >= 0 && alive > NODES / 2 + 1)
			b.c.alive[leader] = false;
		forget_leaders();
		break;
	case KILL_FOLLOWER:
		i = random_living();
		if ((int)i != leader && alive > NODES / 2 + 1)
			b.c.alive[i] = false;
		break;
	case PART_EASY:
		split(true);
		b.partitioned = true;
		break;
	default:
		split(false);
		b.partitioned = true;
		forget_leaders();
		break;
	}
}

static void run_seed(uint64_t seed)
{
	uint64_t ms, next_request = START_MS;
	size_t k;

	memset(&b, 0, sizeof b);
	cluster_init(&b.c, NODES, seed);
	b.c.drop = (double)(seed % 3) * 0.05;
	for (k = 0; k < N_CLIENTS; k++) {
		snprintf(b.clients[k].id, sizeof b.clients[k].id, "%04X", (unsigned)(NODES + 16 + k));
		b.clients[k].leader = -1;
	}
	for (ms = 0; ms < RUN_MS; ms++) {
		if (ms >= START_MS && ms % EVENT_GAP_MS == 0)
			fire((enum event)cluster_random(&b.c, N_EVENT_KINDS));
		if (ms >= next_request) {
			struct bed_client *cl = &b.clients[cluster_random(&b.c, N_CLIENTS)];

			send_request(cl, cluster_random(&b.c, 2) ? MSG_TYPE_PUT : MSG_TYPE_GET, "k", 0);
			next_request = ms + 50 + cluster_random(&b.c, 100);
		}
		follow_answers();
		cluster_advance(&b.c, 1);
		follow_answers();
	}
	cluster_free(&b.c);
}

static void test_no_client_is_sent_round_in_a_loop(void)
{
	size_t over_bound = 0, long_chains = 0, looped = 0, redirects = 0, requests = 0, worst = 0;
	uint64_t seed;

	for (seed = 1; seed <= SEEDS; seed++) {
		size_t drawn, bound;

		run_seed(seed);

		drawn = b.requests - b.redirects;
		bound = N_CLIENTS * (1 + b.events) + drawn / 50;
		if (b.redirects > bound || b.longest_chain > MAX_CHAIN)
			fprintf(stderr, "\n  seed %llu: %zu redirects (bound %zu), a chain of %zu",
				(unsigned long long)seed, b.redirects, bound, b.longest_chain);
		over_bound += b.redirects > bound;
		long_chains += b.longest_chain > MAX_CHAIN;
		looped += b.looped;
		redirects += b.redirects;
		requests += drawn;
		if (b.longest_chain > worst)
			worst = b.longest_chain;
	}
	CU_ASSERT_EQUAL(looped, 0);
	CU_ASSERT_EQUAL(long_chains, 0);
	CU_ASSERT_EQUAL(over_bound, 0);
	if (getenv("CLUSTER_DEBUG"))
		fprintf(stderr,
			"\n  %d seeds: %zu requests drawn, %zu redirects, longest chain %zu, %zu runs over the bound\n",
			SEEDS, requests, redirects, worst, over_bound);
}

static CU_TestInfo client_tests[] = {
	{ "no client is sent round in a loop through leader kills and partitions",
	  test_no_client_is_sent_round_in_a_loop },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo client_suites[] = {
	{ "test-bed clients", NULL, NULL, NULL, NULL, client_tests },
	CU_SUITE_INFO_NULL,
};

int test_clients_register(void)
{
	return CU_register_suites(client_suites) == CUE_SUCCESS ? 0 : -1;
}
