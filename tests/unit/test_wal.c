/*
 * The write-ahead log's records: what wal_collect writes, what wal_replay
 * gives back, and how a cut or damaged log is told apart.
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

/* A header and the records of a fixture core: term 3, `n` entries, `commit`
 * (all answered), written by two syncs: the answered mark follows one sync
 * behind (wal.h), so the second adds a COMMIT record with it. */
static void write_fixture(struct raft *r, struct wal_buf *b, uint64_t n, uint64_t commit)
{
	struct wal_writer w = { 0 };

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(r, 3, n, commit), RAFT_OK);
	CU_ASSERT_EQUAL_FATAL(wal_write_header(b, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER), 0);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_collect(&w, r, b), 0);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_collect(&w, r, b), 0);
}

static void test_a_log_replays_to_the_term_vote_entries_and_commit_written(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;
	const struct msg_log_entry *e;

	write_fixture(&r, &b, 20, 15);
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.records, 23); /* term, 20 entries, commit, answered mark */
	CU_ASSERT_EQUAL(out.valid_len, b.len);
	CU_ASSERT_EQUAL(out.state.term, 3);
	CU_ASSERT_STRING_EQUAL(out.state.voted_for, WAL_FIXTURE_ID);
	CU_ASSERT_EQUAL(out.state.log.last, 20);
	CU_ASSERT_EQUAL(out.state.commit, 15);
	CU_ASSERT_EQUAL(out.state.known_commit, 15);
	e = raft_log_get(&out.state.log, 7);
	CU_ASSERT_EQUAL(e->term, 3);
	CU_ASSERT_STRING_EQUAL(e->key, raft_entry(&r, 7)->key);
	CU_ASSERT_STRING_EQUAL(e->value, raft_entry(&r, 7)->value);
	CU_ASSERT_STRING_EQUAL(e->mid, raft_entry(&r, 7)->mid);
	CU_ASSERT_STRING_EQUAL(e->client, "0015");
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

static void test_collect_writes_only_what_changed_since_the_last_call(void)
{
	struct wal_writer w = { 0 };
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 5, 5), RAFT_OK);
	CU_ASSERT_EQUAL(wal_write_header(&b, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER), 0);
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	len = b.len;
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	CU_ASSERT(b.len > len); /* the answered mark of the first sync */
	len = b.len;
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	CU_ASSERT_EQUAL(b.len, len); /* nothing changed, nothing written */
	CU_ASSERT_EQUAL_FATAL(wal_fixture_append(&r.log, 3, 6), 0);
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	CU_ASSERT(b.len > len && b.len - len < 200); /* one entry */
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.state.log.last, 6);
	CU_ASSERT_EQUAL(out.state.known_commit, 5);
	CU_ASSERT_EQUAL(out.records, 9);
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

/* Figure 7's follower (b) meets a leader: its conflicting suffix goes. */
static void test_entries_replaced_after_a_conflict_replay_as_the_new_log(void)
{
	struct wal_writer w = { 0 };
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 20, 10), RAFT_OK);
	CU_ASSERT_EQUAL(wal_write_header(&b, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER), 0);
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	r.term = 4;
	r.voted_for[0] = '\0';
	raft_log_truncate_after(&r.log, 12);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_append(&r.log, 4, 13), 0);
	CU_ASSERT_EQUAL(wal_fixture_collect(&w, &r, &b), 0);
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.state.term, 4);
	CU_ASSERT_STRING_EQUAL(out.state.voted_for, "");
	CU_ASSERT_EQUAL(out.state.log.last, 13);
	CU_ASSERT_EQUAL(raft_log_term(&out.state.log, 12), 3);
	CU_ASSERT_EQUAL(raft_log_term(&out.state.log, 13), 4);
	CU_ASSERT_EQUAL(out.records, 22 + 4); /* term, truncate, entry, commit (the answered mark) */
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

/* Where each record starts, and the end of the file: the places a cut
 * leaves only whole records. */
