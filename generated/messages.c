/*
 * Do not edit directly: auto-generated from schema/messages.yaml by codegen/generate.py.
 * Edit the schema and run `make gen`.
 * Schema fingerprint: bb47d38106413511
 */
#include "messages.h"

#include <stdlib.h>
#include <string.h>

#if MSG_SCHEMA_FINGERPRINT_U64 != 0xbb47d38106413511ULL
#error "generated/messages.c and messages.h come from different schemas: run make gen"
#endif


static int msg_envelope_read(const cJSON *obj, const struct msg_path *at, struct msg_envelope *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_id(obj, "src", at, true, m->src, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_id(obj, "dst", at, true, m->dst, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_id(obj, "leader", at, true, m->leader, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "cluster", at, false, &m->cluster, &m->_present.cluster, err);
	return rc;
}

static int msg_envelope_check(const struct msg_envelope *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_id(m->src, false, at, "src", err);
	if (rc == MSG_OK)
		rc = msg_check_id(m->dst, true, at, "dst", err);
	if (rc == MSG_OK)
		rc = msg_check_id(m->leader, true, at, "leader", err);
	if (rc == MSG_OK && m->_present.cluster)
		rc = msg_check_u64(m->cluster, UINT64_C(1), UINT64_C(9007199254740991), at, "cluster", err);
	return rc;
}

static bool msg_envelope_write(cJSON *obj, const struct msg_envelope *m)
{
	if (!msg_add_string(obj, "src", m->src))
		return false;
	if (!msg_add_string(obj, "dst", m->dst))
		return false;
	if (!msg_add_string(obj, "leader", m->leader))
		return false;
	if (m->_present.cluster && !msg_add_u64(obj, "cluster", m->cluster))
		return false;
	return true;
}

static bool msg_envelope_same(const struct msg_envelope *a, const struct msg_envelope *b)
{
	if (strcmp(a->src, b->src) != 0)
		return false;
	if (strcmp(a->dst, b->dst) != 0)
		return false;
	if (strcmp(a->leader, b->leader) != 0)
		return false;
	if (a->_present.cluster != b->_present.cluster)
		return false;
	if (a->_present.cluster && a->cluster != b->cluster)
		return false;
	return true;
}

/* Bytes allowed in log_entry.mid by pattern [!-~]*. */
static const unsigned char charset_log_entry_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_log_entry_read(const cJSON *obj, const struct msg_path *at, struct msg_log_entry *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, true, &m->value, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_id(obj, "client", at, true, m->client, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "mid", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "delete", at, false, &m->deletes, &m->_present.deletes, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "expected", at, false, &m->expected, &m->_present.expected, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	return rc;
}

static int msg_log_entry_check(const struct msg_log_entry *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_id(m->client, true, at, "client", err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "mid", 0, 64, charset_log_entry_mid, err);
	if (rc == MSG_OK && m->_present.deletes)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK && m->_present.expected)
		rc = msg_check_string(m->expected, at, "expected", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(1), UINT64_C(9007199254740991), at, "seq", err);
	return rc;
}

static bool msg_log_entry_write(cJSON *obj, const struct msg_log_entry *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (!msg_add_string(obj, "value", m->value))
		return false;
	if (!msg_add_string(obj, "client", m->client))
		return false;
	if (!msg_add_string(obj, "mid", m->mid))
		return false;
	if (m->_present.deletes && !msg_add_bool(obj, "delete", m->deletes))
		return false;
	if (m->_present.expected && !msg_add_string(obj, "expected", m->expected))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	return true;
}

static bool msg_log_entry_same(const struct msg_log_entry *a, const struct msg_log_entry *b)
{
	if (a->term != b->term)
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	if (!msg_same_string(a->value, b->value))
		return false;
	if (strcmp(a->client, b->client) != 0)
		return false;
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (a->_present.deletes != b->_present.deletes)
		return false;
	if (a->_present.deletes && a->deletes != b->deletes)
		return false;
	if (a->_present.expected != b->_present.expected)
		return false;
	if (a->_present.expected && !msg_same_string(a->expected, b->expected))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	return true;
}

static void msg_log_entry_release(struct msg_log_entry *m)
{
	free(m->key);
	free(m->value);
	free(m->mid);
	free(m->expected);
}

void msg_log_entry_init(struct msg_log_entry *m)
{
	memset(m, 0, sizeof *m);
}

void msg_log_entry_free(struct msg_log_entry *m)
{
	msg_log_entry_release(m);
	msg_log_entry_init(m);
}

bool msg_log_entry_equal(const struct msg_log_entry *a, const struct msg_log_entry *b)
{
	return msg_log_entry_same(a, b);
}

int msg_log_entry_validate(const struct msg_log_entry *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "log_entry", -1 };

	return msg_log_entry_check(m, &at, err);
}
/* Bytes allowed in client_request.mid by pattern [!-~]*. */
static const unsigned char charset_client_request_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_client_request_read(const cJSON *obj, const struct msg_path *at, struct msg_client_request *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "get", at, true, &m->get, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "delete", at, false, &m->deletes, &m->_present.deletes, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "expected", at, false, &m->expected, &m->_present.expected, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	if (rc == MSG_OK)
		rc = msg_read_id(obj, "client", at, true, m->client, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "mid", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, true, &m->value, NULL, err);
	return rc;
}

static int msg_client_request_check(const struct msg_client_request *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK && m->_present.deletes)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK && m->_present.expected)
		rc = msg_check_string(m->expected, at, "expected", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(1), UINT64_C(9007199254740991), at, "seq", err);
	if (rc == MSG_OK)
		rc = msg_check_id(m->client, false, at, "client", err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "mid", 1, 64, charset_client_request_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	return rc;
}

static bool msg_client_request_write(cJSON *obj, const struct msg_client_request *m)
{
	if (!msg_add_bool(obj, "get", m->get))
		return false;
	if (m->_present.deletes && !msg_add_bool(obj, "delete", m->deletes))
		return false;
	if (m->_present.expected && !msg_add_string(obj, "expected", m->expected))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	if (!msg_add_string(obj, "client", m->client))
		return false;
	if (!msg_add_string(obj, "mid", m->mid))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (!msg_add_string(obj, "value", m->value))
		return false;
	return true;
}

static bool msg_client_request_same(const struct msg_client_request *a, const struct msg_client_request *b)
{
	if (a->get != b->get)
		return false;
	if (a->_present.deletes != b->_present.deletes)
		return false;
	if (a->_present.deletes && a->deletes != b->deletes)
		return false;
	if (a->_present.expected != b->_present.expected)
		return false;
	if (a->_present.expected && !msg_same_string(a->expected, b->expected))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	if (strcmp(a->client, b->client) != 0)
		return false;
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	if (!msg_same_string(a->value, b->value))
		return false;
	return true;
}

static void msg_client_request_release(struct msg_client_request *m)
{
	free(m->expected);
	free(m->mid);
	free(m->key);
	free(m->value);
}

void msg_client_request_init(struct msg_client_request *m)
{
	memset(m, 0, sizeof *m);
}

void msg_client_request_free(struct msg_client_request *m)
{
	msg_client_request_release(m);
	msg_client_request_init(m);
}

bool msg_client_request_equal(const struct msg_client_request *a, const struct msg_client_request *b)
{
	return msg_client_request_same(a, b);
}

int msg_client_request_validate(const struct msg_client_request *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "client_request", -1 };

	return msg_client_request_check(m, &at, err);
}

static int msg_link_read(const cJSON *obj, const struct msg_path *at, struct msg_link *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_id(obj, "id", at, true, m->id, NULL, err);
	return rc;
}

static int msg_link_check(const struct msg_link *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_id(m->id, false, at, "id", err);
	return rc;
}

static bool msg_link_write(cJSON *obj, const struct msg_link *m)
{
	if (!msg_add_string(obj, "id", m->id))
		return false;
	return true;
}

static bool msg_link_same(const struct msg_link *a, const struct msg_link *b)
{
	if (strcmp(a->id, b->id) != 0)
		return false;
	return true;
}

static void msg_link_release(struct msg_link *m)
{
	(void)m;
}

void msg_link_init(struct msg_link *m)
{
	memset(m, 0, sizeof *m);
}

void msg_link_free(struct msg_link *m)
{
	msg_link_release(m);
	msg_link_init(m);
}

bool msg_link_equal(const struct msg_link *a, const struct msg_link *b)
{
	return msg_link_same(a, b);
}

int msg_link_validate(const struct msg_link *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "link", -1 };

	return msg_link_check(m, &at, err);
}

static int msg_kv_pair_read(const cJSON *obj, const struct msg_path *at, struct msg_kv_pair *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, true, &m->value, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "index", at, true, &m->index, NULL, err);
	return rc;
}

static int msg_kv_pair_check(const struct msg_kv_pair *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->index, UINT64_C(1), UINT64_C(9007199254740991), at, "index", err);
	return rc;
}

static bool msg_kv_pair_write(cJSON *obj, const struct msg_kv_pair *m)
{
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (!msg_add_string(obj, "value", m->value))
		return false;
	if (!msg_add_u64(obj, "index", m->index))
		return false;
	return true;
}

static bool msg_kv_pair_same(const struct msg_kv_pair *a, const struct msg_kv_pair *b)
{
	if (!msg_same_string(a->key, b->key))
		return false;
	if (!msg_same_string(a->value, b->value))
		return false;
	if (a->index != b->index)
		return false;
	return true;
}

static void msg_kv_pair_release(struct msg_kv_pair *m)
{
	free(m->key);
	free(m->value);
}

void msg_kv_pair_init(struct msg_kv_pair *m)
{
	memset(m, 0, sizeof *m);
}

void msg_kv_pair_free(struct msg_kv_pair *m)
{
	msg_kv_pair_release(m);
	msg_kv_pair_init(m);
}

bool msg_kv_pair_equal(const struct msg_kv_pair *a, const struct msg_kv_pair *b)
{
	return msg_kv_pair_same(a, b);
}

int msg_kv_pair_validate(const struct msg_kv_pair *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "kv_pair", -1 };

	return msg_kv_pair_check(m, &at, err);
}
/* Bytes allowed in client_session.mid by pattern [!-~]*. */
static const unsigned char charset_client_session_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_client_session_read(const cJSON *obj, const struct msg_path *at, struct msg_client_session *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_id(obj, "client", at, true, m->client, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "mid", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "index", at, true, &m->index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "result", at, false, &m->result, &m->_present.result, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	return rc;
}

static int msg_client_session_check(const struct msg_client_session *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_id(m->client, false, at, "client", err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "mid", 1, 64, charset_client_session_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->index, UINT64_C(1), UINT64_C(9007199254740991), at, "index", err);
	if (rc == MSG_OK && m->_present.result)
		rc = msg_check_string(m->result, at, "result", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(0), UINT64_C(9007199254740991), at, "seq", err);
	return rc;
}

static bool msg_client_session_write(cJSON *obj, const struct msg_client_session *m)
{
	if (!msg_add_string(obj, "client", m->client))
		return false;
	if (!msg_add_string(obj, "mid", m->mid))
		return false;
	if (!msg_add_u64(obj, "index", m->index))
		return false;
	if (m->_present.result && !msg_add_string(obj, "result", m->result))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	return true;
}

static bool msg_client_session_same(const struct msg_client_session *a, const struct msg_client_session *b)
{
	if (strcmp(a->client, b->client) != 0)
		return false;
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (a->index != b->index)
		return false;
	if (a->_present.result != b->_present.result)
		return false;
	if (a->_present.result && !msg_same_string(a->result, b->result))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	return true;
}

static void msg_client_session_release(struct msg_client_session *m)
{
	free(m->mid);
	free(m->result);
}

void msg_client_session_init(struct msg_client_session *m)
{
	memset(m, 0, sizeof *m);
}

void msg_client_session_free(struct msg_client_session *m)
{
	msg_client_session_release(m);
	msg_client_session_init(m);
}

bool msg_client_session_equal(const struct msg_client_session *a, const struct msg_client_session *b)
{
	return msg_client_session_same(a, b);
}

int msg_client_session_validate(const struct msg_client_session *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "client_session", -1 };

	return msg_client_session_check(m, &at, err);
}
/* Bytes allowed in request_mid.mid by pattern [!-~]*. */
static const unsigned char charset_request_mid_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_request_mid_read(const cJSON *obj, const struct msg_path *at, struct msg_request_mid *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "mid", at, true, &m->mid, NULL, err);
	return rc;
}

static int msg_request_mid_check(const struct msg_request_mid *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "mid", 1, 64, charset_request_mid_mid, err);
	return rc;
}

static bool msg_request_mid_write(cJSON *obj, const struct msg_request_mid *m)
{
	if (!msg_add_string(obj, "mid", m->mid))
		return false;
	return true;
}

static bool msg_request_mid_same(const struct msg_request_mid *a, const struct msg_request_mid *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	return true;
}

static void msg_request_mid_release(struct msg_request_mid *m)
{
	free(m->mid);
}

void msg_request_mid_init(struct msg_request_mid *m)
{
	memset(m, 0, sizeof *m);
}

void msg_request_mid_free(struct msg_request_mid *m)
{
	msg_request_mid_release(m);
	msg_request_mid_init(m);
}

bool msg_request_mid_equal(const struct msg_request_mid *a, const struct msg_request_mid *b)
{
	return msg_request_mid_same(a, b);
}

int msg_request_mid_validate(const struct msg_request_mid *m, struct msg_error *err)
{
	const struct msg_path at = { NULL, "request_mid", -1 };

	return msg_request_mid_check(m, &at, err);
}

