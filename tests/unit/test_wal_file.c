/*
 * The snapshot file's format, and the data directory on disk (wal_file.c)
 * in a scratch directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "storage/le_bytes.h"
#include "storage/snap.h"
#include "storage/wal.h"
#include "storage/wal_file.h"
#include "test_suites.h"
#include "wal_fixture.h"

#include <zlib.h>

static void test_a_snapshot_file_decodes_to_what_was_encoded(void)
{
	struct wal_buf b = { 0 };
	struct raft_snapshot *back;
	struct raft r;
	char why[160];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 10, 10), RAFT_OK);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 8, 50), 0);
	CU_ASSERT_EQUAL_FATAL(snap_encode(raft_snapshot_of(&r), WAL_FIXTURE_ID, &b), 0);
	CU_ASSERT_EQUAL_FATAL(snap_decode(b.data, b.len, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why), 0);
	CU_ASSERT_EQUAL(back->n_pairs, 50);
	CU_ASSERT_EQUAL(back->n_mids, 2);
	for (i = 0; i < back->n_pairs; i++)
		CU_ASSERT(msg_kv_pair_equal(&back->pairs[i], &raft_snapshot_of(&r)->pairs[i]));
	CU_ASSERT_STRING_EQUAL(back->mids[1], "MID-B");
	CU_ASSERT_EQUAL_FATAL(back->n_sessions, 2);
	for (i = 0; i < back->n_sessions; i++)
		CU_ASSERT(msg_client_session_equal(&back->sessions[i], &raft_snapshot_of(&r)->sessions[i]));
	raft_snapshot_free(back);
	/* A file of another index or term is not the one the log follows. */
	CU_ASSERT_EQUAL(snap_decode(b.data, b.len, WAL_FIXTURE_ID, 9, 3, &back, why, sizeof why), -1);
	CU_ASSERT_PTR_NULL(back);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "the log expects index 9"));
	CU_ASSERT_EQUAL(snap_decode(b.data, b.len, "0002", 8, 3, &back, why, sizeof why), -1);
	raft_free(&r);
	wal_buf_free(&b);
}

/* Issue 24 (C1): a cluster's clients have ids of 16 hex digits, and
 * their sessions survive a snapshot beside those of 4; the format that
 * holds them is the only one read. */
static void test_a_snapshot_keeps_sessions_of_wide_and_narrow_client_ids(void)
{
	struct raft_snapshot *s = raft_snapshot_new(8, 3), *back;
	struct wal_buf b = { 0 };
	char why[160];

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(raft_snapshot_add_pair(s, "k", "v", 2), 0);
	CU_ASSERT_EQUAL(raft_snapshot_add_session(s, "0123456789ABCDEF", "MID-W", 5, 17, NULL), 0);
	CU_ASSERT_EQUAL(raft_snapshot_add_session(s, "00AB", "MID-N", 6, 0, "old"), 0);
	CU_ASSERT_EQUAL_FATAL(snap_encode(s, WAL_FIXTURE_ID, &b), 0);
	CU_ASSERT_EQUAL_FATAL(snap_decode(b.data, b.len, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why), 0);
	CU_ASSERT_EQUAL_FATAL(back->n_sessions, 2);
	CU_ASSERT(msg_client_session_equal(&back->sessions[0], &s->sessions[0]));
	CU_ASSERT(msg_client_session_equal(&back->sessions[1], &s->sessions[1]));
	CU_ASSERT_STRING_EQUAL(back->sessions[0].client, "0123456789ABCDEF");
	raft_snapshot_free(back);
	/* Another version is refused, naming it: an older one (4-byte client
	 * ids) is no log's of this build, a newer one no build's it knows. */
	le_put_u32(b.data + 8, SNAP_VERSION - 1);
	CU_ASSERT_EQUAL(snap_decode(b.data, b.len, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "format version 2, this replica reads 3"));
	le_put_u32(b.data + 8, SNAP_VERSION + 1);
	CU_ASSERT_EQUAL(snap_decode(b.data, b.len, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "format version 4"));
	raft_snapshot_free(s);
	wal_buf_free(&b);
}

static void test_every_bit_flip_and_cut_of_a_snapshot_file_is_found(void)
{
	struct wal_buf b = { 0 };
	struct raft_snapshot *back;
	struct raft r;
	char why[160];
	size_t byte, found = 0, tried = 0;
	int bit;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 10, 10), RAFT_OK);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 8, 4), 0);
	CU_ASSERT_EQUAL_FATAL(snap_encode(raft_snapshot_of(&r), WAL_FIXTURE_ID, &b), 0);
	for (byte = 0; byte < b.len; byte++)
		for (bit = 0; bit < 8; bit++) {
			b.data[byte] ^= (uint8_t)(1u << bit);
			tried++;
			found += snap_decode(b.data, b.len, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why) < 0;
			raft_snapshot_free(back);
			b.data[byte] ^= (uint8_t)(1u << bit);
		}
	for (byte = 0; byte < b.len; byte++) {
		tried++;
		found += snap_decode(b.data, byte, WAL_FIXTURE_ID, 8, 3, &back, why, sizeof why) < 0;
		raft_snapshot_free(back);
	}
	CU_ASSERT_EQUAL(found, tried);
	raft_free(&r);
	wal_buf_free(&b);
}

