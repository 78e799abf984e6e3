/*
 * Cluster mode's edge without sockets: its configuration in etcd's form
 * (src/net/cluster_config.h) and the directory of where each client is
 * reached (src/net/client_directory.h).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "net/client_directory.h"
#include "net/cluster_config.h"
#include "test_suites.h"

static void test_a_cluster_configuration_is_parsed_in_etcds_form(void)
{
	struct cluster_config cfg;
	char err[256], where[32];

	CU_ASSERT_TRUE_FATAL(cluster_config_parse(&cfg, "000a",
						  "000A=127.0.0.1:2380,000b=localhost:2381,000C=10.0.0.3:2382",
						  "127.0.0.1:2379", NULL, err, sizeof err));
	CU_ASSERT_STRING_EQUAL(cfg.self, "000A");
	CU_ASSERT_EQUAL(cfg.n_members, 3);
	CU_ASSERT_STRING_EQUAL(cfg.members[1].id, "000B");
	cluster_format_address(&cfg.members[1].addr, where, sizeof where);
	CU_ASSERT_STRING_EQUAL(where, "127.0.0.1:2381");
	CU_ASSERT_PTR_EQUAL(cluster_member_by_addr(&cfg, &cfg.members[2].addr), &cfg.members[2]);
	CU_ASSERT_PTR_NULL(cluster_member_by_addr(&cfg, &cfg.client_addr));
	CU_ASSERT_PTR_NULL(cluster_member_by_id(&cfg, "000D"));
}

/* etcd's cluster ID: the same members in any order make one id; another
 * token, address or member makes another. */
static void test_the_cluster_id_is_made_of_members_and_token(void)
{
	static const struct {
		const char *members, *token;
		bool same;
	} cases[] = {
		{ "0002=127.0.0.1:2381,0001=127.0.0.1:2380,0003=127.0.0.1:2382", NULL, true },
		{ "0001=127.0.0.1:2380,0002=127.0.0.1:2381,0003=127.0.0.1:2382", "", true },
		{ "0001=127.0.0.1:2380,0002=127.0.0.1:2381,0003=127.0.0.1:2382", "b", false },
		{ "0001=127.0.0.1:2380,0002=127.0.0.1:2381,0003=127.0.0.1:2383", NULL, false },
		{ "0001=127.0.0.1:2380,0002=127.0.0.1:2381,0004=127.0.0.1:2382", NULL, false },
		{ "0001=127.0.0.1:2380,0002=127.0.0.1:2381", NULL, false },
	};
	struct cluster_config a, b;
	char err[256];
	size_t i;

	CU_ASSERT_TRUE_FATAL(cluster_config_parse(&a, "0001",
						  "0001=127.0.0.1:2380,0002=127.0.0.1:2381,0003=127.0.0.1:2382",
						  "127.0.0.1:2379", NULL, err, sizeof err));
	CU_ASSERT(a.id >= 1 && a.id <= CLUSTER_ID_MAX);
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		CU_ASSERT_TRUE_FATAL(cluster_config_parse(&b, "0001", cases[i].members, "127.0.0.1:2379",
							  cases[i].token, err, sizeof err));
		CU_ASSERT_EQUAL(a.id == b.id, cases[i].same);
	}
}

static void test_a_bad_cluster_configuration_is_refused_saying_why(void)
{
	static const struct {
		const char *name, *members, *client, *why;
	} cases[] = {
		{ "0001", "0001=127.0.0.1:1", "127.0.0.1:3", "at least 2" },
		{ "0003", "0001=127.0.0.1:1,0002=127.0.0.1:2", "127.0.0.1:3", "does not name this replica" },
		{ "0001", "0001=127.0.0.1:1,0001=127.0.0.1:2", "127.0.0.1:3", "named twice" },
		{ "0001", "0001=127.0.0.1:1,0002=127.0.0.1:1", "127.0.0.1:3", "given to two members" },
		{ "0001", "0001=127.0.0.1:1,0002=127.0.0.1:2", "127.0.0.1:2", "a member's peer address" },
		{ "0001", "0001=127.0.0.1:1,FFFF=127.0.0.1:2", "127.0.0.1:3", "not an id" },
		{ "0001", "0001=127.0.0.1:1,0002", "127.0.0.1:3", "not ID=HOST:PORT" },
		{ "0001", "0001=127.0.0.1:1,0002=127.0.0.1:0", "127.0.0.1:3", "from 1 to 65535" },
		{ "0001", "0001=127.0.0.1:1,0002=example.org:2", "127.0.0.1:3", "IPv4 address" },
		{ "1", "0001=127.0.0.1:1,0002=127.0.0.1:2", "127.0.0.1:3", "--name" },
	};
	struct cluster_config cfg;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		err[0] = '\0';
		CU_ASSERT_FALSE(cluster_config_parse(&cfg, cases[i].name, cases[i].members, cases[i].client, NULL, err,
						     sizeof err));
		if (!strstr(err, cases[i].why))
			fprintf(stderr, "case %zu: '%s' does not say '%s'\n", i, err, cases[i].why);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].why));
	}
}

