/* A cluster's client (kv_client.h). */
#include "kv_client.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/cluster_config.h"

#define DATAGRAM_MAX 65535
/* How long to wait for an answer before resending to the next member: an
 * election takes a few hundred milliseconds, and a leader that lost a
 * request is not going to answer it. */
#define ATTEMPT_MS 500
/* After a redirect that names no leader (none known yet). */
#define NO_LEADER_PAUSE_MS 50

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void kv_client_say(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
}

static void random_bytes(unsigned char *out, size_t n)
{
	static unsigned long long fallback;
	FILE *f = fopen("/dev/urandom", "rb");
	size_t got = f ? fread(out, 1, n, f) : 0;

	if (f)
		fclose(f);
	while (got < n) { /* no /dev/urandom: time and pid, enough to tell clients apart */
		fallback =
			fallback * 6364136223846793005ULL + (unsigned long long)now_ms() + (unsigned long long)getpid();
		out[got++] = (unsigned char)(fallback >> 33);
	}
}

void kv_client_new_mid(char *buf)
{
	static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	unsigned char r[16];
	size_t i;

	random_bytes(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		buf[i] = alphabet[r[i] % 36];
	buf[sizeof r] = '\0';
}

/* A random id of 64 bits (16 hex digits): among even a million clients
 * at once, two share one with a chance of about 3 in 100 million. With
 * 16 bits, a few hundred kvctl runs at once were likely to, and a shared
 * id mixes two clients' sessions (issue 24, C1). */
static void random_id(char *id)
{
	unsigned char r[8];
	size_t i;

	random_bytes(r, sizeof r);
	for (i = 0; i < sizeof r; i++)
		snprintf(id + 2 * i, 3, "%02X", r[i]);
}

static int parse_members(struct kv_client *c, const char *members, char *err, size_t cap)
{
	char *list = strdup(members), *item, *save = NULL;
	int rc = 0;

	if (!list) {
		kv_client_say(err, cap, "out of memory");
		return -1;
	}
	for (item = strtok_r(list, ",", &save); item && rc == 0; item = strtok_r(NULL, ",", &save)) {
		if (c->n_members == KV_CLIENT_MAX_MEMBERS) {
			kv_client_say(err, cap, "more than %d members", KV_CLIENT_MAX_MEMBERS);
			rc = -1;
		} else if (!cluster_parse_address(item, &c->members[c->n_members].addr, err, cap)) {
			rc = -1;
		} else {
			c->n_members++;
		}
	}
	free(list);
	if (rc == 0 && c->n_members == 0) {
		kv_client_say(err, cap, "no member addresses given");
		rc = -1;
	}
	return rc;
}

int kv_client_init(struct kv_client *c, const char *members, const char *client_id, char *err, size_t cap)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
	msg_id_copy(c->leader, MSG_ID_BROADCAST);
	c->attempt_ms = ATTEMPT_MS;
	if (client_id) {
		struct msg_error e;
		size_t i;

		if (msg_check_id(client_id, false, NULL, "--id", &e) != MSG_OK) {
			kv_client_say(err, cap, "the client id must be 4 to 16 hex digits, not FFFF");
			return -1;
		}
		msg_id_copy(c->id, client_id);
		for (i = 0; c->id[i]; i++)
			c->id[i] = (char)toupper((unsigned char)c->id[i]);
		c->id_chosen = true;
	} else {
		random_id(c->id);
	}
	if (parse_members(c, members, err, cap) < 0)
		return -1;
	c->buf = malloc(DATAGRAM_MAX + 1);
	c->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!c->buf || c->fd < 0) {
		kv_client_say(err, cap, "socket: %s", c->buf ? strerror(errno) : "out of memory");
		kv_client_free(c);
		return -1;
	}
	return 0;
}

void kv_client_free(struct kv_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->buf);
	c->fd = -1;
	c->buf = NULL;
}

static void fill_envelope(const struct kv_client *c, struct msg_envelope *env, size_t member)
{
	msg_id_copy(env->src, c->id);
	msg_id_copy(env->dst, c->members[member].id[0] ? c->members[member].id : MSG_ID_BROADCAST);
	msg_id_copy(env->leader, c->leader);
}

/* Encodes m and sends it to member i. */
static enum kv_result send_to(struct kv_client *c, const struct msg_any *m, size_t i, char *err, size_t cap)
{
	struct msg_error e;
	size_t len;

