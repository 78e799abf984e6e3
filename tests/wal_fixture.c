/* See wal_fixture.h. */
#include "wal_fixture.h"

#include <stdio.h>
#include <string.h>

int wal_fixture_append(struct raft_log *log, uint64_t term, uint64_t index)
{
	char key[40], value[40], mid[24];
	struct msg_log_entry e = { .term = term, .key = key, .value = value, .mid = mid };

	snprintf(key, sizeof key, "KEY%029llu", (unsigned long long)index);
	snprintf(value, sizeof value, "%032llx", (unsigned long long)index * 2654435761u);
	snprintf(mid, sizeof mid, "MID%013llu", (unsigned long long)index);
	memcpy(e.client, "0015", MSG_ID_SIZE);
	return raft_log_append(log, &e);
}

int wal_fixture_raft(struct raft *r, uint64_t term, uint64_t n, uint64_t commit)
{
	static const char *const peers[] = { "0002", "0003" };
	struct raft_restore restore = { .term = term, .commit = commit, .known_commit = commit };
	struct raft_config cfg = { .id = WAL_FIXTURE_ID, .peers = peers, .n_peers = 2, .seed = 1 };
	uint64_t i;
	int rc;

	cfg.timing = raft_default_timing();
	cfg.restore = &restore;
	memcpy(restore.voted_for, WAL_FIXTURE_ID, MSG_ID_SIZE);
	raft_log_init(&restore.log);
	for (i = 1; i <= n; i++)
		if (wal_fixture_append(&restore.log, term, i) < 0) {
			raft_log_free(&restore.log);
			return RAFT_ENOMEM;
		}
	rc = raft_init(r, &cfg, 0);
	raft_log_free(&restore.log);
	if (rc == RAFT_OK && n > 0)
		raft_return_unsaved(r, 1);
	return rc;
}
