/* Codec edge cases the generator cannot know: limits, unicode, the size
 * bound, encode errors, every error code, and out of memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "codec_fixture.h"
#include "fail_alloc.h"
#include "messages.h"
#include "test_suites.h"

static char *put_with_key_length(size_t n)
{
	char *json = malloc(n + 128);
	size_t used = (size_t)sprintf(json, "{" ENVELOPE ",\"type\":\"put\",\"MID\":\"m1\",\"key\":\"");

	memset(json + used, 'k', n);
	strcpy(json + used + n, "\",\"value\":\"v\"}");
	return json;
}

static void test_string_at_max_length_is_accepted_and_one_more_is_not(void)
{
	char *ok = put_with_key_length(256), *over = put_with_key_length(257);

	CU_ASSERT_EQUAL(codec_decode_code(ok, NULL), MSG_OK);
	codec_expect_error(over, MSG_ERR_TOO_LONG, "put.key");
	free(ok);
	free(over);
}

static void test_integers_up_to_2_pow_53_minus_1_are_exact(void)
{
	const char *json = "{" ENVELOPE ",\"type\":\"request_vote\"," SCHEMA_FIELD
			   ",\"term\":9007199254740991,"
			   "\"last_log_index\":0,\"last_log_term\":1e3,\"pre_vote\":true}";
	struct msg_request_vote m;
	char buf[512];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_request_vote_decode(json, strlen(json), &m, NULL), MSG_OK);
	CU_ASSERT(m.term == UINT64_C(9007199254740991));
	CU_ASSERT(m.last_log_term == 1000);
	CU_ASSERT_EQUAL_FATAL(msg_request_vote_encode(&m, buf, sizeof buf, &len, NULL), MSG_OK);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"term\":9007199254740991,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "\"last_log_term\":1000,"));
}

static void test_integers_outside_0_to_2_pow_53_are_rejected(void)
{
	static const char *bad[] = { "9007199254740992", "18446744073709551616", "-1", "1.5", "1e300", "-0.5" };
	char json[256];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(json, sizeof json,
			 "{" ENVELOPE ",\"type\":\"request_vote\"," SCHEMA_FIELD
			 ",\"term\":%s,"
			 "\"last_log_index\":0,\"last_log_term\":0,\"pre_vote\":false}",
			 bad[i]);
		codec_expect_error(json, MSG_ERR_RANGE, "request_vote.term");
	}
}

/* An envelope from src to dst, leader unknown. */
static void address(struct msg_envelope *env, const char *src, const char *dst)
{
	strcpy(env->src, src);
	strcpy(env->dst, dst);
	strcpy(env->leader, "FFFF");
}

static void test_encode_refuses_integers_that_would_not_decode(void)
{
	struct msg_request_vote m;
	struct msg_error err;
	char buf[256];
	size_t len;

	msg_request_vote_init(&m);
	address(&m.env, "0001", "0002");
	m.term = MSG_U64_LIMIT;
	CU_ASSERT_EQUAL(msg_request_vote_encode(&m, buf, sizeof buf, &len, &err), MSG_ERR_RANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "request_vote.term"));
}

/* Issue 24 (C5): kvctl encoded a key that was not UTF-8, and every
 * member dropped the datagram; the encoder now refuses it, naming the
 * member that holds it (the check runs on the printed message, so that
 * decoding, whose prescan covers it, does not pay twice). */
static void test_encode_refuses_a_string_that_is_not_utf8(void)
{
	struct msg_put m;
	struct msg_error err;
	char buf[256];
	size_t len;

	msg_put_init(&m);
	address(&m.env, "0015", "0001");
	m.mid = "m";
	m.key = "k\xff";
	m.value = "v";
	CU_ASSERT_EQUAL(msg_put_encode(&m, buf, sizeof buf, &len, &err), MSG_ERR_UTF8);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "key: "));
	m.key = "\xed\xa0\x80"; /* a surrogate */
	CU_ASSERT_EQUAL(msg_put_encode(&m, buf, sizeof buf, &len, &err), MSG_ERR_UTF8);
	m.key = "cl\xc3\xa9";
	CU_ASSERT_EQUAL(msg_put_encode(&m, buf, sizeof buf, &len, &err), MSG_OK);
}

