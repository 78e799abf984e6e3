/*
 * The load tool of make bench-cluster, on kvctl's client library
 * (src/client/kv_client.h): the load shapes of `etcdctl check perf`, and a
 * closed-loop client for latency.
 *
 *     bench_cluster --cluster A,B,C --rate R --clients N [--seconds 60]
 *     bench_cluster --cluster A,B,C --closed-loop [--seconds 20]
 *
 * Open loop, as etcdctl check perf does it: a limiter hands out puts at R
 * a second (a random 256-byte key, a 1,024-byte value) into a queue as deep
 * as there are clients; N clients, each a thread with its own socket and
 * client id, take one at a time, and a request's time runs from when a
 * client takes it to its answer. Throughput is answers over the whole
 * run. Pass: at least 90% of R, the slowest request at most 500 ms, the
 * standard deviation at most 100 ms (etcd's thresholds).
 *
 * Closed loop: one client puts a key, then reads it back (a linearizable
 * get, through the leader), for the whole run; latencies of each.
 *
 * Prints a human line and a `result` line of key=value pairs for scripts.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/kv_client.h"

#define KEY_SIZE 256
#define VALUE_SIZE 1024
#define REQUEST_TIMEOUT_MS 5000

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Latencies in seconds, growing. */
struct samples {
	double *v;
	size_t n, cap;
	size_t errors;
};

static void add_sample(struct samples *s, double x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 1024;
		double *grown = realloc(s->v, cap * sizeof *grown);

		if (!grown) {
			s->errors++;
			return;
		}
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = x;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct stats {
	double p50, p99, slowest, mean, stddev;
};

static struct stats summarise(struct samples *s)
{
	struct stats st = { 0 };
	double sum = 0, sq = 0;
	size_t i;

	if (!s->n)
		return st;
	qsort(s->v, s->n, sizeof *s->v, compare_double);
	for (i = 0; i < s->n; i++)
		sum += s->v[i];
	st.mean = sum / (double)s->n;
	for (i = 0; i < s->n; i++)
		sq += (s->v[i] - st.mean) * (s->v[i] - st.mean);
	st.stddev = sqrt(sq / (double)s->n);
	st.p50 = s->v[(s->n - 1) / 2];
	st.p99 = s->v[(size_t)((double)(s->n - 1) * 0.99)];
	st.slowest = s->v[s->n - 1];
	return st;
}

/* ---- open loop ----------------------------------------------------------- */

struct op {
	char key[KEY_SIZE + 1];
};

/* The limiter's queue: as deep as there are clients, like etcdctl's
 * channel; the limiter waits when it is full. */
struct queue {
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct op *items;
	size_t cap, head, n;
	bool closed;
};

struct worker {
	pthread_t thread;
	struct queue *q;
	const char *cluster;
	unsigned id;
	struct samples lat;
	double last_end;
	bool ready;
};

static const char value[VALUE_SIZE + 1] = { [0 ... VALUE_SIZE - 1] = 'v' };

static bool queue_pop(struct queue *q, struct op *out)
{
	pthread_mutex_lock(&q->lock);
	while (!q->n && !q->closed)
		pthread_cond_wait(&q->not_empty, &q->lock);
	if (!q->n) {
		pthread_mutex_unlock(&q->lock);
		return false;
	}
	*out = q->items[q->head];
	q->head = (q->head + 1) % q->cap;
	q->n--;
	pthread_cond_signal(&q->not_full);
	pthread_mutex_unlock(&q->lock);
	return true;
}

static void queue_push(struct queue *q, const struct op *op)
{
	pthread_mutex_lock(&q->lock);
	while (q->n == q->cap)
		pthread_cond_wait(&q->not_full, &q->lock);
	q->items[(q->head + q->n) % q->cap] = *op;
	q->n++;
	pthread_cond_signal(&q->not_empty);
	pthread_mutex_unlock(&q->lock);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct kv_client c;
	char id[8], err[256];
	struct op op;

	snprintf(id, sizeof id, "%04X", 0x1000 + w->id); /* distinct, and no member's */
	if (kv_client_init(&c, w->cluster, id, err, sizeof err) < 0) {
		fprintf(stderr, "bench_cluster: %s\n", err);
		exit(2);
	}
	while (queue_pop(w->q, &op)) {
		double start = now_s();

		if (kv_client_put(&c, op.key, value, REQUEST_TIMEOUT_MS, err, sizeof err) == KV_OK)
			add_sample(&w->lat, now_s() - start);
		else
			w->lat.errors++;
		w->last_end = now_s();
	}
	kv_client_free(&c);
	return NULL;
}

static void random_key(char *key, unsigned *seed)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t i;

	for (i = 0; i < KEY_SIZE; i++)
		key[i] = alphabet[rand_r(seed) % 36];
	key[KEY_SIZE] = '\0';
}