static size_t boundaries(const struct wal_buf *b, size_t *at, size_t max)
{
	size_t pos = WAL_FILE_HEADER, n = 0;

	while (pos < b->len && n < max) {
		at[n++] = pos;
		pos += WAL_RECORD_HEADER + (b->data[pos] | b->data[pos + 1] << 8 | b->data[pos + 2] << 16);
	}
	at[n++] = b->len;
	return n;
}

static void test_a_cut_on_a_record_boundary_keeps_the_records_before_it_and_a_cut_inside_one_is_torn(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	size_t at[64], n, cut, k = 0;
	struct raft r;

	write_fixture(&r, &b, 12, 12);
	n = boundaries(&b, at, 63);
	CU_ASSERT_EQUAL_FATAL(n, 15 + 1); /* term, 12 entries, two commits; the end */
	for (cut = WAL_FILE_HEADER; cut <= b.len; cut++) {
		enum wal_result rc = wal_replay(b.data, cut, WAL_FIXTURE_ID, &out);

		while (k + 1 < n && at[k + 1] <= cut)
			k++;
		if (cut == at[k]) {
			CU_ASSERT_EQUAL(rc, WAL_OK);
		} else {
			CU_ASSERT_EQUAL(rc, WAL_TORN);
			CU_ASSERT_EQUAL(out.bad_offset, at[k]);
		}
		CU_ASSERT_EQUAL(out.valid_len, at[k]);
		CU_ASSERT_EQUAL(out.records, k);
		/* The entries kept are exactly those of the records kept. */
		CU_ASSERT_EQUAL(out.state.log.last, k == 0 ? 0 : k - 1 > 12 ? 12 : k - 1);
		wal_replayed_free(&out);
	}
	CU_ASSERT_EQUAL(wal_replay(b.data, WAL_FILE_HEADER - 1, WAL_FIXTURE_ID, &out), WAL_CORRUPT);
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

static void test_every_single_bit_flip_is_found_as_damage_not_as_a_cut(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	size_t i, flips = 0, found = 0;
	struct raft r;
	int bit;

	write_fixture(&r, &b, 6, 6);
	for (i = 0; i < b.len; i++)
		for (bit = 0; bit < 8; bit++) {
			b.data[i] ^= (uint8_t)(1u << bit);
			flips++;
			found += wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out) == WAL_CORRUPT && out.bad_offset <= i;
			wal_replayed_free(&out);
			b.data[i] ^= (uint8_t)(1u << bit);
		}
	CU_ASSERT_EQUAL(found, flips);
	CU_ASSERT(flips > 4000);
	raft_free(&r);
	wal_buf_free(&b);
}

static void test_a_tail_of_zeros_is_a_torn_write(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;
	size_t len;

	write_fixture(&r, &b, 3, 3);
	len = b.len;
	b.data = realloc(b.data, len + 100);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
	memset(b.data + len, 0, 100);
	CU_ASSERT_EQUAL(wal_replay(b.data, len + 100, WAL_FIXTURE_ID, &out), WAL_TORN);
	CU_ASSERT_EQUAL(out.valid_len, len);
	CU_ASSERT_EQUAL(out.state.log.last, 3);
	wal_replayed_free(&out);
	b.data[len + 50] = 1; /* not a cut write any more: something was written there */
	CU_ASSERT_EQUAL(wal_replay(b.data, len + 100, WAL_FIXTURE_ID, &out), WAL_CORRUPT);
	CU_ASSERT_EQUAL(out.bad_offset, len);
	wal_replayed_free(&out);
	raft_free(&r);
	b.len = len;
	wal_buf_free(&b);
}

static void test_the_log_of_another_replica_is_refused(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;

	write_fixture(&r, &b, 1, 1);
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, "0002", &out), WAL_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.why, "replica 0001"));
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

