/* The replica's log on stderr, and the loop's clock. */
#ifndef EDGE_LOG_H
#define EDGE_LOG_H

#include <stdarg.h>

#include "raft/raft.h"

/* Milliseconds of a monotonic clock (it starts anywhere). */
uint64_t edge_now_ms(void);
/* Lines from now on name this replica; KVSTORE_LOG=debug|info|warn|off
 * sets the level (default info), and a pipe on stderr is never blocked on. */
void edge_log_init(const char *id);
/* A raft_log_fn: one line on stderr, warnings at most WARN_BURST a second. */
void edge_log_line(void *ctx, enum raft_log_level level, const char *fmt, va_list args);
void edge_logf(enum raft_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
