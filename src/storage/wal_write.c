/* The write-ahead log's records, written; see wal.h. */
#include "wal.h"
#include "base/array.h"
#include "le_bytes.h"
#include "wal_format.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void wal_buf_free(struct wal_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

int wal_buf_reserve(struct wal_buf *b, size_t more)
{
	return array_reserve(&b->data, &b->cap, b->len + more, 1, 4096);
}

/* A payload under construction: space reserved for the record header. */
struct record {
	struct wal_buf *b;
	size_t start;
};

static int record_begin(struct record *rec, struct wal_buf *b, size_t max_payload)
{
	if (wal_buf_reserve(b, WAL_RECORD_HEADER + max_payload) < 0)
		return -1;
	rec->b = b;
	rec->start = b->len;
	b->len += WAL_RECORD_HEADER;
	return 0;
}

static void add_u64(struct record *rec, uint64_t v)
{
	le_put_u64(rec->b->data + rec->b->len, v);
	rec->b->len += 8;
}

static void add_id(struct record *rec, const char *id)
{
	wal_put_id(rec->b->data + rec->b->len, id);
	rec->b->len += MSG_ID_LEN;
}

static void add_client(struct record *rec, const char *id)
{
	rec->b->len += wal_put_client(rec->b->data + rec->b->len, id);
}

static void add_string(struct record *rec, const char *s)
{
	size_t len = strlen(s);

	le_put_u32(rec->b->data + rec->b->len, (uint32_t)len);
	memcpy(rec->b->data + rec->b->len + 4, s, len);
	rec->b->len += 4 + len;
}

static void record_end(struct record *rec, enum wal_record_type type)
{
	uint8_t *h = rec->b->data + rec->start;
	size_t payload = rec->b->len - rec->start - WAL_RECORD_HEADER;

	le_put_u32(h, (uint32_t)payload);
	h[4] = (uint8_t)type;
	h[5] = h[6] = h[7] = 0;
	le_put_u32(h + 8, wal_crc(h + WAL_RECORD_HEADER, payload));
	le_put_u32(h + 12, wal_crc(h, 12));
}

int wal_write_header(struct wal_buf *b, const char *id, uint64_t cluster)
{
	uint8_t *h;

	if (wal_buf_reserve(b, WAL_FILE_HEADER) < 0)
		return -1;
	h = b->data + b->len;
	memcpy(h, WAL_MAGIC, 8);
	le_put_u32(h + 8, WAL_VERSION);
	wal_put_id(h + 12, id);
	le_put_u64(h + 16, cluster);
	le_put_u32(h + 24, wal_crc(h, 24));
	b->len += WAL_FILE_HEADER;
	return 0;
}

uint64_t wal_answers_left(const struct wal_writer *w)
{
	return w->sent_known_commit;
}

void wal_writer_init(struct wal_writer *w, const struct raft_restore *state)
{
	w->snapshot = state->snapshot ? state->snapshot->index : 0;
	w->base = state->log.base;
	w->term = state->term;
	msg_id_copy(w->voted_for, state->voted_for);
	w->last = state->log.last;
	w->commit = state->commit;
	w->known_commit = w->sent_known_commit = state->known_commit;
	w->share_term = w->sent_share_term = state->share_term;
	w->share_answered = w->sent_share_answered = state->share_answered;
}

static int write_term(struct wal_buf *b, uint64_t term, const char *vote)
{
	struct record rec;

	if (record_begin(&rec, b, 8 + MSG_ID_LEN) < 0)
		return -1;
	add_u64(&rec, term);
	add_id(&rec, vote);
	record_end(&rec, WAL_TERM);
	return 0;
}

static int write_truncate(struct wal_buf *b, uint64_t after)
{
	struct record rec;

	if (record_begin(&rec, b, 8) < 0)
		return -1;
	add_u64(&rec, after);
	record_end(&rec, WAL_TRUNCATE);
	return 0;
}

/* A plain put is an ENTRY record; anything more (a delete, a
 * compare-and-set, a client's serial number) a COMMAND. */
static bool is_command(const struct msg_log_entry *e)
{
	return e->deletes || e->_present.expected || e->_present.seq;
}

static int write_entry(struct wal_buf *b, uint64_t index, const struct msg_log_entry *e)
{
	size_t strings = strlen(e->key) + strlen(e->value) + strlen(e->mid) +
			 (e->_present.expected ? 4 + strlen(e->expected) : 0);
	struct record rec;

	if (strings > WAL_MAX_PAYLOAD - 64 || record_begin(&rec, b, 16 + WAL_CLIENT_MAX + 12 + 9 + strings) < 0)
		return -1;
	add_u64(&rec, index);
	add_u64(&rec, e->term);
	add_client(&rec, e->client);
	add_string(&rec, e->key);
	add_string(&rec, e->value);
	add_string(&rec, e->mid);
	if (is_command(e)) {
		rec.b->data[rec.b->len++] =
			(uint8_t)((e->deletes ? COMMAND_DELETES : 0) | (e->_present.expected ? COMMAND_CAS : 0) |
				  (e->_present.seq ? COMMAND_SEQ : 0));
		if (e->_present.seq)
			add_u64(&rec, e->seq);
		if (e->_present.expected)
			add_string(&rec, e->expected);
	}
	record_end(&rec, is_command(e) ? WAL_COMMAND : WAL_ENTRY);
	return 0;
}

