/* See wal_fixture.h. */
#include "wal_fixture.h"

#include <dirent.h>
#include <unistd.h>

#include <stdio.h>
#include <string.h>

/* 32 characters drawn from A-Z0-9 as the test-bed's clients draw keys,
 * from a mix of the index (splitmix64), so that each index has its own. */
static void random_key(char *key, uint64_t index)
{
	static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	uint64_t x = index;
	int i;

	for (i = 0; i < 32; i++) {
		if (i % 8 == 0) {
			x += 0x9E3779B97F4A7C15ull;
			x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
			x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
			x ^= x >> 31;
		}
		key[i] = chars[(x >> (8 * (i % 8))) % 36];
	}
	key[32] = '\0';
}

int wal_fixture_append(struct raft_log *log, uint64_t term, uint64_t index)
{
	char key[40], value[40], mid[24];
	struct msg_log_entry e = { .term = term, .key = key, .value = value, .mid = mid };

	random_key(key, index);
	snprintf(value, sizeof value, "%032llx", (unsigned long long)index * 2654435761u);
	snprintf(mid, sizeof mid, "MID%013llu", (unsigned long long)index);
	msg_id_copy(e.client, "0015");
	return raft_log_append(log, &e);
}

int wal_fixture_restore(struct raft_restore *restore, uint64_t term, uint64_t n, uint64_t commit)
{
	uint64_t i;

	memset(restore, 0, sizeof *restore);
	restore->term = term;
	restore->commit = restore->known_commit = commit;
	msg_id_copy(restore->voted_for, WAL_FIXTURE_ID);
	raft_log_init(&restore->log);
	for (i = 1; i <= n; i++)
		if (wal_fixture_append(&restore->log, term, i) < 0) {
			raft_log_free(&restore->log);
			return RAFT_ENOMEM;
		}
	return RAFT_OK;
}

int wal_fixture_raft(struct raft *r, uint64_t term, uint64_t n, uint64_t commit)
{
	static const char *const peers[] = { "0002", "0003" };
	struct raft_config cfg = { .id = WAL_FIXTURE_ID, .peers = peers, .n_peers = 2, .seed = 1 };
	struct raft_restore restore;
	int rc;

	if (wal_fixture_restore(&restore, term, n, commit) != RAFT_OK)
		return RAFT_ENOMEM;
	cfg.timing = raft_default_timing();
	cfg.restore = &restore;
	rc = raft_init(r, &cfg, 0);
	raft_log_free(&restore.log);
	if (rc == RAFT_OK && n > 0)
		raft_log_mark_unsaved(&r->log, 1);
	return rc;
}

void wal_fixture_remove_dir(const char *dir)
{
	char path[4400];
	struct dirent *d;
	DIR *dp = opendir(dir);

	while (dp && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		unlink(path);
	}
	if (dp)
		closedir(dp);
	rmdir(dir);
}

struct raft_persist wal_fixture_changes(const struct wal_writer *w, struct raft *r)
{
	struct raft_persist p = { raft_term(r) != w->term || strcmp(raft_voted_for(r), w->voted_for) != 0,
				  raft_log_take_unsaved(&r->log) };

	return p;
}

int wal_fixture_collect(struct wal_writer *w, struct raft *r, struct wal_buf *b)
{
	struct raft_persist p = wal_fixture_changes(w, r);

	if (wal_collect(w, r, &p, b) < 0) {
		raft_log_mark_unsaved(&r->log, p.log_from);
		return -1;
	}
	return 0;
}

int wal_fixture_save(struct wal_file *f, struct raft *r, char *err, size_t err_size)
{
	struct raft_persist p = wal_fixture_changes(&f->writer, r);

	return wal_file_save(f, r, &p, NULL, 0, err, err_size);
}

int wal_fixture_compact(struct raft *r, uint64_t index, unsigned keys)
{
	struct raft_snapshot *s = raft_snapshot_new(index, 0);
	char key[16], value[16];
	unsigned k;

	if (!s)
		return -1;
	for (k = 0; k < keys; k++) {
		snprintf(key, sizeof key, "key%u", k);
		snprintf(value, sizeof value, "value%u", k);
		if (raft_snapshot_add_pair(s, key, value, 1 + k % index) < 0)
			goto fail;
	}
	if (raft_snapshot_add_mid(s, "MID-A") < 0 || raft_snapshot_add_mid(s, "MID-B") < 0 ||
	    raft_snapshot_add_session(s, "0015", "MID-C", index, 17, NULL) < 0 ||
	    raft_snapshot_add_session(s, "5A1C", "MID-D", 1, 0, "found before") < 0)
		goto fail;
	raft_compact(r, s, 0);
	return 0;
fail:
	raft_snapshot_free(s);
	return -1;
}
