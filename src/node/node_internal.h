/* Declarations shared by the node's files (node.c, node_forward.c); not
 * part of the node's API. */
#ifndef NODE_INTERNAL_H
#define NODE_INTERNAL_H

#include "node.h"

struct node_request {
	enum msg_type type; /* MSG_TYPE_GET, _PUT, _DELETE (value "") or _CAS */
	char client[MSG_ID_SIZE];
	char named[MSG_ID_SIZE]; /* the leader the client believed in */
	char *mid, *key, *value;
	char *expected;            /* a compare-and-set's; NULL for any other request */
	uint64_t write_seq;        /* a write's serial number from its client; 0: none */
	uint64_t contacts;         /* held, forwarded: raft_leader_contacts when it began to wait */
	uint64_t sent_ms;          /* forwarded: when it was last sent */
	char sent_to[MSG_ID_SIZE]; /* forwarded: the leader it was sent to */
	unsigned tries;            /* forwarded: how often */
	uint64_t index, term;      /* put: where it sits in the log */
	uint64_t seq, read_index;  /* get: the round that confirms it, and the commit to apply first */
};

void node_logf(const struct node *n, enum raft_log_level level, const char *fmt, ...);
/* Appends a copy of mid. 0, or -1 when out of memory. */
int node_mids_add(struct node_mids *m, const char *mid);
/* A message from this replica to dst, naming its belief of the leader;
 * NULL when out of memory. One that cannot be filled is taken back with
 * raft_outbox_drop_last. */
struct msg_any *node_message(struct node *n, struct raft_update *u, enum msg_type type, const char *dst);

/* A request of `type` from `client`, who named `named` as leader; value
 * NULL for a get. NULL when out of memory. */
struct node_request *node_request_new(enum msg_type type, const char *client, const char *named, const char *mid,
				      const char *key, const char *value);
void node_request_free(struct node_request *q);
/* A compare-and-set of key from expected to value. NULL when out of memory. */
struct node_request *node_cas_request_new(const char *client, const char *named, const char *mid, const char *key,
					  const char *expected, const char *value);

int node_list_push(struct node_list *l, struct node_request *q);
/* Removes item i, keeping the order of the rest (answers go out in arrival order). */
struct node_request *node_list_take(struct node_list *l, size_t i);
void node_list_free(struct node_list *l);

/* True once a leader was heard from after q began to wait: it was alive
 * then, so a request may be sent its way. */
bool node_leader_proven(const struct node *n, const struct node_request *q);
/* Redirects q's client to this replica's leader (FFFF if none); frees q. */
int node_redirect(struct node *n, struct node_request *q, struct raft_update *u, const char *why);
/* Takes ownership of q, as if it had just arrived from its client. */
int node_handle(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);
/* Takes ownership of q: a follower keeps it until a leader is heard from
 * after now, then forwards it; a leader serves it. */
int node_hold(struct node *n, struct node_request *q, uint64_t now_ms, struct raft_update *u);

/* node_snapshot.c: the map becomes that of raft_snapshot_of, applied its
 * index, and its MIDs count as taken. 0, or -1 when out of memory (the
 * map and applied unchanged, unless only MIDs could not be kept). */
int node_load_snapshot(struct node *n);

/* node_forward.c: requests held by a follower go to the leader. */
int node_forward_init(struct node *n);
void node_forward_free(struct node *n);
/* Follower: sends held requests to a leader proven alive, resends those
 * not acknowledged; leader: takes over whatever it still held. */
int node_forward_step(struct node *n, uint64_t now_ms, struct raft_update *u);
int node_recv_forward(struct node *n, const struct msg_forward *m, uint64_t now_ms, struct raft_update *u);
int node_recv_forward_ack(struct node *n, const struct msg_forward_ack *m, uint64_t now_ms, struct raft_update *u);
/* The earlier of deadline and the next resend due after now_ms. */
uint64_t node_forward_deadline(const struct node *n, uint64_t now_ms, uint64_t deadline);

#endif
