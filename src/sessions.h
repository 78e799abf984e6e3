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
 * send them: a resend is of the client's latest request, never of an
 * earlier one. Entries without a MID (a leader's no-op) have no session.
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
/* The answer of client's write mid if it was its last applied and a
 * compare-and-set (the value it found), else NULL. */
const char *sessions_result(const struct sessions *s, const char *client, const char *mid);
/* Makes room for client's session (so that sessions_record cannot fail
 * after the write it records is applied): 0, or -1 when out of memory. */
int sessions_reserve(struct sessions *s, const char *client);
/* client's write `mid` was applied as entry `index` (room reserved);
 * result: a compare-and-set's answer, else NULL. */
void sessions_record(struct sessions *s, const char *client, const char *mid, uint64_t index, const char *result);
/* Calls visit for every session with a write applied, in no particular
 * order, until it returns < 0 (then so does sessions_each). */
typedef int (*sessions_visit)(void *ctx, const char *client, const char *mid, uint64_t index, const char *result);
int sessions_each(const struct sessions *s, sessions_visit visit, void *ctx);

#endif
