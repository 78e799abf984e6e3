/* Snapshots as the core holds them, and their chunks (raft_snapshot.h). */
#include "raft_snapshot.h"
#include "base/array.h"

#include <stdlib.h>
#include <string.h>

/* A chunk stays well under the 65,507-byte UDP limit: an item is counted
 * at its worst-case JSON size (every byte escaped as \u00XX), as the
 * entries of an append-entries are. */
#define CHUNK_BYTES 56000
#define ITEM_OVERHEAD 64
#define MAX_CHUNK 1024 /* the schema's max_count for pairs, mids and sessions */

struct raft_snapshot *raft_snapshot_new(uint64_t index, uint64_t term)
{
	struct raft_snapshot *s = calloc(1, sizeof *s);

	if (s) {
		s->index = index;
		s->term = term;
	}
	return s;
}

void raft_snapshot_free(struct raft_snapshot *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_pairs; i++)
		msg_kv_pair_free(&s->pairs[i]);
	for (i = 0; i < s->n_mids; i++)
		free(s->mids[i]);
	for (i = 0; i < s->n_sessions; i++)
		msg_client_session_free(&s->sessions[i]);
	free(s->pairs);
	free(s->mids);
	free(s->sessions);
	free(s);
}

int raft_snapshot_add_pair(struct raft_snapshot *s, const char *key, const char *value, uint64_t index)
{
	struct msg_kv_pair *pair;

	if (array_reserve(&s->pairs, &s->cap_pairs, s->n_pairs + 1, sizeof *s->pairs, 64) < 0)
		return -1;
	pair = &s->pairs[s->n_pairs];
	msg_kv_pair_init(pair);
	pair->key = strdup(key);
	pair->value = strdup(value);
	pair->index = index;
	if (!pair->key || !pair->value) {
		msg_kv_pair_free(pair);
		return -1;
	}
	s->n_pairs++;
	return 0;
}

int raft_snapshot_add_mid(struct raft_snapshot *s, const char *mid)
{
	char *copy;

	if (array_reserve(&s->mids, &s->cap_mids, s->n_mids + 1, sizeof *s->mids, 64) < 0)
		return -1;
	copy = strdup(mid);
	if (!copy)
		return -1;
	s->mids[s->n_mids++] = copy;
	return 0;
}

int raft_snapshot_add_session(struct raft_snapshot *s, const char *client, const char *mid, uint64_t index,
			      uint64_t seq, const char *result)
{
	struct msg_client_session *e;

	if (array_reserve(&s->sessions, &s->cap_sessions, s->n_sessions + 1, sizeof *s->sessions, 64) < 0)
		return -1;
	e = &s->sessions[s->n_sessions];
	msg_client_session_init(e);
	msg_id_copy(e->client, client);
	e->index = index;
	e->seq = seq;
	e->_present.seq = seq != 0;
	e->_present.result = result != NULL;
	if (!(e->mid = strdup(mid)) || (result && !(e->result = strdup(result)))) {
		msg_client_session_free(e);
		return -1;
	}
	s->n_sessions++;
	return 0;
}

uint64_t raft_snapshot_items(const struct raft_snapshot *s)
{
	return s->n_pairs + s->n_mids + s->n_sessions;
}

enum item_kind { PAIR, MID, SESSION };

static enum item_kind kind_of(const struct raft_snapshot *s, uint64_t i)
{
	return i < s->n_pairs ? PAIR : i < s->n_pairs + s->n_mids ? MID : SESSION;
}

static size_t item_size(const struct raft_snapshot *s, uint64_t i)
{
	switch (kind_of(s, i)) {
	case PAIR:
		return ITEM_OVERHEAD + 6 * (strlen(s->pairs[i].key) + strlen(s->pairs[i].value));
	case MID:
		return ITEM_OVERHEAD + 6 * strlen(s->mids[i - s->n_pairs]);
	default: {
		const struct msg_client_session *e = &s->sessions[i - s->n_pairs - s->n_mids];

		return 2 * ITEM_OVERHEAD + 6 * (strlen(e->mid) + (e->_present.result ? strlen(e->result) : 0));
	}
	}
}

