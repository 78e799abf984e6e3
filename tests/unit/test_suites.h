/* Registration functions of the hand-written CUnit suites; each returns 0 on success. */
#ifndef TEST_SUITES_H
#define TEST_SUITES_H

int test_codec_register(void);
int test_codec_rejects_register(void);
int test_raft_election_register(void);
int test_raft_replication_register(void);
int test_raft_window_register(void);
int test_raft_answers_register(void);
int test_raft_delegate_register(void);
int test_raft_transfer_register(void);
int test_raft_learners_register(void);
int test_node_register(void);
int test_cluster_register(void);
int test_clients_register(void);
int test_traces_register(void);
int test_store_register(void);
int test_wal_register(void);
int test_wal_file_register(void);
int test_sessions_register(void);
int test_cluster_config_register(void);

#endif
