/*
 * make wal-damage: damages a real write-ahead log (one written by a replica
 * under the harness) at every record boundary and checks what a restart
 * makes of each copy:
 *
 *   - a bit flipped in a record's header, or in its payload: the replica
 *     refuses to start, naming the file and the record's offset;
 *   - the file cut at a record boundary: the records before it, exactly;
 *   - the file cut inside a record: the records before it, and the torn
 *     tail reported at the record's offset and cut off on disk.
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

#include "wal_file.h"

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

	o.rc = wal_file_open(&f, dir, id, &replayed, &report, o.err, sizeof o.err);
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

int main(int argc, char **argv)
{
	struct tally flips_header = { .what = "bit flipped in a record header" },
		     flips_payload = { .what = "bit flipped in a payload" },
		     cuts_at = { .what = "cut at a record boundary" }, cuts_in = { .what = "cut inside a record" };
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
	unlink(path);
	rmdir(dir);
	free(data);
	printf("%s: %zu records, %zu bytes\n", argv[1], k, len);
	printf("  %s: %zu of %zu refused at the record's offset\n", flips_header.what, flips_header.held,
	       flips_header.cases);
	printf("  %s: %zu of %zu refused at the record's offset\n", flips_payload.what, flips_payload.held,
	       flips_payload.cases);
	printf("  %s: %zu of %zu kept exactly the records before it\n", cuts_at.what, cuts_at.held, cuts_at.cases);
	printf("  %s: %zu of %zu reported as a torn tail there and cut off\n", cuts_in.what, cuts_in.held,
	       cuts_in.cases);
	return flips_header.held == flips_header.cases && flips_payload.held == flips_payload.cases &&
			       cuts_at.held == cuts_at.cases && cuts_in.held == cuts_in.cases && k > 0
		       ? 0
		       : 1;
}
