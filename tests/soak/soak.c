/*
 * The soak: thousands of seeded runs of the in-process cluster under
 * hostile schedules (soak_run.h says which faults and which checks), each
 * in a child process of its own, so that a replica's failed assertion is
 * reported as the finding of that seed instead of ending the soak.
 *
 *   soak [--durable] [--seeds N] [--from S] [--jobs J] [--first-failure]
 *   soak --seed S          one seed; CLUSTER_TRACE=1 prints its decisions
 *   --durable              replicas keep a write-ahead log on a lazy disk,
 *                          and crash and restart from it (soak_run.h)
 *   soak --mutant          the planted bug this build carries (mutant.h)
 *
 * Prints every failed seed with the command that replays it, the figures
 * of the whole soak, and `N passed, M failed`. Exits 1 if a seed failed or
 * second oks exceed MAX_DUPLICATES_PER_MILLION of the answers.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/mutant.h"
#include "soak_run.h"

/* Second oks happen only when a leader or delegate fails just after
 * answering and every word of it is lost (docs/design.md, "Exactly one
 * answer per MID"); this bounds their rate over a whole soak. */
#define MAX_DUPLICATES_PER_MILLION 400
#define MAX_JOBS 16
#define SHOWN_FAILURES 10

struct options {
	uint64_t from, seeds;
	unsigned jobs;
	bool first_failure;
	bool durable;
	const char *record; /* --record FILE: what replica record_node receives */
	size_t record_node;
};

struct tally {
	uint64_t passed, failed, first_failed;
	const char *first_check;
	size_t by_size[8];
	size_t requests, answers, duplicates, unanswered;
	uint64_t faults, restarts, torn_tails, snapshots, installs, rewrites_lost;
	uint64_t moves, moved, with_learners;
	uint64_t *recovery; /* per seed, for the median */
	size_t n_recovery;
	uint64_t slowest;
};

struct worker {
	pid_t pid;
	uint64_t seed;
	int fd;
};

static const char *program;

static int usage(void)
{
	fprintf(stderr,
		"usage: %s [--durable] [--learners] [--seeds N] [--from S] [--jobs J] [--first-failure]\n"
		"                 (--learners: one or two learners besides the voters in one seed of four)\n"
		"       %s --seed S [--record FILE NODE]   (CLUSTER_TRACE=1 prints every decision;\n"
		"                 --record writes what replica NODE receives, a node fuzz input)\n"
		"       %s --mutant      (the planted bug of this build)\n",
		program, program, program);
	return 2;
}

static const struct options *opts;

/* Runs one seed in this (child) process and writes its result to fd. */
static void run_child(uint64_t seed, int fd)
{
	struct soak_result res;
	const char *p = (const char *)&res;
	size_t left = sizeof res;
	FILE *record = opts->record ? fopen(opts->record, "w") : NULL;

	if (opts->record && !record) {
		perror(opts->record);
		_exit(2);
	}
	soak_run(seed, opts->durable, &res, record, opts->record_node);
	if (record && fclose(record) != 0)
		_exit(2);
	while (left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			_exit(3);
		p += n, left -= (size_t)n;
	}
	_exit(0);
}

static int start(struct worker *w, uint64_t seed)
{
	int fds[2];

	fflush(NULL);
	if (pipe(fds) < 0)
		return -1;
	w->pid = fork();
	if (w->pid < 0) {
		close(fds[0]), close(fds[1]);
		return -1;
	}
	if (w->pid == 0) {
		close(fds[0]);
		run_child(seed, fds[1]);
	}
	close(fds[1]);
	w->seed = seed;
	w->fd = fds[0];
	return 0;
}

