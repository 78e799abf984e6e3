/* The requests a client makes, each built here and sent by kv_client_run
 * (kv_client.c): the key-value ones and the administrative ones. */
#include "kv_client.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The next write's serial number: above the last, and above any an
 * earlier process of the same client id can have used. */
static uint64_t next_seq(struct kv_client *c)
{
	struct timespec ts;
	uint64_t us;

	clock_gettime(CLOCK_REALTIME, &ts);
	us = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	c->last_seq = us > c->last_seq ? us : c->last_seq + 1;
	return c->last_seq;
}

/* What an ok said, for the caller that asked. */
struct kv_answer {
	char **value;      /* the value a get read (NULL: the key holds none) or a cas found */
	uint64_t *deleted; /* how many keys a delete removed */
};

/* One request of `type` on key (value: a put's or a compare-and-set's,
 * expected: a compare-and-set's) under a fresh MID; on KV_OK, *out says
 * what the answer did. */
static enum kv_result one_request(struct kv_client *c, enum msg_type type, const char *key, const char *expected,
				  const char *value, struct kv_answer out, uint64_t timeout_ms, char *err, size_t cap)
{
	char mid[17], **mid_field;
	struct msg_any q, answer;
	enum kv_result rc;

	if (!key[0]) {
		kv_client_say(err, cap, "key is not provided"); /* etcdctl's words */
		return KV_ERROR;
	}
	kv_client_new_mid(mid);
	msg_any_init(&q, type);
	/* the strings are borrowed: q is never freed */
	if (type == MSG_TYPE_PUT) {
		q.as.put.key = (char *)key;
		q.as.put.value = (char *)value;
		q.as.put.seq = next_seq(c);
		q.as.put._present.seq = true;
	} else if (type == MSG_TYPE_CAS) {
		q.as.cas.key = (char *)key;
		q.as.cas.expected = (char *)expected;
		q.as.cas.value = (char *)value;
		q.as.cas.seq = next_seq(c);
		q.as.cas._present.seq = true;
	} else if (type == MSG_TYPE_DELETE) {
		q.as.delete.key = (char *)key;
		q.as.delete.seq = next_seq(c);
		q.as.delete._present.seq = true;
	} else {
		q.as.get.key = (char *)key;
	}
	mid_field = msg_any_mid_field(&q);
	*mid_field = mid;
	rc = kv_client_run(c, &q, mid_field, timeout_ms, &answer, err, cap);
	if (rc != KV_OK)
		return rc;
	if (out.deleted)
		*out.deleted = answer.as.ok.deleted;
	if (out.value) {
		/* a cas found "" when the key held nothing; a get says none */
		const char *v = answer.as.ok._present.value ? answer.as.ok.value : type == MSG_TYPE_CAS ? "" : NULL;

		*out.value = v ? strdup(v) : NULL;
		if (v && !*out.value) {
			kv_client_say(err, cap, "out of memory");
			rc = KV_ERROR;
		}
	}
	msg_any_free(&answer);
	return rc;
}

enum kv_result kv_client_put(struct kv_client *c, const char *key, const char *value, uint64_t timeout_ms, char *err,
			     size_t cap)
{
	return one_request(c, MSG_TYPE_PUT, key, NULL, value, (struct kv_answer){ 0 }, timeout_ms, err, cap);
}

enum kv_result kv_client_delete(struct kv_client *c, const char *key, uint64_t *deleted, uint64_t timeout_ms, char *err,
				size_t cap)
{
	return one_request(c, MSG_TYPE_DELETE, key, NULL, NULL, (struct kv_answer){ .deleted = deleted }, timeout_ms,
			   err, cap);
}

enum kv_result kv_client_cas(struct kv_client *c, const char *key, const char *expected, const char *value,
			     char **found, uint64_t timeout_ms, char *err, size_t cap)
{
	return one_request(c, MSG_TYPE_CAS, key, expected, value, (struct kv_answer){ .value = found }, timeout_ms, err,
			   cap);
}

enum kv_result kv_client_get(struct kv_client *c, const char *key, char **value, uint64_t timeout_ms, char *err,
			     size_t cap)
{
	return one_request(c, MSG_TYPE_GET, key, NULL, NULL, (struct kv_answer){ .value = value }, timeout_ms, err,
			   cap);
}

enum kv_result kv_client_move_leader(struct kv_client *c, const char *target, char *from, uint64_t timeout_ms,
				     char *err, size_t cap)
{
	char mid[17], **mid_field;
	struct msg_any q, answer;
	enum kv_result rc;

	kv_client_new_mid(mid);
	msg_any_init(&q, MSG_TYPE_MOVE_LEADER);
	msg_id_copy(q.as.move_leader.target, target);
	mid_field = msg_any_mid_field(&q);
	*mid_field = mid;
	rc = kv_client_run(c, &q, mid_field, timeout_ms, &answer, err, cap);
	if (rc != KV_OK)
		return rc;
	msg_id_copy(from, answer.as.env.src);
	msg_any_free(&answer);
	return KV_OK;
}
