/*
 * The snapshot file's format, without I/O (src/storage/wal_file.c writes and
 * reads DIR/snap-<index>; the tests run the same code in memory). All
 * integers are little-endian.
 *
 *   header  "3700SNP\n" | u32 version | 4-byte replica id | u64 index |
 *           u64 term | u64 pairs | u64 mids | u64 sessions |
 *           u32 crc of the header so far
 *   pair    u64 index of the entry that wrote it | u32 length | key |
 *           u32 length | value
 *   mid     u32 length | MID
 *   session u8 length | client id | u64 index of its last write applied |
 *           u64 highest serial number applied (0: none) | u8 1 if that
 *           write was a compare-and-set (else 0) | u32 length | its MID |
 *           [u32 length | the value it found]
 *   trailer u32 crc of every byte between header and trailer
 *
 * Only this version is read: a snapshot is loaded through the log that
 * names it, and a log of an older build (its version 1) is refused, so no
 * older snapshot can be named. (Version 2 held a session's client id in 4
 * bytes; version 1 had no sessions.)
 *
 * The file is written whole under another name, synced, then renamed
 * into place: a file that fails a check was damaged afterwards, and the
 * replica must not start from it (the log before it is gone).
 */
#ifndef SNAP_H
#define SNAP_H

#include <stddef.h>
#include <stdint.h>

#include "raft/raft_snapshot.h"
#include "wal.h"

#define SNAP_MAGIC "3700SNP\n"
#define SNAP_VERSION 3
#define SNAP_HEADER 60

/* Appends the file of snapshot s of replica id to b. 0, or -1 when out of
 * memory. */
int snap_encode(const struct raft_snapshot *s, const char *id, struct wal_buf *b);

/* Decodes a file of replica id that must hold the snapshot of index and
 * term: *out is the snapshot (the caller's), or NULL with the reason in
 * why. Returns 0, or -1. */
int snap_decode(const uint8_t *data, size_t len, const char *id, uint64_t index, uint64_t term,
		struct raft_snapshot **out, char *why, size_t why_size);

#endif