static int msg_hello_read(const cJSON *obj, const struct msg_path *at, struct msg_hello *m, struct msg_error *err)
{
	int rc = MSG_OK;

	(void)obj;
	(void)at;
	(void)m;
	(void)err;
	return rc;
}

static int msg_hello_check(const struct msg_hello *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	(void)m;
	(void)at;
	(void)err;
	return rc;
}

static bool msg_hello_write(cJSON *obj, const struct msg_hello *m)
{
	(void)obj;
	(void)m;
	return true;
}

static bool msg_hello_same(const struct msg_hello *a, const struct msg_hello *b)
{
	(void)a;
	(void)b;
	return true;
}

static void msg_hello_release(struct msg_hello *m)
{
	(void)m;
}

/* Bytes allowed in get.mid by pattern [!-~]*. */
static const unsigned char charset_get_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_get_read(const cJSON *obj, const struct msg_path *at, struct msg_get *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	return rc;
}

static int msg_get_check(const struct msg_get *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_get_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	return rc;
}

static bool msg_get_write(cJSON *obj, const struct msg_get *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	return true;
}

static bool msg_get_same(const struct msg_get *a, const struct msg_get *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	return true;
}

static void msg_get_release(struct msg_get *m)
{
	free(m->mid);
	free(m->key);
}

/* Bytes allowed in put.mid by pattern [!-~]*. */
static const unsigned char charset_put_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_put_read(const cJSON *obj, const struct msg_path *at, struct msg_put *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, true, &m->value, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	return rc;
}

static int msg_put_check(const struct msg_put *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_put_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(1), UINT64_C(9007199254740991), at, "seq", err);
	return rc;
}

static bool msg_put_write(cJSON *obj, const struct msg_put *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (!msg_add_string(obj, "value", m->value))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	return true;
}

static bool msg_put_same(const struct msg_put *a, const struct msg_put *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	if (!msg_same_string(a->value, b->value))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	return true;
}

static void msg_put_release(struct msg_put *m)
{
	free(m->mid);
	free(m->key);
	free(m->value);
}

/* Bytes allowed in ok.mid by pattern [!-~]*. */
static const unsigned char charset_ok_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_ok_read(const cJSON *obj, const struct msg_path *at, struct msg_ok *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, false, &m->value, &m->_present.value, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "deleted", at, false, &m->deleted, &m->_present.deleted, err);
	return rc;
}

static int msg_ok_check(const struct msg_ok *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_ok_mid, err);
	if (rc == MSG_OK && m->_present.value)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.deleted)
		rc = msg_check_u64(m->deleted, UINT64_C(0), UINT64_C(1), at, "deleted", err);
	return rc;
}

static bool msg_ok_write(cJSON *obj, const struct msg_ok *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (m->_present.value && !msg_add_string(obj, "value", m->value))
		return false;
	if (m->_present.deleted && !msg_add_u64(obj, "deleted", m->deleted))
		return false;
	return true;
}

static bool msg_ok_same(const struct msg_ok *a, const struct msg_ok *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (a->_present.value != b->_present.value)
		return false;
	if (a->_present.value && !msg_same_string(a->value, b->value))
		return false;
	if (a->_present.deleted != b->_present.deleted)
		return false;
	if (a->_present.deleted && a->deleted != b->deleted)
		return false;
	return true;
}

static void msg_ok_release(struct msg_ok *m)
{
	free(m->mid);
	free(m->value);
}

/* Bytes allowed in fail.mid by pattern [!-~]*. */
static const unsigned char charset_fail_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Bytes allowed in fail.error by pattern [ -~]*. */
static const unsigned char charset_fail_error[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_fail_read(const cJSON *obj, const struct msg_path *at, struct msg_fail *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "error", at, false, &m->error, &m->_present.error, err);
	return rc;
}

static int msg_fail_check(const struct msg_fail *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_fail_mid, err);
	if (rc == MSG_OK && m->_present.error)
		rc = msg_check_string(m->error, at, "error", 1, 200, charset_fail_error, err);
	return rc;
}

static bool msg_fail_write(cJSON *obj, const struct msg_fail *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (m->_present.error && !msg_add_string(obj, "error", m->error))
		return false;
	return true;
}

static bool msg_fail_same(const struct msg_fail *a, const struct msg_fail *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (a->_present.error != b->_present.error)
		return false;
	if (a->_present.error && !msg_same_string(a->error, b->error))
		return false;
	return true;
}

static void msg_fail_release(struct msg_fail *m)
{
	free(m->mid);
	free(m->error);
}

/* Bytes allowed in redirect.mid by pattern [!-~]*. */
static const unsigned char charset_redirect_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_redirect_read(const cJSON *obj, const struct msg_path *at, struct msg_redirect *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	return rc;
}

static int msg_redirect_check(const struct msg_redirect *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_redirect_mid, err);
	return rc;
}

static bool msg_redirect_write(cJSON *obj, const struct msg_redirect *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	return true;
}

static bool msg_redirect_same(const struct msg_redirect *a, const struct msg_redirect *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	return true;
}

static void msg_redirect_release(struct msg_redirect *m)
{
	free(m->mid);
}


static int msg_request_vote_read(const cJSON *obj, const struct msg_path *at, struct msg_request_vote *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_log_index", at, true, &m->last_log_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_log_term", at, true, &m->last_log_term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "pre_vote", at, true, &m->pre_vote, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "transfer", at, false, &m->transfer, &m->_present.transfer, err);
	return rc;
}

static int msg_request_vote_check(const struct msg_request_vote *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_log_index, UINT64_C(0), UINT64_C(9007199254740991), at, "last_log_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_log_term, UINT64_C(0), UINT64_C(9007199254740991), at, "last_log_term", err);
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK && m->_present.transfer)
		rc = MSG_OK; /* any bool is valid */
	return rc;
}

static bool msg_request_vote_write(cJSON *obj, const struct msg_request_vote *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_u64(obj, "last_log_index", m->last_log_index))
		return false;
	if (!msg_add_u64(obj, "last_log_term", m->last_log_term))
		return false;
	if (!msg_add_bool(obj, "pre_vote", m->pre_vote))
		return false;
	if (m->_present.transfer && !msg_add_bool(obj, "transfer", m->transfer))
		return false;
	return true;
}

static bool msg_request_vote_same(const struct msg_request_vote *a, const struct msg_request_vote *b)
{
	if (a->term != b->term)
		return false;
	if (a->last_log_index != b->last_log_index)
		return false;
	if (a->last_log_term != b->last_log_term)
		return false;
	if (a->pre_vote != b->pre_vote)
		return false;
	if (a->_present.transfer != b->_present.transfer)
		return false;
	if (a->_present.transfer && a->transfer != b->transfer)
		return false;
	return true;
}

static void msg_request_vote_release(struct msg_request_vote *m)
{
	(void)m;
}


static int msg_request_vote_reply_read(const cJSON *obj, const struct msg_path *at, struct msg_request_vote_reply *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "granted", at, true, &m->granted, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "pre_vote", at, true, &m->pre_vote, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "commit", at, true, &m->commit, NULL, err);
	return rc;
}

static int msg_request_vote_reply_check(const struct msg_request_vote_reply *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK)
		rc = msg_check_u64(m->commit, UINT64_C(0), UINT64_C(9007199254740991), at, "commit", err);
	return rc;
}

static bool msg_request_vote_reply_write(cJSON *obj, const struct msg_request_vote_reply *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_bool(obj, "granted", m->granted))
		return false;
	if (!msg_add_bool(obj, "pre_vote", m->pre_vote))
		return false;
	if (!msg_add_u64(obj, "commit", m->commit))
		return false;
	return true;
}

static bool msg_request_vote_reply_same(const struct msg_request_vote_reply *a, const struct msg_request_vote_reply *b)
{
	if (a->term != b->term)
		return false;
	if (a->granted != b->granted)
		return false;
	if (a->pre_vote != b->pre_vote)
		return false;
	if (a->commit != b->commit)
		return false;
	return true;
}

static void msg_request_vote_reply_release(struct msg_request_vote_reply *m)
{
	(void)m;
}


static int msg_timeout_now_read(const cJSON *obj, const struct msg_path *at, struct msg_timeout_now *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	return rc;
}

static int msg_timeout_now_check(const struct msg_timeout_now *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	return rc;
}

static bool msg_timeout_now_write(cJSON *obj, const struct msg_timeout_now *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	return true;
}

static bool msg_timeout_now_same(const struct msg_timeout_now *a, const struct msg_timeout_now *b)
{
	if (a->term != b->term)
		return false;
	return true;
}

static void msg_timeout_now_release(struct msg_timeout_now *m)
{
	(void)m;
}

static int msg_append_entries_read_entries(const cJSON *obj, const struct msg_path *at, struct msg_append_entries *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "entries", at, true, 512, &item, &n, NULL, err);

	if (rc < 0 || n == 0)
		return rc;
	m->entries = calloc(n, sizeof *m->entries);
	if (!m->entries)
		return msg_fail(err, MSG_ERR_NOMEM, at, "entries", "allocating %zu items", n);
	m->_count.entries = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "entries", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_log_entry_read(item, &item_at, &m->entries[i], err);
	}
	return rc;
}

static int msg_append_entries_check_entries(const struct msg_append_entries *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.entries, 512, at, "entries", err);

	if (rc == MSG_OK && m->_count.entries && !m->entries)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "entries", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.entries; i++) {
		const struct msg_path item_at = { at, "entries", (long)i };

		rc = msg_log_entry_check(&m->entries[i], &item_at, err);
	}
	return rc;
}

static bool msg_append_entries_write_entries(cJSON *obj, const struct msg_append_entries *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "entries", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.entries; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_log_entry_write(item, &m->entries[i]))
			return false;
	}
	return true;
}

static int msg_append_entries_read_chain(const cJSON *obj, const struct msg_path *at, struct msg_append_entries *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "chain", at, false, 20, &item, &n, &m->_present.chain, err);

	if (rc < 0 || n == 0)
		return rc;
	m->chain = calloc(n, sizeof *m->chain);
	if (!m->chain)
		return msg_fail(err, MSG_ERR_NOMEM, at, "chain", "allocating %zu items", n);
	m->_count.chain = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "chain", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_link_read(item, &item_at, &m->chain[i], err);
	}
	return rc;
}

static int msg_append_entries_check_chain(const struct msg_append_entries *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.chain, 20, at, "chain", err);

	if (rc == MSG_OK && m->_count.chain && !m->chain)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "chain", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.chain; i++) {
		const struct msg_path item_at = { at, "chain", (long)i };

		rc = msg_link_check(&m->chain[i], &item_at, err);
	}
	return rc;
}

static bool msg_append_entries_write_chain(cJSON *obj, const struct msg_append_entries *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "chain", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.chain; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_link_write(item, &m->chain[i]))
			return false;
	}
	return true;
}

static int msg_append_entries_read_witnesses(const cJSON *obj, const struct msg_path *at, struct msg_append_entries *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "witnesses", at, false, 20, &item, &n, &m->_present.witnesses, err);

	if (rc < 0 || n == 0)
		return rc;
	m->witnesses = calloc(n, sizeof *m->witnesses);
	if (!m->witnesses)
		return msg_fail(err, MSG_ERR_NOMEM, at, "witnesses", "allocating %zu items", n);
	m->_count.witnesses = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "witnesses", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_link_read(item, &item_at, &m->witnesses[i], err);
	}
	return rc;
}

static int msg_append_entries_check_witnesses(const struct msg_append_entries *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.witnesses, 20, at, "witnesses", err);

	if (rc == MSG_OK && m->_count.witnesses && !m->witnesses)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "witnesses", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.witnesses; i++) {
		const struct msg_path item_at = { at, "witnesses", (long)i };

		rc = msg_link_check(&m->witnesses[i], &item_at, err);
	}
	return rc;
}

static bool msg_append_entries_write_witnesses(cJSON *obj, const struct msg_append_entries *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "witnesses", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.witnesses; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_link_write(item, &m->witnesses[i]))
			return false;
	}
	return true;
}


static int msg_append_entries_read(const cJSON *obj, const struct msg_path *at, struct msg_append_entries *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "prev_log_index", at, true, &m->prev_log_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "prev_log_term", at, true, &m->prev_log_term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "commit", at, true, &m->commit, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, true, &m->seq, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "quiet", at, true, &m->quiet, NULL, err);
	if (rc == MSG_OK)
		rc = msg_append_entries_read_entries(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_append_entries_read_chain(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_append_entries_read_witnesses(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "answer_from", at, false, &m->answer_from, &m->_present.answer_from, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "answer_to", at, false, &m->answer_to, &m->_present.answer_to, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "delegate_commit", at, false, &m->delegate_commit, &m->_present.delegate_commit, err);
	return rc;
}

static int msg_append_entries_check(const struct msg_append_entries *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->prev_log_index, UINT64_C(0), UINT64_C(9007199254740991), at, "prev_log_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->prev_log_term, UINT64_C(0), UINT64_C(9007199254740991), at, "prev_log_term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->commit, UINT64_C(0), UINT64_C(9007199254740991), at, "commit", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->seq, UINT64_C(0), UINT64_C(9007199254740991), at, "seq", err);
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK)
		rc = msg_append_entries_check_entries(m, at, err);
	if (rc == MSG_OK && m->_present.chain)
		rc = msg_append_entries_check_chain(m, at, err);
	if (rc == MSG_OK && m->_present.witnesses)
		rc = msg_append_entries_check_witnesses(m, at, err);
	if (rc == MSG_OK && m->_present.answer_from)
		rc = msg_check_u64(m->answer_from, UINT64_C(0), UINT64_C(9007199254740991), at, "answer_from", err);
	if (rc == MSG_OK && m->_present.answer_to)
		rc = msg_check_u64(m->answer_to, UINT64_C(0), UINT64_C(9007199254740991), at, "answer_to", err);
	if (rc == MSG_OK && m->_present.delegate_commit)
		rc = msg_check_u64(m->delegate_commit, UINT64_C(0), UINT64_C(9007199254740991), at, "delegate_commit", err);
	return rc;
}

