/*
 * Codec benchmark: microseconds per message for decode+validate and for
 * encode, of a 1-entry and a 100-entry append-entries. Prints the median of
 * REPEATS rounds of BATCH operations each; a figure, not a pass/fail test.
 * The machine is shared and noisy, so each line also gives a baseline
 * measured in the same run: cJSON alone parsing and freeing the same bytes,
 * the floor of any decoder built on it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "messages.h"

enum { REPEATS = 21, BATCH = 2000 };

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void make_message(struct msg_append_entries *m, size_t n)
{
	size_t i;

	msg_append_entries_init(m);
	strcpy(m->env.src, "0000");
	strcpy(m->env.dst, "0003");
	strcpy(m->env.leader, "0000");
	m->term = 12;
	m->prev_log_index = 4711;
	m->prev_log_term = 11;
	m->commit = 4710;
	m->seq = 99231;
	m->entries = calloc(n, sizeof *m->entries);
	m->_count.entries = n;
	for (i = 0; i < n; i++) {
		m->entries[i].term = 12;
		m->entries[i].key = strdup("K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
		m->entries[i].value = strdup("0123456789abcdef0123456789abcdef");
		strcpy(m->entries[i].client, "0017");
		m->entries[i].mid = strdup("A1B2C3D4E5F6G7H8");
	}
}

static double median_us(double samples[REPEATS])
{
	qsort(samples, REPEATS, sizeof *samples, compare_doubles);
	return samples[REPEATS / 2];
}

static void bench(size_t entries)
{
	static char buf[65536];
	struct msg_append_entries m, out;
	double enc[REPEATS], dec[REPEATS], base[REPEATS], t;
	size_t len = 0;
	int r, i;

	make_message(&m, entries);
	for (r = 0; r < REPEATS; r++) {
		t = now_us();
		for (i = 0; i < BATCH; i++)
			if (msg_append_entries_encode(&m, buf, sizeof buf, &len, NULL) != MSG_OK)
				abort();
		enc[r] = (now_us() - t) / BATCH;
		t = now_us();
		for (i = 0; i < BATCH; i++) {
			if (msg_append_entries_decode(buf, len, &out, NULL) != MSG_OK)
				abort();
			msg_append_entries_free(&out);
		}
		dec[r] = (now_us() - t) / BATCH;
		t = now_us();
		for (i = 0; i < BATCH; i++)
			cJSON_Delete(cJSON_ParseWithLength(buf, len));
		base[r] = (now_us() - t) / BATCH;
	}
	printf("append_entries %3zu entries (%5zu bytes): decode+validate %7.2f us, encode %7.2f us; "
	       "baseline cJSON parse+free %7.2f us (medians of %d x %d)\n",
	       entries, len, median_us(dec), median_us(enc), median_us(base), REPEATS, BATCH);
	msg_append_entries_free(&m);
}

int main(void)
{
	bench(1);
	bench(100);
	return 0;
}