static int write_commit(struct wal_buf *b, const struct wal_writer *w)
{
	struct record rec;

	if (record_begin(&rec, b, 32) < 0)
		return -1;
	add_u64(&rec, w->commit);
	add_u64(&rec, w->known_commit);
	add_u64(&rec, w->share_term);
	add_u64(&rec, w->share_answered);
	record_end(&rec, WAL_COMMIT);
	return 0;
}

int wal_write_answered(struct wal_buf *b, char *const *mids, size_t n)
{
	size_t i, bytes = 4, start = b->len;
	struct record rec;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		bytes += 4 + strlen(mids[i]);
	if (bytes > WAL_MAX_PAYLOAD) { /* more than a record holds: two of half */
		if (wal_write_answered(b, mids, n / 2) < 0 || wal_write_answered(b, mids + n / 2, n - n / 2) < 0) {
			b->len = start;
			return -1;
		}
		return 0;
	}
	if (record_begin(&rec, b, bytes) < 0)
		return -1;
	le_put_u32(b->data + b->len, (uint32_t)n);
	b->len += 4;
	for (i = 0; i < n; i++)
		add_string(&rec, mids[i]);
	record_end(&rec, WAL_ANSWERED);
	return 0;
}

/* The records of one sync, in the order wal.h explains; the writer is
 * updated only once all of them are in the buffer. */
static int collect(const struct wal_writer *w, struct wal_writer *next, const struct raft *r,
		   const struct raft_persist *p, struct wal_buf *b)
{
	uint64_t i, unsaved = p->log_from;

	*next = *w;
	if (p->hard_state) {
		next->term = raft_term(r);
		msg_id_copy(next->voted_for, raft_voted_for(r));
		if (write_term(b, next->term, next->voted_for) < 0)
			return -1;
	}
	if (unsaved != RAFT_LOG_SAVED) {
		if (unsaved <= w->last && write_truncate(b, unsaved - 1) < 0)
			return -1;
		for (i = unsaved; i <= raft_last_index(r); i++)
			if (write_entry(b, i, raft_entry(r, i)) < 0)
				return -1;
		next->last = raft_last_index(r);
	}
	next->commit = raft_commit(r);
	next->known_commit = w->sent_known_commit;
	next->share_term = w->sent_share_term;
	next->share_answered = w->sent_share_answered;
	next->sent_known_commit = raft_answered_upto(r);
	raft_delegate_answered(r, &next->sent_share_term, &next->sent_share_answered);
	if (next->commit != w->commit || next->known_commit != w->known_commit || next->share_term != w->share_term ||
	    next->share_answered != w->share_answered) {
		if (write_commit(b, next) < 0)
			return -1;
	}
	return 0;
}

static int write_snapshot(struct wal_buf *b, const struct raft *r)
{
	struct record rec;

	if (record_begin(&rec, b, 32) < 0)
		return -1;
	add_u64(&rec, raft_snapshot_of(r)->index);
	add_u64(&rec, raft_snapshot_of(r)->term);
	add_u64(&rec, raft_compacted_upto(r));
	add_u64(&rec, raft_entry_term(r, raft_compacted_upto(r)));
	record_end(&rec, WAL_SNAPSHOT);
	return 0;
}

bool wal_rewrite_due(const struct wal_writer *w, const struct raft *r)
{
	return w->snapshot != raft_snapshot_index(r) || w->base != raft_compacted_upto(r);
}

int wal_rewrite(struct wal_writer *w, const struct raft *r, const char *id, uint64_t cluster, char *const *answered,
		size_t n_answered, struct wal_buf *b)
{
	uint64_t base = raft_compacted_upto(r);
	/* A file that holds nothing after the snapshot: collect writes the rest. */
	struct wal_writer empty = *w, next;
	struct raft_persist everything = { true, base + 1 };

	empty.snapshot = raft_snapshot_index(r);
	empty.base = empty.last = base;
	empty.term = empty.commit = empty.known_commit = empty.share_term = empty.share_answered = 0;
	empty.voted_for[0] = '\0';
	if (wal_write_header(b, id, cluster) < 0 || (raft_snapshot_of(r) && write_snapshot(b, r) < 0) ||
	    collect(&empty, &next, r, &everything, b) < 0 || wal_write_answered(b, answered, n_answered) < 0)
		return -1;
	*w = next;
	return 0;
}

int wal_note_sent(struct wal_writer *w, struct wal_buf *b)
{
	struct wal_writer next = *w;

	next.known_commit = w->sent_known_commit;
	next.share_term = w->sent_share_term;
	next.share_answered = w->sent_share_answered;
	if (next.known_commit == w->known_commit && next.share_term == w->share_term &&
	    next.share_answered == w->share_answered)
		return 0;
	if (write_commit(b, &next) < 0)
		return -1;
	*w = next;
	return 0;
}

int wal_collect(struct wal_writer *w, const struct raft *r, const struct raft_persist *p, struct wal_buf *b)
{
	size_t len = b->len;
	struct wal_writer next;

	if (collect(w, &next, r, p, b) < 0) {
		b->len = len;
		return -1;
	}
	*w = next;
	return 0;
}