/* The child's result; a crash (a failed assertion) is the seed's finding. */
static void collect(struct worker *w, int status, struct soak_result *res)
{
	size_t got = 0;
	ssize_t n;

	memset(res, 0, sizeof *res);
	while (got < sizeof *res && (n = read(w->fd, (char *)res + got, sizeof *res - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		got += (size_t)n;
	}
	close(w->fd);
	if (got == sizeof *res && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	memset(res, 0, sizeof *res);
	res->check = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT ? "core invariant (assertion)" : "crash";
	if (WIFSIGNALED(status))
		snprintf(res->why, sizeof res->why, "killed by signal %d (%s; an assertion prints above)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(res->why, sizeof res->why, "exited with status %d", WEXITSTATUS(status));
}

static void record(struct tally *t, uint64_t seed, const struct soak_result *res)
{
	if (res->check) {
		if (t->failed++ < SHOWN_FAILURES)
			printf("seed %llu (%zu replicas): %s: %s\n  replay: CLUSTER_TRACE=1 %s%s --seed %llu\n",
			       (unsigned long long)seed, res->replicas ? res->replicas : (size_t)(3 + 2 * (seed % 3)),
			       res->check, res->why, program, opts->durable ? " --durable" : "",
			       (unsigned long long)seed);
		if (!t->first_check || seed < t->first_failed) {
			t->first_failed = seed;
			t->first_check = res->check;
		}
		return;
	}
	t->passed++;
	t->by_size[res->replicas < 8 ? res->replicas : 7]++;
	t->requests += res->requests;
	t->answers += res->answers;
	t->duplicates += res->duplicates;
	t->unanswered += res->unanswered;
	t->faults += res->faults;
	t->moves += res->moves;
	t->with_learners += res->learners > 0;
	t->moved += res->moved;
	t->restarts += res->restarts;
	t->torn_tails += res->torn_tails;
	t->snapshots += res->snapshots;
	t->installs += res->installs;
	t->rewrites_lost += res->rewrites_lost;
	t->recovery[t->n_recovery++] = res->recovery_ms;
	if (res->slowest_ms > t->slowest)
		t->slowest = res->slowest_ms;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void run_all(const struct options *o, struct tally *t)
{
	struct worker workers[MAX_JOBS];
	uint64_t next = o->from, end = o->from + o->seeds;
	unsigned running = 0, i;

	while (next < end || running) {
		int status;
		pid_t pid;
		struct soak_result res;

		while (next < end && running < o->jobs && !(o->first_failure && t->failed)) {
			if (start(&workers[running], next) < 0) {
				perror("soak: fork");
				exit(2);
			}
			running++, next++;
		}
		if (!running)
			break;
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			perror("soak: wait");
			exit(2);
		}
		for (i = 0; i < running && workers[i].pid != pid; i++)
			;
		if (i == running)
			continue;
		collect(&workers[i], status, &res);
		record(t, workers[i].seed, &res);
		workers[i] = workers[--running];
	}
}

static void print_figures(const struct options *o, const struct tally *t)
{
	uint64_t median = 0, max = 0;

	if (t->n_recovery) {
		qsort(t->recovery, t->n_recovery, sizeof *t->recovery, compare_u64);
		median = t->recovery[t->n_recovery / 2];
		max = t->recovery[t->n_recovery - 1];
	}
	printf("soak: seeds %llu to %llu (passed runs: %zu of 3 replicas, %zu of 5, %zu of 7; %.1f faults each)\n",
	       (unsigned long long)o->from, (unsigned long long)(o->from + o->seeds - 1), t->by_size[3], t->by_size[5],
	       t->by_size[7], t->passed ? (double)t->faults / (double)t->passed : 0.0);
	if (o->durable)
		printf("  durable: %llu crashes restarted from a lazy disk's log, %llu of them cutting a torn tail;\n"
		       "  %llu snapshots written, %llu of them installed from a leader; %llu crashes cut a rewrite "
		       "short\n",
		       (unsigned long long)t->restarts, (unsigned long long)t->torn_tails,
		       (unsigned long long)t->snapshots, (unsigned long long)t->installs,
		       (unsigned long long)t->rewrites_lost);
	printf("  %zu requests, %zu answers, %zu unanswered (sent to replicas that died or were cut off)\n",
	       t->requests, t->answers, t->unanswered);
	if (t->with_learners)
		printf("  %llu passed runs had learners besides their voters\n", (unsigned long long)t->with_learners);
	printf("  move-leader: %llu asked of the leader, %llu moved it (the rest: refused while one was under way, "
	       "redirected by a leader already deposed, or given up: target dead or cut off)\n",
	       (unsigned long long)t->moves, (unsigned long long)t->moved);
	printf("  second oks: %zu, %.1f per million answers (bound %d)\n", t->duplicates,
	       t->answers ? 1e6 * (double)t->duplicates / (double)t->answers : 0.0, MAX_DUPLICATES_PER_MILLION);
	printf("  recovery after the faults stop: median %llu ms, max %llu ms (bound %d); slowest answer after it "
	       "%llu ms (bound %d)\n",
	       (unsigned long long)median, (unsigned long long)max, SOAK_ELECT_BOUND_MS, (unsigned long long)t->slowest,
	       SOAK_ANSWER_BOUND_MS);
}

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return s[0] && !*end && errno == 0;
}

static int parse(int argc, char **argv, struct options *o)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t v;
	int i;

	o->from = 1;
	o->seeds = 5000;
	o->jobs = cpus > 0 && cpus < MAX_JOBS ? (unsigned)cpus : 2;
	for (i = 1; i < argc; i++) {
		bool has = i + 1 < argc;

		if (strcmp(argv[i], "--durable") == 0)
			o->durable = true;
		else if (strcmp(argv[i], "--learners") == 0)
			soak_with_learners(true);
		else if (strcmp(argv[i], "--first-failure") == 0)
			o->first_failure = true;
		else if (strcmp(argv[i], "--seeds") == 0 && has && parse_u64(argv[++i], &v) && v > 0)
			o->seeds = v;
		else if (strcmp(argv[i], "--from") == 0 && has && parse_u64(argv[++i], &v))
			o->from = v;
		else if (strcmp(argv[i], "--seed") == 0 && has && parse_u64(argv[++i], &v))
			o->from = v, o->seeds = 1, o->jobs = 1;
		else if (strcmp(argv[i], "--record") == 0 && i + 2 < argc && parse_u64(argv[i + 2], &v))
			o->record = argv[i + 1], o->record_node = (size_t)v, i += 2;
		else if (strcmp(argv[i], "--jobs") == 0 && has && parse_u64(argv[++i], &v) && v > 0 && v <= MAX_JOBS)
			o->jobs = (unsigned)v;
		else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct tally t = { 0 };
	bool too_many_duplicates;

	program = argv[0];
	if (argc == 2 && strcmp(argv[1], "--mutant") == 0) {
		printf("%s\t%s\n", mutant_name(), mutant_text());
		return 0;
	}
	if (parse(argc, argv, &o) < 0 || (o.record && o.seeds != 1))
		return usage();
	opts = &o;
	t.recovery = calloc(o.seeds, sizeof *t.recovery);
	if (!t.recovery) {
		fprintf(stderr, "soak: out of memory\n");
		return 2;
	}
	run_all(&o, &t);
	if (o.first_failure) {
		if (t.failed)
			printf("caught at seed %llu by %s\n", (unsigned long long)t.first_failed, t.first_check);
		else
			printf("not caught in %llu seeds\n", (unsigned long long)o.seeds);
		free(t.recovery);
		return t.failed ? 1 : 0;
	}
	print_figures(&o, &t);
	too_many_duplicates = (double)t.duplicates * 1e6 > MAX_DUPLICATES_PER_MILLION * (double)t.answers;
	if (too_many_duplicates)
		printf("  second oks above the bound\n");
	printf("%llu passed, %llu failed\n", (unsigned long long)t.passed, (unsigned long long)t.failed);
	free(t.recovery);
	return t.failed || too_many_duplicates ? 1 : 0;
}
