/* The write-ahead log's records and their replay; see wal.h. */
#include "wal.h"
#include "le_bytes.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static uint32_t crc(const uint8_t *p, size_t len)
{
	return (uint32_t)crc32(0L, p, (uInt)len);
}

/* ---- writing ------------------------------------------------------------ */

void wal_buf_free(struct wal_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

int wal_buf_reserve(struct wal_buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 4096;
	uint8_t *grown;

	if (b->len + more <= b->cap)
		return 0;
	while (cap < b->len + more)
		cap *= 2;
	grown = realloc(b->data, cap);
	if (!grown)
		return -1;
	b->data = grown;
	b->cap = cap;
	return 0;
}

/* An id field: 4 bytes, zeros for none. */
static void put_id(uint8_t *p, const char *id)
{
	memset(p, 0, MSG_ID_LEN);
	memcpy(p, id, strnlen(id, MSG_ID_LEN));
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
	put_id(rec->b->data + rec->b->len, id);
	rec->b->len += MSG_ID_LEN;
}

size_t wal_put_client(uint8_t *p, const char *id)
{
	size_t len = strnlen(id, MSG_ID_MAX_LEN);

	p[0] = (uint8_t)len;
	memcpy(p + 1, id, len);
	return 1 + len;
}

size_t wal_get_client(const uint8_t *p, size_t n, char id[MSG_ID_SIZE])
{
	struct msg_error err;

	if (n < 1 || p[0] > MSG_ID_MAX_LEN || n - 1 < p[0] || memchr(p + 1, '\0', p[0]))
		return 0;
	memcpy(id, p + 1, p[0]);
	id[p[0]] = '\0';
	return msg_check_id(id, true, NULL, "client", &err) == MSG_OK ? 1 + (size_t)p[0] : 0;
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
	le_put_u32(h + 8, crc(h + WAL_RECORD_HEADER, payload));
	le_put_u32(h + 12, crc(h, 12));
}

int wal_write_header(struct wal_buf *b, const char *id, uint64_t cluster)
{
	uint8_t *h;

	if (wal_buf_reserve(b, WAL_FILE_HEADER) < 0)
		return -1;
	h = b->data + b->len;
	memcpy(h, WAL_MAGIC, 8);
	le_put_u32(h + 8, WAL_VERSION);
	put_id(h + 12, id);
	le_put_u64(h + 16, cluster);
	le_put_u32(h + 24, crc(h, 24));
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

/* The flags of a COMMAND record. */
#define COMMAND_DELETES 1u
#define COMMAND_CAS 2u
#define COMMAND_SEQ 4u

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
static int collect(const struct wal_writer *w, struct wal_writer *next, struct raft *r, uint64_t unsaved,
		   struct wal_buf *b)
{
	uint64_t i;

	*next = *w;
	if (raft_term(r) != w->term || strcmp(raft_voted_for(r), w->voted_for) != 0) {
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

int wal_rewrite(struct wal_writer *w, struct raft *r, const char *id, uint64_t cluster, char *const *answered,
		size_t n_answered, struct wal_buf *b)
{
	uint64_t base = raft_compacted_upto(r), unsaved = raft_take_unsaved(r);
	/* A file that holds nothing after the snapshot: collect writes the rest. */
	struct wal_writer empty = *w, next;

	empty.snapshot = raft_snapshot_index(r);
	empty.base = empty.last = base;
	empty.term = empty.commit = empty.known_commit = empty.share_term = empty.share_answered = 0;
	empty.voted_for[0] = '\0';
	if (wal_write_header(b, id, cluster) < 0 || (raft_snapshot_of(r) && write_snapshot(b, r) < 0) ||
	    collect(&empty, &next, r, base + 1, b) < 0 || wal_write_answered(b, answered, n_answered) < 0) {
		if (unsaved != RAFT_LOG_SAVED)
			raft_return_unsaved(r, unsaved);
		return -1;
	}
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

int wal_collect(struct wal_writer *w, struct raft *r, struct wal_buf *b)
{
	uint64_t unsaved = raft_take_unsaved(r);
	size_t len = b->len;
	struct wal_writer next;

	if (collect(w, &next, r, unsaved, b) < 0) {
		b->len = len;
		if (unsaved != RAFT_LOG_SAVED)
			raft_return_unsaved(r, unsaved);
		return -1;
	}
	*w = next;
	return 0;
}

/* ---- replay --------------------------------------------------------------- */

/* A payload being read: each getter fails once it would pass the end. */
struct reader {
	const uint8_t *p;
	size_t left;
	bool bad;
};

/* The next n bytes of the payload, or NULL (and the reader bad) when
 * fewer are left. */
static const uint8_t *take(struct reader *rd, size_t n)
{
	const uint8_t *p = rd->p;

	if (rd->bad || rd->left < n) {
		rd->bad = true;
		return NULL;
	}
	rd->p += n;
	rd->left -= n;
	return p;
}

static uint64_t read_u64(struct reader *rd)
{
	const uint8_t *p = take(rd, 8);

	return p ? le_get_u64(p) : 0;
}

static uint32_t read_u32(struct reader *rd)
{
	const uint8_t *p = take(rd, 4);

	return p ? le_get_u32(p) : 0;
}

/* An id: 4 bytes, all zero for none, else 4 hex digits (upper case, as
 * the replica keeps them). */
static void read_id(struct reader *rd, char *id, bool none_ok)
{
	static const char hex[] = "0123456789ABCDEF";
	const uint8_t *p = take(rd, MSG_ID_LEN);
	int i;

	id[0] = '\0';
	if (!p)
		return;
	memcpy(id, p, MSG_ID_LEN);
	id[MSG_ID_LEN] = '\0';
	if (none_ok && memcmp(p, "\0\0\0\0", MSG_ID_LEN) == 0)
		id[0] = '\0';
	else
		for (i = 0; i < MSG_ID_LEN; i++)
			if (!id[i] || !strchr(hex, id[i]))
				rd->bad = true;
}

static void read_client(struct reader *rd, char *id)
{
	size_t used = rd->bad ? 0 : wal_get_client(rd->p, rd->left, id);

	if (used) {
		take(rd, used);
		return;
	}
	id[0] = '\0';
	rd->bad = true;
}

/* A string: a u32 length, then that many bytes, none of them NUL. */
static char *read_string(struct reader *rd, bool *no_memory)
{
	uint32_t len = read_u32(rd);
	const uint8_t *p = take(rd, len);
	char *s;

	if (!p || memchr(p, '\0', len)) {
		rd->bad = true;
		return NULL;
	}
	s = malloc((size_t)len + 1);
	if (!s) {
		*no_memory = true;
		return NULL;
	}
	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

struct replay {
	struct wal_replayed *out;
	const uint8_t *data;
	size_t len, pos;
};

static enum wal_result fail(struct replay *rp, enum wal_result result, const char *fmt, ...)
{
	va_list ap;

	rp->out->bad_offset = rp->pos;
	va_start(ap, fmt);
	vsnprintf(rp->out->why, sizeof rp->out->why, fmt, ap);
	va_end(ap);
	return result;
}

static const char *type_name(unsigned type)
{
	static const char *const names[] = { "unknown", "term",     "truncate", "entry",
					     "commit",  "answered", "snapshot", "command" };

	return type <= WAL_COMMAND ? names[type] : names[0];
}

static enum wal_result replay_term(struct replay *rp, struct reader *rd)
{
	struct raft_restore *s = &rp->out->state;
	uint64_t term = read_u64(rd);
	char vote[MSG_ID_SIZE];

	read_id(rd, vote, true);
	if (rd->bad || rd->left)
		return fail(rp, WAL_CORRUPT, "term record of the wrong shape");
	if (term < s->term)
		return fail(rp, WAL_CORRUPT, "term goes back from %llu to %llu", (unsigned long long)s->term,
			    (unsigned long long)term);
	s->term = term;
	msg_id_copy(s->voted_for, vote);
	return WAL_OK;
}

static enum wal_result replay_truncate(struct replay *rp, struct reader *rd)
{
	uint64_t after = read_u64(rd);

	if (rd->bad || rd->left)
		return fail(rp, WAL_CORRUPT, "truncate record of the wrong shape");
	if (after > rp->out->state.log.last || after < rp->out->state.log.base)
		return fail(rp, WAL_CORRUPT, "truncate after %llu, outside the entries %llu to %llu",
			    (unsigned long long)after, (unsigned long long)rp->out->state.log.base + 1,
			    (unsigned long long)rp->out->state.log.last);
	raft_log_truncate_after(&rp->out->state.log, after);
	return WAL_OK;
}

static enum wal_result replay_entry(struct replay *rp, struct reader *rd, unsigned type)
{
	struct raft_restore *s = &rp->out->state;
	struct msg_log_entry e = { 0 };
	bool no_memory = false;
	uint64_t index = read_u64(rd);
	enum wal_result rc = WAL_OK;

	e.term = read_u64(rd);
	read_client(rd, e.client);
	e.key = read_string(rd, &no_memory);
	e.value = read_string(rd, &no_memory);
	e.mid = read_string(rd, &no_memory);
	if (type == WAL_COMMAND) {
		const uint8_t *flags = take(rd, 1);
		unsigned f = flags ? *flags : 0;

		if (f & ~(COMMAND_DELETES | COMMAND_CAS | COMMAND_SEQ) || !f)
			rd->bad = true;
		e.deletes = e._present.deletes = (f & COMMAND_DELETES) != 0;
		if (f & COMMAND_SEQ) {
			e.seq = read_u64(rd);
			e._present.seq = true;
		}
		if (f & COMMAND_CAS) {
			e.expected = read_string(rd, &no_memory);
			e._present.expected = true;
		}
	}
	if (no_memory)
		rc = fail(rp, WAL_ENOMEM, "out of memory");
	else if (rd->bad || rd->left)
		rc = fail(rp, WAL_CORRUPT, "entry record of the wrong shape");
	else if (index != s->log.last + 1)
		rc = fail(rp, WAL_CORRUPT, "entry %llu after entry %llu", (unsigned long long)index,
			  (unsigned long long)s->log.last);
	else if (e.term > s->term || e.term < raft_log_term(&s->log, s->log.last))
		rc = fail(rp, WAL_CORRUPT, "entry %llu of term %llu (current term %llu, previous entry's %llu)",
			  (unsigned long long)index, (unsigned long long)e.term, (unsigned long long)s->term,
			  (unsigned long long)raft_log_term(&s->log, s->log.last));
	else if (raft_log_append_owned(&s->log, &e) < 0)
		rc = fail(rp, WAL_ENOMEM, "out of memory");
	msg_log_entry_free(&e);
	return rc;
}

static enum wal_result replay_commit(struct replay *rp, struct reader *rd)
{
	struct raft_restore *s = &rp->out->state;
	uint64_t commit = read_u64(rd), known = read_u64(rd), share_term = read_u64(rd), share_answered = read_u64(rd);

	if (rd->bad || rd->left)
		return fail(rp, WAL_CORRUPT, "commit record of the wrong shape");
	s->commit = commit;
	s->known_commit = known;
	s->share_term = share_term;
	s->share_answered = share_answered;
	return WAL_OK;
}

static enum wal_result replay_snapshot(struct replay *rp, struct reader *rd)
{
	uint64_t index = read_u64(rd), term = read_u64(rd), base = read_u64(rd), base_term = read_u64(rd);

	if (rd->bad || rd->left || index == 0 || term == 0 || base > index || (base == index && base_term != term) ||
	    base_term > term || (base && !base_term))
		return fail(rp, WAL_CORRUPT, "snapshot record of the wrong shape");
	if (rp->out->records)
		return fail(rp, WAL_CORRUPT, "snapshot record after %zu others", rp->out->records);
	raft_log_reset(&rp->out->state.log, base, base_term);
	rp->out->snapshot_index = index;
	rp->out->snapshot_term = term;
	return WAL_OK;
}

/* Keeps mid (owned) as the newest answered MID, forgetting the oldest. */
static void keep_answered(struct wal_replayed *out, char *mid)
{
	size_t at = (out->first_answered + out->n_answered) % WAL_ANSWERED_KEPT;

	if (out->n_answered == WAL_ANSWERED_KEPT) {
		free(out->answered[at]);
		out->first_answered = (out->first_answered + 1) % WAL_ANSWERED_KEPT;
	} else {
		out->n_answered++;
	}
	out->answered[at] = mid;
}

static enum wal_result replay_answered(struct replay *rp, struct reader *rd)
{
	uint32_t n = read_u32(rd), i;
	bool no_memory = false;

	for (i = 0; i < n && !rd->bad && !no_memory; i++) {
		char *mid = read_string(rd, &no_memory);

		if (mid)
			keep_answered(rp->out, mid);
	}
	if (no_memory)
		return fail(rp, WAL_ENOMEM, "out of memory");
	if (rd->bad || rd->left || n == 0)
		return fail(rp, WAL_CORRUPT, "answered record of the wrong shape");
	return WAL_OK;
}

static bool all_zero(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return false;
	return true;
}

/* One record at rp->pos: WAL_OK and the position moved past it, or why
 * not. A record cut by the end of the file is a torn write; so is a tail
 * of zeros (a file whose size reached the disk before its data). */
static enum wal_result replay_record(struct replay *rp)
{
	const uint8_t *h = rp->data + rp->pos;
	size_t left = rp->len - rp->pos;
	struct reader rd;
	uint32_t length;
	enum wal_result rc;

	if (left < WAL_RECORD_HEADER)
		return fail(rp, WAL_TORN, "the file ends inside a record header");
	if (le_get_u32(h + 12) != crc(h, 12)) {
		if (all_zero(h, left))
			return fail(rp, WAL_TORN, "the file ends in %zu zero bytes", left);
		return fail(rp, WAL_CORRUPT, "record header fails its checksum");
	}
	length = le_get_u32(h);
	if (h[4] < WAL_TERM || h[4] > WAL_COMMAND || h[5] || h[6] || h[7] || length > WAL_MAX_PAYLOAD)
		return fail(rp, WAL_CORRUPT, "record header of unknown type %u or length %u", h[4], length);
	if (length > left - WAL_RECORD_HEADER)
		return fail(rp, WAL_TORN, "the file ends inside a %s record", type_name(h[4]));
	if (le_get_u32(h + 8) != crc(h + WAL_RECORD_HEADER, length))
		return fail(rp, WAL_CORRUPT, "%s record fails its checksum", type_name(h[4]));
	rd = (struct reader){ .p = h + WAL_RECORD_HEADER, .left = length };
	switch (h[4]) {
	case WAL_TERM:
		rc = replay_term(rp, &rd);
		break;
	case WAL_TRUNCATE:
		rc = replay_truncate(rp, &rd);
		break;
	case WAL_ENTRY:
	case WAL_COMMAND:
		rc = replay_entry(rp, &rd, h[4]);
		break;
	case WAL_ANSWERED:
		rc = replay_answered(rp, &rd);
		break;
	case WAL_SNAPSHOT:
		rc = replay_snapshot(rp, &rd);
		break;
	default:
		rc = replay_commit(rp, &rd);
		break;
	}
	if (rc == WAL_OK)
		rp->pos += WAL_RECORD_HEADER + length;
	return rc;
}

static enum wal_result replay_header(struct replay *rp, const char *id)
{
	const uint8_t *h = rp->data;
	char file_id[MSG_ID_SIZE];

	if (rp->len < 12 || memcmp(h, WAL_MAGIC, 8) != 0)
		return rp->len < WAL_FILE_HEADER
			       ? fail(rp, WAL_CORRUPT, "shorter than a file header (%zu bytes)", rp->len)
			       : fail(rp, WAL_CORRUPT, "not a write-ahead log of this store");
	if (le_get_u32(h + 8) != WAL_VERSION)
		return fail(
			rp, WAL_CORRUPT, "format version %u, this replica reads %u%s", le_get_u32(h + 8), WAL_VERSION,
			le_get_u32(h + 8) < WAL_VERSION ? " (written by an older build: start that build on it)" : "");
	if (rp->len < WAL_FILE_HEADER)
		return fail(rp, WAL_CORRUPT, "shorter than a file header (%zu bytes)", rp->len);
	if (le_get_u32(h + 24) != crc(h, 24))
		return fail(rp, WAL_CORRUPT, "file header fails its checksum");
	memcpy(file_id, h + 12, MSG_ID_LEN);
	file_id[MSG_ID_LEN] = '\0';
	if (strcmp(file_id, id) != 0)
		return fail(rp, WAL_CORRUPT, "the log of replica %.4s, not of %s", file_id, id);
	rp->out->cluster = le_get_u64(h + 16);
	rp->pos = WAL_FILE_HEADER;
	return WAL_OK;
}

enum wal_result wal_replay(const uint8_t *data, size_t len, const char *id, struct wal_replayed *out)
{
	struct replay rp = { .out = out, .data = data, .len = len };
	enum wal_result rc;

	memset(out, 0, sizeof *out);
	raft_log_init(&out->state.log);
	rc = replay_header(&rp, id);
	while (rc == WAL_OK && rp.pos < len) {
		rc = replay_record(&rp);
		if (rc == WAL_OK)
			out->records++;
	}
	out->valid_len = rp.pos;
	raft_log_take_unsaved(&out->state.log);
	return rc;
}

void wal_replayed_free(struct wal_replayed *out)
{
	size_t i;

	raft_log_free(&out->state.log);
	raft_snapshot_free(out->state.snapshot);
	out->state.snapshot = NULL;
	for (i = 0; i < out->n_answered; i++)
		free(out->answered[(out->first_answered + i) % WAL_ANSWERED_KEPT]);
	out->n_answered = 0;
}