static bool msg_append_entries_write(cJSON *obj, const struct msg_append_entries *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_u64(obj, "prev_log_index", m->prev_log_index))
		return false;
	if (!msg_add_u64(obj, "prev_log_term", m->prev_log_term))
		return false;
	if (!msg_add_u64(obj, "commit", m->commit))
		return false;
	if (!msg_add_u64(obj, "seq", m->seq))
		return false;
	if (!msg_add_bool(obj, "quiet", m->quiet))
		return false;
	if (!msg_append_entries_write_entries(obj, m))
		return false;
	if (m->_present.chain && !msg_append_entries_write_chain(obj, m))
		return false;
	if (m->_present.witnesses && !msg_append_entries_write_witnesses(obj, m))
		return false;
	if (m->_present.answer_from && !msg_add_u64(obj, "answer_from", m->answer_from))
		return false;
	if (m->_present.answer_to && !msg_add_u64(obj, "answer_to", m->answer_to))
		return false;
	if (m->_present.delegate_commit && !msg_add_u64(obj, "delegate_commit", m->delegate_commit))
		return false;
	return true;
}

static bool msg_append_entries_same(const struct msg_append_entries *a, const struct msg_append_entries *b)
{
	if (a->term != b->term)
		return false;
	if (a->prev_log_index != b->prev_log_index)
		return false;
	if (a->prev_log_term != b->prev_log_term)
		return false;
	if (a->commit != b->commit)
		return false;
	if (a->seq != b->seq)
		return false;
	if (a->quiet != b->quiet)
		return false;
	if (a->_count.entries != b->_count.entries)
		return false;
	for (size_t i = 0; i < a->_count.entries; i++)
		if (!msg_log_entry_same(&a->entries[i], &b->entries[i]))
			return false;
	if (a->_present.chain != b->_present.chain)
		return false;
	if (a->_count.chain != b->_count.chain)
		return false;
	for (size_t i = 0; i < a->_count.chain; i++)
		if (!msg_link_same(&a->chain[i], &b->chain[i]))
			return false;
	if (a->_present.witnesses != b->_present.witnesses)
		return false;
	if (a->_count.witnesses != b->_count.witnesses)
		return false;
	for (size_t i = 0; i < a->_count.witnesses; i++)
		if (!msg_link_same(&a->witnesses[i], &b->witnesses[i]))
			return false;
	if (a->_present.answer_from != b->_present.answer_from)
		return false;
	if (a->_present.answer_from && a->answer_from != b->answer_from)
		return false;
	if (a->_present.answer_to != b->_present.answer_to)
		return false;
	if (a->_present.answer_to && a->answer_to != b->answer_to)
		return false;
	if (a->_present.delegate_commit != b->_present.delegate_commit)
		return false;
	if (a->_present.delegate_commit && a->delegate_commit != b->delegate_commit)
		return false;
	return true;
}

static void msg_append_entries_release(struct msg_append_entries *m)
{
	for (size_t i = 0; i < m->_count.entries && m->entries; i++)
		msg_log_entry_release(&m->entries[i]);
	free(m->entries);
	for (size_t i = 0; i < m->_count.chain && m->chain; i++)
		msg_link_release(&m->chain[i]);
	free(m->chain);
	for (size_t i = 0; i < m->_count.witnesses && m->witnesses; i++)
		msg_link_release(&m->witnesses[i]);
	free(m->witnesses);
}

static int msg_append_entries_reply_read_witnesses(const cJSON *obj, const struct msg_path *at, struct msg_append_entries_reply *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "witnesses", at, false, 20, &item, &n, &m->_present.witnesses, err);

	if (rc < 0 || n == 0)
		return rc;
	m->witnesses = calloc(n, sizeof *m->witnesses);
	if (!m->witnesses)
		return msg_fail(err, MSG_ERR_NOMEM, at, "witnesses", "allocating %zu items", n);
	m->_count.witnesses = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "witnesses", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_link_read(item, &item_at, &m->witnesses[i], err);
	}
	return rc;
}

static int msg_append_entries_reply_check_witnesses(const struct msg_append_entries_reply *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.witnesses, 20, at, "witnesses", err);

	if (rc == MSG_OK && m->_count.witnesses && !m->witnesses)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "witnesses", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.witnesses; i++) {
		const struct msg_path item_at = { at, "witnesses", (long)i };

		rc = msg_link_check(&m->witnesses[i], &item_at, err);
	}
	return rc;
}

static bool msg_append_entries_reply_write_witnesses(cJSON *obj, const struct msg_append_entries_reply *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "witnesses", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.witnesses; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_link_write(item, &m->witnesses[i]))
			return false;
	}
	return true;
}


static int msg_append_entries_reply_read(const cJSON *obj, const struct msg_path *at, struct msg_append_entries_reply *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "success", at, true, &m->success, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "match_index", at, true, &m->match_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "conflict_index", at, true, &m->conflict_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "conflict_term", at, true, &m->conflict_term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, true, &m->seq, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "commit", at, true, &m->commit, NULL, err);
	if (rc == MSG_OK)
		rc = msg_append_entries_reply_read_witnesses(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "witness_match", at, false, &m->witness_match, &m->_present.witness_match, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "answered", at, false, &m->answered, &m->_present.answered, err);
	return rc;
}

static int msg_append_entries_reply_check(const struct msg_append_entries_reply *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	if (rc == MSG_OK)
		rc = msg_check_u64(m->match_index, UINT64_C(0), UINT64_C(9007199254740991), at, "match_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->conflict_index, UINT64_C(0), UINT64_C(9007199254740991), at, "conflict_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->conflict_term, UINT64_C(0), UINT64_C(9007199254740991), at, "conflict_term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->seq, UINT64_C(0), UINT64_C(9007199254740991), at, "seq", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->commit, UINT64_C(0), UINT64_C(9007199254740991), at, "commit", err);
	if (rc == MSG_OK && m->_present.witnesses)
		rc = msg_append_entries_reply_check_witnesses(m, at, err);
	if (rc == MSG_OK && m->_present.witness_match)
		rc = msg_check_u64(m->witness_match, UINT64_C(0), UINT64_C(9007199254740991), at, "witness_match", err);
	if (rc == MSG_OK && m->_present.answered)
		rc = msg_check_u64(m->answered, UINT64_C(0), UINT64_C(9007199254740991), at, "answered", err);
	return rc;
}

static bool msg_append_entries_reply_write(cJSON *obj, const struct msg_append_entries_reply *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_bool(obj, "success", m->success))
		return false;
	if (!msg_add_u64(obj, "match_index", m->match_index))
		return false;
	if (!msg_add_u64(obj, "conflict_index", m->conflict_index))
		return false;
	if (!msg_add_u64(obj, "conflict_term", m->conflict_term))
		return false;
	if (!msg_add_u64(obj, "seq", m->seq))
		return false;
	if (!msg_add_u64(obj, "commit", m->commit))
		return false;
	if (m->_present.witnesses && !msg_append_entries_reply_write_witnesses(obj, m))
		return false;
	if (m->_present.witness_match && !msg_add_u64(obj, "witness_match", m->witness_match))
		return false;
	if (m->_present.answered && !msg_add_u64(obj, "answered", m->answered))
		return false;
	return true;
}

static bool msg_append_entries_reply_same(const struct msg_append_entries_reply *a, const struct msg_append_entries_reply *b)
{
	if (a->term != b->term)
		return false;
	if (a->success != b->success)
		return false;
	if (a->match_index != b->match_index)
		return false;
	if (a->conflict_index != b->conflict_index)
		return false;
	if (a->conflict_term != b->conflict_term)
		return false;
	if (a->seq != b->seq)
		return false;
	if (a->commit != b->commit)
		return false;
	if (a->_present.witnesses != b->_present.witnesses)
		return false;
	if (a->_count.witnesses != b->_count.witnesses)
		return false;
	for (size_t i = 0; i < a->_count.witnesses; i++)
		if (!msg_link_same(&a->witnesses[i], &b->witnesses[i]))
			return false;
	if (a->_present.witness_match != b->_present.witness_match)
		return false;
	if (a->_present.witness_match && a->witness_match != b->witness_match)
		return false;
	if (a->_present.answered != b->_present.answered)
		return false;
	if (a->_present.answered && a->answered != b->answered)
		return false;
	return true;
}

static void msg_append_entries_reply_release(struct msg_append_entries_reply *m)
{
	for (size_t i = 0; i < m->_count.witnesses && m->witnesses; i++)
		msg_link_release(&m->witnesses[i]);
	free(m->witnesses);
}

static int msg_forward_read_requests(const cJSON *obj, const struct msg_path *at, struct msg_forward *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "requests", at, true, 6, &item, &n, NULL, err);

	if (rc < 0 || n == 0)
		return rc;
	m->requests = calloc(n, sizeof *m->requests);
	if (!m->requests)
		return msg_fail(err, MSG_ERR_NOMEM, at, "requests", "allocating %zu items", n);
	m->_count.requests = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "requests", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_client_request_read(item, &item_at, &m->requests[i], err);
	}
	return rc;
}

static int msg_forward_check_requests(const struct msg_forward *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.requests, 6, at, "requests", err);

	if (rc == MSG_OK && m->_count.requests && !m->requests)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "requests", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.requests; i++) {
		const struct msg_path item_at = { at, "requests", (long)i };

		rc = msg_client_request_check(&m->requests[i], &item_at, err);
	}
	return rc;
}

static bool msg_forward_write_requests(cJSON *obj, const struct msg_forward *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "requests", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.requests; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_client_request_write(item, &m->requests[i]))
			return false;
	}
	return true;
}


static int msg_forward_read(const cJSON *obj, const struct msg_path *at, struct msg_forward *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_forward_read_requests(obj, at, m, err);
	return rc;
}

static int msg_forward_check(const struct msg_forward *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_forward_check_requests(m, at, err);
	return rc;
}

static bool msg_forward_write(cJSON *obj, const struct msg_forward *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_forward_write_requests(obj, m))
		return false;
	return true;
}

static bool msg_forward_same(const struct msg_forward *a, const struct msg_forward *b)
{
	if (a->term != b->term)
		return false;
	if (a->_count.requests != b->_count.requests)
		return false;
	for (size_t i = 0; i < a->_count.requests; i++)
		if (!msg_client_request_same(&a->requests[i], &b->requests[i]))
			return false;
	return true;
}

static void msg_forward_release(struct msg_forward *m)
{
	for (size_t i = 0; i < m->_count.requests && m->requests; i++)
		msg_client_request_release(&m->requests[i]);
	free(m->requests);
}

static int msg_forward_ack_read_requests(const cJSON *obj, const struct msg_path *at, struct msg_forward_ack *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "requests", at, true, 6, &item, &n, NULL, err);

	if (rc < 0 || n == 0)
		return rc;
	m->requests = calloc(n, sizeof *m->requests);
	if (!m->requests)
		return msg_fail(err, MSG_ERR_NOMEM, at, "requests", "allocating %zu items", n);
	m->_count.requests = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "requests", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_request_mid_read(item, &item_at, &m->requests[i], err);
	}
	return rc;
}

static int msg_forward_ack_check_requests(const struct msg_forward_ack *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.requests, 6, at, "requests", err);

	if (rc == MSG_OK && m->_count.requests && !m->requests)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "requests", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.requests; i++) {
		const struct msg_path item_at = { at, "requests", (long)i };

		rc = msg_request_mid_check(&m->requests[i], &item_at, err);
	}
	return rc;
}

static bool msg_forward_ack_write_requests(cJSON *obj, const struct msg_forward_ack *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "requests", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.requests; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_request_mid_write(item, &m->requests[i]))
			return false;
	}
	return true;
}

static int msg_forward_ack_read_refused(const cJSON *obj, const struct msg_path *at, struct msg_forward_ack *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "refused", at, false, 6, &item, &n, &m->_present.refused, err);

	if (rc < 0 || n == 0)
		return rc;
	m->refused = calloc(n, sizeof *m->refused);
	if (!m->refused)
		return msg_fail(err, MSG_ERR_NOMEM, at, "refused", "allocating %zu items", n);
	m->_count.refused = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "refused", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_request_mid_read(item, &item_at, &m->refused[i], err);
	}
	return rc;
}

static int msg_forward_ack_check_refused(const struct msg_forward_ack *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.refused, 6, at, "refused", err);

	if (rc == MSG_OK && m->_count.refused && !m->refused)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "refused", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.refused; i++) {
		const struct msg_path item_at = { at, "refused", (long)i };

		rc = msg_request_mid_check(&m->refused[i], &item_at, err);
	}
	return rc;
}

static bool msg_forward_ack_write_refused(cJSON *obj, const struct msg_forward_ack *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "refused", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.refused; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_request_mid_write(item, &m->refused[i]))
			return false;
	}
	return true;
}


