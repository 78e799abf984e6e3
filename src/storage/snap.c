/* The snapshot file's format; see snap.h. */
#include "snap.h"
#include "le_bytes.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void put_string(struct wal_buf *b, const char *s)
{
	size_t len = strlen(s);

	le_put_u32(b->data + b->len, (uint32_t)len);
	memcpy(b->data + b->len + 4, s, len);
	b->len += 4 + len;
}

static size_t body_size(const struct raft_snapshot *s)
{
	size_t bytes = 4, i;

	for (i = 0; i < s->n_pairs; i++)
		bytes += 16 + strlen(s->pairs[i].key) + strlen(s->pairs[i].value);
	for (i = 0; i < s->n_mids; i++)
		bytes += 4 + strlen(s->mids[i]);
	for (i = 0; i < s->n_sessions; i++)
		bytes += 26 + strlen(s->sessions[i].client) + strlen(s->sessions[i].mid) +
			 (s->sessions[i]._present.result ? strlen(s->sessions[i].result) : 0);
	return bytes;
}

int snap_encode(const struct raft_snapshot *s, const char *id, struct wal_buf *b)
{
	size_t start = b->len, i;
	uint8_t *h;

	if (wal_buf_reserve(b, SNAP_HEADER + body_size(s)) < 0)
		return -1;
	h = b->data + start;
	memcpy(h, SNAP_MAGIC, 8);
	le_put_u32(h + 8, SNAP_VERSION);
	memset(h + 12, 0, 4);
	memcpy(h + 12, id, strnlen(id, 4));
	le_put_u64(h + 16, s->index);
	le_put_u64(h + 24, s->term);
	le_put_u64(h + 32, s->n_pairs);
	le_put_u64(h + 40, s->n_mids);
	le_put_u64(h + 48, s->n_sessions);
	le_put_u32(h + 56, (uint32_t)crc32(0L, h, 56));
	b->len += SNAP_HEADER;
	for (i = 0; i < s->n_pairs; i++) {
		le_put_u64(b->data + b->len, s->pairs[i].index);
		b->len += 8;
		put_string(b, s->pairs[i].key);
		put_string(b, s->pairs[i].value);
	}
	for (i = 0; i < s->n_mids; i++)
		put_string(b, s->mids[i]);
	for (i = 0; i < s->n_sessions; i++) {
		b->len += wal_put_client(b->data + b->len, s->sessions[i].client);
		le_put_u64(b->data + b->len, s->sessions[i].index);
		le_put_u64(b->data + b->len + 8, s->sessions[i]._present.seq ? s->sessions[i].seq : 0);
		b->data[b->len + 16] = s->sessions[i]._present.result;
		b->len += 17;
		put_string(b, s->sessions[i].mid);
		if (s->sessions[i]._present.result)
			put_string(b, s->sessions[i].result);
	}
	le_put_u32(b->data + b->len,
		   (uint32_t)crc32(0L, b->data + start + SNAP_HEADER, (uInt)(b->len - start - SNAP_HEADER)));
	b->len += 4;
	return 0;
}

/* The body being read; every read fails once it would pass the end. */
struct body {
	const uint8_t *p, *end;
	char *why;
	size_t why_size;
};

static int bad(struct body *bd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(bd->why, bd->why_size, fmt, ap);
	va_end(ap);
	return -1;
}

/* A string of at most max bytes, none of them NUL, copied into *out. */
static int take_string(struct body *bd, size_t max, char **out)
{
	uint32_t len;

	if (bd->end - bd->p < 4)
		return bad(bd, "ends inside a length");
	len = le_get_u32(bd->p);
	if (len > max || (size_t)(bd->end - bd->p - 4) < len || memchr(bd->p + 4, '\0', len))
		return bad(bd, "a string of %u bytes (at most %zu, and what is left)", len, max);
	*out = strndup((const char *)bd->p + 4, len);
	if (!*out)
		return bad(bd, "out of memory");
	bd->p += 4 + len;
	return 0;
}

static int take_client(struct body *bd, char client[MSG_ID_SIZE])
{
	size_t used = wal_get_client(bd->p, (size_t)(bd->end - bd->p), client);

	bd->p += used;
	return used ? 0 : -1;
}

