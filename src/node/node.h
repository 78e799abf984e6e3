/*
 * A replica's whole logic, still without I/O: the Raft core, the key-value
 * map it applies committed entries to, and the bookkeeping of client
 * requests. Like the core, it takes one message or tick at a time with the
 * current time and fills a struct raft_update with what to send.
 *
 * A write (put or delete) that repeats its client's last applied MID is a
 * resend (sessions.h): whoever it reaches answers it ok at once, and an
 * entry of it is answered but not applied again.
 *
 * The client rules (simulator.md): every MID gets exactly one answer,
 * cluster-wide. A put in the log is answered `ok` by the replica that the
 * core says answers it (raft_answers_entry: the leader's delegate for its
 * share, else whoever leads when it commits); the replica that took it
 * answers only `redirect`, and only once a different entry is committed at
 * its index. Reads are answered by a leader holding a lease or after a
 * read-index round. A follower holds a request until it hears from a
 * leader, then forwards it there (the cluster answers the client as if it
 * had gone there first) or serves it if it became leader itself; a client
 * that takes it for the leader when it is not is told at once what it
 * believes instead (a redirect).
 */
#ifndef NODE_H
#define NODE_H

#include "kv.h"
#include "mid_set.h"
#include "raft/raft.h"
#include "sessions.h"

struct node_request;

/* Requests a replica holds at most while no leader is known; beyond it the
 * oldest is redirected, so memory stays bounded through a long outage. */
#define NODE_MAX_HELD 4096
/* Forwarded MIDs a leader remembers, to ignore a follower's resends: far
 * more than can be in flight between a resend and its acknowledgement. */
#define NODE_TAKEN_MIDS 4096

struct node_list {
	struct node_request **items;
	size_t n, cap;
};

/* MIDs, each a copy the list owns. */
struct node_mids {
	char **items;
	size_t n, cap;
};

/* The core is reached only through its functions (raft.h), never its fields. */
/* The invariants below are asserted after every call (node_step.c). */
/* Indexes in increasing order: entries applied as no-ops (node_apply.c). */
struct node_indexes {
	uint64_t *items;
	size_t n, cap;
};

/* A client's move_leader under way at the leader (node_transfer.h):
 * mid NULL when none. */
struct node_transfer {
	char client[MSG_ID_SIZE];
	char *mid;
	char target[MSG_ID_SIZE];
	uint64_t until; /* answered by then, whatever happened */
};

struct node {
	struct raft raft;
	struct kv kv;
	struct sessions sessions; /* applied with the map: each client's last write */
	/* Invariant: applied <= raft_commit, equal unless memory ran out
	 * while applying (the rest is applied at the next call). */
	uint64_t applied;
	/* Writes a session found late (sessions_late), after the snapshot:
	 * their entries were not applied, so nobody may answer them ok. The
	 * client that a late copy is from has moved on; two clients that
	 * share an id (nothing stops it in cluster mode) may not have. */
	struct node_indexes late;
	struct node_list reads;     /* leader: gets waiting for a read-index round. Invariant: empty unless leader */
	struct node_list puts;      /* appended here, not yet committed. Invariant: each index > raft_commit */
	struct node_list held;      /* waiting for a leader. Invariant: at most NODE_MAX_HELD */
	struct node_list forwarded; /* follower: sent to the leader, not yet acknowledged */
	struct mid_set taken;       /* leader: forwarded requests taken, to ignore resends */
	/* With a write-ahead log (node_keep_answered): the forwarded requests
	 * answered since it was last written. A replica that restarts knows
	 * them taken (node_remember_taken), so that a follower that resends
	 * one is not answered a second time by whoever leads next. */
	bool keep_answered;
	struct node_mids answered;
	/* Take a snapshot (and compact the log) every this many applied
	 * entries; 0: never (node_set_snapshot_every). */
	uint64_t snapshot_every;
	/* Cluster mode (node_set_forward_within): a follower forwards a
	 * request at once to a leader heard from within this many ms instead
	 * of holding it until the leader is heard again; 0: hold, as on the
	 * test-bed. */
	uint64_t forward_within;
	bool tell_absent; /* node_tell_absent */
	struct node_transfer transfer;
};

/* Sets up the replica: RAFT_OK, or an error of raft_init. */
int node_init(struct node *n, const struct raft_config *cfg, uint64_t now_ms);
void node_free(struct node *n);

/* Handles any decoded message addressed to this replica. 0, or -1 when
 * memory ran out (the state stays consistent). */
int node_receive(struct node *n, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u);
int node_tick(struct node *n, uint64_t now_ms, struct raft_update *u);

/* This replica's own view, for a client's status request (no consensus):
 * fills r's role (a copy r owns), term, commit, applied, last and
 * snapshot index. 0, or -1 when out of memory. */
int node_status(const struct node *n, struct msg_status_reply *r);

/* Clients that resend (cluster mode, kvctl): a follower that heard from
 * its leader within `ms` forwards a request there at once, rather than
 * hold it until the leader is next heard from (up to a heartbeat: its
 * clients would wait that long for every request). Should that leader
 * have just died, the client resends elsewhere. A redirect would serve a
 * client that knows the leader's address; one that knows only this
 * member (etcdctl's habit) would be sent where it cannot go. The
 * test-bed's clients never resend: there the node holds (0). */
void node_set_forward_within(struct node *n, uint64_t ms);

/* Cluster mode: a get of a key that holds nothing is answered without a
 * value, so that a client tells it from an empty one (etcd answers no
 * key). The test-bed's protocol answers "". */
void node_tell_absent(struct node *n);

/* From now on the node lists the forwarded requests it answers. */
void node_keep_answered(struct node *n);
/* Moves that list into out (emptied first); the node's starts again. */
void node_take_answered(struct node *n, struct node_mids *out);
/* A restarted replica: mid was answered in its earlier life. 0, or -1
 * when out of memory. */
int node_remember_taken(struct node *n, const char *mid);
void node_mids_free(struct node_mids *m);

/* node_snapshot.c. From now on a snapshot is taken once `every` entries
 * were applied after the last (0: never): only a replica that writes it
 * to disk should, as a restart rebuilds the map from it. */
void node_set_snapshot_every(struct node *n, uint64_t every);
/* Takes the snapshot when it is due: 1 when it did (raft_snapshot_of is
 * new, and the log starts after it), 0 when not due, -1 when out of
 * memory (nothing changed). The caller writes it down before it sends
 * what the step produced, so it says how far the answers of the entries
 * have left (wal_answers_left; UINT64_MAX: nothing waits for a sync). */
int node_maybe_snapshot(struct node *n, uint64_t answers_left);

#endif
