/*
 * The write-ahead log on disk: one file, DIR/wal, in the format of wal.h.
 * The edge of the program calls wal_file_save once per loop iteration,
 * before it sends anything that iteration produced: one fdatasync covers
 * every record of the iteration (group commit).
 */
#ifndef WAL_FILE_H
#define WAL_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wal.h"

struct wal_file {
	int fd;
	int lock_fd; /* DIR/lock, held while the replica runs */
	char dir[4096];
	char path[4096];
	char id[MSG_ID_SIZE];
	uint64_t cluster;      /* written in the header; a log of another is refused */
	uint64_t snap_on_disk; /* the index of DIR/snap-<index> (0: none) */
	uint64_t size;         /* bytes in the file that are good */
	struct wal_writer writer;
	struct wal_buf buf;
	uint64_t syncs; /* fdatasync calls made */
};

/* What opening found, for the replica's log. */
struct wal_open_report {
	bool created;
	size_t records;
	uint64_t bytes;
	uint64_t torn_offset; /* a torn tail cut there (torn_bytes > 0) */
	uint64_t torn_bytes;
	char torn_why[128];
};

/* Opens DIR/wal for replica `id` of cluster `cluster` (0 on the
 * test-bed), creating DIR (its parent must exist) and
 * the file when absent, and replays it into *out (empty when new; the
 * caller frees it with wal_replayed_free, after handing out->state to
 * raft_init). A torn tail is cut off and reported. Returns 0, or -1 with
 * the reason in err, naming the file and the offset of a damaged record: a
 * replica must not start then. */
int wal_file_open(struct wal_file *f, const char *dir, const char *id, uint64_t cluster, struct wal_replayed *out,
		  struct wal_open_report *report, char *err, size_t err_size);

/* Writes what the steps since the last call changed in r (p: their
 * updates' persist, merged), and the MIDs of forwarded requests answered
 * meanwhile (node.h), and syncs it; after a snapshot, the whole file
 * anew. Returns 1 when it wrote, 0 when nothing had changed, -1 with the
 * reason in err: the replica cannot promise durability any more and must
 * stop. */
int wal_file_save(struct wal_file *f, const struct raft *r, const struct raft_persist *p, char *const *answered,
		  size_t n_answered, char *err, size_t err_size);

/* Once the messages of the last save have left: writes their answered
 * marks (wal_note_sent), without a sync. 0, or -1 with the reason in err
 * (the replica must stop). */
int wal_file_note_sent(struct wal_file *f, char *err, size_t err_size);

void wal_file_close(struct wal_file *f);

#endif
