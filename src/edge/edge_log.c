/* The replica's log: lines on stderr, stamped with the wall clock and
 * the replica's id, warnings rate-limited; and the monotonic clock the
 * loop runs on. */
#include "edge_log.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum raft_log_level log_level = RAFT_LOG_INFO;
static bool log_off;
static char my_id[MSG_ID_SIZE];

uint64_t edge_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Warnings are mostly about datagrams dropped as malformed or misaddressed:
 * a flood of them must not become a flood of log lines (the test-bed's one
 * loop reads and echoes our stderr). At most WARN_BURST a second are
 * written; the rest are counted, and the count is written with the next
 * warning of a later second. */
#define WARN_BURST 20

static bool warn_allowed(uint64_t now)
{
	static uint64_t second;
	static unsigned written;
	static unsigned long suppressed;

	if (now / 1000 != second) {
		second = now / 1000;
		written = 0;
	}
	if (written >= WARN_BURST) {
		suppressed++;
		return false;
	}
	written++;
	if (suppressed) {
		fprintf(stderr, "%llu %s warn: %lu warnings suppressed (over %d a second)\n", (unsigned long long)now,
			my_id, suppressed, WARN_BURST);
		suppressed = 0;
	}
	return true;
}

/* UTC to the millisecond, ISO 8601, as an operator lines logs up with
 * other machines' (the loop's clock is monotonic, and starts anywhere). */
static const char *wall_clock(char *out, size_t size)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
	return out;
}

void edge_log_line(void *ctx, enum raft_log_level level, const char *fmt, va_list args)
{
	static const char *const names[] = { "debug", "info", "warn" };
	uint64_t now = edge_now_ms();
	char stamp[40];

	(void)ctx;
	if (log_off || level < log_level)
		return;
	if (level == RAFT_LOG_WARN && log_level > RAFT_LOG_DEBUG && !warn_allowed(now))
		return;
	fprintf(stderr, "%s %s %s: ", wall_clock(stamp, sizeof stamp), my_id, names[level]);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
}

void edge_logf(enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	edge_log_line(NULL, level, fmt, ap);
	va_end(ap);
}

static void set_log_level(void)
{
	const char *v = getenv("KVSTORE_LOG");

	if (!v)
		return;
	if (strcasecmp(v, "debug") == 0)
		log_level = RAFT_LOG_DEBUG;
	else if (strcasecmp(v, "warn") == 0)
		log_level = RAFT_LOG_WARN;
	else if (strcasecmp(v, "off") == 0)
		log_off = true;
}

/* The test-bed may read our stderr through a pipe; a replica must never
 * block on it, so a full pipe loses log lines instead. A terminal or a
 * file is left alone (the flag would be shared with other processes). */
static void never_block_on_stderr(void)
{
	struct stat st;
	int flags = fcntl(STDERR_FILENO, F_GETFL);

	if (flags >= 0 && fstat(STDERR_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		fcntl(STDERR_FILENO, F_SETFL, flags | O_NONBLOCK);
}

void edge_log_init(const char *id)
{
	msg_id_copy(my_id, id);
	set_log_level();
	never_block_on_stderr();
}