/* How many items from offset on go in one chunk: at least one, unless
 * none is left. */
static uint64_t chunk_length(const struct raft_snapshot *s, uint64_t offset)
{
	uint64_t n = 0, of_kind[3] = { 0, 0, 0 };
	size_t bytes = 0;

	while (offset + n < raft_snapshot_items(s)) {
		enum item_kind kind = kind_of(s, offset + n);

		bytes += item_size(s, offset + n);
		if (n > 0 && (bytes > CHUNK_BYTES || of_kind[kind] == MAX_CHUNK))
			break;
		of_kind[kind]++;
		n++;
	}
	return n;
}

static bool fill_session(struct msg_install_snapshot *m, const struct msg_client_session *from, uint64_t n)
{
	struct msg_client_session *e;

	if (!m->sessions && !(m->sessions = calloc(n, sizeof *m->sessions)))
		return false;
	m->_present.sessions = true;
	e = &m->sessions[m->_count.sessions++];
	msg_id_copy(e->client, from->client);
	e->index = from->index;
	e->seq = from->seq;
	e->_present.seq = from->_present.seq;
	e->_present.result = from->_present.result;
	return (e->mid = strdup(from->mid)) != NULL && (!from->_present.result || (e->result = strdup(from->result)));
}

bool raft_snapshot_fill_chunk(const struct raft_snapshot *s, uint64_t offset, struct msg_install_snapshot *m)
{
	uint64_t n = chunk_length(s, offset), i;

	m->last_index = s->index;
	m->last_term = s->term;
	m->offset = offset;
	m->total = raft_snapshot_items(s);
	for (i = offset; i < offset + n; i++) {
		if (kind_of(s, i) == SESSION) {
			if (!fill_session(m, &s->sessions[i - s->n_pairs - s->n_mids], n))
				return false;
		} else if (kind_of(s, i) == PAIR) {
			if (!m->pairs && !(m->pairs = calloc(n, sizeof *m->pairs)))
				return false;
			struct msg_kv_pair *pair = &m->pairs[m->_count.pairs++];

			pair->index = s->pairs[i].index;
			pair->key = strdup(s->pairs[i].key);
			pair->value = strdup(s->pairs[i].value);
			if (!pair->key || !pair->value)
				return false;
		} else {
			if (!m->mids && !(m->mids = calloc(n, sizeof *m->mids)))
				return false;
			m->_present.mids = true;
			struct msg_request_mid *mid = &m->mids[m->_count.mids++];

			mid->mid = strdup(s->mids[i - s->n_pairs]);
			if (!mid->mid)
				return false;
		}
	}
	return true;
}

int raft_snapshot_take_chunk(struct raft_snapshot *s, const struct msg_install_snapshot *m)
{
	size_t i;

	if ((m->_count.pairs && (s->n_mids || s->n_sessions)) || (m->_count.mids && s->n_sessions))
		return -1;
	for (i = 0; i < m->_count.pairs; i++)
		if (raft_snapshot_add_pair(s, m->pairs[i].key, m->pairs[i].value, m->pairs[i].index) < 0)
			return -1;
	for (i = 0; i < m->_count.mids; i++)
		if (raft_snapshot_add_mid(s, m->mids[i].mid) < 0)
			return -1;
	for (i = 0; i < m->_count.sessions; i++)
		if (raft_snapshot_add_session(s, m->sessions[i].client, m->sessions[i].mid, m->sessions[i].index,
					      m->sessions[i]._present.seq ? m->sessions[i].seq : 0,
					      m->sessions[i]._present.result ? m->sessions[i].result : NULL) < 0)
			return -1;
	return 0;
}