static void test_unicode_values_round_trip(void)
{
	const char *json = "{" ENVELOPE
			   ",\"type\":\"put\",\"MID\":\"m\",\"key\":\"cl\\u00e9\","
			   "\"value\":\"h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9d\x84\x9e\"}";
	struct msg_put m, again;
	char *out;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_put_decode(json, strlen(json), &m, NULL), MSG_OK);
	CU_ASSERT_STRING_EQUAL(m.key, "cl\xc3\xa9");
	CU_ASSERT_STRING_EQUAL(m.value, "h\xc3\xa9llo \xe2\x9c\x93 \xf0\x9d\x84\x9e");
	CU_ASSERT_EQUAL_FATAL(msg_put_encode_alloc(&m, &out, &len, NULL), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_put_decode(out, len, &again, NULL), MSG_OK);
	CU_ASSERT(msg_put_equal(&m, &again));
	msg_buffer_free(out);
	msg_put_free(&m);
	msg_put_free(&again);
}

static void test_empty_entries_list_is_a_heartbeat(void)
{
	const char *json = "{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
			   ",\"term\":2,\"prev_log_index\":5,"
			   "\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[]}";
	struct msg_append_entries m;
	char buf[512];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_append_entries_decode(json, strlen(json), &m, NULL), MSG_OK);
	CU_ASSERT_EQUAL(m._count.entries, 0);
	CU_ASSERT_PTR_NULL(m.entries);
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_encode(&m, buf, sizeof buf, &len, NULL), MSG_OK);
	CU_ASSERT_STRING_EQUAL(buf, json);
	msg_append_entries_free(&m);
}

/* An append-entries of about 60 KB: the largest a replica should send. */
static void test_60kb_append_entries_round_trips(void)
{
	enum { N = 45 };
	struct msg_append_entries m, back;
	char *out;
	size_t len, i;

	msg_append_entries_init(&m);
	msg_envelope_fill(&m.env, "0000", "0004", "0000");
	m.term = 7;
	m.entries = calloc(N, sizeof *m.entries);
	m._count.entries = N;
	for (i = 0; i < N; i++) {
		m.entries[i].term = 7;
		m.entries[i].key = calloc(257, 1);
		memset(m.entries[i].key, 'A' + (char)(i % 26), 256);
		m.entries[i].value = calloc(1025, 1);
		memset(m.entries[i].value, 'a' + (char)(i % 26), 1024);
		strcpy(m.entries[i].client, "0015");
		m.entries[i].mid = strdup("ABCDEFGHIJKLMNOP");
	}
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_encode_alloc(&m, &out, &len, NULL), MSG_OK);
	CU_ASSERT(len > 60000 && len < 65507);
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_decode(out, len, &back, NULL), MSG_OK);
	CU_ASSERT(msg_append_entries_equal(&m, &back));
	msg_buffer_free(out);
	msg_append_entries_free(&m);
	msg_append_entries_free(&back);
}

/* msg_X_encoded_bound holds at the worst case the schema allows: every
 * byte of every string escaped as \u00XX, every number at its most
 * digits, every optional field present; and it is tight there. */
static void test_the_encoded_bound_holds_at_the_worst_case(void)
{
	struct msg_append_entries m;
	char *out;
	size_t len, bound;

	msg_append_entries_init(&m);
	msg_envelope_fill(&m.env, "0000", "0004", "0000");
	m.term = m.prev_log_index = m.prev_log_term = m.commit = m.seq = UINT64_C(9007199254740991);
	m.entries = calloc(1, sizeof *m.entries);
	m._count.entries = 1;
	m.entries[0].term = m.entries[0].seq = UINT64_C(9007199254740991);
	m.entries[0]._present.seq = m.entries[0]._present.deletes = m.entries[0]._present.expected = true;
	m.entries[0].key = calloc(MSG_LOG_ENTRY_KEY_MAX_LEN + 1, 1);
	memset(m.entries[0].key, '\x01', MSG_LOG_ENTRY_KEY_MAX_LEN);
	m.entries[0].value = calloc(MSG_LOG_ENTRY_VALUE_MAX_LEN + 1, 1);
	memset(m.entries[0].value, '\x1f', MSG_LOG_ENTRY_VALUE_MAX_LEN);
	m.entries[0].expected = calloc(MSG_LOG_ENTRY_EXPECTED_MAX_LEN + 1, 1);
	memset(m.entries[0].expected, '\x02', MSG_LOG_ENTRY_EXPECTED_MAX_LEN);
	m.entries[0].mid = calloc(MSG_LOG_ENTRY_MID_MAX_LEN + 1, 1);
	memset(m.entries[0].mid, '~', MSG_LOG_ENTRY_MID_MAX_LEN);
	strcpy(m.entries[0].client, "0123456789ABCDEF");
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_encode_alloc(&m, &out, &len, NULL), MSG_OK);
	bound = msg_append_entries_encoded_bound(&m);
	CU_ASSERT(len <= bound);
	CU_ASSERT(bound - len < 64 * 6 + 200); /* the mid's '~' needs no escape; the rest is slack */
	CU_ASSERT(msg_log_entry_encoded_bound(&m.entries[0]) >
		  6 * (MSG_LOG_ENTRY_KEY_MAX_LEN + MSG_LOG_ENTRY_VALUE_MAX_LEN));
	msg_buffer_free(out);
	msg_append_entries_free(&m);
}

