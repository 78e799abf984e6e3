/*
 * The write-ahead log's format, without I/O: records appended to a buffer,
 * and the replay of a file's bytes into what a restarted replica resumes
 * from (struct raft_restore). src/storage/wal_file.c writes the buffer to disk and
 * syncs it; the tests run the same code over a simulated disk.
 *
 * A file is a header, then records. All integers are little-endian.
 *
 *   header  "3700WAL\n" | u32 version | 4-byte replica id |
 *           u64 cluster id (cluster_config.h; 0 on the test-bed) | u32 crc
 *   record  u32 length | u8 type | 3 zero bytes | u32 payload crc |
 *           u32 header crc | payload (length bytes)
 *
 * Each crc is zlib's CRC-32: the header's over the bytes before it, a
 * record's header crc over its first 12 bytes, so that a damaged length is
 * told from a short write. Record types and their payloads:
 *
 *   TERM      u64 term | 4-byte vote (zeros: none)        before entries
 *   TRUNCATE  u64 index: entries after it are removed
 *   ENTRY     u64 index | u64 term | client | key | value | mid, the
 *             client a u8 length and 4 to 16 hex digits, each string a
 *             u32 length and its bytes; index is last + 1
 *   COMMAND   as ENTRY, then u8 flags (1: deletes its key, 2: a
 *             compare-and-set, 4: has a client's serial number), then the
 *             serial number (u64) and the value expected (string) where
 *             the flags say; a plain put is an ENTRY
 *   COMMIT    u64 commit | u64 answered up to | u64 share term |
 *             u64 share answered up to                    after entries
 *   ANSWERED  u32 count | that many MIDs (u32 length, bytes): forwarded
 *             requests this replica answered (node.h), after COMMIT
 *   SNAPSHOT  u64 index | u64 term | u64 base | u64 base term: the map
 *             as of entry `index` is in DIR/snap-<index> (snap.h), and the
 *             log's entries start after `base` (<= index); only as the
 *             first record, in a log rewritten after a snapshot
 *
 * The order within one sync (wal_collect) is TERM, TRUNCATE, ENTRY...,
 * COMMIT: whatever prefix of it a crash keeps, the term covers every entry
 * kept, and the commit index never names an entry that was not yet there.
 * The answered marks of COMMIT are those of the sync before, whose
 * answers have left: unsynced bytes may survive a crash, the answers
 * waiting for that sync do not. Once they have left, wal_note_sent writes
 * the marks at once (not synced).
 */
#ifndef WAL_H
#define WAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "raft/raft.h"

#define WAL_MAGIC "3700WAL\n"
/* Version 1 had no cluster id and 4-byte client ids; it is not read. */
#define WAL_VERSION 2
#define WAL_FILE_HEADER 28
#define WAL_RECORD_HEADER 16
/* No record is larger: an entry holds strings of one datagram. */
#define WAL_MAX_PAYLOAD (1u << 20)

enum wal_record_type {
	WAL_TERM = 1,
	WAL_TRUNCATE = 2,
	WAL_ENTRY = 3,
	WAL_COMMIT = 4,
	WAL_ANSWERED = 5,
	WAL_SNAPSHOT = 6,
	WAL_COMMAND = 7,
};

/* A replay keeps the MIDs of this many ANSWERED, the latest: as many as
 * a leader remembers taking (NODE_TAKEN_MIDS). */
#define WAL_ANSWERED_KEPT 4096

/* Results of wal_replay: WAL_OK, or the first problem found. */
enum wal_result {
	WAL_OK = 0,
	WAL_TORN = 1,     /* the file ends inside a record: a write cut short */
	WAL_CORRUPT = -1, /* a record that was written whole is damaged */
	WAL_ENOMEM = -2,
};

struct wal_buf {
	uint8_t *data;
	size_t len, cap;
};

/* What the file holds so far, as far as the writer knows. */
struct wal_writer {
	uint64_t snapshot; /* the index of the snapshot it names (0: none) */
	uint64_t base;     /* its entries start after this */
	uint64_t term;
	char voted_for[MSG_ID_SIZE];
	uint64_t last; /* last index written */
	uint64_t commit, known_commit, share_term, share_answered;
	/* The answered marks of the last call: written at the next one, once
	 * the answers they count have left (a mark must never run ahead of
	 * them: a restarted replica takes it for answers sent, and a client
	 * whose put took effect unanswered would see its value read). */
	uint64_t sent_known_commit, sent_share_term, sent_share_answered;
};