	if (msg_any_encode(m, c->buf, DATAGRAM_MAX, &len, &e) != MSG_OK) {
		kv_client_say(err, cap, "%s", e.text);
		return KV_ERROR;
	}
	if (sendto(c->fd, c->buf, len, 0, (const struct sockaddr *)&c->members[i].addr, sizeof c->members[i].addr) <
	    0) {
		kv_client_say(err, cap, "send: %s", strerror(errno));
		return KV_ERROR;
	}
	return KV_OK;
}

/* The member at that address, or n_members. */
static size_t member_at(const struct kv_client *c, const struct sockaddr_in *a)
{
	size_t i;

	for (i = 0; i < c->n_members; i++)
		if (c->members[i].addr.sin_addr.s_addr == a->sin_addr.s_addr &&
		    c->members[i].addr.sin_port == a->sin_port)
			break;
	return i;
}

/* Waits until `until` for an answer whose MID is one of mids[0..n); 0
 * with *m filled (the caller frees it), -1 when none came. Every answer
 * teaches the id of the member it came from. */
static int await_answer(struct kv_client *c, const char *const *mids, size_t n, uint64_t until, struct msg_any *m)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	uint64_t now;

	while ((now = now_ms()) < until) {
		struct sockaddr_in from;
		socklen_t from_len = sizeof from;
		const char *mid;
		ssize_t got;
		size_t i;

		if (poll(&pfd, 1, (int)(until - now)) <= 0)
			continue;
		got = recvfrom(c->fd, c->buf, DATAGRAM_MAX, MSG_DONTWAIT, (struct sockaddr *)&from, &from_len);
		if (got < 0 || msg_any_decode(c->buf, (size_t)got, m, NULL) != MSG_OK)
			continue;
		if ((i = member_at(c, &from)) < c->n_members)
			msg_id_copy(c->members[i].id, m->as.env.src);
		mid = msg_any_mid(m);
		for (i = 0; mid && i < n; i++)
			if (strcmp(mid, mids[i]) == 0)
				return 0;
		msg_any_free(m); /* an answer to an earlier attempt: already settled */
	}
	return -1;
}

/* Requests go to the leader named (an answer's or a redirect's envelope)
 * once its address is known: a follower would only pass them on. True if
 * it is known. */
static bool prefer_leader(struct kv_client *c, const char *leader)
{
	size_t i;

	msg_id_copy(c->leader, leader);
	for (i = 0; i < c->n_members; i++)
		if (strcmp(c->members[i].id, leader) == 0) {
			c->current = i;
			return true;
		}
	return false;
}