static int msg_forward_ack_read(const cJSON *obj, const struct msg_path *at, struct msg_forward_ack *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_forward_ack_read_requests(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_forward_ack_read_refused(obj, at, m, err);
	return rc;
}

static int msg_forward_ack_check(const struct msg_forward_ack *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_forward_ack_check_requests(m, at, err);
	if (rc == MSG_OK && m->_present.refused)
		rc = msg_forward_ack_check_refused(m, at, err);
	return rc;
}

static bool msg_forward_ack_write(cJSON *obj, const struct msg_forward_ack *m)
{
	if (!msg_forward_ack_write_requests(obj, m))
		return false;
	if (m->_present.refused && !msg_forward_ack_write_refused(obj, m))
		return false;
	return true;
}

static bool msg_forward_ack_same(const struct msg_forward_ack *a, const struct msg_forward_ack *b)
{
	if (a->_count.requests != b->_count.requests)
		return false;
	for (size_t i = 0; i < a->_count.requests; i++)
		if (!msg_request_mid_same(&a->requests[i], &b->requests[i]))
			return false;
	if (a->_present.refused != b->_present.refused)
		return false;
	if (a->_count.refused != b->_count.refused)
		return false;
	for (size_t i = 0; i < a->_count.refused; i++)
		if (!msg_request_mid_same(&a->refused[i], &b->refused[i]))
			return false;
	return true;
}

static void msg_forward_ack_release(struct msg_forward_ack *m)
{
	for (size_t i = 0; i < m->_count.requests && m->requests; i++)
		msg_request_mid_release(&m->requests[i]);
	free(m->requests);
	for (size_t i = 0; i < m->_count.refused && m->refused; i++)
		msg_request_mid_release(&m->refused[i]);
	free(m->refused);
}

static int msg_install_snapshot_read_pairs(const cJSON *obj, const struct msg_path *at, struct msg_install_snapshot *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "pairs", at, true, 1024, &item, &n, NULL, err);

	if (rc < 0 || n == 0)
		return rc;
	m->pairs = calloc(n, sizeof *m->pairs);
	if (!m->pairs)
		return msg_fail(err, MSG_ERR_NOMEM, at, "pairs", "allocating %zu items", n);
	m->_count.pairs = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "pairs", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_kv_pair_read(item, &item_at, &m->pairs[i], err);
	}
	return rc;
}

static int msg_install_snapshot_check_pairs(const struct msg_install_snapshot *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.pairs, 1024, at, "pairs", err);

	if (rc == MSG_OK && m->_count.pairs && !m->pairs)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "pairs", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.pairs; i++) {
		const struct msg_path item_at = { at, "pairs", (long)i };

		rc = msg_kv_pair_check(&m->pairs[i], &item_at, err);
	}
	return rc;
}

static bool msg_install_snapshot_write_pairs(cJSON *obj, const struct msg_install_snapshot *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "pairs", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.pairs; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_kv_pair_write(item, &m->pairs[i]))
			return false;
	}
	return true;
}

static int msg_install_snapshot_read_mids(const cJSON *obj, const struct msg_path *at, struct msg_install_snapshot *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "mids", at, false, 1024, &item, &n, &m->_present.mids, err);

	if (rc < 0 || n == 0)
		return rc;
	m->mids = calloc(n, sizeof *m->mids);
	if (!m->mids)
		return msg_fail(err, MSG_ERR_NOMEM, at, "mids", "allocating %zu items", n);
	m->_count.mids = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "mids", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_request_mid_read(item, &item_at, &m->mids[i], err);
	}
	return rc;
}

static int msg_install_snapshot_check_mids(const struct msg_install_snapshot *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.mids, 1024, at, "mids", err);

	if (rc == MSG_OK && m->_count.mids && !m->mids)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "mids", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.mids; i++) {
		const struct msg_path item_at = { at, "mids", (long)i };

		rc = msg_request_mid_check(&m->mids[i], &item_at, err);
	}
	return rc;
}

static bool msg_install_snapshot_write_mids(cJSON *obj, const struct msg_install_snapshot *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "mids", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.mids; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_request_mid_write(item, &m->mids[i]))
			return false;
	}
	return true;
}

static int msg_install_snapshot_read_sessions(const cJSON *obj, const struct msg_path *at, struct msg_install_snapshot *m, struct msg_error *err)
{
	const cJSON *item;
	size_t n, i = 0;
	int rc = msg_read_list(obj, "sessions", at, false, 1024, &item, &n, &m->_present.sessions, err);

	if (rc < 0 || n == 0)
		return rc;
	m->sessions = calloc(n, sizeof *m->sessions);
	if (!m->sessions)
		return msg_fail(err, MSG_ERR_NOMEM, at, "sessions", "allocating %zu items", n);
	m->_count.sessions = n;
	for (; item && rc == MSG_OK; item = item->next, i++) {
		const struct msg_path item_at = { at, "sessions", (long)i };

		if (!cJSON_IsObject(item))
			return msg_fail(err, MSG_ERR_TYPE, &item_at, NULL, "expected object");
		rc = msg_client_session_read(item, &item_at, &m->sessions[i], err);
	}
	return rc;
}

static int msg_install_snapshot_check_sessions(const struct msg_install_snapshot *m, const struct msg_path *at, struct msg_error *err)
{
	size_t i;
	int rc = msg_check_count(m->_count.sessions, 1024, at, "sessions", err);

	if (rc == MSG_OK && m->_count.sessions && !m->sessions)
		rc = msg_fail(err, MSG_ERR_MISSING, at, "sessions", "items missing");
	for (i = 0; rc == MSG_OK && i < m->_count.sessions; i++) {
		const struct msg_path item_at = { at, "sessions", (long)i };

		rc = msg_client_session_check(&m->sessions[i], &item_at, err);
	}
	return rc;
}

static bool msg_install_snapshot_write_sessions(cJSON *obj, const struct msg_install_snapshot *m)
{
	cJSON *list = cJSON_CreateArray();
	size_t i;

	if (!list || !cJSON_AddItemToObjectCS(obj, "sessions", list)) {
		cJSON_Delete(list);
		return false;
	}
	for (i = 0; i < m->_count.sessions; i++) {
		cJSON *item = cJSON_CreateObject();

		if (!item || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return false;
		}
		if (!msg_client_session_write(item, &m->sessions[i]))
			return false;
	}
	return true;
}


static int msg_install_snapshot_read(const cJSON *obj, const struct msg_path *at, struct msg_install_snapshot *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_index", at, true, &m->last_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_term", at, true, &m->last_term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "offset", at, true, &m->offset, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "total", at, true, &m->total, NULL, err);
	if (rc == MSG_OK)
		rc = msg_install_snapshot_read_pairs(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_install_snapshot_read_mids(obj, at, m, err);
	if (rc == MSG_OK)
		rc = msg_install_snapshot_read_sessions(obj, at, m, err);
	return rc;
}

static int msg_install_snapshot_check(const struct msg_install_snapshot *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_index, UINT64_C(1), UINT64_C(9007199254740991), at, "last_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_term, UINT64_C(1), UINT64_C(9007199254740991), at, "last_term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->offset, UINT64_C(0), UINT64_C(9007199254740991), at, "offset", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->total, UINT64_C(0), UINT64_C(9007199254740991), at, "total", err);
	if (rc == MSG_OK)
		rc = msg_install_snapshot_check_pairs(m, at, err);
	if (rc == MSG_OK && m->_present.mids)
		rc = msg_install_snapshot_check_mids(m, at, err);
	if (rc == MSG_OK && m->_present.sessions)
		rc = msg_install_snapshot_check_sessions(m, at, err);
	return rc;
}

static bool msg_install_snapshot_write(cJSON *obj, const struct msg_install_snapshot *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_u64(obj, "last_index", m->last_index))
		return false;
	if (!msg_add_u64(obj, "last_term", m->last_term))
		return false;
	if (!msg_add_u64(obj, "offset", m->offset))
		return false;
	if (!msg_add_u64(obj, "total", m->total))
		return false;
	if (!msg_install_snapshot_write_pairs(obj, m))
		return false;
	if (m->_present.mids && !msg_install_snapshot_write_mids(obj, m))
		return false;
	if (m->_present.sessions && !msg_install_snapshot_write_sessions(obj, m))
		return false;
	return true;
}

static bool msg_install_snapshot_same(const struct msg_install_snapshot *a, const struct msg_install_snapshot *b)
{
	if (a->term != b->term)
		return false;
	if (a->last_index != b->last_index)
		return false;
	if (a->last_term != b->last_term)
		return false;
	if (a->offset != b->offset)
		return false;
	if (a->total != b->total)
		return false;
	if (a->_count.pairs != b->_count.pairs)
		return false;
	for (size_t i = 0; i < a->_count.pairs; i++)
		if (!msg_kv_pair_same(&a->pairs[i], &b->pairs[i]))
			return false;
	if (a->_present.mids != b->_present.mids)
		return false;
	if (a->_count.mids != b->_count.mids)
		return false;
	for (size_t i = 0; i < a->_count.mids; i++)
		if (!msg_request_mid_same(&a->mids[i], &b->mids[i]))
			return false;
	if (a->_present.sessions != b->_present.sessions)
		return false;
	if (a->_count.sessions != b->_count.sessions)
		return false;
	for (size_t i = 0; i < a->_count.sessions; i++)
		if (!msg_client_session_same(&a->sessions[i], &b->sessions[i]))
			return false;
	return true;
}

static void msg_install_snapshot_release(struct msg_install_snapshot *m)
{
	for (size_t i = 0; i < m->_count.pairs && m->pairs; i++)
		msg_kv_pair_release(&m->pairs[i]);
	free(m->pairs);
	for (size_t i = 0; i < m->_count.mids && m->mids; i++)
		msg_request_mid_release(&m->mids[i]);
	free(m->mids);
	for (size_t i = 0; i < m->_count.sessions && m->sessions; i++)
		msg_client_session_release(&m->sessions[i]);
	free(m->sessions);
}


static int msg_install_snapshot_reply_read(const cJSON *obj, const struct msg_path *at, struct msg_install_snapshot_reply *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_index", at, true, &m->last_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "next", at, true, &m->next, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_bool(obj, "done", at, true, &m->done, NULL, err);
	return rc;
}

static int msg_install_snapshot_reply_check(const struct msg_install_snapshot_reply *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_index, UINT64_C(0), UINT64_C(9007199254740991), at, "last_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->next, UINT64_C(0), UINT64_C(9007199254740991), at, "next", err);
	if (rc == MSG_OK)
		rc = MSG_OK; /* any bool is valid */
	return rc;
}

static bool msg_install_snapshot_reply_write(cJSON *obj, const struct msg_install_snapshot_reply *m)
{
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_u64(obj, "last_index", m->last_index))
		return false;
	if (!msg_add_u64(obj, "next", m->next))
		return false;
	if (!msg_add_bool(obj, "done", m->done))
		return false;
	return true;
}

static bool msg_install_snapshot_reply_same(const struct msg_install_snapshot_reply *a, const struct msg_install_snapshot_reply *b)
{
	if (a->term != b->term)
		return false;
	if (a->last_index != b->last_index)
		return false;
	if (a->next != b->next)
		return false;
	if (a->done != b->done)
		return false;
	return true;
}

static void msg_install_snapshot_reply_release(struct msg_install_snapshot_reply *m)
{
	(void)m;
}

/* Bytes allowed in status.mid by pattern [!-~]*. */
static const unsigned char charset_status_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_status_read(const cJSON *obj, const struct msg_path *at, struct msg_status *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	return rc;
}

static int msg_status_check(const struct msg_status *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_status_mid, err);
	return rc;
}

static bool msg_status_write(cJSON *obj, const struct msg_status *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	return true;
}

static bool msg_status_same(const struct msg_status *a, const struct msg_status *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	return true;
}

static void msg_status_release(struct msg_status *m)
{
	free(m->mid);
}

/* Bytes allowed in status_reply.mid by pattern [!-~]*. */
static const unsigned char charset_status_reply_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Bytes allowed in status_reply.role by pattern [a-z-]*. */
static const unsigned char charset_status_reply_role[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_status_reply_read(const cJSON *obj, const struct msg_path *at, struct msg_status_reply *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "role", at, true, &m->role, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "term", at, true, &m->term, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "commit", at, true, &m->commit, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "applied", at, true, &m->applied, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "last_index", at, true, &m->last_index, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "snapshot_index", at, true, &m->snapshot_index, NULL, err);
	return rc;
}

static int msg_status_reply_check(const struct msg_status_reply *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_status_reply_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->role, at, "role", 1, 16, charset_status_reply_role, err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->term, UINT64_C(0), UINT64_C(9007199254740991), at, "term", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->commit, UINT64_C(0), UINT64_C(9007199254740991), at, "commit", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->applied, UINT64_C(0), UINT64_C(9007199254740991), at, "applied", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->last_index, UINT64_C(0), UINT64_C(9007199254740991), at, "last_index", err);
	if (rc == MSG_OK)
		rc = msg_check_u64(m->snapshot_index, UINT64_C(0), UINT64_C(9007199254740991), at, "snapshot_index", err);
	return rc;
}

static bool msg_status_reply_write(cJSON *obj, const struct msg_status_reply *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "role", m->role))
		return false;
	if (!msg_add_u64(obj, "term", m->term))
		return false;
	if (!msg_add_u64(obj, "commit", m->commit))
		return false;
	if (!msg_add_u64(obj, "applied", m->applied))
		return false;
	if (!msg_add_u64(obj, "last_index", m->last_index))
		return false;
	if (!msg_add_u64(obj, "snapshot_index", m->snapshot_index))
		return false;
	return true;
}

static bool msg_status_reply_same(const struct msg_status_reply *a, const struct msg_status_reply *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->role, b->role))
		return false;
	if (a->term != b->term)
		return false;
	if (a->commit != b->commit)
		return false;
	if (a->applied != b->applied)
		return false;
	if (a->last_index != b->last_index)
		return false;
	if (a->snapshot_index != b->snapshot_index)
		return false;
	return true;
}

