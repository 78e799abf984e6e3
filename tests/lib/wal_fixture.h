/* Cores with a given log, for the write-ahead log's tests, damage sweep
 * and restart benchmark. */
#ifndef WAL_FIXTURE_H
#define WAL_FIXTURE_H

#include <stdint.h>

#include "raft/raft.h"
#include "storage/wal_file.h"

#define WAL_FIXTURE_ID "0001"
#define WAL_FIXTURE_CLUSTER UINT64_C(0x1234567890abc) /* any id of cluster mode */

/* Appends entry `index` of term `term` to log: a put of a key and value
 * drawn from the index, of the size the test-bed's clients send (a 32-
 * character key, an MD5 digest, a 16-character MID). 0, or -1. */
int wal_fixture_append(struct raft_log *log, uint64_t term, uint64_t index);

/* The state a replica 0001 would restore: `term` (its own vote), entries
 * 1..n of that term, `commit` of them committed and answered. RAFT_OK or
 * RAFT_ENOMEM; the caller frees restore->log. */
int wal_fixture_restore(struct raft_restore *restore, uint64_t term, uint64_t n, uint64_t commit);

/* Replica 0001 of three in `term` (its own vote), with entries 1..n of
 * that term, `commit` of them committed, all of it unsaved: the next
 * wal_collect writes everything. RAFT_OK or an error of raft_init. */
int wal_fixture_raft(struct raft *r, uint64_t term, uint64_t n, uint64_t commit);

/* What the core's updates would have said since the writer last wrote:
 * whether the term or vote differ from the file's, and the entries
 * written since (these tests change r's log directly, outside steps, so
 * no update says it). */
struct raft_persist wal_fixture_changes(const struct wal_writer *w, struct raft *r);
/* wal_collect and wal_file_save (nothing answered) with those changes. */
int wal_fixture_collect(struct wal_writer *w, struct raft *r, struct wal_buf *b);
int wal_fixture_save(struct wal_file *f, struct raft *r, char *err, size_t err_size);

/* Compacts the fixture core's entries up to index into a snapshot of
 * `keys` pairs, two MIDs and two client sessions (raft_compact). 0, or -1
 * when out of memory. */
int wal_fixture_compact(struct raft *r, uint64_t index, unsigned keys);

/* Removes a data directory and the files a replica left in it (no
 * subdirectories). */
void wal_fixture_remove_dir(const char *dir);

#endif
