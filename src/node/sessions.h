/*
 * Client sessions (Raft section 6.3), part of the replicated state: for
 * each client, the MID of the last of its writes applied, and for a
 * compare-and-set its answer (the value it found). A client that
 * heard nothing back resends its request with the same MID; an entry that
 * repeats its client's last applied MID is a resend, and is answered but
 * not applied again, on every replica alike (they apply the same entries
 * in the same order). A leader that takes a resend of a write already
 * applied answers it at once.
 *
 * One request at a time per client, as kvctl and the test-bed's clients
 * send them. A copy of an earlier write can still arrive late (a follower
 * held it, or a datagram waited in a buffer) after later writes of its
 * client: writes that carry the client's serial number (seq, increasing)
 * are then known late, and are not applied (sessions_late). Writes
 * without one (the test-bed's clients) are only told from the latest's
 * resends. Entries without a MID (a leader's no-op) have no session.
 */
#ifndef SESSIONS_H
#define SESSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct session;

struct sessions {
	struct session *table; /* a uthash table by client id */
	size_t count;
};

void sessions_init(struct sessions *s);
void sessions_free(struct sessions *s);
/* Whether mid is the last write of client that was applied. */
bool sessions_applied(const struct sessions *s, const char *client, const char *mid);
/* A late copy: seq (0: none) is not above the last applied write's of
 * client, and mid is not that write's (whose resends are answered). */
bool sessions_late(const struct sessions *s, const char *client, const char *mid, uint64_t seq);
/* The answer of client's write mid if it was its last applied and a
 * compare-and-set (the value it found), else NULL. */
const char *sessions_result(const struct sessions *s, const char *client, const char *mid);
/* Makes room for client's session (so that sessions_record cannot fail
 * after the write it records is applied): 0, or -1 when out of memory. */
int sessions_reserve(struct sessions *s, const char *client);
/* What sessions record of a client's last applied write. */
struct session_write {
	const char *mid;
	uint64_t index;
	uint64_t seq;       /* 0: none */
	const char *result; /* a compare-and-set's answer, else NULL */
};

/* client's write w was applied (room reserved). */
void sessions_record(struct sessions *s, const char *client, const struct session_write *w);
/* Calls visit for every session with a write applied, in no particular
 * order, until it returns < 0 (then so does sessions_each). */
typedef int (*sessions_visit)(void *ctx, const char *client, const struct session_write *w);
int sessions_each(const struct sessions *s, sessions_visit visit, void *ctx);

#endif