static void msg_status_reply_release(struct msg_status_reply *m)
{
	free(m->mid);
	free(m->role);
}

/* Bytes allowed in client_address.address by pattern [0-9.:]*. */
static const unsigned char charset_client_address_address[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_client_address_read(const cJSON *obj, const struct msg_path *at, struct msg_client_address *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_id(obj, "client", at, true, m->client, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "address", at, true, &m->address, NULL, err);
	return rc;
}

static int msg_client_address_check(const struct msg_client_address *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_id(m->client, false, at, "client", err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->address, at, "address", 9, 21, charset_client_address_address, err);
	return rc;
}

static bool msg_client_address_write(cJSON *obj, const struct msg_client_address *m)
{
	if (!msg_add_string(obj, "client", m->client))
		return false;
	if (!msg_add_string(obj, "address", m->address))
		return false;
	return true;
}

static bool msg_client_address_same(const struct msg_client_address *a, const struct msg_client_address *b)
{
	if (strcmp(a->client, b->client) != 0)
		return false;
	if (!msg_same_string(a->address, b->address))
		return false;
	return true;
}

static void msg_client_address_release(struct msg_client_address *m)
{
	free(m->address);
}

/* Bytes allowed in delete.mid by pattern [!-~]*. */
static const unsigned char charset_delete_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_delete_read(const cJSON *obj, const struct msg_path *at, struct msg_delete *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	return rc;
}

static int msg_delete_check(const struct msg_delete *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_delete_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(1), UINT64_C(9007199254740991), at, "seq", err);
	return rc;
}

static bool msg_delete_write(cJSON *obj, const struct msg_delete *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	return true;
}

static bool msg_delete_same(const struct msg_delete *a, const struct msg_delete *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	return true;
}

static void msg_delete_release(struct msg_delete *m)
{
	free(m->mid);
	free(m->key);
}

/* Bytes allowed in cas.mid by pattern [!-~]*. */
static const unsigned char charset_cas_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_cas_read(const cJSON *obj, const struct msg_path *at, struct msg_cas *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "key", at, true, &m->key, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "expected", at, true, &m->expected, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_string(obj, "value", at, true, &m->value, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_u64(obj, "seq", at, false, &m->seq, &m->_present.seq, err);
	return rc;
}

static int msg_cas_check(const struct msg_cas *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_cas_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->key, at, "key", 0, 256, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->expected, at, "expected", 0, 1024, NULL, err);
	if (rc == MSG_OK)
		rc = msg_check_string(m->value, at, "value", 0, 1024, NULL, err);
	if (rc == MSG_OK && m->_present.seq)
		rc = msg_check_u64(m->seq, UINT64_C(1), UINT64_C(9007199254740991), at, "seq", err);
	return rc;
}

static bool msg_cas_write(cJSON *obj, const struct msg_cas *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "key", m->key))
		return false;
	if (!msg_add_string(obj, "expected", m->expected))
		return false;
	if (!msg_add_string(obj, "value", m->value))
		return false;
	if (m->_present.seq && !msg_add_u64(obj, "seq", m->seq))
		return false;
	return true;
}

static bool msg_cas_same(const struct msg_cas *a, const struct msg_cas *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (!msg_same_string(a->key, b->key))
		return false;
	if (!msg_same_string(a->expected, b->expected))
		return false;
	if (!msg_same_string(a->value, b->value))
		return false;
	if (a->_present.seq != b->_present.seq)
		return false;
	if (a->_present.seq && a->seq != b->seq)
		return false;
	return true;
}

static void msg_cas_release(struct msg_cas *m)
{
	free(m->mid);
	free(m->key);
	free(m->expected);
	free(m->value);
}

/* Bytes allowed in move_leader.mid by pattern [!-~]*. */
static const unsigned char charset_move_leader_mid[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};


static int msg_move_leader_read(const cJSON *obj, const struct msg_path *at, struct msg_move_leader *m, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_read_string(obj, "MID", at, true, &m->mid, NULL, err);
	if (rc == MSG_OK)
		rc = msg_read_id(obj, "target", at, true, m->target, NULL, err);
	return rc;
}

static int msg_move_leader_check(const struct msg_move_leader *m, const struct msg_path *at, struct msg_error *err)
{
	int rc = MSG_OK;

	if (rc == MSG_OK)
		rc = msg_check_string(m->mid, at, "MID", 1, 64, charset_move_leader_mid, err);
	if (rc == MSG_OK)
		rc = msg_check_id(m->target, false, at, "target", err);
	return rc;
}

static bool msg_move_leader_write(cJSON *obj, const struct msg_move_leader *m)
{
	if (!msg_add_string(obj, "MID", m->mid))
		return false;
	if (!msg_add_string(obj, "target", m->target))
		return false;
	return true;
}

static bool msg_move_leader_same(const struct msg_move_leader *a, const struct msg_move_leader *b)
{
	if (!msg_same_string(a->mid, b->mid))
		return false;
	if (strcmp(a->target, b->target) != 0)
		return false;
	return true;
}

static void msg_move_leader_release(struct msg_move_leader *m)
{
	free(m->mid);
}


/* Messages that carry the schema fingerprint: those between replicas. */
static const bool fingerprinted[MSG_TYPE_COUNT] = {
	false, /* hello */
	false, /* get */
	false, /* put */
	false, /* ok */
	false, /* fail */
	false, /* redirect */
	true, /* request_vote */
	true, /* request_vote_reply */
	true, /* timeout_now */
	true, /* append_entries */
	true, /* append_entries_reply */
	true, /* forward */
	true, /* forward_ack */
	true, /* install_snapshot */
	true, /* install_snapshot_reply */
	false, /* status */
	false, /* status_reply */
	true, /* client_address */
	false, /* delete */
	false, /* cas */
	false, /* move_leader */
};

/* The members a message between replicas may have: the fingerprint pins
 * the schema, so a member it does not declare cannot come from a correct
 * peer (and thousands of them would be read for nothing). Messages from
 * clients are read tolerantly: the test-bed may add members. */
static const char *const members_request_vote[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"last_log_index",
	"last_log_term",
	"pre_vote",
	"transfer",
	NULL
};
static const char *const members_request_vote_reply[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"granted",
	"pre_vote",
	"commit",
	NULL
};
static const char *const members_timeout_now[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	NULL
};
static const char *const members_append_entries[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"prev_log_index",
	"prev_log_term",
	"commit",
	"seq",
	"quiet",
	"entries",
	"chain",
	"witnesses",
	"answer_from",
	"answer_to",
	"delegate_commit",
	NULL
};
static const char *const members_append_entries_reply[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"success",
	"match_index",
	"conflict_index",
	"conflict_term",
	"seq",
	"commit",
	"witnesses",
	"witness_match",
	"answered",
	NULL
};
static const char *const members_forward[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"requests",
	NULL
};
static const char *const members_forward_ack[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"requests",
	"refused",
	NULL
};
static const char *const members_install_snapshot[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"last_index",
	"last_term",
	"offset",
	"total",
	"pairs",
	"mids",
	"sessions",
	NULL
};
static const char *const members_install_snapshot_reply[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"term",
	"last_index",
	"next",
	"done",
	NULL
};
static const char *const members_client_address[] = {
"src", "dst", "leader", "cluster", "type", "schema",
	"client",
	"address",
	NULL
};

static const char *const *const declared_members[MSG_TYPE_COUNT] = {
	NULL, /* hello */
	NULL, /* get */
	NULL, /* put */
	NULL, /* ok */
	NULL, /* fail */
	NULL, /* redirect */
	members_request_vote, /* request_vote */
	members_request_vote_reply, /* request_vote_reply */
	members_timeout_now, /* timeout_now */
	members_append_entries, /* append_entries */
	members_append_entries_reply, /* append_entries_reply */
	members_forward, /* forward */
	members_forward_ack, /* forward_ack */
	members_install_snapshot, /* install_snapshot */
	members_install_snapshot_reply, /* install_snapshot_reply */
	NULL, /* status */
	NULL, /* status_reply */
	members_client_address, /* client_address */
	NULL, /* delete */
	NULL, /* cas */
	NULL, /* move_leader */
};

static const char *const type_names[MSG_TYPE_COUNT] = {
	"hello",
	"get",
	"put",
	"ok",
	"fail",
	"redirect",
	"request_vote",
	"request_vote_reply",
	"timeout_now",
	"append_entries",
	"append_entries_reply",
	"forward",
	"forward_ack",
	"install_snapshot",
	"install_snapshot_reply",
	"status",
	"status_reply",
	"client_address",
	"delete",
	"cas",
	"move_leader",
};

const char *msg_type_name(enum msg_type type)
{
	return (unsigned)type < MSG_TYPE_COUNT ? type_names[type] : "?";
}

int msg_type_from_name(const char *name, enum msg_type *type)
{
	unsigned i;

	for (i = 0; i < MSG_TYPE_COUNT; i++) {
		if (strcmp(name, type_names[i]) == 0) {
			*type = (enum msg_type)i;
			return MSG_OK;
		}
	}
	return MSG_ERR_UNKNOWN_TYPE;
}

/* Dispatch on the message type: body points at a struct msg_<type>. */
static int read_body(enum msg_type type, const cJSON *obj, const struct msg_path *at, void *body, struct msg_error *err)
{
	switch (type) {
	case MSG_TYPE_HELLO:
		return msg_hello_read(obj, at, body, err);
	case MSG_TYPE_GET:
		return msg_get_read(obj, at, body, err);
	case MSG_TYPE_PUT:
		return msg_put_read(obj, at, body, err);
	case MSG_TYPE_OK:
		return msg_ok_read(obj, at, body, err);
	case MSG_TYPE_FAIL:
		return msg_fail_read(obj, at, body, err);
	case MSG_TYPE_REDIRECT:
		return msg_redirect_read(obj, at, body, err);
	case MSG_TYPE_REQUEST_VOTE:
		return msg_request_vote_read(obj, at, body, err);
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		return msg_request_vote_reply_read(obj, at, body, err);
	case MSG_TYPE_TIMEOUT_NOW:
		return msg_timeout_now_read(obj, at, body, err);
	case MSG_TYPE_APPEND_ENTRIES:
		return msg_append_entries_read(obj, at, body, err);
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		return msg_append_entries_reply_read(obj, at, body, err);
	case MSG_TYPE_FORWARD:
		return msg_forward_read(obj, at, body, err);
	case MSG_TYPE_FORWARD_ACK:
		return msg_forward_ack_read(obj, at, body, err);
	case MSG_TYPE_INSTALL_SNAPSHOT:
		return msg_install_snapshot_read(obj, at, body, err);
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		return msg_install_snapshot_reply_read(obj, at, body, err);
	case MSG_TYPE_STATUS:
		return msg_status_read(obj, at, body, err);
	case MSG_TYPE_STATUS_REPLY:
		return msg_status_reply_read(obj, at, body, err);
	case MSG_TYPE_CLIENT_ADDRESS:
		return msg_client_address_read(obj, at, body, err);
	case MSG_TYPE_DELETE:
		return msg_delete_read(obj, at, body, err);
	case MSG_TYPE_CAS:
		return msg_cas_read(obj, at, body, err);
	case MSG_TYPE_MOVE_LEADER:
		return msg_move_leader_read(obj, at, body, err);
	case MSG_TYPE_COUNT:
		break;
	}
	return msg_fail(err, MSG_ERR_UNKNOWN_TYPE, at, NULL, "no such message type");
}

static int check_body(enum msg_type type, const void *body, const struct msg_path *at, struct msg_error *err)
{
	switch (type) {
	case MSG_TYPE_HELLO:
		return msg_hello_check(body, at, err);
	case MSG_TYPE_GET:
		return msg_get_check(body, at, err);
	case MSG_TYPE_PUT:
		return msg_put_check(body, at, err);
	case MSG_TYPE_OK:
		return msg_ok_check(body, at, err);
	case MSG_TYPE_FAIL:
		return msg_fail_check(body, at, err);
	case MSG_TYPE_REDIRECT:
		return msg_redirect_check(body, at, err);
	case MSG_TYPE_REQUEST_VOTE:
		return msg_request_vote_check(body, at, err);
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		return msg_request_vote_reply_check(body, at, err);
	case MSG_TYPE_TIMEOUT_NOW:
		return msg_timeout_now_check(body, at, err);
	case MSG_TYPE_APPEND_ENTRIES:
		return msg_append_entries_check(body, at, err);
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		return msg_append_entries_reply_check(body, at, err);
	case MSG_TYPE_FORWARD:
		return msg_forward_check(body, at, err);
	case MSG_TYPE_FORWARD_ACK:
		return msg_forward_ack_check(body, at, err);
	case MSG_TYPE_INSTALL_SNAPSHOT:
		return msg_install_snapshot_check(body, at, err);
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		return msg_install_snapshot_reply_check(body, at, err);
	case MSG_TYPE_STATUS:
		return msg_status_check(body, at, err);
	case MSG_TYPE_STATUS_REPLY:
		return msg_status_reply_check(body, at, err);
	case MSG_TYPE_CLIENT_ADDRESS:
		return msg_client_address_check(body, at, err);
	case MSG_TYPE_DELETE:
		return msg_delete_check(body, at, err);
	case MSG_TYPE_CAS:
		return msg_cas_check(body, at, err);
	case MSG_TYPE_MOVE_LEADER:
		return msg_move_leader_check(body, at, err);
	case MSG_TYPE_COUNT:
		break;
	}
	return msg_fail(err, MSG_ERR_UNKNOWN_TYPE, at, NULL, "no such message type");
}

