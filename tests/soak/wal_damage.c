/*
 * make wal-damage: damages a real write-ahead log (one written by a replica
 * under the harness) at every record boundary and checks what a restart
 * makes of each copy:
 *
 *   - a bit flipped in a record's header, or in its payload: the replica
 *     refuses to start, naming the file and the record's offset;
 *   - the file cut at a record boundary: the records before it, exactly;
 *   - the file cut inside a record: the records before it, and the torn
 *     tail reported at the record's offset and cut off on disk;
 *   - when the log follows a snapshot (DIR/snap-<index>, copied along), a
 *     bit flipped in it, or the file cut short, every 64 bytes: the
 *     replica refuses to start, naming the snapshot file.
 *
 *     build/wal_damage <wal file> <replica id> [scratch dir]
 *
 * Prints one line per kind of damage and exits 1 unless every case holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/wal_file.h"

struct tally {
	const char *what;
	size_t cases, held;
};

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL;
	struct stat st;

	if (!fp || fstat(fileno(fp), &st) < 0 || !(data = malloc((size_t)st.st_size + 1)) ||
	    fread(data, 1, (size_t)st.st_size, fp) != (size_t)st.st_size) {
		fprintf(stderr, "wal_damage: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fclose(fp);
	*len = (size_t)st.st_size;
	return data;
}

static void put(const char *path, const uint8_t *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	if (!fp || fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		fprintf(stderr, "wal_damage: %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

/* The snapshot the log follows, copied into the scratch directory before
 * every restart (a restart removes snapshots its log does not name). */
struct snapshot_copy {
	uint8_t *data;
	size_t len;
	char path[4200];
};

static void find_snapshot(const char *wal, const uint8_t *data, size_t len, const char *id, const char *dir,
			  struct snapshot_copy *snap)
{
	static struct wal_replayed replayed; /* 32 KB of answered MIDs */
	char source[4200];
	const char *slash = strrchr(wal, '/');

	memset(snap, 0, sizeof *snap);
	if (wal_replay(data, len, id, &replayed) < 0 || !replayed.snapshot_index) {
		wal_replayed_free(&replayed);
		return;
	}
	snprintf(source, sizeof source, "%.*s/snap-%016llx", slash ? (int)(slash - wal) : 1, slash ? wal : ".",
		 (unsigned long long)replayed.snapshot_index);
	snprintf(snap->path, sizeof snap->path, "%s/snap-%016llx", dir, (unsigned long long)replayed.snapshot_index);
	snap->data = slurp(source, &snap->len);
	wal_replayed_free(&replayed);
}

/* Put back before each restart of the log's damage (NULL: none). */
static const struct snapshot_copy *current_snapshot;

/* Opens the copy as a restarting replica would. */
struct outcome {
	int rc;
	size_t records;
	uint64_t torn_offset, torn_bytes, size_after;
	char err[512];
};

static struct outcome restart(const char *dir, const char *path, const char *id)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct outcome o = { 0 };
	struct wal_file f;
	struct stat st;

	if (current_snapshot && current_snapshot->data)
		put(current_snapshot->path, current_snapshot->data, current_snapshot->len);
	o.rc = wal_file_open(&f, dir, id, 0 /* the test-bed's: kill9 wrote it */, &replayed, &report, o.err,
			     sizeof o.err);
	if (o.rc == 0) {
		wal_replayed_free(&replayed);
		wal_file_close(&f);
		o.records = report.records;
		o.torn_offset = report.torn_offset;
		o.torn_bytes = report.torn_bytes;
	}
	if (stat(path, &st) == 0)
		o.size_after = (uint64_t)st.st_size;
	return o;
}

static void count(struct tally *t, int held, const char *detail)
{
	t->cases++;
	t->held += held != 0;
	if (!held && t->cases - t->held <= 3)
		fprintf(stderr, "  %s: %s\n", t->what, detail);
}

static size_t record_length(const uint8_t *h)
{
	return WAL_RECORD_HEADER + ((size_t)h[0] | (size_t)h[1] << 8 | (size_t)h[2] << 16 | (size_t)h[3] << 24);
}

/* Flips a bit of the snapshot, and cuts it short, every 64 bytes; the log
 * itself whole. */
static void damage_snapshot(struct snapshot_copy *snap, const char *dir, const char *path, const char *id,
			    const uint8_t *wal, size_t wal_len, struct tally *flips, struct tally *cuts)
{
	unsigned seed = 2;
	size_t at;

	put(path, wal, wal_len);
	for (at = 0; at < snap->len; at += 64) {
		uint8_t bit = (uint8_t)(1u << (rand_r(&seed) % 8));
		size_t flip = at + (size_t)rand_r(&seed) % (snap->len - at < 64 ? snap->len - at : 64);
		struct outcome o;

		snap->data[flip] ^= bit;
		put(snap->path, snap->data, snap->len);
		snap->data[flip] ^= bit;
		o = restart(dir, path, id);
		count(flips, o.rc < 0 && strstr(o.err, snap->path), o.rc < 0 ? o.err : "started");
		put(snap->path, snap->data, at);
		o = restart(dir, path, id);
		count(cuts, o.rc < 0 && strstr(o.err, snap->path), o.rc < 0 ? o.err : "started");
	}
	unlink(snap->path);
}

