/*
 * One seeded run of the in-process cluster (cluster.h) under a hostile
 * schedule, and every check applied to it; tests/soak/soak.c runs thousands, the
 * CUnit suite a few hundred.
 *
 * A seed draws the cluster size (3, 5 or 7 voters by seed % 3, and with
 * soak_with_learners, in one seed of four, one or two learners besides)
 * and its faults:
 * loss up to 40%, duplication, delay and reordering of datagrams; hard,
 * easy, random and flapping partitions; pauses (a replica that stops
 * ticking and receiving, then resumes with its buffer); leader and
 * follower kills down to a bare majority; spells without any quorum; and
 * leadership transfers (move_leader to the leader, to any other member,
 * live or not).
 * Clients send puts and gets to random replicas meanwhile. Then the faults
 * stop and the run must recover.
 *
 * Checked after every step of every replica: election safety, leader
 * completeness, state-machine safety, applied = committed. At the end: log
 * matching, convergence, one answer per MID (second oks counted, not
 * failed: see soak_result), the test-bed's rules for clients (a get never
 * sees a put before its ok; oks of puts to one key leave in log order), no
 * acknowledged put lost, linearizability of the whole history, and
 * liveness (SOAK_ELECT_BOUND_MS, SOAK_ANSWER_BOUND_MS).
 */
#ifndef SOAK_RUN_H
#define SOAK_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* After the faults stop, a leader whose term is committed within this
 * long, and every request sent from then on answered ok within the
 * other. The answer bound covers the inherit_wait these runs use (1.5 s:
 * a new leader may hold answers for a delegate that died). */
#define SOAK_ELECT_BOUND_MS 4000
#define SOAK_ANSWER_BOUND_MS 2500

struct soak_result {
	const char *check; /* the first check that failed, NULL if all held */
	char why[256];
	size_t replicas; /* voters */
	size_t learners; /* replicas besides them that are learners */
	size_t requests, answers, duplicates, unanswered;
	uint64_t recovery_ms;   /* faults stopped -> a leader with its term committed */
	uint64_t slowest_ms;    /* slowest answer to a request sent after recovery */
	uint64_t fingerprint;   /* of everything the clients were told (FNV-1a) */
	unsigned faults;        /* fault events drawn */
	unsigned moves, moved;  /* move_leader requests sent, and those answered ok */
	unsigned restarts;      /* durable: crashes that restarted from the log */
	unsigned torn_tails;    /* durable: restarts that found a torn tail */
	uint64_t snapshots;     /* durable: snapshot files written (taken or installed) */
	uint64_t installs;      /* snapshots installed from a leader */
	uint64_t rewrites_lost; /* durable: crashes that cut a log's rewrite short */
};

/* Runs seed; durable, every replica keeps a write-ahead log on a
 * simulated lazy disk (cluster.h) and kills become crashes that lose
 * what was not synced, followed by a restart from the log within a
 * second. Every decision is printed to stderr when the environment has
 * CLUSTER_TRACE (the soak's own, the faults, prefixed "soak"). With
 * `record`, what replica `node` receives and when it ticks is written
 * there, as an input of the node fuzz target (cluster.h). */
void soak_run(uint64_t seed, bool durable, struct soak_result *res, FILE *record, size_t node);
/* From now on runs draw learners too (build/soak --learners). Not in make
 * soak yet: its seeds keep the schedules its second-ok bound was set on,
 * until membership changes come into the soak with learners (issue 26). */
void soak_with_learners(bool on);

#endif
