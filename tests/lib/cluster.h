/*
 * An in-process cluster for tests: N nodes (src/node/node.c) joined by a
 * simulated network with no sockets. Time is virtual; the network can hold,
 * drop, partition and reorder messages. Everything is driven by a seed.
 */
#ifndef TEST_CLUSTER_H
#define TEST_CLUSTER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "node/node.h"
#include "storage/wal.h"

#define CLUSTER_MAX 9
#define CLUSTER_START_MS 1000 /* the virtual clock's first reading */
#define CLIENT_ID "0100"

struct cluster_answer {
	enum msg_type type;
	char mid[32];
	char value[64];
	bool has_value;
	bool has_deleted;
	uint64_t deleted; /* a delete's count */
	char error[128];  /* a fail's reason ("": none) */
	char from[MSG_ID_SIZE];
	char to[MSG_ID_SIZE];     /* the client */
	char leader[MSG_ID_SIZE]; /* the answering replica's belief */
	uint64_t at;              /* virtual time it was sent */
};

struct cluster;

/* A replica's disk when the cluster is durable (cluster_make_durable), as
 * a "lazy" file system keeps it: a crash keeps what was synced, and of
 * the write in progress a random prefix. A replica writes and syncs at
 * most once per virtual millisecond (sync_every), as the replica's loop
 * does once per iteration, and its messages (answers included) leave
 * only then. */
struct cluster_disk {
	struct wal_buf bytes; /* the write-ahead log: header, then records */
	struct wal_buf snap;  /* the snapshot file the log follows (empty: none) */
	size_t synced;        /* all of it but a crash's torn write */
	struct wal_writer writer;
	struct raft_persist persist; /* what the node's steps changed since its last write */
	struct msg_any *held;        /* messages waiting for the next sync */
	size_t n_held, cap_held;
	unsigned restarts;
};

/* Whose log lines these are: each node logs through its own tracer. */
struct cluster_tracer {
	struct cluster *c;
	size_t node;
};

struct cluster {
	struct node nodes[CLUSTER_MAX];
	bool alive[CLUSTER_MAX];
	uint64_t deadline[CLUSTER_MAX]; /* when each node wants its next tick */
	int side[CLUSTER_MAX];          /* partition: messages cross only within a side */
	/* A paused node neither ticks nor takes messages; what is sent to it
	 * waits on the wire (its socket's buffer) until it resumes. Only
	 * delivery loops that skip its messages (the soak's) may pause one. */
	bool paused[CLUSTER_MAX];
	size_t n;
	unsigned learners; /* bit i: node i is a learner (cluster_init_learners) */
	uint64_t now;
	struct msg_any *wire; /* messages in flight */
	size_t n_wire, cap_wire;
	struct cluster_answer *answers; /* everything sent to the client */
	size_t n_answers, cap_answers;
	uint64_t rng;
	double drop; /* probability that a message is lost */
	/* The nodes' decisions in English while record_trace is on, one line
	 * each: "<ms since start> <node id> <line>", at trace_level and up. */
	char trace[32768];
	size_t trace_len;
	bool record_trace;
	enum raft_log_level trace_level;
	struct cluster_tracer tracers[CLUSTER_MAX];
	unsigned sent[CLUSTER_MAX][CLUSTER_MAX]; /* messages node i addressed to node j */
	size_t past_deadlines;                   /* ticks that asked for another tick at or before their own time */
	/* When set, every step of node `record_node` is written there as a
	 * line, in the node fuzz target's input format (tests/fuzz/fuzz_node.c):
	 * "T<ms>" for a tick, "<ms> <datagram>" for a message it receives. */
	FILE *record;
	size_t record_node;
	bool print_wire; /* CLUSTER_WIRE in the environment: every datagram to stderr */
	/* Called after every step of node i, to check invariants. */
	void (*after_step)(struct cluster *c, size_t i);
	uint64_t seed;
	bool durable;
	struct cluster_disk disks[CLUSTER_MAX];
	/* Durable: a restart whose log did not replay (damage where only a
	 * cut write may be), with why: a finding. */
	size_t bad_replays;
	char bad_replay[192];
	uint64_t torn_tails; /* restarts that found, and cut, a torn tail */
	/* Durable: a node syncs in a virtual millisecond with a chance of one
	 * in this many (1: every millisecond), as a slow disk would. */
	unsigned sync_every;
	/* Durable: each node snapshots every this many applied entries (0:
	 * never), as --snapshot-every does. */
	uint64_t snapshot_every;
	uint64_t snapshots_written; /* snapshot files written, taken or installed */
	uint64_t rewrites_lost;     /* crashes that cut a rewrite short: the old log stays */
	uint64_t installs;          /* snapshots installed from a leader */
};

/* Starts n nodes "0000".."000n-1" at CLUSTER_START_MS with default timing. */
void cluster_init(struct cluster *c, size_t n, uint64_t seed);
/* The same, with the nodes of the bits of `learners` learners: they get
 * the log, but never vote, count toward a quorum, or lead. */