/* The scratch directory the file tests run in (a suite fixture). */
static char scratch[64];

static int make_scratch(void)
{
	snprintf(scratch, sizeof scratch, "/tmp/kvstore-wal-XXXXXX");
	return mkdtemp(scratch) ? 0 : -1;
}

static int remove_scratch(void)
{
	char path[512];

	snprintf(path, sizeof path, "%s/data", scratch);
	wal_fixture_remove_dir(path);
	return rmdir(scratch);
}

static void data_dir(char *dir, size_t size)
{
	snprintf(dir, size, "%s/data", scratch);
}

static int open_log(struct wal_file *f, struct wal_replayed *replayed, struct wal_open_report *report, char *err)
{
	char dir[128];

	data_dir(dir, sizeof dir);
	return wal_file_open(f, dir, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, replayed, report, err, 512);
}

static void test_a_data_directory_is_created_then_resumed_with_what_was_saved(void)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct raft r;
	char err[512];

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT(report.created);
	CU_ASSERT_EQUAL(replayed.state.log.last, 0);
	wal_replayed_free(&replayed);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 2, 30, 25), RAFT_OK);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1); /* the answered mark */
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 0); /* nothing new */
	CU_ASSERT_EQUAL(f.syncs, 2);
	wal_file_close(&f);
	raft_free(&r);

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT(!report.created);
	CU_ASSERT_EQUAL(report.records, 33);
	CU_ASSERT_EQUAL(report.torn_bytes, 0);
	CU_ASSERT_EQUAL(replayed.state.term, 2);
	CU_ASSERT_EQUAL(replayed.state.log.last, 30);
	CU_ASSERT_EQUAL(replayed.state.commit, 25);
	wal_replayed_free(&replayed);
	wal_file_close(&f);
	remove_scratch();
	make_scratch();
}

static void append_bytes(const char *path, const void *bytes, size_t len)
{
	FILE *fp = fopen(path, "ab");

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(fwrite(bytes, 1, len, fp), len);
	fclose(fp);
}

/* Issue 24 (C6): a data directory whose log was deleted but whose
 * snapshot remained started blank (term 0, no vote) and deleted the
 * snapshot. It is refused, naming both, and the snapshot stays. */
static void test_a_snapshot_without_its_log_is_refused_and_kept(void)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct stat st;
	char dir[128], snap[192], err[512];

	data_dir(dir, sizeof dir);
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	snprintf(snap, sizeof snap, "%s/snap-0000000000000010", dir);
	append_bytes(snap, "state", 5);
	CU_ASSERT_EQUAL(open_log(&f, &replayed, &report, err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "snap-0000000000000010"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is missing"));
	CU_ASSERT_EQUAL(stat(snap, &st), 0);
	remove_scratch();
	make_scratch();
}

/* Issue 24 (C3): a member started on another cluster's data directory
 * was accepted, won an election and lost that cluster's writes. The log
 * names its cluster; another is refused, naming both, and nothing is
 * touched. */
static void test_the_log_of_another_cluster_is_refused_and_kept(void)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	char dir[128], err[640], theirs[32];
	struct raft r;

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	wal_replayed_free(&replayed);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 2, 5, 5), RAFT_OK);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	wal_file_close(&f);
	raft_free(&r);
	data_dir(dir, sizeof dir);
	CU_ASSERT_EQUAL(
		wal_file_open(&f, dir, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER + 1, &replayed, &report, err, sizeof err),
		-1);
	snprintf(theirs, sizeof theirs, "cluster %016llx", (unsigned long long)WAL_FIXTURE_CLUSTER);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, theirs));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "another cluster's data directory"));
	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT_EQUAL(replayed.state.log.last, 5);
	wal_replayed_free(&replayed);
	wal_file_close(&f);
	remove_scratch();
	make_scratch();
}

static void test_a_torn_tail_on_disk_is_cut_off_and_reported(void)
{
	static const uint8_t partial[10] = { 40, 0, 0, 0, 3, 0, 0, 0, 9, 9 };
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct stat st;
	struct raft r;
	char err[512], path[4096];
	uint64_t good;

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	wal_replayed_free(&replayed);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 2, 4, 4), RAFT_OK);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	good = f.size;
	snprintf(path, sizeof path, "%s", f.path);
	wal_file_close(&f);
	append_bytes(path, partial, sizeof partial);

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT_EQUAL(report.torn_bytes, sizeof partial);
	CU_ASSERT_EQUAL(report.torn_offset, good);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL((uint64_t)st.st_size, good);
	CU_ASSERT_EQUAL(replayed.state.log.last, 4);
	wal_replayed_free(&replayed);
	/* New records follow the last good one. */
	CU_ASSERT_EQUAL_FATAL(wal_fixture_append(&r.log, 2, 5), 0);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	wal_file_close(&f);
	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT_EQUAL(report.torn_bytes, 0);
	CU_ASSERT_EQUAL(replayed.state.log.last, 5);
	wal_replayed_free(&replayed);
	wal_file_close(&f);
	raft_free(&r);
	remove_scratch();
	make_scratch();
}

