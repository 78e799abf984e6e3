/*
 * The write-ahead log: what wal_collect writes, what wal_replay gives back,
 * how a cut or damaged file is told apart, and the file on disk
 * (wal_file.c) in a scratch directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "test_suites.h"
#include "storage/wal.h"
#include "storage/snap.h"
#include "storage/wal_file.h"
#include "wal_fixture.h"
#include "storage/le_bytes.h"

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

/* Compacts the fixture core's entries up to index into a snapshot of
 * `keys` pairs, two MIDs and two client sessions. */
static void compact_fixture(struct raft *r, uint64_t index, unsigned keys)
{
	struct raft_snapshot *s = raft_snapshot_new(index, 0);
	char key[16], value[16];
	unsigned k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (k = 0; k < keys; k++) {
		snprintf(key, sizeof key, "key%u", k);
		snprintf(value, sizeof value, "value%u", k);
		CU_ASSERT_EQUAL_FATAL(raft_snapshot_add_pair(s, key, value, 1 + k % index), 0);
	}
	CU_ASSERT_EQUAL_FATAL(raft_snapshot_add_mid(s, "MID-A"), 0);
	CU_ASSERT_EQUAL_FATAL(raft_snapshot_add_mid(s, "MID-B"), 0);
	CU_ASSERT_EQUAL_FATAL(raft_snapshot_add_session(s, "0015", "MID-C", index, 17, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(raft_snapshot_add_session(s, "5A1C", "MID-D", 1, 0, "found before"), 0);
	raft_compact(r, s, 0);
}

static void test_a_log_rewritten_after_a_snapshot_replays_to_the_entries_after_it(void)
{
	struct wal_buf b = { 0 }, fresh = { 0 };
	struct wal_writer w = { 0 };
	struct wal_replayed out;
	struct raft r;

	write_fixture(&r, &b, 20, 15);
	w.last = 20; /* as write_fixture's writer left it */
	compact_fixture(&r, 12, 5);
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
	compact_fixture(&r, 6, 2);
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

static void test_a_snapshot_file_decodes_to_what_was_encoded(void)
{
	struct wal_buf b = { 0 };
	struct raft_snapshot *back;
	struct raft r;
	char why[160];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 10, 10), RAFT_OK);
	compact_fixture(&r, 8, 50);
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

static void test_every_bit_flip_and_cut_of_a_snapshot_file_is_found(void)
{
	struct wal_buf b = { 0 };
	struct raft_snapshot *back;
	struct raft r;
	char why[160];
	size_t byte, found = 0, tried = 0;
	int bit;

	CU_ASSERT_EQUAL_FATAL(wal_fixture_raft(&r, 3, 10, 10), RAFT_OK);
	compact_fixture(&r, 8, 4);
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

/* ---- the file ------------------------------------------------------------ */

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
	compact_fixture(&r, 20, 7);
	CU_ASSERT_EQUAL(wal_fixture_save(&f, &r, err, sizeof err), 1);
	CU_ASSERT_EQUAL(f.snap_on_disk, 20);
	compact_fixture(&r, 25, 9); /* the next one replaces it */
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

int test_wal_register(void)
{
	CU_pSuite s = CU_add_suite("write-ahead log", NULL, NULL);
	CU_pSuite f = CU_add_suite("write-ahead log file", make_scratch, remove_scratch);

	if (!s || !f)
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
	    !CU_add_test(s, "a snapshot file decodes to what was encoded",
			 test_a_snapshot_file_decodes_to_what_was_encoded) ||
	    !CU_add_test(s, "every bit flip and cut of a snapshot file is found",
			 test_every_bit_flip_and_cut_of_a_snapshot_file_is_found) ||
	    !CU_add_test(s, "a snapshot keeps sessions of wide and narrow client ids, and only its version is read",
			 test_a_snapshot_keeps_sessions_of_wide_and_narrow_client_ids) ||
	    !CU_add_test(s, "a log of an older version is refused, naming it",
			 test_a_log_of_an_older_version_is_refused_naming_it) ||
	    !CU_add_test(s, "a delete and a compare-and-set replay as themselves",
			 test_a_delete_and_a_compare_and_set_replay_as_themselves) ||
	    !CU_add_test(s, "answered MIDs replay in order, keeping the latest",
			 test_answered_mids_replay_in_order_keeping_the_latest))
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