static int open_loop(const char *cluster, double rate, unsigned clients, double seconds)
{
	struct queue q = { .lock = PTHREAD_MUTEX_INITIALIZER,
			   .not_empty = PTHREAD_COND_INITIALIZER,
			   .not_full = PTHREAD_COND_INITIALIZER };
	struct worker *w = calloc(clients, sizeof *w);
	struct samples all = { 0 };
	unsigned seed = (unsigned)time(NULL), i;
	double start, end, last = 0, interval = 1.0 / rate;
	pthread_attr_t attr;
	uint64_t sent = 0;
	struct stats st;
	struct op op;
	bool pass;

	q.cap = clients;
	q.items = calloc(clients, sizeof *q.items);
	if (!w || !q.items)
		return 2;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 << 10);
	for (i = 0; i < clients; i++) {
		w[i] = (struct worker){ .q = &q, .cluster = cluster, .id = i };
		if (pthread_create(&w[i].thread, &attr, work, &w[i]) != 0) {
			fprintf(stderr, "bench_cluster: cannot start client %u\n", i);
			return 2;
		}
	}
	start = now_s();
	end = start + seconds;
	/* the limiter: request k leaves at start + k / rate, or as soon after as the queue lets it */
	while (now_s() < end) {
		double due = start + (double)sent * interval, wait = due - now_s();

		if (wait > 0) {
			struct timespec ts = { .tv_sec = (time_t)wait,
					       .tv_nsec = (long)((wait - (double)(time_t)wait) * 1e9) };

			nanosleep(&ts, NULL);
			continue;
		}
		random_key(op.key, &seed);
		queue_push(&q, &op);
		sent++;
	}
	pthread_mutex_lock(&q.lock);
	q.closed = true;
	pthread_cond_broadcast(&q.not_empty);
	pthread_mutex_unlock(&q.lock);
	for (i = 0; i < clients; i++) {
		size_t k;

		pthread_join(w[i].thread, NULL);
		for (k = 0; k < w[i].lat.n; k++)
			add_sample(&all, w[i].lat.v[k]);
		all.errors += w[i].lat.errors;
		if (w[i].last_end > last)
			last = w[i].last_end;
		free(w[i].lat.v);
	}
	st = summarise(&all);
	{
		double elapsed = (last > end ? last : end) - start, rps = (double)all.n / elapsed;

		pass = all.errors == 0 && rps / rate > 0.9 && st.slowest <= 0.5 && st.stddev <= 0.1;
		printf("rate %.0f/s, %u clients, %.0f s: %.0f puts/s (%.0f%%), p50 %.3f ms, p99 %.3f ms, slowest %.3f "
		       "ms, "
		       "stddev %.3f ms, %zu errors: %s\n",
		       rate, clients, seconds, rps, 100 * rps / rate, st.p50 * 1e3, st.p99 * 1e3, st.slowest * 1e3,
		       st.stddev * 1e3, all.errors, pass ? "PASS" : "FAIL");
		printf("result rate=%.0f clients=%u throughput=%.1f p50_ms=%.3f p99_ms=%.3f slowest_ms=%.3f "
		       "stddev_ms=%.3f "
		       "errors=%zu pass=%d\n",
		       rate, clients, rps, st.p50 * 1e3, st.p99 * 1e3, st.slowest * 1e3, st.stddev * 1e3, all.errors,
		       pass);
	}
	free(all.v);
	free(q.items);
	free(w);
	return pass ? 0 : 1;
}

/* ---- closed loop --------------------------------------------------------- */

static int closed_loop(const char *cluster, double seconds)
{
	struct samples puts = { 0 }, gets = { 0 };
	struct stats p, g;
	struct kv_client c;
	char err[256], key[KEY_SIZE + 1], *got = NULL;
	unsigned seed = (unsigned)time(NULL);
	double end, t;
	size_t wrong = 0;

	if (kv_client_init(&c, cluster, "0FFF", err, sizeof err) < 0) {
		fprintf(stderr, "bench_cluster: %s\n", err);
		return 2;
	}
	end = now_s() + seconds;
	while (now_s() < end) {
		random_key(key, &seed);
		t = now_s();
		if (kv_client_put(&c, key, value, REQUEST_TIMEOUT_MS, err, sizeof err) != KV_OK) {
			puts.errors++;
			continue;
		}
		add_sample(&puts, now_s() - t);
		t = now_s();
		if (kv_client_get(&c, key, &got, REQUEST_TIMEOUT_MS, err, sizeof err) != KV_OK) {
			gets.errors++;
			continue;
		}
		add_sample(&gets, now_s() - t);
		wrong += !got || strcmp(got, value) != 0;
		free(got);
	}
	kv_client_free(&c);
	p = summarise(&puts);
	g = summarise(&gets);
	printf("closed loop, one client, %.0f s: %zu puts p50 %.3f ms p99 %.3f ms; %zu gets p50 %.3f ms p99 %.3f ms; "
	       "%zu errors, %zu wrong reads\n",
	       seconds, puts.n, p.p50 * 1e3, p.p99 * 1e3, gets.n, g.p50 * 1e3, g.p99 * 1e3, puts.errors + gets.errors,
	       wrong);
	printf("result closed=1 puts=%zu put_p50_ms=%.3f put_p99_ms=%.3f gets=%zu get_p50_ms=%.3f get_p99_ms=%.3f "
	       "errors=%zu wrong=%zu\n",
	       puts.n, p.p50 * 1e3, p.p99 * 1e3, gets.n, g.p50 * 1e3, g.p99 * 1e3, puts.errors + gets.errors, wrong);
	free(puts.v);
	free(gets.v);
	return wrong || puts.errors || gets.errors ? 1 : 0;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: bench_cluster --cluster HOST:PORT,... (--rate R --clients N | --closed-loop) "
		"[--seconds S]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *cluster = NULL;
	double rate = 0, seconds = 60;
	unsigned clients = 0;
	bool closed = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--closed-loop") == 0)
			closed = true;
		else if (i + 1 < argc && strcmp(argv[i], "--cluster") == 0)
			cluster = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--rate") == 0)
			rate = atof(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--clients") == 0)
			clients = (unsigned)atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--seconds") == 0)
			seconds = atof(argv[++i]);
		else
			return usage();
	}
	if (!cluster || seconds <= 0 || (!closed && (rate <= 0 || clients == 0 || clients > 4000)))
		return usage();
	return closed ? closed_loop(cluster, seconds) : open_loop(cluster, rate, clients, seconds);
}