static void test_after_a_snapshot_the_directory_holds_it_and_a_log_that_follows_it(void)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct raft r;
	char err[512], path[600];
	struct stat st;
	FILE *fp;

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	wal_replayed_free(&replayed);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 2, 30, 25), RAFT_OK);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 20, 7), 0);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	CU_ASSERT_EQUAL(f.snap_on_disk, 20);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 25, 9), 0); /* the next one replaces it */
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	wal_file_close(&f);
	snprintf(path, sizeof path, "%s/data/snap-%016x", scratch, 20);
	CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	CU_ASSERT_EQUAL(replayed.state.log.base, 25);
	CU_ASSERT_EQUAL(replayed.state.log.last, 30);
	CU_ASSERT_PTR_NOT_NULL_FATAL(replayed.state.snapshot);
	CU_ASSERT_EQUAL(replayed.state.snapshot->n_pairs, 9);
	CU_ASSERT_EQUAL(replayed.state.snapshot->term, 2);
	wal_replayed_free(&replayed);
	wal_file_close(&f);
	raft_free(&r);

	/* A damaged snapshot stops the replica: the log before it is gone. */
	snprintf(path, sizeof path, "%s/data/snap-%016x", scratch, 25);
	fp = fopen(path, "r+b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fseek(fp, SNAP_HEADER + 3, SEEK_SET);
	fputc(0x55, fp);
	fclose(fp);
	CU_ASSERT_EQUAL(open_log(&f, &replayed, &report, err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "fail their checksum"));
	remove_scratch();
	make_scratch();
}

static void test_a_damaged_record_on_disk_stops_the_replica_naming_file_and_offset(void)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct raft r;
	char err[512], path[4096], expect[4200];
	FILE *fp;

	CU_ASSERT_EQUAL_FATAL(open_log(&f, &replayed, &report, err), 0);
	wal_replayed_free(&replayed);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 2, 4, 4), RAFT_OK);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	snprintf(path, sizeof path, "%s", f.path);
	wal_file_close(&f);
	raft_free(&r);
	fp = fopen(path, "r+b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	/* Inside the first entry's payload (after the term record). */
	fseek(fp, WAL_FILE_HEADER + 28 + WAL_RECORD_HEADER + 5, SEEK_SET);
	fputc(0x55, fp);
	fclose(fp);

	CU_ASSERT_EQUAL(open_log(&f, &replayed, &report, err), -1);
	snprintf(expect, sizeof expect, "%s: offset %d: entry record fails its checksum", path, WAL_FILE_HEADER + 28);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, expect));
	remove_scratch();
	make_scratch();
}

int test_wal_file_register(void)
{
	CU_pSuite s = CU_add_suite("snapshot file", NULL, NULL);
	CU_pSuite f = CU_add_suite("write-ahead log file", make_scratch, remove_scratch);

	if (!s || !f)
		return -1;
	if (!CU_add_test(s, "a snapshot file decodes to what was encoded",
			 test_a_snapshot_file_decodes_to_what_was_encoded) ||
	    !CU_add_test(s, "a snapshot keeps sessions of wide and narrow client ids, and only its version is read",
			 test_a_snapshot_keeps_sessions_of_wide_and_narrow_client_ids) ||
	    !CU_add_test(s, "every bit flip and cut of a snapshot file is found",
			 test_every_bit_flip_and_cut_of_a_snapshot_file_is_found))
		return -1;
	if (!CU_add_test(f, "after a snapshot the directory holds it and a log that follows it",
			 test_after_a_snapshot_the_directory_holds_it_and_a_log_that_follows_it) ||
	    !CU_add_test(f, "a data directory is created, then resumed with what was saved",
			 test_a_data_directory_is_created_then_resumed_with_what_was_saved) ||
	    !CU_add_test(f, "a snapshot without its log is refused, and kept",
			 test_a_snapshot_without_its_log_is_refused_and_kept) ||
	    !CU_add_test(f, "the log of another cluster is refused, and kept",
			 test_the_log_of_another_cluster_is_refused_and_kept) ||
	    !CU_add_test(f, "a torn tail on disk is cut off and reported",
			 test_a_torn_tail_on_disk_is_cut_off_and_reported) ||
	    !CU_add_test(f, "a damaged record on disk stops the replica, naming file and offset",
			 test_a_damaged_record_on_disk_stops_the_replica_naming_file_and_offset))
		return -1;
	return 0;
}