static int read_sessions(struct body *bd, struct raft_snapshot *s, uint64_t sessions)
{
	uint64_t i;

	for (i = 0; i < sessions; i++) {
		char client[MSG_ID_SIZE] = "", *mid = NULL, *result = NULL;
		uint64_t index, seq;
		uint8_t has_result;
		int rc;

		if (take_client(bd, client) < 0 || bd->end - bd->p < 17)
			return bad(bd, "ends inside session %llu", (unsigned long long)i);
		index = le_get_u64(bd->p);
		seq = le_get_u64(bd->p + 8);
		has_result = bd->p[16];
		bd->p += 17;
		if (strcmp(client, MSG_ID_BROADCAST) == 0 || index == 0 || index > s->index || has_result > 1)
			return bad(bd, "session %llu of client '%s' at %llu", (unsigned long long)i, client,
				   (unsigned long long)index);
		if (take_string(bd, 64, &mid) < 0)
			return -1;
		if (has_result && take_string(bd, 1024, &result) < 0) {
			free(mid);
			return -1;
		}
		rc = mid[0] ? raft_snapshot_add_session(s, client, mid, index, seq, result) : -2;
		free(mid);
		free(result);
		if (rc < 0)
			return bad(bd, rc == -2 ? "session %llu without a MID" : "out of memory",
				   (unsigned long long)i);
	}
	return 0;
}

static int read_body(struct body *bd, struct raft_snapshot *s, uint64_t pairs, uint64_t mids, uint64_t sessions)
{
	uint64_t i;
	char *key = NULL, *value = NULL;

	for (i = 0; i < pairs; i++) {
		uint64_t written;
		int rc;

		if (bd->end - bd->p < 8)
			return bad(bd, "ends inside pair %llu", (unsigned long long)i);
		written = le_get_u64(bd->p);
		bd->p += 8;
		if (written == 0 || written > s->index || take_string(bd, 256, &key) < 0 ||
		    take_string(bd, 1024, &value) < 0) {
			free(key);
			return written == 0 || written > s->index
				       ? bad(bd, "pair %llu written at %llu", (unsigned long long)i,
					     (unsigned long long)written)
				       : -1;
		}
		rc = raft_snapshot_add_pair(s, key, value, written);
		free(key);
		free(value);
		key = value = NULL;
		if (rc < 0)
			return bad(bd, "out of memory");
	}
	for (i = 0; i < mids; i++) {
		int rc;

		if (take_string(bd, 64, &key) < 0)
			return -1;
		rc = raft_snapshot_add_mid(s, key);
		free(key);
		key = NULL;
		if (rc < 0)
			return bad(bd, "out of memory");
	}
	if (read_sessions(bd, s, sessions) < 0)
		return -1;
	return bd->p == bd->end ? 0 : bad(bd, "%zu bytes after the last session", (size_t)(bd->end - bd->p));
}

static int check_header(const uint8_t *h, size_t len, const char *id, uint64_t index, uint64_t term, char *why,
			size_t why_size)
{
	struct body bd = { .why = why, .why_size = why_size };

	if (len < SNAP_HEADER + 4)
		return bad(&bd, "shorter than a header and a trailer (%zu bytes)", len);
	if (memcmp(h, SNAP_MAGIC, 8) != 0)
		return bad(&bd, "not a snapshot of this store");
	if (le_get_u32(h + 8) != SNAP_VERSION)
		return bad(&bd, "format version %u, this replica reads %u", le_get_u32(h + 8), SNAP_VERSION);
	if (le_get_u32(h + SNAP_HEADER - 4) != (uint32_t)crc32(0L, h, SNAP_HEADER - 4))
		return bad(&bd, "header fails its checksum");
	if (memcmp(h + 12, id, 4) != 0)
		return bad(&bd, "the snapshot of replica %.4s, not of %s", (const char *)h + 12, id);
	if (le_get_u64(h + 16) != index || le_get_u64(h + 24) != term)
		return bad(&bd, "index %llu term %llu, the log expects index %llu term %llu",
			   (unsigned long long)le_get_u64(h + 16), (unsigned long long)le_get_u64(h + 24),
			   (unsigned long long)index, (unsigned long long)term);
	if (le_get_u32(h + len - 4) != (uint32_t)crc32(0L, h + SNAP_HEADER, (uInt)(len - SNAP_HEADER - 4)))
		return bad(&bd, "contents fail their checksum");
	return 0;
}

int snap_decode(const uint8_t *data, size_t len, const char *id, uint64_t index, uint64_t term,
		struct raft_snapshot **out, char *why, size_t why_size)
{
	struct body bd = { .why = why, .why_size = why_size };

	*out = NULL;
	if (check_header(data, len, id, index, term, why, why_size) < 0)
		return -1;
	bd.p = data + SNAP_HEADER;
	bd.end = data + len - 4;
	*out = raft_snapshot_new(index, term);
	if (!*out)
		return bad(&bd, "out of memory");
	if (read_body(&bd, *out, le_get_u64(data + 32), le_get_u64(data + 40), le_get_u64(data + 48)) < 0) {
		raft_snapshot_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