static void test_unknown_type_is_rejected_and_unknown_fields_ignored(void)
{
	codec_expect_error("{" ENVELOPE ",\"type\":\"gossip\"}", MSG_ERR_UNKNOWN_TYPE, "message.type");
	CU_ASSERT_EQUAL(codec_decode_code("{" ENVELOPE ",\"type\":\"hello\",\"extra\":[1,{\"a\":2}]}", NULL), MSG_OK);
}

static void test_typed_decode_refuses_another_message_type(void)
{
	const char *json = "{" ENVELOPE ",\"type\":\"hello\"}";
	struct msg_get m;

	CU_ASSERT_EQUAL(msg_get_decode(json, strlen(json), &m, NULL), MSG_ERR_WRONG_MESSAGE);
	CU_ASSERT_PTR_NULL(m.mid);
}

static void test_encode_reports_a_buffer_too_small(void)
{
	struct msg_hello m;
	char buf[16];
	size_t len;

	msg_hello_init(&m);
	address(&m.env, "0001", "FFFF");
	CU_ASSERT_EQUAL(msg_hello_encode(&m, buf, sizeof buf, &len, NULL), MSG_ERR_BUFFER_TOO_SMALL);
}

static void test_encode_refuses_a_missing_required_string(void)
{
	struct msg_ok m;
	struct msg_error err;
	char buf[256];
	size_t len;

	msg_ok_init(&m);
	strcpy(m.env.src, "0001");
	strcpy(m.env.dst, "0015");
	strcpy(m.env.leader, "0001");
	CU_ASSERT_EQUAL(msg_ok_encode(&m, buf, sizeof buf, &len, &err), MSG_ERR_MISSING);
	CU_ASSERT_EQUAL(strncmp(err.text, "ok.MID:", 7), 0);
	m.mid = "abc";
	CU_ASSERT_EQUAL(msg_ok_encode(&m, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_STRING_EQUAL(
		buf, "{\"src\":\"0001\",\"dst\":\"0015\",\"leader\":\"0001\",\"type\":\"ok\",\"MID\":\"abc\"}");
}

static void test_every_error_code_has_its_own_text(void)
{
	int a, b;

	for (a = MSG_ERR_NOMEM; a <= MSG_OK; a++)
		for (b = MSG_ERR_NOMEM; b < a; b++)
			CU_ASSERT(strcmp(msg_strerror(a), msg_strerror(b)) != 0);
	CU_ASSERT_STRING_EQUAL(msg_strerror(1), "unknown error code");
}

static void test_type_names_round_trip(void)
{
	enum msg_type t, back;

	for (t = 0; t < MSG_TYPE_COUNT; t++) {
		CU_ASSERT_EQUAL(msg_type_from_name(msg_type_name(t), &back), MSG_OK);
		CU_ASSERT_EQUAL(back, t);
	}
	CU_ASSERT_EQUAL(msg_type_from_name("Hello", &back), MSG_ERR_UNKNOWN_TYPE);
	CU_ASSERT_STRING_EQUAL(msg_type_name(MSG_TYPE_COUNT), "?");
}

/* Every allocation of a decode (strings, the entries array, the sort buffer
 * of a large object) is made to fail in turn: the decode reports
 * MSG_ERR_NOMEM, leaves nothing to free, and never crashes. */
static void test_out_of_memory_during_decode_is_an_error(void)
{
	char big[1024];
	const char *json = "{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
			   ",\"term\":2,\"prev_log_index\":5,"
			   "\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[{\"term\":2,"
			   "\"key\":\"k\",\"value\":\"v\",\"client\":\"0015\",\"mid\":\"m\"}]}";
	const char *inputs[2] = { json, big };
	struct msg_error err;
	struct msg_any m;
	unsigned n, nomem = 0, k;
	size_t used = (size_t)sprintf(big, "{" ENVELOPE ",\"type\":\"hello\"");
	int i;

	for (i = 0; i < 24; i++)
		used += (size_t)sprintf(big + used, ",\"x%d\":%d", i, i);
	strcpy(big + used, "}");
	for (k = 0; k < 2; k++) {
		for (n = 1; n < 40; n++) {
			int rc;

			fail_alloc_after(n);
			rc = msg_any_decode(inputs[k], strlen(inputs[k]), &m, &err);
			if (!fail_alloc_fired()) {
				CU_ASSERT_EQUAL(rc, MSG_OK);
				msg_any_free(&m);
				break;
			}
			CU_ASSERT_EQUAL(rc, MSG_ERR_NOMEM);
			CU_ASSERT_EQUAL(m.type, MSG_TYPE_COUNT);
			nomem++;
		}
	}
	fail_alloc_after(0);
	CU_ASSERT(nomem >= 5);
}

/* A message between replicas from a build of another schema is refused,
 * and the error names both fingerprints; client messages carry none. */
static void test_a_peer_message_from_another_schema_is_refused(void)
{
	static const char other[] = "{" ENVELOPE
				    ",\"type\":\"forward_ack\",\"schema\":\"0123456789abcdef\","
				    "\"requests\":[]}";
	static const char none[] = "{" ENVELOPE ",\"type\":\"forward_ack\",\"requests\":[]}";
	static const char client[] = "{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m1\",\"key\":\"k\"}";
	struct msg_error err;
	struct msg_any m;

	CU_ASSERT_EQUAL(msg_any_decode(other, sizeof other - 1, &m, &err), MSG_ERR_SCHEMA);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "0123456789abcdef"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, MSG_SCHEMA_FINGERPRINT));
	CU_ASSERT_EQUAL(msg_any_decode(none, sizeof none - 1, &m, &err), MSG_ERR_SCHEMA);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.text, "forward_ack.schema"));
	CU_ASSERT_EQUAL_FATAL(msg_any_decode(client, sizeof client - 1, &m, &err), MSG_OK);
	msg_any_free(&m);
}

