/* The write-ahead log's records, replayed; see wal.h. */
#include "wal.h"
#include "le_bytes.h"
#include "wal_format.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (le_get_u32(h + 12) != wal_crc(h, 12)) {
		if (all_zero(h, left))
			return fail(rp, WAL_TORN, "the file ends in %zu zero bytes", left);
		return fail(rp, WAL_CORRUPT, "record header fails its checksum");
	}
	length = le_get_u32(h);
	if (h[4] < WAL_TERM || h[4] > WAL_COMMAND || h[5] || h[6] || h[7] || length > WAL_MAX_PAYLOAD)
		return fail(rp, WAL_CORRUPT, "record header of unknown type %u or length %u", h[4], length);
	if (length > left - WAL_RECORD_HEADER)
		return fail(rp, WAL_TORN, "the file ends inside a %s record", type_name(h[4]));
	if (le_get_u32(h + 8) != wal_crc(h + WAL_RECORD_HEADER, length))
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
	if (le_get_u32(h + 24) != wal_crc(h, 24))
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