static void pause_ms(uint64_t ms)
{
	struct timespec ts = { .tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Where a redirect sends the next attempt: the leader it names, if its
 * address is known; else, after a pause, the next member (it may know
 * more): never a loop at the speed of the network. */
static void follow_redirect(struct kv_client *c, const char *leader)
{
	if (prefer_leader(c, leader))
		return;
	c->current = (c->current + 1) % c->n_members;
	pause_ms(NO_LEADER_PAUSE_MS);
}

/* A status round: asks every member at once and waits until `until`,
 * or until every member answered, or (stop_at_leader) until an answer
 * comes from a leader. out[i] and answered[i] as kv_client_status says. */
static void status_round(struct kv_client *c, struct msg_status_reply *out, bool *answered, uint64_t until,
			 bool stop_at_leader)
{
	char mids[KV_CLIENT_MAX_MEMBERS][17];
	const char *pending[KV_CLIENT_MAX_MEMBERS];
	struct msg_any q, a;
	char err[128];
	size_t i, n = 0;

	for (i = 0; i < c->n_members; i++) {
		answered[i] = false;
		kv_client_new_mid(mids[i]);
		msg_any_init(&q, MSG_TYPE_STATUS);
		q.as.status.mid = mids[i];
		fill_envelope(c, &q.as.env, i);
		if (send_to(c, &q, i, err, sizeof err) == KV_OK)
			pending[n++] = mids[i];
	}
	while (n > 0 && await_answer(c, pending, n, until, &a) == 0) {
		bool leader;

		if (a.type != MSG_TYPE_STATUS_REPLY) {
			msg_any_free(&a);
			continue;
		}
		for (i = 0; i < c->n_members && strcmp(mids[i], a.as.status_reply.mid) != 0; i++)
			;
		leader = strcmp(a.as.env.src, a.as.env.leader) == 0;
		out[i] = a.as.status_reply; /* moved: the caller frees it */
		answered[i] = true;
		if (stop_at_leader && leader)
			return;
		n = 0;
		for (i = 0; i < c->n_members; i++)
			if (!answered[i])
				pending[n++] = mids[i];
	}
}

/* The member this client's first request goes to: the leader if one
 * answers within an attempt, else the first that answered. */
static void find_way_in(struct kv_client *c)
{
	struct msg_status_reply out[KV_CLIENT_MAX_MEMBERS];
	bool answered[KV_CLIENT_MAX_MEMBERS];
	size_t i, first = c->n_members;

	for (i = 0; i < c->n_members; i++)
		msg_status_reply_init(&out[i]);
	status_round(c, out, answered, now_ms() + c->attempt_ms, true);
	for (i = 0; i < c->n_members; i++) {
		if (!answered[i])
			continue;
		if (first == c->n_members)
			first = i;
		if (strcmp(out[i].env.leader, MSG_ID_BROADCAST) != 0 && prefer_leader(c, out[i].env.leader))
			first = c->current;
		msg_status_reply_free(&out[i]);
	}
	if (first < c->n_members)
		c->current = first;
}

/* A member would take a client that has its id for itself, and never
 * answer it: a drawn id is drawn again, a chosen one refused. False
 * with the reason in err. */
static bool clear_of_members(struct kv_client *c, char *err, size_t cap)
{
	size_t i;

	for (i = 0; i < c->n_members; i++) {
		if (strcmp(c->members[i].id, c->id) != 0)
			continue;
		if (c->id_chosen) {
			kv_client_say(err, cap, "client id %s is a member's id: choose another", c->id);
			return false;
		}
		random_id(c->id);
		i = (size_t)-1; /* and look again */
	}
	return true;
}

enum kv_result kv_client_run(struct kv_client *c, struct msg_any *q, char **mid_field, uint64_t timeout_ms,
			     struct msg_any *answer, char *err, size_t cap)
{
	uint64_t deadline = now_ms() + timeout_ms;

	c->resends = c->redirects = 0;
	if (strcmp(c->leader, MSG_ID_BROADCAST) == 0 && c->n_members > 1)
		find_way_in(c);
	if (!clear_of_members(c, err, cap))
		return KV_ERROR;
	while (now_ms() < deadline) {
		const char *mid = *mid_field;
		uint64_t until = now_ms() + c->attempt_ms;
		enum kv_result rc;

		fill_envelope(c, &q->as.env, c->current);
		if ((rc = send_to(c, q, c->current, err, cap)) != KV_OK)
			return rc;
		if (await_answer(c, &mid, 1, until < deadline ? until : deadline, answer) < 0) {
			/* no answer: that member may be down; the next one may know the leader */
			c->resends++;
			c->current = (c->current + 1) % c->n_members;
			msg_id_copy(c->leader, MSG_ID_BROADCAST);
			continue;
		}
		if (answer->type == MSG_TYPE_OK) {
			if (strcmp(answer->as.env.leader, MSG_ID_BROADCAST) != 0)
				prefer_leader(c, answer->as.env.leader);
			return KV_OK;
		}
		if (strcmp(answer->as.env.src, c->id) == 0) { /* transport.c: refuse_member_id */
			msg_any_free(answer);
			if (!clear_of_members(c, err, cap))
				return KV_ERROR;
			continue;
		}
		if (answer->type == MSG_TYPE_FAIL && answer->as.fail._present.error) {
			kv_client_say(err, cap, "%s", answer->as.fail.error); /* refused: a retry will not help */
			msg_any_free(answer);
			return KV_REFUSED;
		}
		if (answer->type == MSG_TYPE_REDIRECT) {
			c->redirects++;
			follow_redirect(c, answer->as.env.leader);
		} else { /* fail: nothing was applied; a new MID, as the schema says */
			kv_client_new_mid(*mid_field);
			pause_ms(NO_LEADER_PAUSE_MS);
		}
		msg_any_free(answer);
	}
	kv_client_say(err, cap, "no answer within %llu ms (%llu resends, %llu redirects)",
		      (unsigned long long)timeout_ms, (unsigned long long)c->resends, (unsigned long long)c->redirects);
	return KV_TIMEOUT;
}

void kv_client_status(struct kv_client *c, struct msg_status_reply *out, bool *answered, uint64_t timeout_ms)
{
	status_round(c, out, answered, now_ms() + timeout_ms, false);
}
