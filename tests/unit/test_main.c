/* Runs every CUnit suite; exits non-zero if any test fails. */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "test_messages.h"
#include "test_suites.h"

int main(void)
{
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (msg_register_generated_tests() != 0 || test_codec_register() != 0 || test_codec_rejects_register() != 0 ||
	    test_raft_election_register() != 0 || test_raft_replication_register() != 0 ||
	    test_raft_window_register() != 0 || test_raft_answers_register() != 0 ||
	    test_raft_delegate_register() != 0 || test_raft_transfer_register() != 0 ||
	    test_raft_learners_register() != 0 || test_node_register() != 0 || test_cluster_register() != 0 ||
	    test_clients_register() != 0 || test_traces_register() != 0 || test_store_register() != 0 ||
	    test_wal_register() != 0 || test_wal_file_register() != 0 || test_sessions_register() != 0 ||
	    test_cluster_config_register() != 0) {
		fprintf(stderr, "cannot register tests: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_NORMAL);
	if (getenv("UNIT_SUITE") && getenv("UNIT_TEST")) /* one test, e.g. with CLUSTER_TRACE=1 */
		CU_basic_run_test(CU_get_suite(getenv("UNIT_SUITE")),
				  CU_get_test(CU_get_suite(getenv("UNIT_SUITE")), getenv("UNIT_TEST")));
	else if (getenv("UNIT_SUITE")) /* one suite by name, for a quick look */
		CU_basic_run_suite(CU_get_suite(getenv("UNIT_SUITE")));
	else
		CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