/* Whole records with good checksums, in an order no writer makes. */
static void test_a_missing_entry_record_is_damage(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	size_t at[16], n;
	struct raft r;

	write_fixture(&r, &b, 5, 5);
	n = boundaries(&b, at, 15);
	CU_ASSERT_EQUAL_FATAL(n, 9);
	/* Drop the record of entry 3 (records: term, entries 1..5, two commits). */
	memmove(b.data + at[3], b.data + at[4], b.len - at[4]);
	b.len -= at[4] - at[3];
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_CORRUPT);
	CU_ASSERT_EQUAL(out.bad_offset, at[3]);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.why, "entry 4 after entry 2"));
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

static void test_answered_mids_replay_in_order_keeping_the_latest(void)
{
	char *mids[WAL_ANSWERED_KEPT + 10];
	struct wal_buf b = { 0 };
	struct wal_replayed out;
	struct raft r;
	size_t i;

	write_fixture(&r, &b, 1, 1);
	for (i = 0; i < WAL_ANSWERED_KEPT + 10; i++) {
		mids[i] = malloc(24);
		CU_ASSERT_PTR_NOT_NULL_FATAL(mids[i]);
		snprintf(mids[i], 24, "MID%zu", i);
	}
	CU_ASSERT_EQUAL(wal_write_answered(&b, mids, 3), 0);
	CU_ASSERT_EQUAL(wal_write_answered(&b, mids + 3, 0), 0); /* nothing: no record */
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.records, 5); /* term, entry, two commits, answered */
	CU_ASSERT_EQUAL_FATAL(out.n_answered, 3);
	CU_ASSERT_STRING_EQUAL(out.answered[out.first_answered], "MID0");
	CU_ASSERT_STRING_EQUAL(out.answered[(out.first_answered + 2) % WAL_ANSWERED_KEPT], "MID2");
	wal_replayed_free(&out);
	CU_ASSERT_EQUAL(wal_write_answered(&b, mids + 3, WAL_ANSWERED_KEPT + 7), 0);
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL_FATAL(out.n_answered, WAL_ANSWERED_KEPT); /* the oldest ten are forgotten */
	CU_ASSERT_STRING_EQUAL(out.answered[out.first_answered], "MID10");
	CU_ASSERT_STRING_EQUAL(out.answered[(out.first_answered + WAL_ANSWERED_KEPT - 1) % WAL_ANSWERED_KEPT],
			       mids[WAL_ANSWERED_KEPT + 9]);
	wal_replayed_free(&out);
	for (i = 0; i < WAL_ANSWERED_KEPT + 10; i++)
		free(mids[i]);
	raft_free(&r);
	wal_buf_free(&b);
}

static void test_a_log_rewritten_after_a_snapshot_replays_to_the_entries_after_it(void)
{
	struct wal_buf b = { 0 }, fresh = { 0 };
	struct wal_writer w = { 0 };
	struct wal_replayed out;
	struct raft r;

	write_fixture(&r, &b, 20, 15);
	w.last = 20; /* as write_fixture's writer left it */
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 12, 5), 0);
	CU_ASSERT_EQUAL(raft_snapshot_index(&r), 12);
	CU_ASSERT_EQUAL(raft_entry_term(&r, 12), 3); /* the base keeps its term */
	CU_ASSERT_EQUAL(raft_entry_term(&r, 11), 0); /* before it: unknown */
	CU_ASSERT(wal_rewrite_due(&w, &r));
	CU_ASSERT_EQUAL_FATAL(wal_rewrite(&w, &r, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, NULL, 0, &fresh), 0);
	CU_ASSERT(!wal_rewrite_due(&w, &r));
	CU_ASSERT(fresh.len < b.len);
	CU_ASSERT_EQUAL(wal_replay(fresh.data, fresh.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.records, 11); /* snapshot, term, 8 entries, commit */
	CU_ASSERT_EQUAL(out.state.log.base, 12);
	CU_ASSERT_EQUAL(out.state.log.base_term, 3);
	CU_ASSERT_EQUAL(out.state.log.last, 20);
	CU_ASSERT_EQUAL(out.state.term, 3);
	CU_ASSERT_EQUAL(out.state.commit, 15);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&out.state.log, 13)->mid, raft_entry(&r, 13)->mid);
	wal_replayed_free(&out);
	/* Records added later follow on as before. */
	CU_ASSERT_EQUAL_FATAL(wal_fixture_append(&r.log, 3, 21), 0);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_collect(&w, &r, &fresh), 0);
	CU_ASSERT_EQUAL(wal_replay(fresh.data, fresh.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.state.log.last, 21);
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
	wal_buf_free(&fresh);
}