struct wal_replayed {
	/* With a SNAPSHOT record, state.log starts after its base and
	 * state.snapshot is still NULL: the caller reads the snapshot file of
	 * snapshot_index (and checks its term). */
	struct raft_restore state;
	uint64_t snapshot_index, snapshot_term;
	/* The latest answered MIDs, a ring: answered[(first + i) %
	 * WAL_ANSWERED_KEPT] for i < n_answered, oldest first. */
	char *answered[WAL_ANSWERED_KEPT];
	size_t n_answered, first_answered;
	uint64_t cluster; /* the header's cluster id: the caller checks it */
	size_t records;
	size_t valid_len; /* bytes up to the end of the last good record */
	/* WAL_TORN and WAL_CORRUPT: where and why, in words. */
	size_t bad_offset;
	char why[128];
};

void wal_buf_free(struct wal_buf *b);
/* Room for `more` bytes after b->len. 0, or -1 when out of memory. */
int wal_buf_reserve(struct wal_buf *b, size_t more);

/* Appends a file header for replica `id` of cluster `cluster`. 0, or -1
 * when out of memory. */
int wal_write_header(struct wal_buf *b, const char *id, uint64_t cluster);

/* A client id, in a log record or a snapshot's session: a u8 length, then
 * its 4 to 16 hex digits. wal_put_client writes one at p (room for
 * WAL_CLIENT_MAX bytes) and returns its size; wal_get_client reads one
 * from the n bytes at p into id and returns its size, or 0 when they do
 * not start with one (FFFF, a no-op's, is one). */
#define WAL_CLIENT_MAX (1 + MSG_ID_MAX_LEN)
size_t wal_put_client(uint8_t *p, const char *id);
size_t wal_get_client(const uint8_t *p, size_t n, char id[MSG_ID_SIZE]);

/* How far the answers of entries have left: those of every sync but the
 * next (the messages of an iteration leave after its sync). */
uint64_t wal_answers_left(const struct wal_writer *w);

/* Starts a writer for a file whose replay gave `state`. */
void wal_writer_init(struct wal_writer *w, const struct raft_restore *state);

/* Appends the records that bring the file up to date with r, as the
 * steps since the last call said (p, their updates' persist merged): its
 * term and vote, the entries from p->log_from on, its commit indexes. 0,
 * or -1 when out of memory: then the buffer is unchanged, and the replica
 * must not send what depends on p (it keeps p for the next try). */
int wal_collect(struct wal_writer *w, const struct raft *r, const struct raft_persist *p, struct wal_buf *b);

/* Whether r's log no longer starts where the file's does: a snapshot was
 * taken or installed since, and the file must be rewritten (wal_rewrite)
 * instead of added to. */
bool wal_rewrite_due(const struct wal_writer *w, const struct raft *r);

/* Writes into the empty buffer b a whole new file for replica `id`, as
 * wal_collect would leave it if the log had always started after r's
 * snapshot: header, SNAPSHOT (if any), TERM, ENTRY..., COMMIT, and the
 * answered MIDs given. 0, or -1 when out of memory (w and r unchanged;
 * b to be emptied). */
int wal_rewrite(struct wal_writer *w, const struct raft *r, const char *id, uint64_t cluster, char *const *answered,
		size_t n_answered, struct wal_buf *b);

/* After the answers of the last collect have left: appends a COMMIT
 * record with their marks, if they moved. The caller writes it without
 * waiting for a sync (it is there for a process that is killed, whose
 * written bytes the kernel keeps; after a power loss the next sync's
 * record has it). 0, or -1 when out of memory. */
int wal_note_sent(struct wal_writer *w, struct wal_buf *b);

/* Appends one ANSWERED record of mids[0..n) (none when n is 0). 0, or -1
 * when out of memory (the buffer is unchanged then). */
int wal_write_answered(struct wal_buf *b, char *const *mids, size_t n);

/* Replays a file's bytes for replica `id` into out (whose state is then
 * the caller's to free with wal_replayed_free, or to hand to raft_init).
 * WAL_TORN: the records before bad_offset are good and the rest is a cut
 * write; WAL_CORRUPT: a header of another replica or version, or a damaged
 * record, at bad_offset. */
enum wal_result wal_replay(const uint8_t *data, size_t len, const char *id, struct wal_replayed *out);
void wal_replayed_free(struct wal_replayed *out);

#endif
