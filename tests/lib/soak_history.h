/* What one soak run records for its checks (soak_run.c) and the checks
 * made of it at the end (soak_checks.c). */
#ifndef SOAK_HISTORY_H
#define SOAK_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "cluster.h"
#include "soak_run.h"

#define RUN_MS 4000   /* of faults */
#define PROBE_MS 1000 /* requests after recovery, each a liveness probe */
#define SETTLE_MS 3000
#define MAX_TERMS 4096
#define MAX_INDEX 8192
#define MAX_REQUESTS 8192
#define MAX_MOVES 256 /* move-leader requests a run sends at most */
#define MAX_KEYS 64   /* k0 .. k63; a seed uses h.keys of them */
#define NEVER UINT64_MAX

struct request {
	char key[8];
	bool get;
	size_t inv;       /* answers the clients had when it was sent */
	uint64_t sent_ms; /* virtual time */
};

/* The faults of a run, drawn from its seed. */
struct schedule {
	unsigned fault_every;   /* a fault event in one millisecond of this many */
	unsigned dup_per_mille; /* a datagram delivered twice */
	unsigned delay_percent; /* a datagram waits another millisecond */
	uint64_t pause_until[CLUSTER_MAX];
	uint64_t restart_at[CLUSTER_MAX]; /* durable: a crashed node starts again then (0: not crashed) */
	uint64_t alone_until;             /* no quorum anywhere until then */
	uint64_t flap_until, flap_next;
	bool flap_cut;
	/* Forged datagrams draw from a stream of their own, so that adding
	 * them left every other fault of every seed where it was: a new
	 * fault that moves the others finds bugs of the schedules it made,
	 * not of the one it tests (seed 4139 of soak-durable read a put
	 * before its ok once the forgeries took a share of the fault draw;
	 * that latent finding is issue 24's, not this fault's). */
	uint64_t forge_rng;
	/* Leadership transfers (move_leader) too: runs that draw none are
	 * the runs they were before transfers existed. */
	uint64_t move_rng;
};

/* What the checks remember across steps. */
struct history {
	char leader_of_term[MAX_TERMS][MSG_ID_SIZE];
	uint64_t committed_term[MAX_INDEX];
	char committed_mid[MAX_INDEX][24];
	char committed_key[MAX_INDEX][8]; /* with the MID: the history's checks need no log (snapshots) */
	/* The highest term any replica had when entry k was first seen
	 * committed: a leader of a higher term was elected after, and must
	 * hold it (leader completeness). */
	uint64_t max_term_then[MAX_INDEX];
	uint64_t highest;
	uint64_t checked[CLUSTER_MAX];
	struct request req[MAX_REQUESTS];
	unsigned n_req;
	/* move_leader requests ("x<k>") and the answers each got: every one
	 * is answered at most once. */
	unsigned n_moves, moves_ok;
	unsigned char move_answers[MAX_MOVES];
	/* Keys the clients use: one key makes every request contend, many
	 * leave some keys idle for long (a cut-off leader has no write of
	 * them pending, and could serve a stale read). */
	unsigned keys;
	const char *check;
	char why[256];
};

/* Records the first failure in h: the check's name and what it saw. */
void soak_fail(struct history *h, const char *check, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The checks below look at h and c from now on. */
void soak_checks_begin(struct history *h, const struct cluster *c);
/* After every step of node i (the cluster's after_step): election
 * safety, leader completeness, state machine safety; entries seen
 * committed are recorded in the history. */
void soak_check_step(struct cluster *cl, size_t i);
/* Figure 3's log matching over every node's log, dead ones too. */
void soak_check_logs(void);
/* The checks at the end of a run, of its history and of the cluster as it
 * settled (recovered: when it recovered after the faults stopped; NEVER:
 * it did not). The first check that fails is recorded in the history. */
void soak_check_history(uint64_t recovered, struct soak_result *res);

#endif
