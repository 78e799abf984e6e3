/* The write-ahead log's file: create, lock, replay, append and sync; see
 * wal_file.h. */
#include "wal_file.h"
#include "snap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, size, fmt, ap);
	va_end(ap);
	return -1;
}

/* A directory's own entry list reaches the disk only with an fsync of the
 * directory: without it a new or renamed file may vanish in a crash. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static void parent_of(const char *path, char *parent, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(parent, size, ".");
	else if (slash == path)
		snprintf(parent, size, "/");
	else
		snprintf(parent, size, "%.*s", (int)(slash - path), path);
}

static int make_dir(const char *dir, char *err, size_t err_size)
{
	char parent[4096];

	if (mkdir(dir, 0700) == 0) {
		parent_of(dir, parent, sizeof parent);
		if (sync_dir(parent) < 0)
			return fail(err, err_size, "%s: cannot sync: %s", parent, strerror(errno));
		return 0;
	}
	if (errno == EEXIST)
		return 0;
	return fail(err, err_size, "%s: cannot create: %s", dir, strerror(errno));
}

static int write_all(int fd, const uint8_t *p, size_t len, uint64_t offset)
{
	while (len > 0) {
		ssize_t n = pwrite(fd, p, len, (off_t)offset);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		offset += (uint64_t)n;
	}
	return 0;
}

/* A file is written whole under a temporary name, synced, renamed into
 * place and the rename synced: a crash leaves the old file or the new
 * one, never a part. */
static int write_file_atomic(const char *dir, const char *path, const struct wal_buf *b, char *err, size_t err_size)
{
	char tmp[4200];
	int fd, rc = -1;

	snprintf(tmp, sizeof tmp, "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return fail(err, err_size, "%s: cannot create: %s", tmp, strerror(errno));
	if (write_all(fd, b->data, b->len, 0) < 0 || fdatasync(fd) < 0)
		fail(err, err_size, "%s: cannot write: %s", tmp, strerror(errno));
	else if (rename(tmp, path) < 0)
		fail(err, err_size, "%s: cannot rename: %s", tmp, strerror(errno));
	else if (sync_dir(dir) < 0)
		fail(err, err_size, "%s: cannot sync: %s", dir, strerror(errno));
	else
		rc = 0;
	close(fd);
	return rc;
}

static int create_log(const struct wal_file *f, char *err, size_t err_size)
{
	struct wal_buf b = { 0 };
	int rc;

	if (wal_write_header(&b, f->id, f->cluster) < 0)
		return fail(err, err_size, "out of memory");
	rc = write_file_atomic(f->dir, f->path, &b, err, err_size);
	wal_buf_free(&b);
	return rc;
}

/* Two replicas on one directory would interleave their records. The lock
 * is on DIR/lock, which is never replaced (the log is, after a snapshot). */
static int lock_dir(struct wal_file *f, char *err, size_t err_size)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	char path[4200];

	snprintf(path, sizeof path, "%s/lock", f->dir);
	f->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (f->lock_fd < 0)
		return fail(err, err_size, "%s: cannot open: %s", path, strerror(errno));
	if (fcntl(f->lock_fd, F_SETLK, &lk) < 0)
		return fail(err, err_size, "%s: in use by another process (%s)", f->dir, strerror(errno));
	return 0;
}

static void snapshot_path(const struct wal_file *f, uint64_t index, char *path, size_t size)
{
	snprintf(path, size, "%s/snap-%016llx", f->dir, (unsigned long long)index);
}