static void test_entries_kept_behind_a_snapshot_replay_with_it(void)
{
	struct raft_snapshot *s = raft_snapshot_new(16, 0);
	struct wal_buf b = { 0 }, fresh = { 0 };
	struct wal_writer w = { 0 };
	struct wal_replayed out;
	struct raft r;

	write_fixture(&r, &b, 20, 18);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	raft_compact(&r, s, 6); /* entries 11 to 16 stay for followers a little behind */
	CU_ASSERT_EQUAL(raft_snapshot_index(&r), 16);
	CU_ASSERT_EQUAL(raft_compacted_upto(&r), 10);
	CU_ASSERT_STRING_EQUAL(raft_entry(&r, 11)->mid, "MID0000000000011");
	CU_ASSERT_EQUAL_FATAL(wal_rewrite(&w, &r, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, NULL, 0, &fresh), 0);
	CU_ASSERT_EQUAL(wal_replay(fresh.data, fresh.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL(out.snapshot_index, 16);
	CU_ASSERT_EQUAL(out.snapshot_term, 3);
	CU_ASSERT_EQUAL(out.state.log.base, 10);
	CU_ASSERT_EQUAL(out.state.log.last, 20);
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
	wal_buf_free(&fresh);
}

static void test_a_snapshot_record_after_other_records_is_damage(void)
{
	struct wal_buf b = { 0 }, fresh = { 0 };
	struct wal_writer w = { 0 };
	struct wal_replayed out;
	struct raft r;

	write_fixture(&r, &b, 10, 10);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_compact(&r, 6, 2), 0);
	CU_ASSERT_EQUAL_FATAL(wal_rewrite(&w, &r, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, NULL, 0, &fresh), 0);
	/* the rewritten file's records (snapshot first) after the old ones */
	CU_ASSERT_EQUAL_FATAL(wal_buf_reserve(&b, fresh.len), 0);
	memcpy(b.data + b.len, fresh.data + WAL_FILE_HEADER, fresh.len - WAL_FILE_HEADER);
	b.len += fresh.len - WAL_FILE_HEADER;
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.why, "snapshot record after"));
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
	wal_buf_free(&fresh);
}

/* A delete and a compare-and-set (with its client's serial number) are
 * COMMAND records, and replay as what they were. */
static void test_a_delete_and_a_compare_and_set_replay_as_themselves(void)
{
	struct wal_buf b = { 0 };
	struct wal_writer w = { 0 };
	struct msg_log_entry *e, *cas;
	struct wal_replayed out;
	struct raft r;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 6, 6), RAFT_OK);
	e = (struct msg_log_entry *)raft_entry(&r, 4);
	e->deletes = e->_present.deletes = true;
	cas = (struct msg_log_entry *)raft_entry(&r, 5);
	cas->expected = strdup("the value before");
	cas->_present.expected = true;
	cas->seq = 1700000000123456;
	cas->_present.seq = true;
	msg_id_copy(cas->client, "0123456789ABCDEF"); /* a cluster's client (issue 24, C1) */
	CU_ASSERT_EQUAL_FATAL(wal_write_header(&b, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER), 0);
	CU_ASSERT_EQUAL_FATAL(wal_fixture_collect(&w, &r, &b), 0);
	CU_ASSERT_EQUAL_FATAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_OK);
	CU_ASSERT_EQUAL_FATAL(out.state.log.last, 6);
	CU_ASSERT_TRUE(raft_log_get(&out.state.log, 4)->deletes);
	CU_ASSERT_FALSE(raft_log_get(&out.state.log, 3)->deletes);
	CU_ASSERT_FALSE(raft_log_get(&out.state.log, 5)->deletes);
	CU_ASSERT_TRUE(raft_log_get(&out.state.log, 5)->_present.expected);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&out.state.log, 5)->expected, "the value before");
	CU_ASSERT_EQUAL(raft_log_get(&out.state.log, 5)->seq, 1700000000123456);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&out.state.log, 5)->client, "0123456789ABCDEF");
	CU_ASSERT_STRING_EQUAL(raft_log_get(&out.state.log, 4)->client, e->client);
	CU_ASSERT_EQUAL(out.cluster, WAL_FIXTURE_CLUSTER);
	CU_ASSERT_FALSE(raft_log_get(&out.state.log, 4)->_present.seq);
	CU_ASSERT_FALSE(raft_log_get(&out.state.log, 6)->_present.expected);
	CU_ASSERT_STRING_EQUAL(raft_log_get(&out.state.log, 4)->key, e->key);
	wal_replayed_free(&out);
	raft_free(&r);
	wal_buf_free(&b);
}