static bool write_body(enum msg_type type, cJSON *obj, const void *body)
{
	switch (type) {
	case MSG_TYPE_HELLO:
		return msg_hello_write(obj, body);
	case MSG_TYPE_GET:
		return msg_get_write(obj, body);
	case MSG_TYPE_PUT:
		return msg_put_write(obj, body);
	case MSG_TYPE_OK:
		return msg_ok_write(obj, body);
	case MSG_TYPE_FAIL:
		return msg_fail_write(obj, body);
	case MSG_TYPE_REDIRECT:
		return msg_redirect_write(obj, body);
	case MSG_TYPE_REQUEST_VOTE:
		return msg_request_vote_write(obj, body);
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		return msg_request_vote_reply_write(obj, body);
	case MSG_TYPE_TIMEOUT_NOW:
		return msg_timeout_now_write(obj, body);
	case MSG_TYPE_APPEND_ENTRIES:
		return msg_append_entries_write(obj, body);
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		return msg_append_entries_reply_write(obj, body);
	case MSG_TYPE_FORWARD:
		return msg_forward_write(obj, body);
	case MSG_TYPE_FORWARD_ACK:
		return msg_forward_ack_write(obj, body);
	case MSG_TYPE_INSTALL_SNAPSHOT:
		return msg_install_snapshot_write(obj, body);
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		return msg_install_snapshot_reply_write(obj, body);
	case MSG_TYPE_STATUS:
		return msg_status_write(obj, body);
	case MSG_TYPE_STATUS_REPLY:
		return msg_status_reply_write(obj, body);
	case MSG_TYPE_CLIENT_ADDRESS:
		return msg_client_address_write(obj, body);
	case MSG_TYPE_DELETE:
		return msg_delete_write(obj, body);
	case MSG_TYPE_CAS:
		return msg_cas_write(obj, body);
	case MSG_TYPE_MOVE_LEADER:
		return msg_move_leader_write(obj, body);
	case MSG_TYPE_COUNT:
		break;
	}
	return false;
}

static bool same_body(enum msg_type type, const void *a, const void *b)
{
	switch (type) {
	case MSG_TYPE_HELLO:
		return msg_hello_same(a, b);
	case MSG_TYPE_GET:
		return msg_get_same(a, b);
	case MSG_TYPE_PUT:
		return msg_put_same(a, b);
	case MSG_TYPE_OK:
		return msg_ok_same(a, b);
	case MSG_TYPE_FAIL:
		return msg_fail_same(a, b);
	case MSG_TYPE_REDIRECT:
		return msg_redirect_same(a, b);
	case MSG_TYPE_REQUEST_VOTE:
		return msg_request_vote_same(a, b);
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		return msg_request_vote_reply_same(a, b);
	case MSG_TYPE_TIMEOUT_NOW:
		return msg_timeout_now_same(a, b);
	case MSG_TYPE_APPEND_ENTRIES:
		return msg_append_entries_same(a, b);
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		return msg_append_entries_reply_same(a, b);
	case MSG_TYPE_FORWARD:
		return msg_forward_same(a, b);
	case MSG_TYPE_FORWARD_ACK:
		return msg_forward_ack_same(a, b);
	case MSG_TYPE_INSTALL_SNAPSHOT:
		return msg_install_snapshot_same(a, b);
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		return msg_install_snapshot_reply_same(a, b);
	case MSG_TYPE_STATUS:
		return msg_status_same(a, b);
	case MSG_TYPE_STATUS_REPLY:
		return msg_status_reply_same(a, b);
	case MSG_TYPE_CLIENT_ADDRESS:
		return msg_client_address_same(a, b);
	case MSG_TYPE_DELETE:
		return msg_delete_same(a, b);
	case MSG_TYPE_CAS:
		return msg_cas_same(a, b);
	case MSG_TYPE_MOVE_LEADER:
		return msg_move_leader_same(a, b);
	case MSG_TYPE_COUNT:
		break;
	}
	return true;
}

static void release_body(enum msg_type type, void *body)
{
	switch (type) {
	case MSG_TYPE_HELLO:
		msg_hello_release(body);
		break;
	case MSG_TYPE_GET:
		msg_get_release(body);
		break;
	case MSG_TYPE_PUT:
		msg_put_release(body);
		break;
	case MSG_TYPE_OK:
		msg_ok_release(body);
		break;
	case MSG_TYPE_FAIL:
		msg_fail_release(body);
		break;
	case MSG_TYPE_REDIRECT:
		msg_redirect_release(body);
		break;
	case MSG_TYPE_REQUEST_VOTE:
		msg_request_vote_release(body);
		break;
	case MSG_TYPE_REQUEST_VOTE_REPLY:
		msg_request_vote_reply_release(body);
		break;
	case MSG_TYPE_TIMEOUT_NOW:
		msg_timeout_now_release(body);
		break;
	case MSG_TYPE_APPEND_ENTRIES:
		msg_append_entries_release(body);
		break;
	case MSG_TYPE_APPEND_ENTRIES_REPLY:
		msg_append_entries_reply_release(body);
		break;
	case MSG_TYPE_FORWARD:
		msg_forward_release(body);
		break;
	case MSG_TYPE_FORWARD_ACK:
		msg_forward_ack_release(body);
		break;
	case MSG_TYPE_INSTALL_SNAPSHOT:
		msg_install_snapshot_release(body);
		break;
	case MSG_TYPE_INSTALL_SNAPSHOT_REPLY:
		msg_install_snapshot_reply_release(body);
		break;
	case MSG_TYPE_STATUS:
		msg_status_release(body);
		break;
	case MSG_TYPE_STATUS_REPLY:
		msg_status_reply_release(body);
		break;
	case MSG_TYPE_CLIENT_ADDRESS:
		msg_client_address_release(body);
		break;
	case MSG_TYPE_DELETE:
		msg_delete_release(body);
		break;
	case MSG_TYPE_CAS:
		msg_cas_release(body);
		break;
	case MSG_TYPE_MOVE_LEADER:
		msg_move_leader_release(body);
		break;
	case MSG_TYPE_COUNT:
		break;
	}
}

/* Every message struct starts with its envelope, so body is also one. */
static int validate_body(enum msg_type type, const void *body, struct msg_error *err)
{
	const struct msg_path at = { NULL, msg_type_name(type), -1 };
	int rc = msg_envelope_check(body, &at, err);

	return rc < 0 ? rc : check_body(type, body, &at, err);
}

static int encode_body(enum msg_type type, const void *body, char *buf, size_t cap, size_t *len, char **out, struct msg_error *err)
{
	int rc = validate_body(type, body, err);
	cJSON *obj;

	if (rc < 0)
		return rc;
	obj = cJSON_CreateObject();
	if (!obj || !msg_envelope_write(obj, body) || !msg_add_string(obj, "type", msg_type_name(type)) ||
	    (fingerprinted[type] && !msg_add_string(obj, "schema", MSG_SCHEMA_FINGERPRINT)) ||
	    !write_body(type, obj, body))
		rc = msg_fail(err, MSG_ERR_NOMEM, NULL, NULL, "building %s", msg_type_name(type));
	else if (out)
		rc = msg_print_alloc(obj, out, len, err);
	else
		rc = msg_print(obj, buf, cap, len, err);
	cJSON_Delete(obj);
	return rc;
}

static int read_type(const cJSON *root, const struct msg_path *at, enum msg_type *type, struct msg_error *err)
{
	char *name = NULL;
	int rc = msg_read_string(root, "type", at, true, &name, NULL, err);

	if (rc < 0)
		return rc;
	rc = msg_type_from_name(name, type);
	if (rc < 0)
		msg_fail(err, rc, at, "type", "unknown message type \"%.32s\"", name);
	free(name);
	return rc;
}

/* A message between replicas must come from a build of the same schema:
 * one from another would read fields that mean something else. */
static int check_fingerprint(const cJSON *root, const struct msg_path *at, struct msg_error *err)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, "schema");

	if (!cJSON_IsString(item) || !item->valuestring)
		return msg_fail(err, MSG_ERR_SCHEMA, at, "schema", "no schema fingerprint; this replica is built from %s",
				MSG_SCHEMA_FINGERPRINT);
	if (strcmp(item->valuestring, MSG_SCHEMA_FINGERPRINT) != 0)
		return msg_fail(err, MSG_ERR_SCHEMA, at, "schema",
				"sender built from schema %.16s, this replica from %s", item->valuestring,
				MSG_SCHEMA_FINGERPRINT);
	return MSG_OK;
}

static int check_members(enum msg_type type, const cJSON *root, const struct msg_path *at, struct msg_error *err)
{
	const char *const *names = declared_members[type];
	const cJSON *item;
	size_t i;

	if (!names)
		return MSG_OK;
	for (item = root->child; item; item = item->next) {
		for (i = 0; names[i] && strcmp(names[i], item->string) != 0; i++)
			;
		if (!names[i])
			return msg_fail(err, MSG_ERR_UNKNOWN_FIELD, at, item->string, "not a member of %s",
					msg_type_name(type));
	}
	return MSG_OK;
}

void msg_any_init(struct msg_any *m, enum msg_type type)
{
	memset(m, 0, sizeof *m);
	m->type = type;
}

void msg_any_free(struct msg_any *m)
{
	enum msg_type type = m->type;

	release_body(type, &m->as);
	msg_any_init(m, type);
}

bool msg_any_equal(const struct msg_any *a, const struct msg_any *b)
{
	return a->type == b->type && msg_envelope_same(&a->as.env, &b->as.env) &&
	       same_body(a->type, &a->as, &b->as);
}

int msg_any_validate(const struct msg_any *m, struct msg_error *err)
{
	return validate_body(m->type, &m->as, err);
}

int msg_any_encode(const struct msg_any *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(m->type, &m->as, buf, cap, len, NULL, err);
}

int msg_any_encode_alloc(const struct msg_any *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(m->type, &m->as, NULL, 0, len, out, err);
}

/* What a datagram may look like before it is parsed: the schema's largest
 * message, with room for members a client adds that the schema ignores. */
static const struct msg_shape message_shape = { MSG_SCHEMA_DEPTH + MSG_SLACK_DEPTH,
						MSG_SCHEMA_MEMBERS + MSG_SLACK_MEMBERS };

int msg_any_decode(const char *buf, size_t len, struct msg_any *m, struct msg_error *err)
{
	const struct msg_path top = { NULL, "message", -1 };
	struct msg_path at = top;
	enum msg_type type = MSG_TYPE_COUNT;
	cJSON *root;
	int rc;

	msg_any_init(m, MSG_TYPE_COUNT);
	rc = msg_parse_root(buf, len, &message_shape, &root, &top, err);
	if (rc < 0)
		return rc;
	rc = read_type(root, &top, &type, err);
	if (rc == MSG_OK) {
		m->type = type;
		at.name = msg_type_name(type);
		rc = msg_envelope_read(root, &at, &m->as.env, err);
	}
	if (rc == MSG_OK && fingerprinted[type])
		rc = check_fingerprint(root, &at, err);
	if (rc == MSG_OK)
		rc = check_members(type, root, &at, err);
	if (rc == MSG_OK)
		rc = read_body(type, root, &at, &m->as, err);
	cJSON_Delete(root);
	if (rc == MSG_OK)
		rc = validate_body(type, &m->as, err);
	if (rc < 0) {
		msg_any_free(m);
		m->type = MSG_TYPE_COUNT;
	}
	return rc;
}

void msg_hello_init(struct msg_hello *m)
{
	memset(m, 0, sizeof *m);
}

void msg_hello_free(struct msg_hello *m)
{
	msg_hello_release(m);
	msg_hello_init(m);
}

bool msg_hello_equal(const struct msg_hello *a, const struct msg_hello *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_hello_same(a, b);
}

int msg_hello_validate(const struct msg_hello *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_HELLO, m, err);
}

int msg_hello_encode(const struct msg_hello *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_HELLO, m, buf, cap, len, NULL, err);
}

int msg_hello_encode_alloc(const struct msg_hello *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_HELLO, m, NULL, 0, len, out, err);
}

int msg_hello_decode(const char *buf, size_t len, struct msg_hello *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_hello_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_HELLO) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected hello, got %s", msg_type_name(any.type));
	}
	*m = any.as.hello;
	return MSG_OK;
}

void msg_get_init(struct msg_get *m)
{
	memset(m, 0, sizeof *m);
}

void msg_get_free(struct msg_get *m)
{
	msg_get_release(m);
	msg_get_init(m);
}

bool msg_get_equal(const struct msg_get *a, const struct msg_get *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_get_same(a, b);
}

int msg_get_validate(const struct msg_get *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_GET, m, err);
}

int msg_get_encode(const struct msg_get *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_GET, m, buf, cap, len, NULL, err);
}

int msg_get_encode_alloc(const struct msg_get *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_GET, m, NULL, 0, len, out, err);
}

int msg_get_decode(const char *buf, size_t len, struct msg_get *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_get_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_GET) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected get, got %s", msg_type_name(any.type));
	}
	*m = any.as.get;
	return MSG_OK;
}

void msg_put_init(struct msg_put *m)
{
	memset(m, 0, sizeof *m);
}

void msg_put_free(struct msg_put *m)
{
	msg_put_release(m);
	msg_put_init(m);
}

bool msg_put_equal(const struct msg_put *a, const struct msg_put *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_put_same(a, b);
}

int msg_put_validate(const struct msg_put *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_PUT, m, err);
}

