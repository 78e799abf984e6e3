/* The write-ahead log's file: create, lock, replay, append and sync; see
 * wal_file.h. */
#include "wal_file.h"

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

/* A new log is written whole under a temporary name and renamed: a crash
 * leaves either no log or one with a complete header. */
static int create_log(const char *dir, const char *path, const char *id, char *err, size_t err_size)
{
	char tmp[4200];
	struct wal_buf b = { 0 };
	int fd, rc = -1;

	snprintf(tmp, sizeof tmp, "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return fail(err, err_size, "%s: cannot create: %s", tmp, strerror(errno));
	if (wal_write_header(&b, id) < 0)
		fail(err, err_size, "out of memory");
	else if (write_all(fd, b.data, b.len, 0) < 0 || fdatasync(fd) < 0)
		fail(err, err_size, "%s: cannot write: %s", tmp, strerror(errno));
	else if (rename(tmp, path) < 0)
		fail(err, err_size, "%s: cannot rename: %s", tmp, strerror(errno));
	else if (sync_dir(dir) < 0)
		fail(err, err_size, "%s: cannot sync: %s", dir, strerror(errno));
	else
		rc = 0;
	close(fd);
	wal_buf_free(&b);
	return rc;
}

/* Two replicas on one directory would interleave their records. */
static int lock_log(int fd, const char *path, char *err, size_t err_size)
{
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (fcntl(fd, F_SETLK, &lk) < 0)
		return fail(err, err_size, "%s: in use by another process (%s)", path, strerror(errno));
	return 0;
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
	if (rc == WAL_TORN) {
		report->torn_offset = out->bad_offset;
		report->torn_bytes = (uint64_t)st.st_size - out->valid_len;
		snprintf(report->torn_why, sizeof report->torn_why, "%s", out->why);
		if (ftruncate(f->fd, (off_t)out->valid_len) < 0 || fdatasync(f->fd) < 0) {
			wal_replayed_free(out);
			return fail(err, err_size, "%s: cannot cut the torn tail: %s", f->path, strerror(errno));
		}
	}
	report->records = out->records;
	report->bytes = out->valid_len;
	f->size = out->valid_len;
	wal_writer_init(&f->writer, &out->state);
	return 0;
}

int wal_file_open(struct wal_file *f, const char *dir, const char *id, struct wal_replayed *out,
		  struct wal_open_report *report, char *err, size_t err_size)
{
	memset(f, 0, sizeof *f);
	memset(report, 0, sizeof *report);
	f->fd = -1;
	if ((size_t)snprintf(f->path, sizeof f->path, "%s/wal", dir) >= sizeof f->path)
		return fail(err, err_size, "%s: path too long", dir);
	if (make_dir(dir, err, err_size) < 0)
		return -1;
	if (access(f->path, F_OK) < 0) {
		if (create_log(dir, f->path, id, err, err_size) < 0)
			return -1;
		report->created = true;
	}
	f->fd = open(f->path, O_RDWR | O_CLOEXEC);
	if (f->fd < 0)
		return fail(err, err_size, "%s: cannot open: %s", f->path, strerror(errno));
	if (lock_log(f->fd, f->path, err, err_size) < 0 || replay_file(f, id, out, report, err, err_size) < 0) {
		close(f->fd);
		f->fd = -1;
		return -1;
	}
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

int wal_file_save(struct wal_file *f, struct raft *r, char *const *answered, size_t n_answered, char *err,
		  size_t err_size)
{
	f->buf.len = 0;
	if (wal_collect(&f->writer, r, &f->buf) < 0 || wal_write_answered(&f->buf, answered, n_answered) < 0)
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
	f->fd = -1;
	wal_buf_free(&f->buf);
}