void cluster_init_learners(struct cluster *c, size_t n, uint64_t seed, unsigned learners);
void cluster_free(struct cluster *c);

/* From now on every node keeps a write-ahead log on a simulated disk
 * (struct cluster_disk), and may crash and restart from it. */
void cluster_make_durable(struct cluster *c);
/* Durable: node i stops at once, in the middle of a sync: of what that
 * sync writes, a random prefix survives (a torn write); the messages that
 * waited for it are lost. */
void cluster_crash(struct cluster *c, size_t i);
/* Durable: node i writes what changed since its last sync to its log
 * and syncs it; then the messages that waited for it leave. */
void cluster_sync(struct cluster *c, size_t i);
/* Durable: node i starts again from its disk, as the replica does with
 * --data-dir. */
void cluster_restart(struct cluster *c, size_t i);

/* Delivers in-flight message i (removing it) to its destination. */
void cluster_deliver(struct cluster *c, size_t i);
/* Removes in-flight message i unseen, as a loss would. */
void cluster_drop(struct cluster *c, size_t i);
/* The index of the first in-flight message of this type, or c->n_wire. */
size_t cluster_find(const struct cluster *c, enum msg_type type);
bool cluster_in_flight(const struct cluster *c, enum msg_type type);
/* Node i, a leader, starts a read-index round, as a get does when its
 * lease has run out. */
void cluster_read_round(struct cluster *c, size_t i);
/* Runs node i's timers now, whether due or not. */
void cluster_tick(struct cluster *c, size_t i);
/* One virtual millisecond: ticks due nodes, without delivering anything. */
void cluster_step_time(struct cluster *c);
/* Puts a second copy of in-flight message i on the wire. */
void cluster_duplicate(struct cluster *c, size_t i);
/* Delivers everything in flight, in order, until nothing is left or
 * max_rounds deliveries were made. */
void cluster_settle(struct cluster *c, size_t max_rounds);
/* Advances time by ms, ticking every node whose deadline passed. */
void cluster_advance(struct cluster *c, uint64_t ms);
/* Advances until some node is leader (or limit ms pass); its index or -1. */
int cluster_elect(struct cluster *c, uint64_t limit_ms);

/* A node's state set up as a test needs it, as if it had come back from a
 * log that holds it (without a restart's new timers and seed). The one
 * place outside the core that writes its fields: the unit tests say what
 * they set up through these. */
/* Node i is in `term` (its vote unchanged). */
void cluster_set_term(struct cluster *c, size_t i, uint64_t term);
/* Node i holds entry e after its last; its term rises to e's if lower
 * (raise_term). -1 when out of memory. */
int cluster_append(struct cluster *c, size_t i, const struct msg_log_entry *e, bool raise_term);
/* Node i's election timer fires at `at`. */
void cluster_set_election_timer(struct cluster *c, size_t i, uint64_t at);
/* Node i, a leader, sends new entries to one more follower until `until`,
 * as after a loss. */
void cluster_widen(struct cluster *c, size_t i, uint64_t until);
/* Node i lets this many append-entries go unanswered to one follower
 * (raft_config.max_unanswered). */
void cluster_set_window(struct cluster *c, size_t i, size_t window);
int cluster_leader(const struct cluster *c);

/* A request from any client to node i, naming `leader` (FFFF: none):
 * a get, put (with value) or delete. */
void cluster_request(struct cluster *c, size_t i, const char *client, const char *leader, enum msg_type type,
		     const char *mid, const char *key, const char *value);
/* A compare-and-set from `client` to node i. */
void cluster_cas(struct cluster *c, size_t i, const char *client, const char *mid, const char *key,
		 const char *expected, const char *value);
/* CLIENT_ID asks node i to move leadership to `target` (kvctl move-leader). */
void cluster_move_leader(struct cluster *c, size_t i, const char *mid, const char *target);
/* A request from CLIENT_ID to node i. */
void cluster_put(struct cluster *c, size_t i, const char *mid, const char *key, const char *value);
void cluster_get(struct cluster *c, size_t i, const char *mid, const char *key);
/* The answer to mid, or NULL; *count is how many answers it got. */
const struct cluster_answer *cluster_answer(const struct cluster *c, const char *mid, size_t *count);

uint64_t cluster_random(struct cluster *c, uint64_t below);
/* The index of the node with this id, or -1 (a client, or FFFF). */
int cluster_index_of(const struct cluster *c, const char *id);
/* FNV-1a over everything the clients were told, in order, from `hash`
 * on: two builds whose fingerprints agree over all seeds gave the same
 * answers, from the same replicas, at the same points of every schedule.
 * Shows that a refactoring changed no behaviour. */
uint64_t cluster_fingerprint(const struct cluster *c, uint64_t hash);
/* Starts recording decisions at `level` and up, from an empty trace. */
void cluster_trace_start(struct cluster *c, enum raft_log_level level);
/* Runs a node's step with a message built by the test. */
void cluster_inject(struct cluster *c, size_t i, const struct msg_any *m);

#endif