int msg_put_encode(const struct msg_put *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_PUT, m, buf, cap, len, NULL, err);
}

int msg_put_encode_alloc(const struct msg_put *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_PUT, m, NULL, 0, len, out, err);
}

int msg_put_decode(const char *buf, size_t len, struct msg_put *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_put_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_PUT) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected put, got %s", msg_type_name(any.type));
	}
	*m = any.as.put;
	return MSG_OK;
}

void msg_ok_init(struct msg_ok *m)
{
	memset(m, 0, sizeof *m);
}

void msg_ok_free(struct msg_ok *m)
{
	msg_ok_release(m);
	msg_ok_init(m);
}

bool msg_ok_equal(const struct msg_ok *a, const struct msg_ok *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_ok_same(a, b);
}

int msg_ok_validate(const struct msg_ok *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_OK, m, err);
}

int msg_ok_encode(const struct msg_ok *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_OK, m, buf, cap, len, NULL, err);
}

int msg_ok_encode_alloc(const struct msg_ok *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_OK, m, NULL, 0, len, out, err);
}

int msg_ok_decode(const char *buf, size_t len, struct msg_ok *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_ok_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_OK) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected ok, got %s", msg_type_name(any.type));
	}
	*m = any.as.ok;
	return MSG_OK;
}

void msg_fail_init(struct msg_fail *m)
{
	memset(m, 0, sizeof *m);
}

void msg_fail_free(struct msg_fail *m)
{
	msg_fail_release(m);
	msg_fail_init(m);
}

bool msg_fail_equal(const struct msg_fail *a, const struct msg_fail *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_fail_same(a, b);
}

int msg_fail_validate(const struct msg_fail *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_FAIL, m, err);
}

int msg_fail_encode(const struct msg_fail *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FAIL, m, buf, cap, len, NULL, err);
}

int msg_fail_encode_alloc(const struct msg_fail *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FAIL, m, NULL, 0, len, out, err);
}

int msg_fail_decode(const char *buf, size_t len, struct msg_fail *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_fail_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_FAIL) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected fail, got %s", msg_type_name(any.type));
	}
	*m = any.as.fail;
	return MSG_OK;
}

void msg_redirect_init(struct msg_redirect *m)
{
	memset(m, 0, sizeof *m);
}

void msg_redirect_free(struct msg_redirect *m)
{
	msg_redirect_release(m);
	msg_redirect_init(m);
}

bool msg_redirect_equal(const struct msg_redirect *a, const struct msg_redirect *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_redirect_same(a, b);
}

int msg_redirect_validate(const struct msg_redirect *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_REDIRECT, m, err);
}

int msg_redirect_encode(const struct msg_redirect *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REDIRECT, m, buf, cap, len, NULL, err);
}

int msg_redirect_encode_alloc(const struct msg_redirect *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REDIRECT, m, NULL, 0, len, out, err);
}

int msg_redirect_decode(const char *buf, size_t len, struct msg_redirect *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_redirect_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_REDIRECT) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected redirect, got %s", msg_type_name(any.type));
	}
	*m = any.as.redirect;
	return MSG_OK;
}

void msg_request_vote_init(struct msg_request_vote *m)
{
	memset(m, 0, sizeof *m);
}

void msg_request_vote_free(struct msg_request_vote *m)
{
	msg_request_vote_release(m);
	msg_request_vote_init(m);
}

bool msg_request_vote_equal(const struct msg_request_vote *a, const struct msg_request_vote *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_request_vote_same(a, b);
}

int msg_request_vote_validate(const struct msg_request_vote *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_REQUEST_VOTE, m, err);
}

int msg_request_vote_encode(const struct msg_request_vote *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REQUEST_VOTE, m, buf, cap, len, NULL, err);
}

int msg_request_vote_encode_alloc(const struct msg_request_vote *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REQUEST_VOTE, m, NULL, 0, len, out, err);
}

int msg_request_vote_decode(const char *buf, size_t len, struct msg_request_vote *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_request_vote_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_REQUEST_VOTE) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected request_vote, got %s", msg_type_name(any.type));
	}
	*m = any.as.request_vote;
	return MSG_OK;
}

void msg_request_vote_reply_init(struct msg_request_vote_reply *m)
{
	memset(m, 0, sizeof *m);
}

void msg_request_vote_reply_free(struct msg_request_vote_reply *m)
{
	msg_request_vote_reply_release(m);
	msg_request_vote_reply_init(m);
}

bool msg_request_vote_reply_equal(const struct msg_request_vote_reply *a, const struct msg_request_vote_reply *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_request_vote_reply_same(a, b);
}

int msg_request_vote_reply_validate(const struct msg_request_vote_reply *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_REQUEST_VOTE_REPLY, m, err);
}

int msg_request_vote_reply_encode(const struct msg_request_vote_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REQUEST_VOTE_REPLY, m, buf, cap, len, NULL, err);
}

int msg_request_vote_reply_encode_alloc(const struct msg_request_vote_reply *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_REQUEST_VOTE_REPLY, m, NULL, 0, len, out, err);
}

int msg_request_vote_reply_decode(const char *buf, size_t len, struct msg_request_vote_reply *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_request_vote_reply_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_REQUEST_VOTE_REPLY) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected request_vote_reply, got %s", msg_type_name(any.type));
	}
	*m = any.as.request_vote_reply;
	return MSG_OK;
}

void msg_timeout_now_init(struct msg_timeout_now *m)
{
	memset(m, 0, sizeof *m);
}

void msg_timeout_now_free(struct msg_timeout_now *m)
{
	msg_timeout_now_release(m);
	msg_timeout_now_init(m);
}

bool msg_timeout_now_equal(const struct msg_timeout_now *a, const struct msg_timeout_now *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_timeout_now_same(a, b);
}

int msg_timeout_now_validate(const struct msg_timeout_now *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_TIMEOUT_NOW, m, err);
}

int msg_timeout_now_encode(const struct msg_timeout_now *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_TIMEOUT_NOW, m, buf, cap, len, NULL, err);
}

int msg_timeout_now_encode_alloc(const struct msg_timeout_now *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_TIMEOUT_NOW, m, NULL, 0, len, out, err);
}

int msg_timeout_now_decode(const char *buf, size_t len, struct msg_timeout_now *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_timeout_now_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_TIMEOUT_NOW) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected timeout_now, got %s", msg_type_name(any.type));
	}
	*m = any.as.timeout_now;
	return MSG_OK;
}

void msg_append_entries_init(struct msg_append_entries *m)
{
	memset(m, 0, sizeof *m);
}

void msg_append_entries_free(struct msg_append_entries *m)
{
	msg_append_entries_release(m);
	msg_append_entries_init(m);
}

bool msg_append_entries_equal(const struct msg_append_entries *a, const struct msg_append_entries *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_append_entries_same(a, b);
}

int msg_append_entries_validate(const struct msg_append_entries *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_APPEND_ENTRIES, m, err);
}

int msg_append_entries_encode(const struct msg_append_entries *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_APPEND_ENTRIES, m, buf, cap, len, NULL, err);
}

int msg_append_entries_encode_alloc(const struct msg_append_entries *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_APPEND_ENTRIES, m, NULL, 0, len, out, err);
}

int msg_append_entries_decode(const char *buf, size_t len, struct msg_append_entries *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_append_entries_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_APPEND_ENTRIES) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected append_entries, got %s", msg_type_name(any.type));
	}
	*m = any.as.append_entries;
	return MSG_OK;
}

void msg_append_entries_reply_init(struct msg_append_entries_reply *m)
{
	memset(m, 0, sizeof *m);
}

void msg_append_entries_reply_free(struct msg_append_entries_reply *m)
{
	msg_append_entries_reply_release(m);
	msg_append_entries_reply_init(m);
}

bool msg_append_entries_reply_equal(const struct msg_append_entries_reply *a, const struct msg_append_entries_reply *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_append_entries_reply_same(a, b);
}

int msg_append_entries_reply_validate(const struct msg_append_entries_reply *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_APPEND_ENTRIES_REPLY, m, err);
}

int msg_append_entries_reply_encode(const struct msg_append_entries_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_APPEND_ENTRIES_REPLY, m, buf, cap, len, NULL, err);
}

int msg_append_entries_reply_encode_alloc(const struct msg_append_entries_reply *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_APPEND_ENTRIES_REPLY, m, NULL, 0, len, out, err);
}

int msg_append_entries_reply_decode(const char *buf, size_t len, struct msg_append_entries_reply *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_append_entries_reply_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_APPEND_ENTRIES_REPLY) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected append_entries_reply, got %s", msg_type_name(any.type));
	}
	*m = any.as.append_entries_reply;
	return MSG_OK;
}

void msg_forward_init(struct msg_forward *m)
{
	memset(m, 0, sizeof *m);
}

void msg_forward_free(struct msg_forward *m)
{
	msg_forward_release(m);
	msg_forward_init(m);
}

bool msg_forward_equal(const struct msg_forward *a, const struct msg_forward *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_forward_same(a, b);
}

int msg_forward_validate(const struct msg_forward *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_FORWARD, m, err);
}

int msg_forward_encode(const struct msg_forward *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FORWARD, m, buf, cap, len, NULL, err);
}

int msg_forward_encode_alloc(const struct msg_forward *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FORWARD, m, NULL, 0, len, out, err);
}

int msg_forward_decode(const char *buf, size_t len, struct msg_forward *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_forward_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_FORWARD) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected forward, got %s", msg_type_name(any.type));
	}
	*m = any.as.forward;
	return MSG_OK;
}

void msg_forward_ack_init(struct msg_forward_ack *m)
{
	memset(m, 0, sizeof *m);
}

void msg_forward_ack_free(struct msg_forward_ack *m)
{
	msg_forward_ack_release(m);
	msg_forward_ack_init(m);
}

bool msg_forward_ack_equal(const struct msg_forward_ack *a, const struct msg_forward_ack *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_forward_ack_same(a, b);
}

int msg_forward_ack_validate(const struct msg_forward_ack *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_FORWARD_ACK, m, err);
}

int msg_forward_ack_encode(const struct msg_forward_ack *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FORWARD_ACK, m, buf, cap, len, NULL, err);
}

int msg_forward_ack_encode_alloc(const struct msg_forward_ack *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_FORWARD_ACK, m, NULL, 0, len, out, err);
}

int msg_forward_ack_decode(const char *buf, size_t len, struct msg_forward_ack *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_forward_ack_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_FORWARD_ACK) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected forward_ack, got %s", msg_type_name(any.type));
	}
	*m = any.as.forward_ack;
	return MSG_OK;
}

void msg_install_snapshot_init(struct msg_install_snapshot *m)
{
	memset(m, 0, sizeof *m);
}

void msg_install_snapshot_free(struct msg_install_snapshot *m)
{
	msg_install_snapshot_release(m);
	msg_install_snapshot_init(m);
}

bool msg_install_snapshot_equal(const struct msg_install_snapshot *a, const struct msg_install_snapshot *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_install_snapshot_same(a, b);
}

int msg_install_snapshot_validate(const struct msg_install_snapshot *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_INSTALL_SNAPSHOT, m, err);
}

int msg_install_snapshot_encode(const struct msg_install_snapshot *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_INSTALL_SNAPSHOT, m, buf, cap, len, NULL, err);
}

int msg_install_snapshot_encode_alloc(const struct msg_install_snapshot *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_INSTALL_SNAPSHOT, m, NULL, 0, len, out, err);
}

int msg_install_snapshot_decode(const char *buf, size_t len, struct msg_install_snapshot *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_install_snapshot_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_INSTALL_SNAPSHOT) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected install_snapshot, got %s", msg_type_name(any.type));
	}
	*m = any.as.install_snapshot;
	return MSG_OK;
}

void msg_install_snapshot_reply_init(struct msg_install_snapshot_reply *m)
{
	memset(m, 0, sizeof *m);
}

void msg_install_snapshot_reply_free(struct msg_install_snapshot_reply *m)
{
	msg_install_snapshot_reply_release(m);
	msg_install_snapshot_reply_init(m);
}

bool msg_install_snapshot_reply_equal(const struct msg_install_snapshot_reply *a, const struct msg_install_snapshot_reply *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_install_snapshot_reply_same(a, b);
}

int msg_install_snapshot_reply_validate(const struct msg_install_snapshot_reply *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_INSTALL_SNAPSHOT_REPLY, m, err);
}

int msg_install_snapshot_reply_encode(const struct msg_install_snapshot_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_INSTALL_SNAPSHOT_REPLY, m, buf, cap, len, NULL, err);
}

int msg_install_snapshot_reply_encode_alloc(const struct msg_install_snapshot_reply *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_INSTALL_SNAPSHOT_REPLY, m, NULL, 0, len, out, err);
}

int msg_install_snapshot_reply_decode(const char *buf, size_t len, struct msg_install_snapshot_reply *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_install_snapshot_reply_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_INSTALL_SNAPSHOT_REPLY) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected install_snapshot_reply, got %s", msg_type_name(any.type));
	}
	*m = any.as.install_snapshot_reply;
	return MSG_OK;
}

void msg_status_init(struct msg_status *m)
{
	memset(m, 0, sizeof *m);
}

void msg_status_free(struct msg_status *m)
{
	msg_status_release(m);
	msg_status_init(m);
}

bool msg_status_equal(const struct msg_status *a, const struct msg_status *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_status_same(a, b);
}

int msg_status_validate(const struct msg_status *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_STATUS, m, err);
}

int msg_status_encode(const struct msg_status *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_STATUS, m, buf, cap, len, NULL, err);
}

