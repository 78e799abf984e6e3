/*
 * make bench-restart: how long a replica takes to restart from a large
 * write-ahead log: open and replay DIR/wal, then rebuild the map from the
 * committed entries (node_init with the restored state), as main.c does.
 *
 *     build/bench_restart [entries] [runs] [scratch dir]
 *
 * Writes one log of `entries` puts (default 1,000,000; sizes as the
 * test-bed's clients send, each to its own key), then restarts from it
 * `runs` times (default 5) and prints each time and the median; then the
 * same from a snapshot of those `entries` keys and an empty log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "node/node.h"
#include "storage/wal_file.h"
#include "wal_fixture.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void die(const char *what)
{
	fprintf(stderr, "bench_restart: %s\n", what);
	exit(1);
}

/* Writes the log as a replica would: one save of a core holding it all,
 * then the answered marks once its answers are out. */
static uint64_t write_log(const char *dir, uint64_t entries)
{
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct raft r;
	char err[512];
	uint64_t size;

	if (wal_file_open(&f, dir, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, &replayed, &report, err, sizeof err) < 0)
		die(err);
	wal_replayed_free(&replayed);
	if (wal_fixture_raft(&r, 1, entries, entries) != RAFT_OK)
		die("out of memory");
	if (wal_fixture_save(&f, &r, err, sizeof err) < 0 || wal_file_note_sent(&f, err, sizeof err) < 0)
		die(err);
	size = f.size;
	wal_file_close(&f);
	raft_free(&r);
	return size;
}

/* Writes what a replica that applied `entries` puts and took its snapshot
 * leaves: DIR/snap-<entries> with every key, and a log that follows it
 * (with the entries kept behind the snapshot: 5,000 at the replica's
 * default --snapshot-every). */
static uint64_t write_snapshot(const char *dir, uint64_t entries)
{
	static const char *const peers[] = { "0002", "0003" };
	struct raft_config cfg = { .id = WAL_FIXTURE_ID, .peers = peers, .n_peers = 2, .seed = 1 };
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct raft_restore restore;
	struct wal_file f;
	struct node n;
	struct stat st;
	char err[512], path[4200];

	if (wal_file_open(&f, dir, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, &replayed, &report, err, sizeof err) < 0)
		die(err);
	wal_replayed_free(&replayed);
	cfg.timing = raft_default_timing();
	cfg.restore = &restore;
	if (wal_fixture_restore(&restore, 1, entries, entries) != RAFT_OK || node_init(&n, &cfg, 0) != RAFT_OK)
		die("out of memory");
	raft_log_free(&restore.log);
	node_set_snapshot_every(&n, entries < 10000 ? entries : 10000); /* the replica's default */
	if (node_maybe_snapshot(&n, UINT64_MAX) != 1)
		die("no snapshot taken");
	if (wal_fixture_save(&f, &n.raft, err, sizeof err) < 0)
		die(err);
	snprintf(path, sizeof path, "%s/snap-%016llx", dir, (unsigned long long)entries);
	if (stat(path, &st) < 0)
		die("no snapshot file");
	wal_file_close(&f);
	node_free(&n);
	return (uint64_t)st.st_size;
}

/* One restart: replay, then a node that applied every committed entry.
 * Returns the whole time; *replay_s the replay's share. */
static double restart_once(const char *dir, uint64_t entries, double *replay_s)
{
	static const char *const peers[] = { "0002", "0003" };
	struct raft_config cfg = { .id = WAL_FIXTURE_ID, .peers = peers, .n_peers = 2, .seed = 1 };
	struct wal_open_report report;
	struct wal_replayed replayed;
	struct wal_file f;
	struct node n;
	char err[512];
	double t0 = now_s(), t;

	if (wal_file_open(&f, dir, WAL_FIXTURE_ID, WAL_FIXTURE_CLUSTER, &replayed, &report, err, sizeof err) < 0)
		die(err);
	*replay_s = now_s() - t0;
	cfg.timing = raft_default_timing();
	cfg.restore = &replayed.state;
	if (node_init(&n, &cfg, 0) != RAFT_OK)
		die("cannot restore the node");
	t = now_s() - t0;
	if (raft_last_index(&n.raft) != entries || n.applied != entries || n.kv.count != entries)
		die("the restored node does not hold every entry");
	wal_replayed_free(&replayed);
	node_free(&n);
	wal_file_close(&f);
	return t;
}

static void report_median(double *times, double *replay, int runs, const char *what)
{
	qsort(times, (size_t)runs, sizeof *times, compare);
	qsort(replay, (size_t)runs, sizeof *replay, compare);
	printf(" s\nmedian %.3f s: %s read and checked in %.3f s, then the map rebuilt (the files in the page "
	       "cache)\n",
	       times[runs / 2], what, replay[runs / 2]);
}

/* Restarts from what dir holds `runs` times, printing each time, then
 * the medians. */
static void time_restarts(const char *dir, uint64_t entries, int runs, const char *what)
{
	double times[64], replay[64];
	int i;

	for (i = 0; i < runs; i++) {
		times[i] = restart_once(dir, entries, &replay[i]);
		printf(" %.3f (read %.3f)", times[i], replay[i]);
		fflush(stdout);
	}
	report_median(times, replay, runs, what);
}

int main(int argc, char **argv)
{
	uint64_t entries = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	const char *dir = argc > 3 ? argv[3] : "build/bench-restart";
	char path[4200];
	uint64_t size;

	if (runs < 1 || runs > 64)
		die("runs must be 1 to 64");
	snprintf(path, sizeof path, "%s/wal", dir);
	unlink(path);
	size = write_log(dir, entries);
	printf("restart from a log of %llu entries (%.1f MB), %d times:", (unsigned long long)entries, size / 1e6,
	       runs);
	time_restarts(dir, entries, runs, "the log");
	unlink(path);

	size = write_snapshot(dir, entries);
	printf("restart from a snapshot of %llu keys (%.1f MB) and a log that follows it, %d times:",
	       (unsigned long long)entries, size / 1e6, runs);
	time_restarts(dir, entries, runs, "the snapshot and log");
	wal_fixture_remove_dir(dir);
	return 0;
}
