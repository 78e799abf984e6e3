/* What decode refuses: truncated, malformed and oversized input, cJSON's
 * traps (duplicate keys, NUL, bad UTF-8), bad ids, patterns and lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "codec_fixture.h"
#include "fail_alloc.h"
#include "messages.h"
#include "test_suites.h"

static void test_every_truncation_of_a_message_is_rejected_cleanly(void)
{
	const char *json = "{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
			   ",\"term\":2,\"prev_log_index\":5,"
			   "\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[{\"term\":2,"
			   "\"key\":\"k\",\"value\":\"v\",\"client\":\"0015\",\"mid\":\"m\"}]}";
	struct msg_any m;
	size_t n, len = strlen(json);

	for (n = 0; n < len; n++) {
		int rc = msg_any_decode(json, n, &m, NULL);

		CU_ASSERT(rc == MSG_ERR_JSON);
		CU_ASSERT_EQUAL(m.type, MSG_TYPE_COUNT);
	}
	CU_ASSERT_EQUAL(msg_any_decode(json, len, &m, NULL), MSG_OK);
	msg_any_free(&m);
}

static void test_malformed_json_is_rejected(void)
{
	codec_expect_error("{\"src\":", MSG_ERR_JSON, "message");
	codec_expect_error("{} trailing", MSG_ERR_JSON, "message");
	codec_expect_error("", MSG_ERR_JSON, "message");
}

static void test_non_objects_are_rejected(void)
{
	codec_expect_error("[1,2]", MSG_ERR_NOT_OBJECT, "message");
	codec_expect_error("\"hello\"", MSG_ERR_NOT_OBJECT, "message");
	codec_expect_error("null", MSG_ERR_NOT_OBJECT, "message");
}

static void test_duplicate_keys_are_rejected_at_any_depth(void)
{
	codec_expect_error("{" ENVELOPE ",\"src\":\"0003\",\"type\":\"hello\"}", MSG_ERR_DUPLICATE_KEY, "message.src");
	codec_expect_error(
		"{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
		",\"term\":2,\"prev_log_index\":5,"
		"\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[{\"term\":2,\"term\":3,"
		"\"key\":\"k\",\"value\":\"v\",\"client\":\"0015\",\"mid\":\"m\"}]}",
		MSG_ERR_DUPLICATE_KEY, "message.term");
}

static void test_duplicate_keys_in_a_large_object_are_found(void)
{
	char json[2048];
	size_t used = (size_t)sprintf(json, "{" ENVELOPE ",\"type\":\"hello\"");
	int i;

	for (i = 0; i < 24; i++)
		used += (size_t)sprintf(json + used, ",\"x%d\":%d", i, i);
	strcpy(json + used, ",\"x17\":0}");
	codec_expect_error(json, MSG_ERR_DUPLICATE_KEY, "message.x17");
	strcpy(json + used, "}");
	CU_ASSERT_EQUAL(codec_decode_code(json, NULL), MSG_OK);
}

/* A put whose extra member "x" holds `levels` nested arrays: the message
 * object and those arrays make 1 + levels levels. */
static char *put_nested(size_t levels)
{
	char *json = malloc(2 * levels + 128);
	size_t used = (size_t)sprintf(json, "{" ENVELOPE
					    ",\"type\":\"put\",\"MID\":\"m1\",\"key\":\"k\","
					    "\"value\":\"v\",\"x\":");

	memset(json + used, '[', levels);
	memset(json + used + levels, ']', levels);
	strcpy(json + used + 2 * levels, "}");
	return json;
}

/* A put (7 members) with `extra` members the schema does not declare. */
static char *put_with_members(size_t extra)
{
	char *json = malloc(16 * extra + 128);
	size_t used = (size_t)sprintf(json, "{" ENVELOPE
					    ",\"type\":\"put\",\"MID\":\"m1\",\"key\":\"k\","
					    "\"value\":\"v\"");
	size_t i;

	for (i = 0; i < extra; i++)
		used += (size_t)sprintf(json + used, ",\"x%zu\":0", i);
	strcpy(json + used, "}");
	return json;
}