static CU_TestInfo codec_tests[] = {
	{ "encode refuses a string that is not UTF-8", test_encode_refuses_a_string_that_is_not_utf8 },
	{ "a string at max_len is accepted and one more byte is not",
	  test_string_at_max_length_is_accepted_and_one_more_is_not },
	{ "integers up to 2^53-1 decode and encode exactly", test_integers_up_to_2_pow_53_minus_1_are_exact },
	{ "integers outside [0, 2^53) or not whole are rejected", test_integers_outside_0_to_2_pow_53_are_rejected },
	{ "encode refuses integers that would not decode", test_encode_refuses_integers_that_would_not_decode },
	{ "unicode values round-trip", test_unicode_values_round_trip },
	{ "an empty entries list round-trips", test_empty_entries_list_is_a_heartbeat },
	{ "a 60 KB append-entries round-trips", test_60kb_append_entries_round_trips },
	{ "the encoded bound holds at the worst case", test_the_encoded_bound_holds_at_the_worst_case },
	{ "unknown type is rejected, unknown fields ignored",
	  test_unknown_type_is_rejected_and_unknown_fields_ignored },
	{ "a typed decode refuses another message type", test_typed_decode_refuses_another_message_type },
	{ "encode reports a buffer too small", test_encode_reports_a_buffer_too_small },
	{ "encode refuses a missing required string", test_encode_refuses_a_missing_required_string },
	{ "every error code has its own text", test_every_error_code_has_its_own_text },
	{ "type names round-trip", test_type_names_round_trip },
	{ "out of memory during decode is an error, not a crash", test_out_of_memory_during_decode_is_an_error },
	{ "a peer message from another schema is refused, naming both fingerprints",
	  test_a_peer_message_from_another_schema_is_refused },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo codec_tests_suites[] = {
	{ "codec edge cases", NULL, NULL, NULL, NULL, codec_tests },
	CU_SUITE_INFO_NULL,
};

int test_codec_register(void)
{
	return CU_register_suites(codec_tests_suites) == CUE_SUCCESS ? 0 : -1;
}
