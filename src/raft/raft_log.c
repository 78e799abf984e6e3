/* The in-memory log: a growable array of the entries after base. */
#include "raft_log.h"
#include "base/array.h"

#include <stdlib.h>
#include <string.h>

void raft_log_init(struct raft_log *log)
{
	memset(log, 0, sizeof *log);
	log->unsaved_from = RAFT_LOG_SAVED;
}

void raft_log_mark_unsaved(struct raft_log *log, uint64_t index)
{
	if (index < log->unsaved_from)
		log->unsaved_from = index;
}

uint64_t raft_log_take_unsaved(struct raft_log *log)
{
	uint64_t from = log->unsaved_from;

	log->unsaved_from = RAFT_LOG_SAVED;
	return from;
}

void raft_log_free(struct raft_log *log)
{
	raft_log_truncate_after(log, log->base);
	free(log->entries);
	raft_log_init(log);
}

uint64_t raft_log_term(const struct raft_log *log, uint64_t index)
{
	if (index == log->base)
		return log->base_term;
	if (index < log->base || index > log->last)
		return 0;
	return log->entries[index - log->base - 1].term;
}

bool raft_log_matches(const struct raft_log *log, uint64_t index, uint64_t term)
{
	return index <= log->base || raft_log_term(log, index) == term;
}

const struct msg_log_entry *raft_log_get(const struct raft_log *log, uint64_t index)
{
	return &log->entries[index - log->base - 1];
}

int raft_log_copy_entry(struct msg_log_entry *dst, const struct msg_log_entry *src)
{
	dst->term = src->term;
	dst->deletes = src->deletes;
	dst->_present.deletes = src->_present.deletes;
	dst->seq = src->seq;
	dst->_present.seq = src->_present.seq;
	memcpy(dst->client, src->client, sizeof dst->client);
	dst->key = strdup(src->key);
	dst->value = strdup(src->value);
	dst->mid = strdup(src->mid);
	dst->_present.expected = src->_present.expected;
	dst->expected = src->_present.expected ? strdup(src->expected) : NULL;
	if (!dst->key || !dst->value || !dst->mid || (dst->_present.expected && !dst->expected)) {
		msg_log_entry_free(dst);
		return -1;
	}
	return 0;
}

static int grow(struct raft_log *log)
{
	return array_reserve(&log->entries, &log->cap, (size_t)(log->last - log->base) + 1, sizeof *log->entries, 256);
}

int raft_log_append(struct raft_log *log, const struct msg_log_entry *e)
{
	struct msg_log_entry *slot;

	if (grow(log) < 0)
		return -1;
	slot = &log->entries[log->last - log->base];
	msg_log_entry_init(slot);
	if (raft_log_copy_entry(slot, e) < 0)
		return -1;
	log->last++;
	raft_log_mark_unsaved(log, log->last);
	return 0;
}

int raft_log_append_owned(struct raft_log *log, struct msg_log_entry *e)
{
	if (grow(log) < 0)
		return -1;
	log->entries[log->last - log->base] = *e;
	log->last++;
	msg_log_entry_init(e);
	raft_log_mark_unsaved(log, log->last);
	return 0;
}

void raft_log_truncate_after(struct raft_log *log, uint64_t index)
{
	if (index < log->last)
		raft_log_mark_unsaved(log, index + 1);
	while (log->last > index) {
		log->last--;
		msg_log_entry_free(&log->entries[log->last - log->base]);
	}
}

void raft_log_compact(struct raft_log *log, uint64_t index)
{
	uint64_t gone = index - log->base, term = raft_log_term(log, index), i;

	for (i = 0; i < gone; i++)
		msg_log_entry_free(&log->entries[i]);
	memmove(log->entries, log->entries + gone, (log->last - index) * sizeof *log->entries);
	log->base = index;
	log->base_term = term;
}

void raft_log_reset(struct raft_log *log, uint64_t index, uint64_t term)
{
	raft_log_truncate_after(log, log->base);
	log->base = log->last = index;
	log->base_term = term;
	log->unsaved_from = RAFT_LOG_SAVED;
}

uint64_t raft_log_first_of_term(const struct raft_log *log, uint64_t index)
{
	uint64_t term = raft_log_term(log, index);

	while (index > log->base + 1 && raft_log_term(log, index - 1) == term)
		index--;
	return index;
}