/* Before cJSON builds anything: no message nests deeper than the schema
 * says, with a client's slack, nor has more members. */
static void test_a_datagram_larger_in_shape_than_any_message_is_refused_before_parsing(void)
{
	const size_t depth = MSG_SCHEMA_DEPTH + MSG_SLACK_DEPTH, members = MSG_SCHEMA_MEMBERS + MSG_SLACK_MEMBERS;
	char *deepest = put_nested(depth - 1), *deeper = put_nested(depth);
	char *widest = put_with_members(members - 7), *wider = put_with_members(members - 6);

	CU_ASSERT_EQUAL(codec_decode_code(deepest, NULL), MSG_OK);
	codec_expect_error(deeper, MSG_ERR_TOO_DEEP, "message");
	CU_ASSERT_EQUAL(codec_decode_code(widest, NULL), MSG_OK);
	codec_expect_error(wider, MSG_ERR_TOO_MANY_MEMBERS, "message");
	free(deepest);
	free(deeper);
	free(widest);
	free(wider);
}

/* Brackets, braces, colons and escaped quotes inside strings are text. */
static void test_structure_inside_strings_is_not_counted(void)
{
	char json[512];
	char text[160];

	memset(text, '{', 40);
	memset(text + 40, '[', 40);
	memset(text + 80, ':', 40);
	strcpy(text + 120, "\\\"{[:");
	sprintf(json, "{" ENVELOPE ",\"type\":\"put\",\"MID\":\"m1\",\"key\":\"%s\",\"value\":\"%s\"}", text, text);
	CU_ASSERT_EQUAL(codec_decode_code(json, NULL), MSG_OK);
}

static void test_field_names_are_case_sensitive(void)
{
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"mid\":\"m\",\"key\":\"k\"}", MSG_ERR_MISSING, "get.MID");
}

static void test_nul_bytes_and_escaped_nul_are_rejected(void)
{
	static const char raw[] = "{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"a\0b\"}";
	struct msg_any m;

	CU_ASSERT_EQUAL(msg_any_decode(raw, sizeof raw - 1, &m, NULL), MSG_ERR_NUL);
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"a\\u0000b\"}", MSG_ERR_NUL,
			   "message");
	/* An escaped backslash before u0000 is just text. */
	CU_ASSERT_EQUAL(
		codec_decode_code("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"a\\\\u0000b\"}", NULL),
		MSG_OK);
}

static void test_invalid_utf8_is_rejected(void)
{
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"\xff\"}", MSG_ERR_UTF8, "message");
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"\xc0\xaf\"}", MSG_ERR_UTF8,
			   "message");
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"m\",\"key\":\"\xed\xa0\x80\"}", MSG_ERR_UTF8,
			   "message");
}

static void test_bad_ids_are_rejected(void)
{
	codec_expect_error("{\"src\":\"001\",\"dst\":\"0002\",\"leader\":\"0001\",\"type\":\"hello\"}", MSG_ERR_BAD_ID,
			   "hello.src");
	codec_expect_error("{\"src\":\"00G1\",\"dst\":\"0002\",\"leader\":\"0001\",\"type\":\"hello\"}", MSG_ERR_BAD_ID,
			   "hello.src");
	codec_expect_error("{\"src\":\"FFFF\",\"dst\":\"0002\",\"leader\":\"0001\",\"type\":\"hello\"}", MSG_ERR_BAD_ID,
			   "hello.src");
	CU_ASSERT_EQUAL(
		codec_decode_code("{\"src\":\"00ab\",\"dst\":\"FFFF\",\"leader\":\"FFFF\",\"type\":\"hello\"}", NULL),
		MSG_OK);
	/* a cluster's clients draw 16 hex digits; one more is refused */
	CU_ASSERT_EQUAL(codec_decode_code("{\"src\":\"0123456789abcdef\",\"dst\":\"0001\",\"leader\":\"FFFF\","
					  "\"type\":\"hello\"}",
					  NULL),
			MSG_OK);
	codec_expect_error("{\"src\":\"0123456789abcdef0\",\"dst\":\"0002\",\"leader\":\"0001\",\"type\":\"hello\"}",
			   MSG_ERR_BAD_ID, "hello.src");
}