/* Reads and checks a whole file into a mapping; NULL with err. */
static void *map_file(const char *path, size_t *len, char *err, size_t err_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *map;

	if (fd < 0) {
		fail(err, err_size, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || st.st_size == 0) {
		fail(err, err_size, "%s: empty or unreadable", path);
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		fail(err, err_size, "%s: cannot read: %s", path, strerror(errno));
		return NULL;
	}
	*len = (size_t)st.st_size;
	return map;
}

/* The snapshot the log starts after, into out->state.snapshot: without it
 * the replica must not start, as the entries it holds are gone. */
static int load_snapshot(struct wal_file *f, const char *id, struct wal_replayed *out, char *err, size_t err_size)
{
	char path[4200], why[160];
	size_t len;
	void *map;
	int rc;

	if (!out->snapshot_index)
		return 0;
	snapshot_path(f, out->snapshot_index, path, sizeof path);
	map = map_file(path, &len, err, err_size);
	if (!map)
		return -1;
	rc = snap_decode(map, len, id, out->snapshot_index, out->snapshot_term, &out->state.snapshot, why, sizeof why);
	munmap(map, len);
	if (rc < 0)
		return fail(err, err_size, "%s: %s", path, why);
	f->snap_on_disk = out->snapshot_index;
	return 0;
}

/* Snapshot files other than the one the log follows: older ones, and one
 * written just before a crash kept the log from following it. */
static void remove_other_snapshots(const struct wal_file *f)
{
	char keep[40], path[4400];
	struct dirent *d;
	DIR *dir = opendir(f->dir);

	if (!dir)
		return;
	snprintf(keep, sizeof keep, "snap-%016llx", (unsigned long long)f->snap_on_disk);
	while ((d = readdir(dir)) != NULL) {
		if (strncmp(d->d_name, "snap-", 5) != 0 || strcmp(d->d_name, keep) == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", f->dir, d->d_name);
		unlink(path);
	}
	closedir(dir);
}

/* Replays the file; a torn tail is cut off (and the cut synced) so that
 * new records follow the last good one. */
static int replay_file(struct wal_file *f, const char *id, struct wal_replayed *out, struct wal_open_report *report,
		       char *err, size_t err_size)
{
	enum wal_result rc;
	struct stat st;
	void *map = NULL;

	if (fstat(f->fd, &st) < 0)
		return fail(err, err_size, "%s: %s", f->path, strerror(errno));
	if (st.st_size > 0) {
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, f->fd, 0);
		if (map == MAP_FAILED)
			return fail(err, err_size, "%s: cannot read: %s", f->path, strerror(errno));
	}
	rc = wal_replay(map, (size_t)st.st_size, id, out);
	if (map)
		munmap(map, (size_t)st.st_size);
	if (rc == WAL_CORRUPT || rc == WAL_ENOMEM) {
		wal_replayed_free(out);
		if (rc == WAL_ENOMEM)
			return fail(err, err_size, "%s: out of memory replaying it", f->path);
		return fail(err, err_size, "%s: offset %zu: %s (%zu good records before it)", f->path, out->bad_offset,
			    out->why, out->records);
	}
	if (out->cluster != f->cluster) {
		/* Another cluster's directory (etcd: "cluster ID mismatch"):
		 * its entries and votes mean nothing here, and joining with
		 * them would elect a log this cluster never wrote. */
		uint64_t theirs = out->cluster;

		wal_replayed_free(out);
		return fail(err, err_size,
			    "%s belongs to cluster %016llx, and this member is of cluster %016llx "
			    "(--initial-cluster and --initial-cluster-token make the id): "
			    "another cluster's data directory; give this member its own",
			    f->path, (unsigned long long)theirs, (unsigned long long)f->cluster);
	}
	if (rc == WAL_TORN) {
		report->torn_offset = out->bad_offset;
		report->torn_bytes = (uint64_t)st.st_size - out->valid_len;
		snprintf(report->torn_why, sizeof report->torn_why, "%s", out->why);
		if (ftruncate(f->fd, (off_t)out->valid_len) < 0 || fdatasync(f->fd) < 0) {
			wal_replayed_free(out);
			return fail(err, err_size, "%s: cannot cut the torn tail: %s", f->path, strerror(errno));
		}
	}
	if (load_snapshot(f, id, out, err, err_size) < 0) {
		wal_replayed_free(out);
		return -1;
	}
	report->records = out->records;
	report->bytes = out->valid_len;
	f->size = out->valid_len;
	wal_writer_init(&f->writer, &out->state);
	return 0;
}

/* The name of a snapshot file in dir into name ("" if none). */
static void any_snapshot(const char *dir, char *name, size_t size)
{
	struct dirent *d;
	DIR *dp = opendir(dir);

	name[0] = '\0';
	if (!dp)
		return;
	while ((d = readdir(dp)) != NULL && !name[0])
		if (strncmp(d->d_name, "snap-", 5) == 0)
			snprintf(name, size, "%s", d->d_name);
	closedir(dp);
}

int wal_file_open(struct wal_file *f, const char *dir, const char *id, uint64_t cluster, struct wal_replayed *out,
		  struct wal_open_report *report, char *err, size_t err_size)
{
	memset(f, 0, sizeof *f);
	memset(report, 0, sizeof *report);
	f->fd = f->lock_fd = -1;
	if ((size_t)snprintf(f->path, sizeof f->path, "%s/wal", dir) >= sizeof f->path - 64)
		return fail(err, err_size, "%s: path too long", dir);
	snprintf(f->dir, sizeof f->dir, "%s", dir);
	snprintf(f->id, sizeof f->id, "%s", id);
	f->cluster = cluster;
	if (make_dir(dir, err, err_size) < 0 || lock_dir(f, err, err_size) < 0) {
		wal_file_close(f);
		return -1;
	}
	if (access(f->path, F_OK) < 0) {
		char snap[256];

		/* A snapshot without its log: this directory held a member's
		 * state, and its term and vote went with the log. Starting
		 * blank would forget them (a vote given twice in a term) and
		 * delete the snapshot: refuse, and touch nothing. */
		any_snapshot(dir, snap, sizeof snap);
		if (snap[0]) {
			wal_file_close(f);
			return fail(err, err_size,
				    "%s is missing but %s/%s is there: the log this snapshot belongs to is lost; "
				    "restore it, or remove %s to join as a new member",
				    f->path, dir, snap, dir);
		}
		if (create_log(f, err, err_size) < 0)
			return -1;
		report->created = true;
	}
	f->fd = open(f->path, O_RDWR | O_CLOEXEC);
	if (f->fd < 0)
		return fail(err, err_size, "%s: cannot open: %s", f->path, strerror(errno));
	if (replay_file(f, id, out, report, err, err_size) < 0) {
		wal_file_close(f);
		return -1;
	}
	remove_other_snapshots(f);
	return 0;
}

/* Appends f->buf to the file (nothing if it is empty), then syncs it if
 * asked. 1 when it wrote, 0 when there was nothing, -1 with err. */
static int append(struct wal_file *f, bool sync, char *err, size_t err_size)
{
	if (f->buf.len == 0)
		return 0;
	if (write_all(f->fd, f->buf.data, f->buf.len, f->size) < 0)
		return fail(err, err_size, "%s: cannot write at offset %llu: %s", f->path, (unsigned long long)f->size,
			    strerror(errno));
	if (sync && fdatasync(f->fd) < 0)
		return fail(err, err_size, "%s: cannot sync: %s", f->path, strerror(errno));
	f->size += f->buf.len;
	f->syncs += sync;
	return 1;
}

/* After a snapshot: its file first (unless it is there), then a new log
 * that follows it, then the older snapshot goes. A crash in between
 * leaves the old log, whose snapshot is still there. */
static int rewrite(struct wal_file *f, const struct raft *r, char *const *answered, size_t n_answered, char *err,
		   size_t err_size)
{
	const struct raft_snapshot *s = raft_snapshot_of(r);
	char path[4200];
	int fd;

	f->buf.len = 0;
	if (s && s->index != f->snap_on_disk) {
		snapshot_path(f, s->index, path, sizeof path);
		if (snap_encode(s, f->id, &f->buf) < 0)
			return fail(err, err_size, "%s: out of memory encoding it", path);
		if (write_file_atomic(f->dir, path, &f->buf, err, err_size) < 0)
			return -1;
		f->snap_on_disk = s->index;
		wal_buf_free(&f->buf); /* as large as the map: not kept */
	}
	if (wal_rewrite(&f->writer, r, f->id, f->cluster, answered, n_answered, &f->buf) < 0)
		return fail(err, err_size, "%s: out of memory collecting records", f->path);
	if (write_file_atomic(f->dir, f->path, &f->buf, err, err_size) < 0)
		return -1;
	fd = open(f->path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail(err, err_size, "%s: cannot open: %s", f->path, strerror(errno));
	close(f->fd);
	f->fd = fd;
	f->size = f->buf.len;
	f->syncs++;
	remove_other_snapshots(f);
	return 1;
}

int wal_file_save(struct wal_file *f, const struct raft *r, const struct raft_persist *p, char *const *answered,
		  size_t n_answered, char *err, size_t err_size)
{
	if (wal_rewrite_due(&f->writer, r))
		return rewrite(f, r, answered, n_answered, err, err_size);
	f->buf.len = 0;
	if (wal_collect(&f->writer, r, p, &f->buf) < 0 || wal_write_answered(&f->buf, answered, n_answered) < 0)
		return fail(err, err_size, "%s: out of memory collecting records", f->path);
	return append(f, true, err, err_size);
}

int wal_file_note_sent(struct wal_file *f, char *err, size_t err_size)
{
	f->buf.len = 0;
	if (wal_note_sent(&f->writer, &f->buf) < 0)
		return fail(err, err_size, "%s: out of memory collecting records", f->path);
	return append(f, false, err, err_size) < 0 ? -1 : 0;
}

void wal_file_close(struct wal_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->lock_fd >= 0)
		close(f->lock_fd);
	f->fd = f->lock_fd = -1;
	wal_buf_free(&f->buf);
}
