/*
 * A client of a cluster (cluster mode, src/net/transport.h), on the same
 * generated messages as the replicas: kvctl is built on it, and so is any
 * load tool. One request at a time, Raft's section 6.3 client: a request
 * keeps its MID across every resend (after a timeout, to the next member;
 * after a redirect, to the leader named), so that the cluster can answer a
 * resent request instead of applying it twice, and each write carries a
 * serial number above the client's earlier ones (the wall clock in
 * microseconds, or one more than the last), so that a copy of it that
 * arrives after a later write is not applied. Two processes that share a
 * client id (--id) are ordered by the clock.
 *
 * Members are known by their client addresses; their ids are learned from
 * the src of their answers, so that a redirect naming a leader's id leads
 * to its address. A request begun with no leader known first asks every
 * member for its status at once (answered without consensus) and goes to
 * the leader, or to whoever answered first (a follower forwards it): a
 * dead member listed first costs nothing. The ids learned keep a drawn
 * client id clear of the members' (a member refuses a client that has
 * its peer's id).
 */
#ifndef KV_CLIENT_H
#define KV_CLIENT_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"
#include "raft/raft.h"

#define KV_CLIENT_MAX_MEMBERS (RAFT_MAX_PEERS + 1)

struct kv_member {
	struct sockaddr_in addr;
	char id[MSG_ID_SIZE]; /* "" until it answered */
};

struct kv_client {
	int fd;
	char id[MSG_ID_SIZE]; /* this client's */
	bool id_chosen;       /* given by the caller (--id), not drawn */
	struct kv_member members[KV_CLIENT_MAX_MEMBERS];
	size_t n_members;
	size_t current;           /* the member requests go to first */
	char leader[MSG_ID_SIZE]; /* the leader last named; FFFF: unknown */
	uint64_t attempt_ms;      /* wait for an answer this long before resending elsewhere */
	char *buf;
	uint64_t resends, redirects; /* of the last request: for the curious (kvctl -v) */
	uint64_t last_seq;           /* the serial number of the last write */
};

/* What a request came to. */
enum kv_result {
	KV_OK,      /* answered: a put was applied once, a get read its value */
	KV_TIMEOUT, /* no answer before the deadline: it may or may not have been applied */
	KV_ERROR,   /* the request itself is not valid (err says which field), or a socket failed */
	KV_REFUSED, /* the cluster refused it, for the reason in err (a move-leader it cannot do) */
};

/* Members from "HOST:PORT,HOST:PORT,..."; client_id NULL draws one at
 * random. 0, or -1 with the reason in err. */
int kv_client_init(struct kv_client *c, const char *members, const char *client_id, char *err, size_t cap);
void kv_client_free(struct kv_client *c);

/* Puts key=value, within timeout_ms in all. */
enum kv_result kv_client_put(struct kv_client *c, const char *key, const char *value, uint64_t timeout_ms, char *err,
			     size_t cap);
/* Deletes key (applied once, whether or not it existed): on KV_OK
 * *deleted is how many keys it removed, 1 or 0. */
enum kv_result kv_client_delete(struct kv_client *c, const char *key, uint64_t *deleted, uint64_t timeout_ms, char *err,
				size_t cap);
/* Sets key to value if its value is `expected` ("" for a key never
 * written or deleted): KV_OK with *found (the caller's to free) the value
 * the cluster found, so the swap happened exactly when it equals expected. */
enum kv_result kv_client_cas(struct kv_client *c, const char *key, const char *expected, const char *value,
			     char **found, uint64_t timeout_ms, char *err, size_t cap);
/* Reads key (linearizable: through the leader); *value is the caller's to
 * free, NULL when the key holds nothing (never written, or deleted). */
enum kv_result kv_client_get(struct kv_client *c, const char *key, char **value, uint64_t timeout_ms, char *err,
			     size_t cap);
/* Asks every member at once how it stands, waiting at most timeout_ms:
 * out[i] (initialised by the caller) answers member i; answered[i] says
 * whether it did. The caller frees each answered out[i]. */
void kv_client_status(struct kv_client *c, struct msg_status_reply *out, bool *answered, uint64_t timeout_ms);

/* Asks the cluster to hand leadership to member `target` (4 hex digits;
 * kvctl move-leader): KV_OK once it leads, with the id of the leader that
 * handed over in from (MSG_ID_SIZE bytes); KV_REFUSED with the reason. */
enum kv_result kv_client_move_leader(struct kv_client *c, const char *target, char *from, uint64_t timeout_ms,
				     char *err, size_t cap);

/* For the request builders (kv_request.c): sends request q, its MID in
 * *mid_field, until it is answered or timeout_ms pass, following
 * redirects and resending elsewhere after silence (a fail without an
 * error: with a new MID). On KV_OK, *answer is the ok (the caller frees
 * it). */
enum kv_result kv_client_run(struct kv_client *c, struct msg_any *q, char **mid_field, uint64_t timeout_ms,
			     struct msg_any *answer, char *err, size_t cap);
/* Formats a reason into err. */
void kv_client_say(char *err, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A fresh random MID of 16 characters [0-9A-Z]; buf holds 17. */
void kv_client_new_mid(char *buf);

#endif