static struct sockaddr_in address(const char *s)
{
	struct sockaddr_in a;
	char err[128];

	CU_ASSERT_TRUE_FATAL(cluster_parse_address(s, &a, err, sizeof err));
	return a;
}

static void test_the_client_directory_tells_peers_of_new_and_moved_clients_and_of_resends(void)
{
	struct client_directory d;
	struct sockaddr_in here = address("127.0.0.1:40000"), moved = address("127.0.0.1:40001"), found;

	CU_ASSERT_EQUAL_FATAL(client_directory_init(&d), 0);
	CU_ASSERT_FALSE(client_directory_find(&d, "5A1C", &found));
	CU_ASSERT_TRUE(client_directory_heard(&d, "5A1C", &here, "M1"));  /* new: tell */
	CU_ASSERT_FALSE(client_directory_heard(&d, "5A1C", &here, "M2")); /* told */
	CU_ASSERT_TRUE(client_directory_heard(&d, "5A1C", &moved, "M3")); /* moved: tell */
	CU_ASSERT_TRUE(client_directory_find(&d, "5A1C", &found));
	CU_ASSERT_EQUAL(found.sin_port, moved.sin_port);
	/* a resend is told again: the word to whoever answers may be lost */
	CU_ASSERT_TRUE(client_directory_heard(&d, "5A1C", &moved, "M3"));
	CU_ASSERT_FALSE(client_directory_heard(&d, "5A1C", &moved, "M4"));
	/* what a peer told needs no telling from here */
	client_directory_learn(&d, "0B0B", &here);
	CU_ASSERT_FALSE(client_directory_heard(&d, "0B0B", &here, "N1"));
	CU_ASSERT_TRUE(client_directory_find(&d, "0B0B", &found));
	CU_ASSERT_EQUAL(found.sin_port, here.sin_port);
	client_directory_free(&d);
}

/* Issue 24 (C1): wide ids that share their low 16 bits (the old table's
 * slot) are two clients; past CLIENT_DIRECTORY_MAX the one heard from
 * least recently is forgotten, and told again when it resends. */
static void test_the_client_directory_keeps_wide_ids_apart_and_forgets_the_oldest(void)
{
	struct client_directory d;
	struct sockaddr_in a = address("127.0.0.1:40000"), b = address("127.0.0.1:40001"), found;
	char id[MSG_ID_SIZE];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(client_directory_init(&d), 0);
	CU_ASSERT_TRUE(client_directory_heard(&d, "00000000DEAD5A1C", &a, "M1"));
	CU_ASSERT_TRUE(client_directory_heard(&d, "FFFFFFFFBEEF5A1C", &b, "M1"));
	CU_ASSERT_TRUE(client_directory_find(&d, "00000000DEAD5A1C", &found));
	CU_ASSERT_EQUAL(found.sin_port, a.sin_port);
	CU_ASSERT_FALSE(client_directory_find(&d, "5A1C", &found));
	/* the first is heard again, so the second is the oldest */
	CU_ASSERT_FALSE(client_directory_heard(&d, "00000000DEAD5A1C", &a, "M2"));
	for (i = 0; i < CLIENT_DIRECTORY_MAX - 1; i++) {
		snprintf(id, sizeof id, "%016zX", i + 1);
		client_directory_learn(&d, id, &a);
	}
	CU_ASSERT_EQUAL(d.count, CLIENT_DIRECTORY_MAX);
	CU_ASSERT_FALSE(client_directory_find(&d, "FFFFFFFFBEEF5A1C", &found));
	CU_ASSERT_TRUE(client_directory_find(&d, "00000000DEAD5A1C", &found));
	CU_ASSERT_TRUE(client_directory_heard(&d, "FFFFFFFFBEEF5A1C", &b, "M1"));
	client_directory_free(&d);
}

static CU_TestInfo edge_tests[] = {
	{ "a cluster configuration is parsed in etcd's form", test_a_cluster_configuration_is_parsed_in_etcds_form },
	{ "the client directory keeps wide ids apart and forgets the oldest",
	  test_the_client_directory_keeps_wide_ids_apart_and_forgets_the_oldest },
	{ "the cluster id is made of the members and the token, in any order",
	  test_the_cluster_id_is_made_of_members_and_token },
	{ "a bad cluster configuration is refused, saying why",
	  test_a_bad_cluster_configuration_is_refused_saying_why },
	{ "the client directory tells peers of new and moved clients, and of resends",
	  test_the_client_directory_tells_peers_of_new_and_moved_clients_and_of_resends },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo edge_suites[] = {
	{ "cluster mode's edge", NULL, NULL, NULL, NULL, edge_tests },
	CU_SUITE_INFO_NULL,
};

int test_cluster_config_register(void)
{
	return CU_register_suites(edge_suites) == CUE_SUCCESS ? 0 : -1;
}
