/*
 * The replicated log, in memory: entries first..last, each a struct
 * msg_log_entry (term, key, value, client, mid). Those before `first`
 * were compacted into a snapshot (raft_snapshot.h); the last of them,
 * index first - 1, keeps its term (base_term), which is what the entry
 * after it is checked against. A log that never compacted starts at 1,
 * after index 0 of term 0.
 */
#ifndef RAFT_LOG_H
#define RAFT_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"

struct raft_log {
	struct msg_log_entry *entries; /* entries[i - base - 1] is index i */
	uint64_t base;                 /* the last index compacted away (0: none) */
	uint64_t base_term;            /* its term */
	uint64_t last;                 /* base when the log holds no entry */
	size_t cap;
	/* The first index written or removed since the caller last took the
	 * changes (raft_log_take_unsaved), RAFT_LOG_SAVED when none: what a
	 * write-ahead log must write next. Kept here, where every change
	 * happens, so that no caller can forget to report one. */
	uint64_t unsaved_from;
};

#define RAFT_LOG_SAVED UINT64_MAX

void raft_log_init(struct raft_log *log);
void raft_log_free(struct raft_log *log);

/* Term of the entry at index: base_term at base, 0 before base (unknown:
 * compacted) or beyond the end. */
uint64_t raft_log_term(const struct raft_log *log, uint64_t index);
/* Whether the log agrees with a leader's that index has `term`: an index
 * up to base does, being committed (a snapshot holds only those). */
bool raft_log_matches(const struct raft_log *log, uint64_t index, uint64_t term);
/* The entry at base < index <= last. */
const struct msg_log_entry *raft_log_get(const struct raft_log *log, uint64_t index);
/* Appends a deep copy of e. Returns 0, or -1 when out of memory. */
int raft_log_append(struct raft_log *log, const struct msg_log_entry *e);
/* Appends e itself: the log owns its strings from then on (e is left
 * empty). Returns 0, or -1 when out of memory (e unchanged). */
int raft_log_append_owned(struct raft_log *log, struct msg_log_entry *e);
/* Removes every entry after index. */
void raft_log_truncate_after(struct raft_log *log, uint64_t index);
/* Forgets every entry up to index (base < index <= last), whose effect a
 * snapshot holds: they count as saved (the caller rewrites its log). */
void raft_log_compact(struct raft_log *log, uint64_t index);
/* Empties the log and starts it after index, of term (a snapshot from a
 * leader replaced it). */
void raft_log_reset(struct raft_log *log, uint64_t index, uint64_t term);
/* First index of the run of entries of `term` that contains index (not
 * before base + 1). */
uint64_t raft_log_first_of_term(const struct raft_log *log, uint64_t index);
/* The first changed index since the last call (RAFT_LOG_SAVED: none),
 * and marks everything saved. */
uint64_t raft_log_take_unsaved(struct raft_log *log);
/* Counts the entries from index on as unsaved again (a write that failed). */
void raft_log_mark_unsaved(struct raft_log *log, uint64_t index);
/* Deep copy of an entry into dst (initialised by the caller). 0 or -1. */
int raft_log_copy_entry(struct msg_log_entry *dst, const struct msg_log_entry *src);

#endif