int main(int argc, char **argv)
{
	struct tally flips_header = { .what = "bit flipped in a record header" },
		     flips_payload = { .what = "bit flipped in a payload" },
		     cuts_at = { .what = "cut at a record boundary" }, cuts_in = { .what = "cut inside a record" },
		     snap_flips = { .what = "bit flipped in the snapshot" },
		     snap_cuts = { .what = "snapshot cut short" };
	struct snapshot_copy snap;
	char dir[4096], path[4200], expect[4400];
	size_t len, pos, k = 0;
	uint8_t *data;
	unsigned seed = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: wal_damage <wal file> <replica id> [scratch dir]\n");
		return 2;
	}
	data = slurp(argv[1], &len);
	snprintf(dir, sizeof dir, "%s", argc > 3 ? argv[3] : "build/wal-damage");
	mkdir(dir, 0700);
	snprintf(path, sizeof path, "%s/wal", dir);
	find_snapshot(argv[1], data, len, argv[2], dir, &snap);
	current_snapshot = &snap;
	for (pos = WAL_FILE_HEADER; pos + WAL_RECORD_HEADER <= len; pos += record_length(data + pos), k++) {
		size_t rec = record_length(data + pos), at;
		struct outcome o;
		uint8_t bit;

		/* One bit of the header, one of the payload, drawn afresh each record. */
		at = pos + (size_t)rand_r(&seed) % WAL_RECORD_HEADER;
		bit = (uint8_t)(1u << (rand_r(&seed) % 8));
		data[at] ^= bit;
		put(path, data, len);
		data[at] ^= bit;
		o = restart(dir, path, argv[2]);
		snprintf(expect, sizeof expect, "%s: offset %zu: ", path, pos);
		count(&flips_header, o.rc < 0 && strstr(o.err, expect), o.rc < 0 ? o.err : "started");
		if (rec > WAL_RECORD_HEADER) {
			at = pos + WAL_RECORD_HEADER + (size_t)rand_r(&seed) % (rec - WAL_RECORD_HEADER);
			data[at] ^= bit;
			put(path, data, len);
			data[at] ^= bit;
			o = restart(dir, path, argv[2]);
			count(&flips_payload, o.rc < 0 && strstr(o.err, expect), o.rc < 0 ? o.err : "started");
		}
		put(path, data, pos);
		o = restart(dir, path, argv[2]);
		count(&cuts_at, o.rc == 0 && o.records == k && o.torn_bytes == 0 && o.size_after == pos,
		      o.rc < 0 ? o.err : "a different prefix");
		at = pos + 1 + (size_t)rand_r(&seed) % (rec - 1);
		put(path, data, at);
		o = restart(dir, path, argv[2]);
		count(&cuts_in,
		      o.rc == 0 && o.records == k && o.torn_offset == pos && o.torn_bytes == at - pos &&
			      o.size_after == pos,
		      o.rc < 0 ? o.err : "not reported as a torn tail at the record");
	}
	current_snapshot = NULL;
	if (snap.data)
		damage_snapshot(&snap, dir, path, argv[2], data, len, &snap_flips, &snap_cuts);
	unlink(path);
	rmdir(dir);
	free(data);
	free(snap.data);
	printf("%s: %zu records, %zu bytes%s\n", argv[1], k, len, snap.data ? "" : " (no snapshot)");
	printf("  %s: %zu of %zu refused at the record's offset\n", flips_header.what, flips_header.held,
	       flips_header.cases);
	printf("  %s: %zu of %zu refused at the record's offset\n", flips_payload.what, flips_payload.held,
	       flips_payload.cases);
	printf("  %s: %zu of %zu kept exactly the records before it\n", cuts_at.what, cuts_at.held, cuts_at.cases);
	printf("  %s: %zu of %zu reported as a torn tail there and cut off\n", cuts_in.what, cuts_in.held,
	       cuts_in.cases);
	if (snap_flips.cases)
		printf("  %s (%s, %zu bytes), and %s, every 64 bytes: %zu and %zu of %zu refused, naming it\n",
		       snap_flips.what, strrchr(snap.path, '/') + 1, snap.len, snap_cuts.what, snap_flips.held,
		       snap_cuts.held, snap_flips.cases);
	return flips_header.held == flips_header.cases && flips_payload.held == flips_payload.cases &&
			       cuts_at.held == cuts_at.cases && cuts_in.held == cuts_in.cases && k > 0 &&
			       snap_flips.held == snap_flips.cases && snap_cuts.held == snap_cuts.cases
		       ? 0
		       : 1;
}