int msg_status_encode_alloc(const struct msg_status *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_STATUS, m, NULL, 0, len, out, err);
}

int msg_status_decode(const char *buf, size_t len, struct msg_status *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_status_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_STATUS) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected status, got %s", msg_type_name(any.type));
	}
	*m = any.as.status;
	return MSG_OK;
}

void msg_status_reply_init(struct msg_status_reply *m)
{
	memset(m, 0, sizeof *m);
}

void msg_status_reply_free(struct msg_status_reply *m)
{
	msg_status_reply_release(m);
	msg_status_reply_init(m);
}

bool msg_status_reply_equal(const struct msg_status_reply *a, const struct msg_status_reply *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_status_reply_same(a, b);
}

int msg_status_reply_validate(const struct msg_status_reply *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_STATUS_REPLY, m, err);
}

int msg_status_reply_encode(const struct msg_status_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_STATUS_REPLY, m, buf, cap, len, NULL, err);
}

int msg_status_reply_encode_alloc(const struct msg_status_reply *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_STATUS_REPLY, m, NULL, 0, len, out, err);
}

int msg_status_reply_decode(const char *buf, size_t len, struct msg_status_reply *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_status_reply_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_STATUS_REPLY) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected status_reply, got %s", msg_type_name(any.type));
	}
	*m = any.as.status_reply;
	return MSG_OK;
}

void msg_client_address_init(struct msg_client_address *m)
{
	memset(m, 0, sizeof *m);
}

void msg_client_address_free(struct msg_client_address *m)
{
	msg_client_address_release(m);
	msg_client_address_init(m);
}

bool msg_client_address_equal(const struct msg_client_address *a, const struct msg_client_address *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_client_address_same(a, b);
}

int msg_client_address_validate(const struct msg_client_address *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_CLIENT_ADDRESS, m, err);
}

int msg_client_address_encode(const struct msg_client_address *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_CLIENT_ADDRESS, m, buf, cap, len, NULL, err);
}

int msg_client_address_encode_alloc(const struct msg_client_address *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_CLIENT_ADDRESS, m, NULL, 0, len, out, err);
}

int msg_client_address_decode(const char *buf, size_t len, struct msg_client_address *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_client_address_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_CLIENT_ADDRESS) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected client_address, got %s", msg_type_name(any.type));
	}
	*m = any.as.client_address;
	return MSG_OK;
}

void msg_delete_init(struct msg_delete *m)
{
	memset(m, 0, sizeof *m);
}

void msg_delete_free(struct msg_delete *m)
{
	msg_delete_release(m);
	msg_delete_init(m);
}

bool msg_delete_equal(const struct msg_delete *a, const struct msg_delete *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_delete_same(a, b);
}

int msg_delete_validate(const struct msg_delete *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_DELETE, m, err);
}

int msg_delete_encode(const struct msg_delete *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_DELETE, m, buf, cap, len, NULL, err);
}

int msg_delete_encode_alloc(const struct msg_delete *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_DELETE, m, NULL, 0, len, out, err);
}

int msg_delete_decode(const char *buf, size_t len, struct msg_delete *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_delete_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_DELETE) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected delete, got %s", msg_type_name(any.type));
	}
	*m = any.as.delete;
	return MSG_OK;
}

void msg_cas_init(struct msg_cas *m)
{
	memset(m, 0, sizeof *m);
}

void msg_cas_free(struct msg_cas *m)
{
	msg_cas_release(m);
	msg_cas_init(m);
}

bool msg_cas_equal(const struct msg_cas *a, const struct msg_cas *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_cas_same(a, b);
}

int msg_cas_validate(const struct msg_cas *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_CAS, m, err);
}

int msg_cas_encode(const struct msg_cas *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_CAS, m, buf, cap, len, NULL, err);
}

int msg_cas_encode_alloc(const struct msg_cas *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_CAS, m, NULL, 0, len, out, err);
}

int msg_cas_decode(const char *buf, size_t len, struct msg_cas *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_cas_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_CAS) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected cas, got %s", msg_type_name(any.type));
	}
	*m = any.as.cas;
	return MSG_OK;
}

void msg_move_leader_init(struct msg_move_leader *m)
{
	memset(m, 0, sizeof *m);
}

void msg_move_leader_free(struct msg_move_leader *m)
{
	msg_move_leader_release(m);
	msg_move_leader_init(m);
}

bool msg_move_leader_equal(const struct msg_move_leader *a, const struct msg_move_leader *b)
{
	return msg_envelope_same(&a->env, &b->env) && msg_move_leader_same(a, b);
}

int msg_move_leader_validate(const struct msg_move_leader *m, struct msg_error *err)
{
	return validate_body(MSG_TYPE_MOVE_LEADER, m, err);
}

int msg_move_leader_encode(const struct msg_move_leader *m, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_MOVE_LEADER, m, buf, cap, len, NULL, err);
}

int msg_move_leader_encode_alloc(const struct msg_move_leader *m, char **out, size_t *len, struct msg_error *err)
{
	return encode_body(MSG_TYPE_MOVE_LEADER, m, NULL, 0, len, out, err);
}

int msg_move_leader_decode(const char *buf, size_t len, struct msg_move_leader *m, struct msg_error *err)
{
	struct msg_any any;
	int rc = msg_any_decode(buf, len, &any, err);

	msg_move_leader_init(m);
	if (rc < 0)
		return rc;
	if (any.type != MSG_TYPE_MOVE_LEADER) {
		msg_any_free(&any);
		return msg_fail(err, MSG_ERR_WRONG_MESSAGE, NULL, "type", "expected move_leader, got %s", msg_type_name(any.type));
	}
	*m = any.as.move_leader;
	return MSG_OK;
}

void msg_envelope_fill(struct msg_envelope *env, const char *src, const char *dst, const char *leader)
{
	msg_id_copy(env->src, src);
	msg_id_copy(env->dst, dst);
	msg_id_copy(env->leader, leader);
}

char **msg_any_mid_field(struct msg_any *m)
{
	switch (m->type) {
	case MSG_TYPE_GET:
		return &m->as.get.mid;
	case MSG_TYPE_PUT:
		return &m->as.put.mid;
	case MSG_TYPE_OK:
		return &m->as.ok.mid;
	case MSG_TYPE_FAIL:
		return &m->as.fail.mid;
	case MSG_TYPE_REDIRECT:
		return &m->as.redirect.mid;
	case MSG_TYPE_STATUS:
		return &m->as.status.mid;
	case MSG_TYPE_STATUS_REPLY:
		return &m->as.status_reply.mid;
	case MSG_TYPE_DELETE:
		return &m->as.delete.mid;
	case MSG_TYPE_CAS:
		return &m->as.cas.mid;
	case MSG_TYPE_MOVE_LEADER:
		return &m->as.move_leader.mid;
	default:
		return NULL;
	}
}

const char *msg_any_mid(const struct msg_any *m)
{
	char **field = msg_any_mid_field((struct msg_any *)m);

	return field ? *field : NULL;
}

/* A string's worst case: each byte escaped as \u00XX. */
static size_t string_bound(const char *s)
{
	return s ? 6 * strlen(s) : 0;
}

size_t msg_log_entry_encoded_bound(const struct msg_log_entry *m)
{
	size_t n = 135;

	n += string_bound(m->key);
	n += string_bound(m->value);
	n += string_bound(m->mid);
	n += string_bound(m->expected);
	return n;
}

size_t msg_client_request_encoded_bound(const struct msg_client_request *m)
{
	size_t n = 123;

	n += string_bound(m->expected);
	n += string_bound(m->mid);
	n += string_bound(m->key);
	n += string_bound(m->value);
	return n;
}

size_t msg_link_encoded_bound(const struct msg_link *m)
{
	size_t n = 26;

	(void)m;
	return n;
}

size_t msg_kv_pair_encoded_bound(const struct msg_kv_pair *m)
{
	size_t n = 47;

	n += string_bound(m->key);
	n += string_bound(m->value);
	return n;
}

size_t msg_client_session_encoded_bound(const struct msg_client_session *m)
{
	size_t n = 99;

	n += string_bound(m->mid);
	n += string_bound(m->result);
	return n;
}

size_t msg_request_mid_encoded_bound(const struct msg_request_mid *m)
{
	size_t n = 11;

	n += string_bound(m->mid);
	return n;
}

size_t msg_hello_encoded_bound(const struct msg_hello *m)
{
	size_t n = 122;

	(void)m;
	return n;
}

size_t msg_get_encoded_bound(const struct msg_get *m)
{
	size_t n = 138;

	n += string_bound(m->mid);
	n += string_bound(m->key);
	return n;
}

size_t msg_put_encoded_bound(const struct msg_put *m)
{
	size_t n = 172;

	n += string_bound(m->mid);
	n += string_bound(m->key);
	n += string_bound(m->value);
	return n;
}

size_t msg_ok_encoded_bound(const struct msg_ok *m)
{
	size_t n = 151;

	n += string_bound(m->mid);
	n += string_bound(m->value);
	return n;
}

size_t msg_fail_encoded_bound(const struct msg_fail *m)
{
	size_t n = 141;

	n += string_bound(m->mid);
	n += string_bound(m->error);
	return n;
}

size_t msg_redirect_encoded_bound(const struct msg_redirect *m)
{
	size_t n = 134;

	n += string_bound(m->mid);
	return n;
}

size_t msg_request_vote_encoded_bound(const struct msg_request_vote *m)
{
	size_t n = 282;

	(void)m;
	return n;
}

size_t msg_request_vote_reply_encoded_bound(const struct msg_request_vote_reply *m)
{
	size_t n = 246;

	(void)m;
	return n;
}

size_t msg_timeout_now_encoded_bound(const struct msg_timeout_now *m)
{
	size_t n = 180;

	(void)m;
	return n;
}

size_t msg_append_entries_encoded_bound(const struct msg_append_entries *m)
{
	size_t n = 447;
	size_t i_entries;
	size_t i_chain;
	size_t i_witnesses;

	for (i_entries = 0; i_entries < m->_count.entries; i_entries++)
		n += msg_log_entry_encoded_bound(&m->entries[i_entries]) + 1;
	for (i_chain = 0; i_chain < m->_count.chain; i_chain++)
		n += msg_link_encoded_bound(&m->chain[i_chain]) + 1;
	for (i_witnesses = 0; i_witnesses < m->_count.witnesses; i_witnesses++)
		n += msg_link_encoded_bound(&m->witnesses[i_witnesses]) + 1;
	return n;
}

size_t msg_append_entries_reply_encoded_bound(const struct msg_append_entries_reply *m)
{
	size_t n = 428;
	size_t i_witnesses;

	for (i_witnesses = 0; i_witnesses < m->_count.witnesses; i_witnesses++)
		n += msg_link_encoded_bound(&m->witnesses[i_witnesses]) + 1;
	return n;
}

size_t msg_forward_encoded_bound(const struct msg_forward *m)
{
	size_t n = 190;
	size_t i_requests;

	for (i_requests = 0; i_requests < m->_count.requests; i_requests++)
		n += msg_client_request_encoded_bound(&m->requests[i_requests]) + 1;
	return n;
}

size_t msg_forward_ack_encoded_bound(const struct msg_forward_ack *m)
{
	size_t n = 183;
	size_t i_requests;
	size_t i_refused;

	for (i_requests = 0; i_requests < m->_count.requests; i_requests++)
		n += msg_request_mid_encoded_bound(&m->requests[i_requests]) + 1;
	for (i_refused = 0; i_refused < m->_count.refused; i_refused++)
		n += msg_request_mid_encoded_bound(&m->refused[i_refused]) + 1;
	return n;
}

size_t msg_install_snapshot_encoded_bound(const struct msg_install_snapshot *m)
{
	size_t n = 330;
	size_t i_pairs;
	size_t i_mids;
	size_t i_sessions;

	for (i_pairs = 0; i_pairs < m->_count.pairs; i_pairs++)
		n += msg_kv_pair_encoded_bound(&m->pairs[i_pairs]) + 1;
	for (i_mids = 0; i_mids < m->_count.mids; i_mids++)
		n += msg_request_mid_encoded_bound(&m->mids[i_mids]) + 1;
	for (i_sessions = 0; i_sessions < m->_count.sessions; i_sessions++)
		n += msg_client_session_encoded_bound(&m->sessions[i_sessions]) + 1;
	return n;
}

size_t msg_install_snapshot_reply_encoded_bound(const struct msg_install_snapshot_reply *m)
{
	size_t n = 258;

	(void)m;
	return n;
}

size_t msg_status_encoded_bound(const struct msg_status *m)
{
	size_t n = 132;

	n += string_bound(m->mid);
	return n;
}

size_t msg_status_reply_encoded_bound(const struct msg_status_reply *m)
{
	size_t n = 289;

	n += string_bound(m->mid);
	n += string_bound(m->role);
	return n;
}

size_t msg_client_address_encoded_bound(const struct msg_client_address *m)
{
	size_t n = 200;

	n += string_bound(m->address);
	return n;
}

size_t msg_delete_encoded_bound(const struct msg_delete *m)
{
	size_t n = 164;

	n += string_bound(m->mid);
	n += string_bound(m->key);
	return n;
}

size_t msg_cas_encoded_bound(const struct msg_cas *m)
{
	size_t n = 186;

	n += string_bound(m->mid);
	n += string_bound(m->key);
	n += string_bound(m->expected);
	n += string_bound(m->value);
	return n;
}

size_t msg_move_leader_encoded_bound(const struct msg_move_leader *m)
{
	size_t n = 165;

	n += string_bound(m->mid);
	return n;
}