/* A log of version 1 (no cluster id, 4-digit clients) is refused, saying
 * an older build wrote it. */
static void test_a_log_of_an_older_version_is_refused_naming_it(void)
{
	struct wal_buf b = { 0 };
	struct wal_replayed out;

	CU_ASSERT_EQUAL_FATAL(wal_write_header(&b, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER), 0);
	le_put_u32(b.data + 8, 1);
	CU_ASSERT_EQUAL(wal_replay(b.data, b.len, WAL_FIXTURE_ID, &out), WAL_CORRUPT);
	CU_ASSERT_PTR_NOT_NULL(strstr(out.why, "format version 1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out.why, "older build"));
	wal_replayed_free(&out);
	wal_buf_free(&b);
}

int test_wal_register(void)
{
	CU_pSuite s = CU_add_suite("write-ahead log", NULL, NULL);

	if (!s)
		return -1;
	if (!CU_add_test(s, "a log replays to the term, vote, entries and commit written",
			 test_a_log_replays_to_the_term_vote_entries_and_commit_written) ||
	    !CU_add_test(s, "collect writes only what changed since the last call",
			 test_collect_writes_only_what_changed_since_the_last_call) ||
	    !CU_add_test(s, "entries replaced after a conflict replay as the new log",
			 test_entries_replaced_after_a_conflict_replay_as_the_new_log) ||
	    !CU_add_test(s, "a cut on a record boundary keeps the records before it; a cut inside one is torn",
			 test_a_cut_on_a_record_boundary_keeps_the_records_before_it_and_a_cut_inside_one_is_torn) ||
	    !CU_add_test(s, "every single-bit flip is found as damage, not as a cut",
			 test_every_single_bit_flip_is_found_as_damage_not_as_a_cut) ||
	    !CU_add_test(s, "a tail of zeros is a torn write", test_a_tail_of_zeros_is_a_torn_write) ||
	    !CU_add_test(s, "the log of another replica is refused", test_the_log_of_another_replica_is_refused) ||
	    !CU_add_test(s, "a missing entry record is damage", test_a_missing_entry_record_is_damage) ||
	    !CU_add_test(s, "a log rewritten after a snapshot replays to the entries after it",
			 test_a_log_rewritten_after_a_snapshot_replays_to_the_entries_after_it) ||
	    !CU_add_test(s, "entries kept behind a snapshot replay with it",
			 test_entries_kept_behind_a_snapshot_replay_with_it) ||
	    !CU_add_test(s, "a snapshot record after other records is damage",
			 test_a_snapshot_record_after_other_records_is_damage) ||
	    !CU_add_test(s, "a log of an older version is refused, naming it",
			 test_a_log_of_an_older_version_is_refused_naming_it) ||
	    !CU_add_test(s, "a delete and a compare-and-set replay as themselves",
			 test_a_delete_and_a_compare_and_set_replay_as_themselves) ||
	    !CU_add_test(s, "answered MIDs replay in order, keeping the latest",
			 test_answered_mids_replay_in_order_keeping_the_latest))
		return -1;
	return 0;
}