static void test_a_wide_client_id_travels_upper_cased(void)
{
	struct msg_any m;
	struct msg_error err;
	const char *json =
		"{\"src\":\"0123456789abcdef\",\"dst\":\"0001\",\"leader\":\"FFFF\",\"type\":\"get\","
		"\"MID\":\"m\",\"key\":\"k\"}";

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(json, strlen(json), &m, &err), MSG_OK);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0123456789ABCDEF");
	CU_ASSERT_FALSE(m.as.env._present.cluster);
	msg_any_free(&m);
}

static void test_pattern_and_min_length_are_enforced(void)
{
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"a b\",\"key\":\"k\"}", MSG_ERR_PATTERN, "get.MID");
	codec_expect_error("{" ENVELOPE ",\"type\":\"get\",\"MID\":\"\",\"key\":\"k\"}", MSG_ERR_TOO_SHORT, "get.MID");
}

static void test_lists_longer_than_max_count_are_rejected(void)
{
	size_t cap = 513 * 80 + 256, used, i;
	char *json = malloc(cap);

	used = (size_t)sprintf(json, "{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
				     ",\"term\":2,\"prev_log_index\":5,"
				     "\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[");
	for (i = 0; i < 513; i++)
		used += (size_t)sprintf(json + used,
					"%s{\"term\":2,\"key\":\"\",\"value\":\"\",\"client\":\"FFFF\",\"mid\":\"\"}",
					i ? "," : "");
	strcpy(json + used, "]}");
	codec_expect_error(json, MSG_ERR_TOO_MANY, "append_entries.entries");
	free(json);
}

static void test_list_items_must_be_objects(void)
{
	codec_expect_error("{" ENVELOPE ",\"type\":\"append_entries\"," SCHEMA_FIELD
			   ",\"term\":2,\"prev_log_index\":5,"
			   "\"prev_log_term\":1,\"commit\":4,\"seq\":9,\"quiet\":false,\"entries\":[7]}",
			   MSG_ERR_TYPE, "append_entries.entries[0]");
}

static CU_TestInfo reject_tests[] = {
	{ "every truncation of a message is rejected cleanly", test_every_truncation_of_a_message_is_rejected_cleanly },
	{ "malformed JSON is rejected", test_malformed_json_is_rejected },
	{ "non-objects are rejected", test_non_objects_are_rejected },
	{ "duplicate keys are rejected at any depth", test_duplicate_keys_are_rejected_at_any_depth },
	{ "duplicate keys in a large object are found", test_duplicate_keys_in_a_large_object_are_found },
	{ "a datagram larger in shape than any message is refused before parsing",
	  test_a_datagram_larger_in_shape_than_any_message_is_refused_before_parsing },
	{ "structure inside strings is not counted", test_structure_inside_strings_is_not_counted },
	{ "field names are case-sensitive", test_field_names_are_case_sensitive },
	{ "NUL bytes and \\u0000 are rejected", test_nul_bytes_and_escaped_nul_are_rejected },
	{ "invalid UTF-8 is rejected", test_invalid_utf8_is_rejected },
	{ "malformed ids are rejected", test_bad_ids_are_rejected },
	{ "a client id of 16 hex digits is read, upper-cased", test_a_wide_client_id_travels_upper_cased },
	{ "pattern and min_len are enforced", test_pattern_and_min_length_are_enforced },
	{ "lists longer than max_count are rejected", test_lists_longer_than_max_count_are_rejected },
	{ "list items must be objects", test_list_items_must_be_objects },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo reject_tests_suites[] = {
	{ "codec edge cases: rejections", NULL, NULL, NULL, NULL, reject_tests },
	CU_SUITE_INFO_NULL,
};

int test_codec_rejects_register(void)
{
	return CU_register_suites(reject_tests_suites) == CUE_SUCCESS ? 0 : -1;
}
