/* The in-memory log: a growable array of entries, indexed from 1. */
#include "raft_log.h"

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
	raft_log_truncate_after(log, 0);
	free(log->entries);
	raft_log_init(log);
}

uint64_t raft_log_term(const struct raft_log *log, uint64_t index)
{
	if (index == 0 || index > log->last)
		return 0;
	return log->entries[index - 1].term;
}

const struct msg_log_entry *raft_log_get(const struct raft_log *log, uint64_t index)
{
	return &log->entries[index - 1];
}

int raft_log_copy_entry(struct msg_log_entry *dst, const struct msg_log_entry *src)
{
	dst->term = src->term;
	memcpy(dst->client, src->client, sizeof dst->client);
	dst->key = strdup(src->key);
	dst->value = strdup(src->value);
	dst->mid = strdup(src->mid);
	if (!dst->key || !dst->value || !dst->mid) {
		msg_log_entry_free(dst);
		return -1;
	}
	return 0;
}

static int grow(struct raft_log *log)
{
	uint64_t cap = log->cap ? log->cap * 2 : 256;
	struct msg_log_entry *grown;

	if (log->last < log->cap)
		return 0;
	grown = realloc(log->entries, cap * sizeof *grown);
	if (!grown)
		return -1;
	log->entries = grown;
	log->cap = cap;
	return 0;
}

int raft_log_append(struct raft_log *log, const struct msg_log_entry *e)
{
	if (grow(log) < 0)
		return -1;
	msg_log_entry_init(&log->entries[log->last]);
	if (raft_log_copy_entry(&log->entries[log->last], e) < 0)
		return -1;
	log->last++;
	raft_log_mark_unsaved(log, log->last);
	return 0;
}

int raft_log_append_owned(struct raft_log *log, struct msg_log_entry *e)
{
	if (grow(log) < 0)
		return -1;
	log->entries[log->last++] = *e;
	msg_log_entry_init(e);
	raft_log_mark_unsaved(log, log->last);
	return 0;
}

void raft_log_truncate_after(struct raft_log *log, uint64_t index)
{
	if (index < log->last)
		raft_log_mark_unsaved(log, index + 1);
	while (log->last > index)
		msg_log_entry_free(&log->entries[--log->last]);
}

uint64_t raft_log_first_of_term(const struct raft_log *log, uint64_t index)
{
	uint64_t term = raft_log_term(log, index);

	while (index > 1 && raft_log_term(log, index - 1) == term)
		index--;
	return index;
}
