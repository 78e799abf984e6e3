/* What the unit tests of the core and the node share; see raft_fixture.h. */
#include "raft_fixture.h"

#include <CUnit/CUnit.h>

int fixture_elect(struct cluster *c, size_t n, uint64_t seed)
{
	int leader;

	cluster_init(c, n, seed);
	leader = cluster_elect(c, 5000);
	CU_ASSERT_FATAL(leader >= 0);
	return leader;
}

void fixture_append_entry(struct cluster *c, size_t i, uint64_t term, const char *mid)
{
	struct msg_log_entry e = { .term = term, .key = "k", .value = (char *)mid, .mid = (char *)mid };

	msg_id_copy(e.client, CLIENT_ID);
	CU_ASSERT_EQUAL_FATAL(cluster_append(c, i, &e, false), 0);
}

size_t fixture_node_named(const struct cluster *c, const char *id)
{
	int i = cluster_index_of(c, id);

	CU_ASSERT_FATAL(i >= 0);
	return (size_t)i;
}
