/*
 * Do not edit directly: auto-generated from schema/messages.yaml by codegen/generate.py.
 * Edit the schema and run `make gen`.
 * Schema fingerprint: bb47d38106413511
 */
/* Round-trip and rejection tests for every message of the schema. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "messages.h"
#include "test_messages.h"

/* Decoding `json` must fail with `code`, and the message must name `path`. */
static void expect_rejection(const char *json, int code, const char *path)
{
	struct msg_any m;
	struct msg_error err = { MSG_OK, "" };
	size_t n = strlen(path);

	CU_ASSERT_EQUAL(msg_any_decode(json, strlen(json), &m, &err), code);
	CU_ASSERT_EQUAL(err.code, code);
	CU_ASSERT_EQUAL(strncmp(err.text, path, n), 0);
	CU_ASSERT_EQUAL(err.text[n], ':');
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_COUNT);
}

/* Encoding m must give exactly `json`, into a fixed buffer and an owned one. */
static void expect_encoding(const struct msg_any *m, const char *json)
{
	char buf[4096];
	char *owned = NULL;
	size_t len = 0;
	struct msg_error err;

	CU_ASSERT_EQUAL_FATAL(msg_any_encode(m, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, strlen(json));
	CU_ASSERT_STRING_EQUAL(buf, json);
	CU_ASSERT_EQUAL_FATAL(msg_any_encode_alloc(m, &owned, &len, &err), MSG_OK);
	CU_ASSERT_STRING_EQUAL(owned, json);
	msg_buffer_free(owned);
}

static void test_hello_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"hello\"}";
	struct msg_hello typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_HELLO);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_hello_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_hello_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_hello_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_hello_encoded_bound(&typed));
	msg_hello_free(&typed);
}

static void test_hello_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497}", MSG_ERR_MISSING, "message.type");
}

static void test_hello_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7}", MSG_ERR_TYPE, "message.type");
}

static void test_hello_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_MISSING, "hello.src");
}

static void test_hello_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_TYPE, "hello.src");
}

static void test_hello_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_MISSING, "hello.dst");
}

static void test_hello_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_TYPE, "hello.dst");
}

static void test_hello_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_MISSING, "hello.leader");
}

static void test_hello_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"hello\"}", MSG_ERR_TYPE, "hello.leader");
}

static void test_get_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}";
	struct msg_get typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_GET);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.get.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.get.key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_get_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_get_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_get_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_get_encoded_bound(&typed));
	msg_get_free(&typed);
}

static void test_get_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_MISSING, "message.type");
}

static void test_get_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_TYPE, "message.type");
}

static void test_get_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_MISSING, "get.src");
}

static void test_get_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_TYPE, "get.src");
}

static void test_get_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_MISSING, "get.dst");
}

static void test_get_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_TYPE, "get.dst");
}

static void test_get_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_MISSING, "get.leader");
}

static void test_get_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_TYPE, "get.leader");
}

static void test_get_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_MISSING, "get.MID");
}

static void test_get_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":7,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}", MSG_ERR_TYPE, "get.MID");
}

static void test_get_rejects_missing_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "get.key");
}

static void test_get_rejects_wrong_type_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"get\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":7}", MSG_ERR_TYPE, "get.key");
}

static void test_put_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}";
	struct msg_put typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_PUT);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.put.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.put.key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT_STRING_EQUAL(m.as.put.value, "0123456789abcdef0123456789abcdef");
	CU_ASSERT(m.as.put._present.seq == true);
	CU_ASSERT(m.as.put.seq == UINT64_C(17));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_put_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_put_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_put_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_put_encoded_bound(&typed));
	msg_put_free(&typed);
}

static void test_put_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "message.type");
}

static void test_put_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "message.type");
}

static void test_put_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "put.src");
}

static void test_put_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "put.src");
}

static void test_put_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "put.dst");
}

static void test_put_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "put.dst");
}

static void test_put_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "put.leader");
}

static void test_put_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "put.leader");
}

static void test_put_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "put.MID");
}

static void test_put_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":7,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "put.MID");
}

static void test_put_rejects_missing_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "put.key");
}

static void test_put_rejects_wrong_type_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":7,\"value\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_TYPE, "put.key");
}

static void test_put_rejects_missing_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "put.value");
}

static void test_put_rejects_wrong_type_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"put\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":7,\"seq\":17}", MSG_ERR_TYPE, "put.value");
}

static void test_ok_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}";
	struct msg_ok typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_OK);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.ok.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.ok._present.value == true);
	CU_ASSERT_STRING_EQUAL(m.as.ok.value, "0123456789abcdef0123456789abcdef");
	CU_ASSERT(m.as.ok._present.deleted == true);
	CU_ASSERT(m.as.ok.deleted == UINT64_C(1));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_ok_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_ok_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_ok_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_ok_encoded_bound(&typed));
	msg_ok_free(&typed);
}

static void test_ok_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_MISSING, "message.type");
}

static void test_ok_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_TYPE, "message.type");
}

static void test_ok_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_MISSING, "ok.src");
}

static void test_ok_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_TYPE, "ok.src");
}

static void test_ok_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_MISSING, "ok.dst");
}

static void test_ok_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_TYPE, "ok.dst");
}

static void test_ok_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_MISSING, "ok.leader");
}

static void test_ok_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_TYPE, "ok.leader");
}

static void test_ok_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_MISSING, "ok.MID");
}

static void test_ok_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"ok\",\"MID\":7,\"value\":\"0123456789abcdef0123456789abcdef\",\"deleted\":1}", MSG_ERR_TYPE, "ok.MID");
}

static void test_fail_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}";
	struct msg_fail typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_FAIL);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.fail.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.fail._present.error == true);
	CU_ASSERT_STRING_EQUAL(m.as.fail.error, "member 0004 is not a peer of this cluster");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_fail_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_fail_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_fail_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_fail_encoded_bound(&typed));
	msg_fail_free(&typed);
}

static void test_fail_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_MISSING, "message.type");
}

static void test_fail_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_TYPE, "message.type");
}

static void test_fail_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_MISSING, "fail.src");
}

static void test_fail_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_TYPE, "fail.src");
}

static void test_fail_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_MISSING, "fail.dst");
}

static void test_fail_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_TYPE, "fail.dst");
}

static void test_fail_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_MISSING, "fail.leader");
}

static void test_fail_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_TYPE, "fail.leader");
}

static void test_fail_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_MISSING, "fail.MID");
}

static void test_fail_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"fail\",\"MID\":7,\"error\":\"member 0004 is not a peer of this cluster\"}", MSG_ERR_TYPE, "fail.MID");
}

static void test_redirect_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}";
	struct msg_redirect typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_REDIRECT);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.redirect.mid, "A1B2C3D4E5F6G7H8");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_redirect_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_redirect_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_redirect_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_redirect_encoded_bound(&typed));
	msg_redirect_free(&typed);
}

static void test_redirect_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "message.type");
}

static void test_redirect_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "message.type");
}

static void test_redirect_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "redirect.src");
}

static void test_redirect_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "redirect.src");
}

static void test_redirect_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "redirect.dst");
}

static void test_redirect_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "redirect.dst");
}

static void test_redirect_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "redirect.leader");
}

static void test_redirect_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "redirect.leader");
}

static void test_redirect_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\"}", MSG_ERR_MISSING, "redirect.MID");
}

static void test_redirect_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"redirect\",\"MID\":7}", MSG_ERR_TYPE, "redirect.MID");
}

static void test_request_vote_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}";
	struct msg_request_vote typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_REQUEST_VOTE);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.request_vote.term == UINT64_C(4));
	CU_ASSERT(m.as.request_vote.last_log_index == UINT64_C(17));
	CU_ASSERT(m.as.request_vote.last_log_term == UINT64_C(3));
	CU_ASSERT(m.as.request_vote.pre_vote == false);
	CU_ASSERT(m.as.request_vote._present.transfer == true);
	CU_ASSERT(m.as.request_vote.transfer == true);
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_request_vote_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_request_vote_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_request_vote_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_request_vote_encoded_bound(&typed));
	msg_request_vote_free(&typed);
}

static void test_request_vote_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "message.type");
}

static void test_request_vote_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "message.type");
}

static void test_request_vote_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_SCHEMA, "request_vote.schema");
}

static void test_request_vote_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"0000000000000000\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_SCHEMA, "request_vote.schema");
}

static void test_request_vote_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "request_vote.undeclared");
}

static void test_request_vote_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.src");
}

static void test_request_vote_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.src");
}

static void test_request_vote_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.dst");
}

static void test_request_vote_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.dst");
}

static void test_request_vote_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.leader");
}

static void test_request_vote_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.leader");
}

static void test_request_vote_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.term");
}

static void test_request_vote_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.term");
}

static void test_request_vote_rejects_missing_last_log_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.last_log_index");
}

static void test_request_vote_rejects_wrong_type_last_log_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":\"x\",\"last_log_term\":3,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.last_log_index");
}

static void test_request_vote_rejects_missing_last_log_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"pre_vote\":false,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.last_log_term");
}

static void test_request_vote_rejects_wrong_type_last_log_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":\"x\",\"pre_vote\":false,\"transfer\":true}", MSG_ERR_TYPE, "request_vote.last_log_term");
}

static void test_request_vote_rejects_missing_pre_vote(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"transfer\":true}", MSG_ERR_MISSING, "request_vote.pre_vote");
}

static void test_request_vote_rejects_wrong_type_pre_vote(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_log_index\":17,\"last_log_term\":3,\"pre_vote\":\"x\",\"transfer\":true}", MSG_ERR_TYPE, "request_vote.pre_vote");
}

static void test_request_vote_reply_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}";
	struct msg_request_vote_reply typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_REQUEST_VOTE_REPLY);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.request_vote_reply.term == UINT64_C(4));
	CU_ASSERT(m.as.request_vote_reply.granted == true);
	CU_ASSERT(m.as.request_vote_reply.pre_vote == false);
	CU_ASSERT(m.as.request_vote_reply.commit == UINT64_C(16));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_request_vote_reply_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_request_vote_reply_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_request_vote_reply_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_request_vote_reply_encoded_bound(&typed));
	msg_request_vote_reply_free(&typed);
}

static void test_request_vote_reply_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "message.type");
}

static void test_request_vote_reply_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "message.type");
}

static void test_request_vote_reply_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_SCHEMA, "request_vote_reply.schema");
}

static void test_request_vote_reply_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"0000000000000000\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_SCHEMA, "request_vote_reply.schema");
}

static void test_request_vote_reply_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "request_vote_reply.undeclared");
}

static void test_request_vote_reply_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.src");
}

static void test_request_vote_reply_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.src");
}

static void test_request_vote_reply_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.dst");
}

static void test_request_vote_reply_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.dst");
}

static void test_request_vote_reply_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.leader");
}

static void test_request_vote_reply_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.leader");
}

static void test_request_vote_reply_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.term");
}

static void test_request_vote_reply_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"granted\":true,\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.term");
}

static void test_request_vote_reply_rejects_missing_granted(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"pre_vote\":false,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.granted");
}

static void test_request_vote_reply_rejects_wrong_type_granted(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":\"x\",\"pre_vote\":false,\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.granted");
}

static void test_request_vote_reply_rejects_missing_pre_vote(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"commit\":16}", MSG_ERR_MISSING, "request_vote_reply.pre_vote");
}

static void test_request_vote_reply_rejects_wrong_type_pre_vote(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":\"x\",\"commit\":16}", MSG_ERR_TYPE, "request_vote_reply.pre_vote");
}

static void test_request_vote_reply_rejects_missing_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false}", MSG_ERR_MISSING, "request_vote_reply.commit");
}

static void test_request_vote_reply_rejects_wrong_type_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"request_vote_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"granted\":true,\"pre_vote\":false,\"commit\":\"x\"}", MSG_ERR_TYPE, "request_vote_reply.commit");
}

static void test_timeout_now_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}";
	struct msg_timeout_now typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_TIMEOUT_NOW);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.timeout_now.term == UINT64_C(4));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_timeout_now_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_timeout_now_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_timeout_now_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_timeout_now_encoded_bound(&typed));
	msg_timeout_now_free(&typed);
}

static void test_timeout_now_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_MISSING, "message.type");
}

static void test_timeout_now_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_TYPE, "message.type");
}

static void test_timeout_now_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"term\":4}", MSG_ERR_SCHEMA, "timeout_now.schema");
}

static void test_timeout_now_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"0000000000000000\",\"term\":4}", MSG_ERR_SCHEMA, "timeout_now.schema");
}

static void test_timeout_now_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "timeout_now.undeclared");
}

static void test_timeout_now_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_MISSING, "timeout_now.src");
}

static void test_timeout_now_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_TYPE, "timeout_now.src");
}

static void test_timeout_now_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_MISSING, "timeout_now.dst");
}

static void test_timeout_now_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_TYPE, "timeout_now.dst");
}

static void test_timeout_now_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_MISSING, "timeout_now.leader");
}

static void test_timeout_now_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":4}", MSG_ERR_TYPE, "timeout_now.leader");
}

static void test_timeout_now_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\"}", MSG_ERR_MISSING, "timeout_now.term");
}

static void test_timeout_now_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"timeout_now\",\"schema\":\"bb47d38106413511\",\"term\":\"x\"}", MSG_ERR_TYPE, "timeout_now.term");
}

static void test_append_entries_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}";
	struct msg_append_entries typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_APPEND_ENTRIES);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.append_entries.term == UINT64_C(4));
	CU_ASSERT(m.as.append_entries.prev_log_index == UINT64_C(16));
	CU_ASSERT(m.as.append_entries.prev_log_term == UINT64_C(3));
	CU_ASSERT(m.as.append_entries.commit == UINT64_C(15));
	CU_ASSERT(m.as.append_entries.seq == UINT64_C(42));
	CU_ASSERT(m.as.append_entries.quiet == false);
	CU_ASSERT(m.as.append_entries._count.entries == 1);
	CU_ASSERT(m.as.append_entries.entries[0].term == UINT64_C(4));
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.entries[0].key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.entries[0].value, "0123456789abcdef0123456789abcdef");
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.entries[0].client, "0015");
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.entries[0].mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.append_entries._present.chain == true);
	CU_ASSERT(m.as.append_entries._count.chain == 1);
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.chain[0].id, "0003");
	CU_ASSERT(m.as.append_entries._present.witnesses == true);
	CU_ASSERT(m.as.append_entries._count.witnesses == 1);
	CU_ASSERT_STRING_EQUAL(m.as.append_entries.witnesses[0].id, "0002");
	CU_ASSERT(m.as.append_entries._present.answer_from == true);
	CU_ASSERT(m.as.append_entries.answer_from == UINT64_C(18));
	CU_ASSERT(m.as.append_entries._present.answer_to == true);
	CU_ASSERT(m.as.append_entries.answer_to == UINT64_C(40));
	CU_ASSERT(m.as.append_entries._present.delegate_commit == true);
	CU_ASSERT(m.as.append_entries.delegate_commit == UINT64_C(17));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_append_entries_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_append_entries_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_append_entries_encoded_bound(&typed));
	msg_append_entries_free(&typed);
}

static void test_append_entries_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "message.type");
}

static void test_append_entries_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "message.type");
}

static void test_append_entries_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_SCHEMA, "append_entries.schema");
}

static void test_append_entries_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"0000000000000000\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_SCHEMA, "append_entries.schema");
}

static void test_append_entries_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "append_entries.undeclared");
}

static void test_append_entries_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.src");
}

static void test_append_entries_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.src");
}

static void test_append_entries_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.dst");
}

static void test_append_entries_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.dst");
}

static void test_append_entries_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.leader");
}

static void test_append_entries_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.leader");
}

static void test_append_entries_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.term");
}

static void test_append_entries_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.term");
}

static void test_append_entries_rejects_missing_prev_log_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.prev_log_index");
}

static void test_append_entries_rejects_wrong_type_prev_log_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":\"x\",\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.prev_log_index");
}

static void test_append_entries_rejects_missing_prev_log_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.prev_log_term");
}

static void test_append_entries_rejects_wrong_type_prev_log_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":\"x\",\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.prev_log_term");
}

static void test_append_entries_rejects_missing_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.commit");
}

static void test_append_entries_rejects_wrong_type_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":\"x\",\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.commit");
}

static void test_append_entries_rejects_missing_seq(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.seq");
}

static void test_append_entries_rejects_wrong_type_seq(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":\"x\",\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.seq");
}

static void test_append_entries_rejects_missing_quiet(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.quiet");
}

static void test_append_entries_rejects_wrong_type_quiet(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":\"x\",\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.quiet");
}

static void test_append_entries_rejects_missing_entries(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries");
}

static void test_append_entries_rejects_wrong_type_entries(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":\"x\",\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries");
}

static void test_append_entries_rejects_missing_entries_0_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries[0].term");
}

static void test_append_entries_rejects_wrong_type_entries_0_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":\"x\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries[0].term");
}

static void test_append_entries_rejects_missing_entries_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries[0].key");
}

static void test_append_entries_rejects_wrong_type_entries_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":7,\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries[0].key");
}

static void test_append_entries_rejects_missing_entries_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries[0].value");
}

static void test_append_entries_rejects_wrong_type_entries_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":7,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries[0].value");
}

static void test_append_entries_rejects_missing_entries_0_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries[0].client");
}

static void test_append_entries_rejects_wrong_type_entries_0_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":7,\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries[0].client");
}

static void test_append_entries_rejects_missing_entries_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\"}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_MISSING, "append_entries.entries[0].mid");
}

static void test_append_entries_rejects_wrong_type_entries_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries\",\"schema\":\"bb47d38106413511\",\"term\":4,\"prev_log_index\":16,\"prev_log_term\":3,\"commit\":15,\"seq\":42,\"quiet\":false,\"entries\":[{\"term\":4,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"client\":\"0015\",\"mid\":7}],\"chain\":[{\"id\":\"0003\"}],\"witnesses\":[{\"id\":\"0002\"}],\"answer_from\":18,\"answer_to\":40,\"delegate_commit\":17}", MSG_ERR_TYPE, "append_entries.entries[0].mid");
}

static void test_append_entries_reply_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}";
	struct msg_append_entries_reply typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_APPEND_ENTRIES_REPLY);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.append_entries_reply.term == UINT64_C(4));
	CU_ASSERT(m.as.append_entries_reply.success == false);
	CU_ASSERT(m.as.append_entries_reply.match_index == UINT64_C(0));
	CU_ASSERT(m.as.append_entries_reply.conflict_index == UINT64_C(12));
	CU_ASSERT(m.as.append_entries_reply.conflict_term == UINT64_C(2));
	CU_ASSERT(m.as.append_entries_reply.seq == UINT64_C(42));
	CU_ASSERT(m.as.append_entries_reply.commit == UINT64_C(16));
	CU_ASSERT(m.as.append_entries_reply._present.witnesses == true);
	CU_ASSERT(m.as.append_entries_reply._count.witnesses == 1);
	CU_ASSERT_STRING_EQUAL(m.as.append_entries_reply.witnesses[0].id, "0002");
	CU_ASSERT(m.as.append_entries_reply._present.witness_match == true);
	CU_ASSERT(m.as.append_entries_reply.witness_match == UINT64_C(17));
	CU_ASSERT(m.as.append_entries_reply._present.answered == true);
	CU_ASSERT(m.as.append_entries_reply.answered == UINT64_C(17));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_append_entries_reply_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_append_entries_reply_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_append_entries_reply_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_append_entries_reply_encoded_bound(&typed));
	msg_append_entries_reply_free(&typed);
}

static void test_append_entries_reply_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "message.type");
}

static void test_append_entries_reply_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "message.type");
}

static void test_append_entries_reply_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_SCHEMA, "append_entries_reply.schema");
}

static void test_append_entries_reply_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"0000000000000000\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_SCHEMA, "append_entries_reply.schema");
}

static void test_append_entries_reply_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "append_entries_reply.undeclared");
}

static void test_append_entries_reply_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.src");
}

static void test_append_entries_reply_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.src");
}

static void test_append_entries_reply_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.dst");
}

static void test_append_entries_reply_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.dst");
}

static void test_append_entries_reply_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.leader");
}

static void test_append_entries_reply_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.leader");
}

static void test_append_entries_reply_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.term");
}

static void test_append_entries_reply_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.term");
}

static void test_append_entries_reply_rejects_missing_success(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.success");
}

static void test_append_entries_reply_rejects_wrong_type_success(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":\"x\",\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.success");
}

static void test_append_entries_reply_rejects_missing_match_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.match_index");
}

static void test_append_entries_reply_rejects_wrong_type_match_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":\"x\",\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.match_index");
}

static void test_append_entries_reply_rejects_missing_conflict_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.conflict_index");
}

static void test_append_entries_reply_rejects_wrong_type_conflict_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":\"x\",\"conflict_term\":2,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.conflict_index");
}

static void test_append_entries_reply_rejects_missing_conflict_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.conflict_term");
}

static void test_append_entries_reply_rejects_wrong_type_conflict_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":\"x\",\"seq\":42,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.conflict_term");
}

static void test_append_entries_reply_rejects_missing_seq(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.seq");
}

static void test_append_entries_reply_rejects_wrong_type_seq(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":\"x\",\"commit\":16,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.seq");
}

static void test_append_entries_reply_rejects_missing_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_MISSING, "append_entries_reply.commit");
}

static void test_append_entries_reply_rejects_wrong_type_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"append_entries_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"success\":false,\"match_index\":0,\"conflict_index\":12,\"conflict_term\":2,\"seq\":42,\"commit\":\"x\",\"witnesses\":[{\"id\":\"0002\"}],\"witness_match\":17,\"answered\":17}", MSG_ERR_TYPE, "append_entries_reply.commit");
}

static void test_forward_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}";
	struct msg_forward typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_FORWARD);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.forward.term == UINT64_C(7));
	CU_ASSERT(m.as.forward._count.requests == 1);
	CU_ASSERT(m.as.forward.requests[0].get == false);
	CU_ASSERT_STRING_EQUAL(m.as.forward.requests[0].client, "0015");
	CU_ASSERT_STRING_EQUAL(m.as.forward.requests[0].mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.forward.requests[0].key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT_STRING_EQUAL(m.as.forward.requests[0].value, "0123456789abcdef0123456789abcdef");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_forward_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_forward_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_forward_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_forward_encoded_bound(&typed));
	msg_forward_free(&typed);
}

static void test_forward_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "message.type");
}

static void test_forward_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "message.type");
}

static void test_forward_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_SCHEMA, "forward.schema");
}

static void test_forward_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"0000000000000000\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_SCHEMA, "forward.schema");
}

static void test_forward_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}],\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "forward.undeclared");
}

static void test_forward_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.src");
}

static void test_forward_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.src");
}

static void test_forward_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.dst");
}

static void test_forward_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.dst");
}

static void test_forward_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.leader");
}

static void test_forward_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.leader");
}

static void test_forward_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.term");
}

static void test_forward_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.term");
}

static void test_forward_rejects_missing_requests(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7}", MSG_ERR_MISSING, "forward.requests");
}

static void test_forward_rejects_wrong_type_requests(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":\"x\"}", MSG_ERR_TYPE, "forward.requests");
}

static void test_forward_rejects_missing_requests_0_get(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.requests[0].get");
}

static void test_forward_rejects_wrong_type_requests_0_get(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":\"x\",\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.requests[0].get");
}

static void test_forward_rejects_missing_requests_0_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.requests[0].client");
}

static void test_forward_rejects_wrong_type_requests_0_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":7,\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.requests[0].client");
}

static void test_forward_rejects_missing_requests_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.requests[0].mid");
}

static void test_forward_rejects_wrong_type_requests_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":7,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.requests[0].mid");
}

static void test_forward_rejects_missing_requests_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_MISSING, "forward.requests[0].key");
}

static void test_forward_rejects_wrong_type_requests_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":7,\"value\":\"0123456789abcdef0123456789abcdef\"}]}", MSG_ERR_TYPE, "forward.requests[0].key");
}

static void test_forward_rejects_missing_requests_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\"}]}", MSG_ERR_MISSING, "forward.requests[0].value");
}

static void test_forward_rejects_wrong_type_requests_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward\",\"schema\":\"bb47d38106413511\",\"term\":7,\"requests\":[{\"get\":false,\"client\":\"0015\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":7}]}", MSG_ERR_TYPE, "forward.requests[0].value");
}

static void test_forward_ack_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}";
	struct msg_forward_ack typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_FORWARD_ACK);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.forward_ack._count.requests == 1);
	CU_ASSERT_STRING_EQUAL(m.as.forward_ack.requests[0].mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.forward_ack._present.refused == true);
	CU_ASSERT(m.as.forward_ack._count.refused == 1);
	CU_ASSERT_STRING_EQUAL(m.as.forward_ack.refused[0].mid, "B2C3D4E5F6G7H8I9");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_forward_ack_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_forward_ack_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_forward_ack_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_forward_ack_encoded_bound(&typed));
	msg_forward_ack_free(&typed);
}

static void test_forward_ack_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "message.type");
}

static void test_forward_ack_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "message.type");
}

static void test_forward_ack_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_SCHEMA, "forward_ack.schema");
}

static void test_forward_ack_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"0000000000000000\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_SCHEMA, "forward_ack.schema");
}

static void test_forward_ack_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}],\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "forward_ack.undeclared");
}

static void test_forward_ack_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "forward_ack.src");
}

static void test_forward_ack_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "forward_ack.src");
}

static void test_forward_ack_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "forward_ack.dst");
}

static void test_forward_ack_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "forward_ack.dst");
}

static void test_forward_ack_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "forward_ack.leader");
}

static void test_forward_ack_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "forward_ack.leader");
}

static void test_forward_ack_rejects_missing_requests(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "forward_ack.requests");
}

static void test_forward_ack_rejects_wrong_type_requests(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":\"x\",\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "forward_ack.requests");
}

static void test_forward_ack_rejects_missing_requests_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_MISSING, "forward_ack.requests[0].mid");
}

static void test_forward_ack_rejects_wrong_type_requests_0_mid(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"forward_ack\",\"schema\":\"bb47d38106413511\",\"requests\":[{\"mid\":7}],\"refused\":[{\"mid\":\"B2C3D4E5F6G7H8I9\"}]}", MSG_ERR_TYPE, "forward_ack.requests[0].mid");
}

static void test_install_snapshot_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}";
	struct msg_install_snapshot typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_INSTALL_SNAPSHOT);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.install_snapshot.term == UINT64_C(4));
	CU_ASSERT(m.as.install_snapshot.last_index == UINT64_C(20000));
	CU_ASSERT(m.as.install_snapshot.last_term == UINT64_C(3));
	CU_ASSERT(m.as.install_snapshot.offset == UINT64_C(0));
	CU_ASSERT(m.as.install_snapshot.total == UINT64_C(2));
	CU_ASSERT(m.as.install_snapshot._count.pairs == 1);
	CU_ASSERT_STRING_EQUAL(m.as.install_snapshot.pairs[0].key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT_STRING_EQUAL(m.as.install_snapshot.pairs[0].value, "0123456789abcdef0123456789abcdef");
	CU_ASSERT(m.as.install_snapshot.pairs[0].index == UINT64_C(9120));
	CU_ASSERT(m.as.install_snapshot._present.mids == true);
	CU_ASSERT(m.as.install_snapshot._count.mids == 1);
	CU_ASSERT_STRING_EQUAL(m.as.install_snapshot.mids[0].mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.install_snapshot._present.sessions == true);
	CU_ASSERT(m.as.install_snapshot._count.sessions == 1);
	CU_ASSERT_STRING_EQUAL(m.as.install_snapshot.sessions[0].client, "5A1C");
	CU_ASSERT_STRING_EQUAL(m.as.install_snapshot.sessions[0].mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT(m.as.install_snapshot.sessions[0].index == UINT64_C(9120));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_install_snapshot_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_install_snapshot_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_install_snapshot_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_install_snapshot_encoded_bound(&typed));
	msg_install_snapshot_free(&typed);
}

static void test_install_snapshot_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "message.type");
}

static void test_install_snapshot_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "message.type");
}

static void test_install_snapshot_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_SCHEMA, "install_snapshot.schema");
}

static void test_install_snapshot_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"0000000000000000\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_SCHEMA, "install_snapshot.schema");
}

static void test_install_snapshot_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}],\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "install_snapshot.undeclared");
}

static void test_install_snapshot_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.src");
}

static void test_install_snapshot_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.src");
}

static void test_install_snapshot_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.dst");
}

static void test_install_snapshot_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.dst");
}

static void test_install_snapshot_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.leader");
}

static void test_install_snapshot_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.leader");
}

static void test_install_snapshot_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.term");
}

static void test_install_snapshot_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.term");
}

static void test_install_snapshot_rejects_missing_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.last_index");
}

static void test_install_snapshot_rejects_wrong_type_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":\"x\",\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.last_index");
}

static void test_install_snapshot_rejects_missing_last_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.last_term");
}

static void test_install_snapshot_rejects_wrong_type_last_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":\"x\",\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.last_term");
}

static void test_install_snapshot_rejects_missing_offset(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.offset");
}

static void test_install_snapshot_rejects_wrong_type_offset(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":\"x\",\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.offset");
}

static void test_install_snapshot_rejects_missing_total(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.total");
}

static void test_install_snapshot_rejects_wrong_type_total(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":\"x\",\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.total");
}

static void test_install_snapshot_rejects_missing_pairs(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.pairs");
}

static void test_install_snapshot_rejects_wrong_type_pairs(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":\"x\",\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.pairs");
}

static void test_install_snapshot_rejects_missing_pairs_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.pairs[0].key");
}

static void test_install_snapshot_rejects_wrong_type_pairs_0_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":7,\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.pairs[0].key");
}

static void test_install_snapshot_rejects_missing_pairs_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.pairs[0].value");
}

static void test_install_snapshot_rejects_wrong_type_pairs_0_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":7,\"index\":9120}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.pairs[0].value");
}

static void test_install_snapshot_rejects_missing_pairs_0_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\"}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_MISSING, "install_snapshot.pairs[0].index");
}

static void test_install_snapshot_rejects_wrong_type_pairs_0_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"last_term\":3,\"offset\":0,\"total\":2,\"pairs\":[{\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"0123456789abcdef0123456789abcdef\",\"index\":\"x\"}],\"mids\":[{\"mid\":\"A1B2C3D4E5F6G7H8\"}],\"sessions\":[{\"client\":\"5A1C\",\"mid\":\"A1B2C3D4E5F6G7H8\",\"index\":9120}]}", MSG_ERR_TYPE, "install_snapshot.pairs[0].index");
}

static void test_install_snapshot_reply_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}";
	struct msg_install_snapshot_reply typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_INSTALL_SNAPSHOT_REPLY);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT(m.as.install_snapshot_reply.term == UINT64_C(4));
	CU_ASSERT(m.as.install_snapshot_reply.last_index == UINT64_C(20000));
	CU_ASSERT(m.as.install_snapshot_reply.next == UINT64_C(2));
	CU_ASSERT(m.as.install_snapshot_reply.done == true);
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_install_snapshot_reply_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_install_snapshot_reply_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_install_snapshot_reply_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_install_snapshot_reply_encoded_bound(&typed));
	msg_install_snapshot_reply_free(&typed);
}

static void test_install_snapshot_reply_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "message.type");
}

static void test_install_snapshot_reply_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_TYPE, "message.type");
}

static void test_install_snapshot_reply_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_SCHEMA, "install_snapshot_reply.schema");
}

static void test_install_snapshot_reply_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"0000000000000000\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_SCHEMA, "install_snapshot_reply.schema");
}

static void test_install_snapshot_reply_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true,\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "install_snapshot_reply.undeclared");
}

static void test_install_snapshot_reply_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.src");
}

static void test_install_snapshot_reply_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.src");
}

static void test_install_snapshot_reply_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.dst");
}

static void test_install_snapshot_reply_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.dst");
}

static void test_install_snapshot_reply_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.leader");
}

static void test_install_snapshot_reply_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.leader");
}

static void test_install_snapshot_reply_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.term");
}

static void test_install_snapshot_reply_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":\"x\",\"last_index\":20000,\"next\":2,\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.term");
}

static void test_install_snapshot_reply_rejects_missing_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"next\":2,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.last_index");
}

static void test_install_snapshot_reply_rejects_wrong_type_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":\"x\",\"next\":2,\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.last_index");
}

static void test_install_snapshot_reply_rejects_missing_next(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"done\":true}", MSG_ERR_MISSING, "install_snapshot_reply.next");
}

static void test_install_snapshot_reply_rejects_wrong_type_next(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":\"x\",\"done\":true}", MSG_ERR_TYPE, "install_snapshot_reply.next");
}

static void test_install_snapshot_reply_rejects_missing_done(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2}", MSG_ERR_MISSING, "install_snapshot_reply.done");
}

static void test_install_snapshot_reply_rejects_wrong_type_done(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"install_snapshot_reply\",\"schema\":\"bb47d38106413511\",\"term\":4,\"last_index\":20000,\"next\":2,\"done\":\"x\"}", MSG_ERR_TYPE, "install_snapshot_reply.done");
}

static void test_status_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}";
	struct msg_status typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_STATUS);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.status.mid, "A1B2C3D4E5F6G7H8");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_status_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_status_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_status_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_status_encoded_bound(&typed));
	msg_status_free(&typed);
}

static void test_status_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "message.type");
}

static void test_status_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "message.type");
}

static void test_status_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "status.src");
}

static void test_status_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "status.src");
}

static void test_status_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "status.dst");
}

static void test_status_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "status.dst");
}

static void test_status_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "status.leader");
}

static void test_status_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_TYPE, "status.leader");
}

static void test_status_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\"}", MSG_ERR_MISSING, "status.MID");
}

static void test_status_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status\",\"MID\":7}", MSG_ERR_TYPE, "status.MID");
}

static void test_status_reply_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}";
	struct msg_status_reply typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_STATUS_REPLY);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.status_reply.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.status_reply.role, "leader");
	CU_ASSERT(m.as.status_reply.term == UINT64_C(4));
	CU_ASSERT(m.as.status_reply.commit == UINT64_C(120));
	CU_ASSERT(m.as.status_reply.applied == UINT64_C(120));
	CU_ASSERT(m.as.status_reply.last_index == UINT64_C(121));
	CU_ASSERT(m.as.status_reply.snapshot_index == UINT64_C(100));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_status_reply_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_status_reply_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_status_reply_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_status_reply_encoded_bound(&typed));
	msg_status_reply_free(&typed);
}

static void test_status_reply_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "message.type");
}

static void test_status_reply_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "message.type");
}

static void test_status_reply_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.src");
}

static void test_status_reply_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.src");
}

static void test_status_reply_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.dst");
}

static void test_status_reply_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.dst");
}

static void test_status_reply_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.leader");
}

static void test_status_reply_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.leader");
}

static void test_status_reply_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.MID");
}

static void test_status_reply_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":7,\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.MID");
}

static void test_status_reply_rejects_missing_role(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.role");
}

static void test_status_reply_rejects_wrong_type_role(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":7,\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.role");
}

static void test_status_reply_rejects_missing_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.term");
}

static void test_status_reply_rejects_wrong_type_term(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":\"x\",\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.term");
}

static void test_status_reply_rejects_missing_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.commit");
}

static void test_status_reply_rejects_wrong_type_commit(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":\"x\",\"applied\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.commit");
}

static void test_status_reply_rejects_missing_applied(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.applied");
}

static void test_status_reply_rejects_wrong_type_applied(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":\"x\",\"last_index\":121,\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.applied");
}

static void test_status_reply_rejects_missing_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"snapshot_index\":100}", MSG_ERR_MISSING, "status_reply.last_index");
}

static void test_status_reply_rejects_wrong_type_last_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":\"x\",\"snapshot_index\":100}", MSG_ERR_TYPE, "status_reply.last_index");
}

static void test_status_reply_rejects_missing_snapshot_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121}", MSG_ERR_MISSING, "status_reply.snapshot_index");
}

static void test_status_reply_rejects_wrong_type_snapshot_index(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"status_reply\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"role\":\"leader\",\"term\":4,\"commit\":120,\"applied\":120,\"last_index\":121,\"snapshot_index\":\"x\"}", MSG_ERR_TYPE, "status_reply.snapshot_index");
}

static void test_client_address_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}";
	struct msg_client_address typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_CLIENT_ADDRESS);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.client_address.client, "5A1C");
	CU_ASSERT_STRING_EQUAL(m.as.client_address.address, "127.0.0.1:40321");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_client_address_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_client_address_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_client_address_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_client_address_encoded_bound(&typed));
	msg_client_address_free(&typed);
}

static void test_client_address_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_MISSING, "message.type");
}

static void test_client_address_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_TYPE, "message.type");
}

static void test_client_address_rejects_missing_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_SCHEMA, "client_address.schema");
}

static void test_client_address_rejects_another_schema_fingerprint(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"0000000000000000\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_SCHEMA, "client_address.schema");
}

static void test_client_address_rejects_undeclared_member(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\",\"undeclared\":1}", MSG_ERR_UNKNOWN_FIELD, "client_address.undeclared");
}

static void test_client_address_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_MISSING, "client_address.src");
}

static void test_client_address_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_TYPE, "client_address.src");
}

static void test_client_address_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_MISSING, "client_address.dst");
}

static void test_client_address_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_TYPE, "client_address.dst");
}

static void test_client_address_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_MISSING, "client_address.leader");
}

static void test_client_address_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_TYPE, "client_address.leader");
}

static void test_client_address_rejects_missing_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"address\":\"127.0.0.1:40321\"}", MSG_ERR_MISSING, "client_address.client");
}

static void test_client_address_rejects_wrong_type_client(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":7,\"address\":\"127.0.0.1:40321\"}", MSG_ERR_TYPE, "client_address.client");
}

static void test_client_address_rejects_missing_address(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\"}", MSG_ERR_MISSING, "client_address.address");
}

static void test_client_address_rejects_wrong_type_address(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"client_address\",\"schema\":\"bb47d38106413511\",\"client\":\"5A1C\",\"address\":7}", MSG_ERR_TYPE, "client_address.address");
}

static void test_delete_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}";
	struct msg_delete typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_DELETE);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.delete.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.delete.key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT(m.as.delete._present.seq == true);
	CU_ASSERT(m.as.delete.seq == UINT64_C(17));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_delete_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_delete_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_delete_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_delete_encoded_bound(&typed));
	msg_delete_free(&typed);
}

static void test_delete_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "message.type");
}

static void test_delete_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_TYPE, "message.type");
}

static void test_delete_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "delete.src");
}

static void test_delete_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_TYPE, "delete.src");
}

static void test_delete_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "delete.dst");
}

static void test_delete_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_TYPE, "delete.dst");
}

static void test_delete_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "delete.leader");
}

static void test_delete_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_TYPE, "delete.leader");
}

static void test_delete_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_MISSING, "delete.MID");
}

static void test_delete_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":7,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"seq\":17}", MSG_ERR_TYPE, "delete.MID");
}

static void test_delete_rejects_missing_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"seq\":17}", MSG_ERR_MISSING, "delete.key");
}

static void test_delete_rejects_wrong_type_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"delete\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":7,\"seq\":17}", MSG_ERR_TYPE, "delete.key");
}

static void test_cas_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}";
	struct msg_cas typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_CAS);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.cas.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.cas.key, "K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G");
	CU_ASSERT_STRING_EQUAL(m.as.cas.expected, "0123456789abcdef0123456789abcdef");
	CU_ASSERT_STRING_EQUAL(m.as.cas.value, "fedcba9876543210fedcba9876543210");
	CU_ASSERT(m.as.cas._present.seq == true);
	CU_ASSERT(m.as.cas.seq == UINT64_C(17));
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_cas_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_cas_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_cas_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_cas_encoded_bound(&typed));
	msg_cas_free(&typed);
}

static void test_cas_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "message.type");
}

static void test_cas_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "message.type");
}

static void test_cas_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.src");
}

static void test_cas_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.src");
}

static void test_cas_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.dst");
}

static void test_cas_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.dst");
}

static void test_cas_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.leader");
}

static void test_cas_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.leader");
}

static void test_cas_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.MID");
}

static void test_cas_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":7,\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.MID");
}

static void test_cas_rejects_missing_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.key");
}

static void test_cas_rejects_wrong_type_key(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":7,\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.key");
}

static void test_cas_rejects_missing_expected(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_MISSING, "cas.expected");
}

static void test_cas_rejects_wrong_type_expected(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":7,\"value\":\"fedcba9876543210fedcba9876543210\",\"seq\":17}", MSG_ERR_TYPE, "cas.expected");
}

static void test_cas_rejects_missing_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"seq\":17}", MSG_ERR_MISSING, "cas.value");
}

static void test_cas_rejects_wrong_type_value(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"cas\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"key\":\"K3Y7Q0ZP1M2N3B4V5C6X7Z8L9K0J1H2G\",\"expected\":\"0123456789abcdef0123456789abcdef\",\"value\":7,\"seq\":17}", MSG_ERR_TYPE, "cas.value");
}

static void test_move_leader_round_trip(void)
{
	static const char example[] = "{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}";
	struct msg_move_leader typed;
	struct msg_any m;
	struct msg_error err;
	char buf[4096];
	size_t len;

	CU_ASSERT_EQUAL_FATAL(msg_any_decode(example, sizeof example - 1, &m, &err), MSG_OK);
	CU_ASSERT_EQUAL(m.type, MSG_TYPE_MOVE_LEADER);
	CU_ASSERT_STRING_EQUAL(m.as.env.src, "0001");
	CU_ASSERT_STRING_EQUAL(m.as.env.dst, "0002");
	CU_ASSERT_STRING_EQUAL(m.as.env.leader, "0001");
	CU_ASSERT(m.as.env._present.cluster == true);
	CU_ASSERT(m.as.env.cluster == UINT64_C(4503599627370497));
	CU_ASSERT_STRING_EQUAL(m.as.move_leader.mid, "A1B2C3D4E5F6G7H8");
	CU_ASSERT_STRING_EQUAL(m.as.move_leader.target, "0002");
	expect_encoding(&m, example);
	msg_any_free(&m);

	CU_ASSERT_EQUAL_FATAL(msg_move_leader_decode(example, sizeof example - 1, &typed, &err), MSG_OK);
	CU_ASSERT_EQUAL(msg_move_leader_validate(&typed, &err), MSG_OK);
	CU_ASSERT_EQUAL_FATAL(msg_move_leader_encode(&typed, buf, sizeof buf, &len, &err), MSG_OK);
	CU_ASSERT_EQUAL(len, sizeof example - 1);
	CU_ASSERT_EQUAL(memcmp(buf, example, len), 0);
	CU_ASSERT(len <= msg_move_leader_encoded_bound(&typed));
	msg_move_leader_free(&typed);
}

static void test_move_leader_rejects_missing_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_MISSING, "message.type");
}

static void test_move_leader_rejects_wrong_type_type(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":7,\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_TYPE, "message.type");
}

static void test_move_leader_rejects_missing_src(void)
{
	expect_rejection("{\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_MISSING, "move_leader.src");
}

static void test_move_leader_rejects_wrong_type_src(void)
{
	expect_rejection("{\"src\":7,\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_TYPE, "move_leader.src");
}

static void test_move_leader_rejects_missing_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_MISSING, "move_leader.dst");
}

static void test_move_leader_rejects_wrong_type_dst(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":7,\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_TYPE, "move_leader.dst");
}

static void test_move_leader_rejects_missing_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_MISSING, "move_leader.leader");
}

static void test_move_leader_rejects_wrong_type_leader(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":7,\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":\"0002\"}", MSG_ERR_TYPE, "move_leader.leader");
}

static void test_move_leader_rejects_missing_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"target\":\"0002\"}", MSG_ERR_MISSING, "move_leader.MID");
}

static void test_move_leader_rejects_wrong_type_MID(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":7,\"target\":\"0002\"}", MSG_ERR_TYPE, "move_leader.MID");
}

static void test_move_leader_rejects_missing_target(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\"}", MSG_ERR_MISSING, "move_leader.target");
}

static void test_move_leader_rejects_wrong_type_target(void)
{
	expect_rejection("{\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\",\"cluster\":4503599627370497,\"type\":\"move_leader\",\"MID\":\"A1B2C3D4E5F6G7H8\",\"target\":7}", MSG_ERR_TYPE, "move_leader.target");
}

static CU_TestInfo generated_tests[] = {
	{ "hello: example round-trips byte for byte", test_hello_round_trip },
	{ "hello: rejects missing type", test_hello_rejects_missing_type },
	{ "hello: rejects wrong type type", test_hello_rejects_wrong_type_type },
	{ "hello: rejects missing src", test_hello_rejects_missing_src },
	{ "hello: rejects wrong type src", test_hello_rejects_wrong_type_src },
	{ "hello: rejects missing dst", test_hello_rejects_missing_dst },
	{ "hello: rejects wrong type dst", test_hello_rejects_wrong_type_dst },
	{ "hello: rejects missing leader", test_hello_rejects_missing_leader },
	{ "hello: rejects wrong type leader", test_hello_rejects_wrong_type_leader },
	{ "get: example round-trips byte for byte", test_get_round_trip },
	{ "get: rejects missing type", test_get_rejects_missing_type },
	{ "get: rejects wrong type type", test_get_rejects_wrong_type_type },
	{ "get: rejects missing src", test_get_rejects_missing_src },
	{ "get: rejects wrong type src", test_get_rejects_wrong_type_src },
	{ "get: rejects missing dst", test_get_rejects_missing_dst },
	{ "get: rejects wrong type dst", test_get_rejects_wrong_type_dst },
	{ "get: rejects missing leader", test_get_rejects_missing_leader },
	{ "get: rejects wrong type leader", test_get_rejects_wrong_type_leader },
	{ "get: rejects missing MID", test_get_rejects_missing_MID },
	{ "get: rejects wrong type MID", test_get_rejects_wrong_type_MID },
	{ "get: rejects missing key", test_get_rejects_missing_key },
	{ "get: rejects wrong type key", test_get_rejects_wrong_type_key },
	{ "put: example round-trips byte for byte", test_put_round_trip },
	{ "put: rejects missing type", test_put_rejects_missing_type },
	{ "put: rejects wrong type type", test_put_rejects_wrong_type_type },
	{ "put: rejects missing src", test_put_rejects_missing_src },
	{ "put: rejects wrong type src", test_put_rejects_wrong_type_src },
	{ "put: rejects missing dst", test_put_rejects_missing_dst },
	{ "put: rejects wrong type dst", test_put_rejects_wrong_type_dst },
	{ "put: rejects missing leader", test_put_rejects_missing_leader },
	{ "put: rejects wrong type leader", test_put_rejects_wrong_type_leader },
	{ "put: rejects missing MID", test_put_rejects_missing_MID },
	{ "put: rejects wrong type MID", test_put_rejects_wrong_type_MID },
	{ "put: rejects missing key", test_put_rejects_missing_key },
	{ "put: rejects wrong type key", test_put_rejects_wrong_type_key },
	{ "put: rejects missing value", test_put_rejects_missing_value },
	{ "put: rejects wrong type value", test_put_rejects_wrong_type_value },
	{ "ok: example round-trips byte for byte", test_ok_round_trip },
	{ "ok: rejects missing type", test_ok_rejects_missing_type },
	{ "ok: rejects wrong type type", test_ok_rejects_wrong_type_type },
	{ "ok: rejects missing src", test_ok_rejects_missing_src },
	{ "ok: rejects wrong type src", test_ok_rejects_wrong_type_src },
	{ "ok: rejects missing dst", test_ok_rejects_missing_dst },
	{ "ok: rejects wrong type dst", test_ok_rejects_wrong_type_dst },
	{ "ok: rejects missing leader", test_ok_rejects_missing_leader },
	{ "ok: rejects wrong type leader", test_ok_rejects_wrong_type_leader },
	{ "ok: rejects missing MID", test_ok_rejects_missing_MID },
	{ "ok: rejects wrong type MID", test_ok_rejects_wrong_type_MID },
	{ "fail: example round-trips byte for byte", test_fail_round_trip },
	{ "fail: rejects missing type", test_fail_rejects_missing_type },
	{ "fail: rejects wrong type type", test_fail_rejects_wrong_type_type },
	{ "fail: rejects missing src", test_fail_rejects_missing_src },
	{ "fail: rejects wrong type src", test_fail_rejects_wrong_type_src },
	{ "fail: rejects missing dst", test_fail_rejects_missing_dst },
	{ "fail: rejects wrong type dst", test_fail_rejects_wrong_type_dst },
	{ "fail: rejects missing leader", test_fail_rejects_missing_leader },
	{ "fail: rejects wrong type leader", test_fail_rejects_wrong_type_leader },
	{ "fail: rejects missing MID", test_fail_rejects_missing_MID },
	{ "fail: rejects wrong type MID", test_fail_rejects_wrong_type_MID },
	{ "redirect: example round-trips byte for byte", test_redirect_round_trip },
	{ "redirect: rejects missing type", test_redirect_rejects_missing_type },
	{ "redirect: rejects wrong type type", test_redirect_rejects_wrong_type_type },
	{ "redirect: rejects missing src", test_redirect_rejects_missing_src },
	{ "redirect: rejects wrong type src", test_redirect_rejects_wrong_type_src },
	{ "redirect: rejects missing dst", test_redirect_rejects_missing_dst },
	{ "redirect: rejects wrong type dst", test_redirect_rejects_wrong_type_dst },
	{ "redirect: rejects missing leader", test_redirect_rejects_missing_leader },
	{ "redirect: rejects wrong type leader", test_redirect_rejects_wrong_type_leader },
	{ "redirect: rejects missing MID", test_redirect_rejects_missing_MID },
	{ "redirect: rejects wrong type MID", test_redirect_rejects_wrong_type_MID },
	{ "request_vote: example round-trips byte for byte", test_request_vote_round_trip },
	{ "request_vote: rejects missing type", test_request_vote_rejects_missing_type },
	{ "request_vote: rejects wrong type type", test_request_vote_rejects_wrong_type_type },
	{ "request_vote: rejects missing schema fingerprint", test_request_vote_rejects_missing_schema_fingerprint },
	{ "request_vote: rejects another schema fingerprint", test_request_vote_rejects_another_schema_fingerprint },
	{ "request_vote: rejects undeclared member", test_request_vote_rejects_undeclared_member },
	{ "request_vote: rejects missing src", test_request_vote_rejects_missing_src },
	{ "request_vote: rejects wrong type src", test_request_vote_rejects_wrong_type_src },
	{ "request_vote: rejects missing dst", test_request_vote_rejects_missing_dst },
	{ "request_vote: rejects wrong type dst", test_request_vote_rejects_wrong_type_dst },
	{ "request_vote: rejects missing leader", test_request_vote_rejects_missing_leader },
	{ "request_vote: rejects wrong type leader", test_request_vote_rejects_wrong_type_leader },
	{ "request_vote: rejects missing term", test_request_vote_rejects_missing_term },
	{ "request_vote: rejects wrong type term", test_request_vote_rejects_wrong_type_term },
	{ "request_vote: rejects missing last log index", test_request_vote_rejects_missing_last_log_index },
	{ "request_vote: rejects wrong type last log index", test_request_vote_rejects_wrong_type_last_log_index },
	{ "request_vote: rejects missing last log term", test_request_vote_rejects_missing_last_log_term },
	{ "request_vote: rejects wrong type last log term", test_request_vote_rejects_wrong_type_last_log_term },
	{ "request_vote: rejects missing pre vote", test_request_vote_rejects_missing_pre_vote },
	{ "request_vote: rejects wrong type pre vote", test_request_vote_rejects_wrong_type_pre_vote },
	{ "request_vote_reply: example round-trips byte for byte", test_request_vote_reply_round_trip },
	{ "request_vote_reply: rejects missing type", test_request_vote_reply_rejects_missing_type },
	{ "request_vote_reply: rejects wrong type type", test_request_vote_reply_rejects_wrong_type_type },
	{ "request_vote_reply: rejects missing schema fingerprint", test_request_vote_reply_rejects_missing_schema_fingerprint },
	{ "request_vote_reply: rejects another schema fingerprint", test_request_vote_reply_rejects_another_schema_fingerprint },
	{ "request_vote_reply: rejects undeclared member", test_request_vote_reply_rejects_undeclared_member },
	{ "request_vote_reply: rejects missing src", test_request_vote_reply_rejects_missing_src },
	{ "request_vote_reply: rejects wrong type src", test_request_vote_reply_rejects_wrong_type_src },
	{ "request_vote_reply: rejects missing dst", test_request_vote_reply_rejects_missing_dst },
	{ "request_vote_reply: rejects wrong type dst", test_request_vote_reply_rejects_wrong_type_dst },
	{ "request_vote_reply: rejects missing leader", test_request_vote_reply_rejects_missing_leader },
	{ "request_vote_reply: rejects wrong type leader", test_request_vote_reply_rejects_wrong_type_leader },
	{ "request_vote_reply: rejects missing term", test_request_vote_reply_rejects_missing_term },
	{ "request_vote_reply: rejects wrong type term", test_request_vote_reply_rejects_wrong_type_term },
	{ "request_vote_reply: rejects missing granted", test_request_vote_reply_rejects_missing_granted },
	{ "request_vote_reply: rejects wrong type granted", test_request_vote_reply_rejects_wrong_type_granted },
	{ "request_vote_reply: rejects missing pre vote", test_request_vote_reply_rejects_missing_pre_vote },
	{ "request_vote_reply: rejects wrong type pre vote", test_request_vote_reply_rejects_wrong_type_pre_vote },
	{ "request_vote_reply: rejects missing commit", test_request_vote_reply_rejects_missing_commit },
	{ "request_vote_reply: rejects wrong type commit", test_request_vote_reply_rejects_wrong_type_commit },
	{ "timeout_now: example round-trips byte for byte", test_timeout_now_round_trip },
	{ "timeout_now: rejects missing type", test_timeout_now_rejects_missing_type },
	{ "timeout_now: rejects wrong type type", test_timeout_now_rejects_wrong_type_type },
	{ "timeout_now: rejects missing schema fingerprint", test_timeout_now_rejects_missing_schema_fingerprint },
	{ "timeout_now: rejects another schema fingerprint", test_timeout_now_rejects_another_schema_fingerprint },
	{ "timeout_now: rejects undeclared member", test_timeout_now_rejects_undeclared_member },
	{ "timeout_now: rejects missing src", test_timeout_now_rejects_missing_src },
	{ "timeout_now: rejects wrong type src", test_timeout_now_rejects_wrong_type_src },
	{ "timeout_now: rejects missing dst", test_timeout_now_rejects_missing_dst },
	{ "timeout_now: rejects wrong type dst", test_timeout_now_rejects_wrong_type_dst },
	{ "timeout_now: rejects missing leader", test_timeout_now_rejects_missing_leader },
	{ "timeout_now: rejects wrong type leader", test_timeout_now_rejects_wrong_type_leader },
	{ "timeout_now: rejects missing term", test_timeout_now_rejects_missing_term },
	{ "timeout_now: rejects wrong type term", test_timeout_now_rejects_wrong_type_term },
	{ "append_entries: example round-trips byte for byte", test_append_entries_round_trip },
	{ "append_entries: rejects missing type", test_append_entries_rejects_missing_type },
	{ "append_entries: rejects wrong type type", test_append_entries_rejects_wrong_type_type },
	{ "append_entries: rejects missing schema fingerprint", test_append_entries_rejects_missing_schema_fingerprint },
	{ "append_entries: rejects another schema fingerprint", test_append_entries_rejects_another_schema_fingerprint },
	{ "append_entries: rejects undeclared member", test_append_entries_rejects_undeclared_member },
	{ "append_entries: rejects missing src", test_append_entries_rejects_missing_src },
	{ "append_entries: rejects wrong type src", test_append_entries_rejects_wrong_type_src },
	{ "append_entries: rejects missing dst", test_append_entries_rejects_missing_dst },
	{ "append_entries: rejects wrong type dst", test_append_entries_rejects_wrong_type_dst },
	{ "append_entries: rejects missing leader", test_append_entries_rejects_missing_leader },
	{ "append_entries: rejects wrong type leader", test_append_entries_rejects_wrong_type_leader },
	{ "append_entries: rejects missing term", test_append_entries_rejects_missing_term },
	{ "append_entries: rejects wrong type term", test_append_entries_rejects_wrong_type_term },
	{ "append_entries: rejects missing prev log index", test_append_entries_rejects_missing_prev_log_index },
	{ "append_entries: rejects wrong type prev log index", test_append_entries_rejects_wrong_type_prev_log_index },
	{ "append_entries: rejects missing prev log term", test_append_entries_rejects_missing_prev_log_term },
	{ "append_entries: rejects wrong type prev log term", test_append_entries_rejects_wrong_type_prev_log_term },
	{ "append_entries: rejects missing commit", test_append_entries_rejects_missing_commit },
	{ "append_entries: rejects wrong type commit", test_append_entries_rejects_wrong_type_commit },
	{ "append_entries: rejects missing seq", test_append_entries_rejects_missing_seq },
	{ "append_entries: rejects wrong type seq", test_append_entries_rejects_wrong_type_seq },
	{ "append_entries: rejects missing quiet", test_append_entries_rejects_missing_quiet },
	{ "append_entries: rejects wrong type quiet", test_append_entries_rejects_wrong_type_quiet },
	{ "append_entries: rejects missing entries", test_append_entries_rejects_missing_entries },
	{ "append_entries: rejects wrong type entries", test_append_entries_rejects_wrong_type_entries },
	{ "append_entries: rejects missing entries 0 term", test_append_entries_rejects_missing_entries_0_term },
	{ "append_entries: rejects wrong type entries 0 term", test_append_entries_rejects_wrong_type_entries_0_term },
	{ "append_entries: rejects missing entries 0 key", test_append_entries_rejects_missing_entries_0_key },
	{ "append_entries: rejects wrong type entries 0 key", test_append_entries_rejects_wrong_type_entries_0_key },
	{ "append_entries: rejects missing entries 0 value", test_append_entries_rejects_missing_entries_0_value },
	{ "append_entries: rejects wrong type entries 0 value", test_append_entries_rejects_wrong_type_entries_0_value },
	{ "append_entries: rejects missing entries 0 client", test_append_entries_rejects_missing_entries_0_client },
	{ "append_entries: rejects wrong type entries 0 client", test_append_entries_rejects_wrong_type_entries_0_client },
	{ "append_entries: rejects missing entries 0 mid", test_append_entries_rejects_missing_entries_0_mid },
	{ "append_entries: rejects wrong type entries 0 mid", test_append_entries_rejects_wrong_type_entries_0_mid },
	{ "append_entries_reply: example round-trips byte for byte", test_append_entries_reply_round_trip },
	{ "append_entries_reply: rejects missing type", test_append_entries_reply_rejects_missing_type },
	{ "append_entries_reply: rejects wrong type type", test_append_entries_reply_rejects_wrong_type_type },
	{ "append_entries_reply: rejects missing schema fingerprint", test_append_entries_reply_rejects_missing_schema_fingerprint },
	{ "append_entries_reply: rejects another schema fingerprint", test_append_entries_reply_rejects_another_schema_fingerprint },
	{ "append_entries_reply: rejects undeclared member", test_append_entries_reply_rejects_undeclared_member },
	{ "append_entries_reply: rejects missing src", test_append_entries_reply_rejects_missing_src },
	{ "append_entries_reply: rejects wrong type src", test_append_entries_reply_rejects_wrong_type_src },
	{ "append_entries_reply: rejects missing dst", test_append_entries_reply_rejects_missing_dst },
	{ "append_entries_reply: rejects wrong type dst", test_append_entries_reply_rejects_wrong_type_dst },
	{ "append_entries_reply: rejects missing leader", test_append_entries_reply_rejects_missing_leader },
	{ "append_entries_reply: rejects wrong type leader", test_append_entries_reply_rejects_wrong_type_leader },
	{ "append_entries_reply: rejects missing term", test_append_entries_reply_rejects_missing_term },
	{ "append_entries_reply: rejects wrong type term", test_append_entries_reply_rejects_wrong_type_term },
	{ "append_entries_reply: rejects missing success", test_append_entries_reply_rejects_missing_success },
	{ "append_entries_reply: rejects wrong type success", test_append_entries_reply_rejects_wrong_type_success },
	{ "append_entries_reply: rejects missing match index", test_append_entries_reply_rejects_missing_match_index },
	{ "append_entries_reply: rejects wrong type match index", test_append_entries_reply_rejects_wrong_type_match_index },
	{ "append_entries_reply: rejects missing conflict index", test_append_entries_reply_rejects_missing_conflict_index },
	{ "append_entries_reply: rejects wrong type conflict index", test_append_entries_reply_rejects_wrong_type_conflict_index },
	{ "append_entries_reply: rejects missing conflict term", test_append_entries_reply_rejects_missing_conflict_term },
	{ "append_entries_reply: rejects wrong type conflict term", test_append_entries_reply_rejects_wrong_type_conflict_term },
	{ "append_entries_reply: rejects missing seq", test_append_entries_reply_rejects_missing_seq },
	{ "append_entries_reply: rejects wrong type seq", test_append_entries_reply_rejects_wrong_type_seq },
	{ "append_entries_reply: rejects missing commit", test_append_entries_reply_rejects_missing_commit },
	{ "append_entries_reply: rejects wrong type commit", test_append_entries_reply_rejects_wrong_type_commit },
	{ "forward: example round-trips byte for byte", test_forward_round_trip },
	{ "forward: rejects missing type", test_forward_rejects_missing_type },
	{ "forward: rejects wrong type type", test_forward_rejects_wrong_type_type },
	{ "forward: rejects missing schema fingerprint", test_forward_rejects_missing_schema_fingerprint },
	{ "forward: rejects another schema fingerprint", test_forward_rejects_another_schema_fingerprint },
	{ "forward: rejects undeclared member", test_forward_rejects_undeclared_member },
	{ "forward: rejects missing src", test_forward_rejects_missing_src },
	{ "forward: rejects wrong type src", test_forward_rejects_wrong_type_src },
	{ "forward: rejects missing dst", test_forward_rejects_missing_dst },
	{ "forward: rejects wrong type dst", test_forward_rejects_wrong_type_dst },
	{ "forward: rejects missing leader", test_forward_rejects_missing_leader },
	{ "forward: rejects wrong type leader", test_forward_rejects_wrong_type_leader },
	{ "forward: rejects missing term", test_forward_rejects_missing_term },
	{ "forward: rejects wrong type term", test_forward_rejects_wrong_type_term },
	{ "forward: rejects missing requests", test_forward_rejects_missing_requests },
	{ "forward: rejects wrong type requests", test_forward_rejects_wrong_type_requests },
	{ "forward: rejects missing requests 0 get", test_forward_rejects_missing_requests_0_get },
	{ "forward: rejects wrong type requests 0 get", test_forward_rejects_wrong_type_requests_0_get },
	{ "forward: rejects missing requests 0 client", test_forward_rejects_missing_requests_0_client },
	{ "forward: rejects wrong type requests 0 client", test_forward_rejects_wrong_type_requests_0_client },
	{ "forward: rejects missing requests 0 mid", test_forward_rejects_missing_requests_0_mid },
	{ "forward: rejects wrong type requests 0 mid", test_forward_rejects_wrong_type_requests_0_mid },
	{ "forward: rejects missing requests 0 key", test_forward_rejects_missing_requests_0_key },
	{ "forward: rejects wrong type requests 0 key", test_forward_rejects_wrong_type_requests_0_key },
	{ "forward: rejects missing requests 0 value", test_forward_rejects_missing_requests_0_value },
	{ "forward: rejects wrong type requests 0 value", test_forward_rejects_wrong_type_requests_0_value },
	{ "forward_ack: example round-trips byte for byte", test_forward_ack_round_trip },
	{ "forward_ack: rejects missing type", test_forward_ack_rejects_missing_type },
	{ "forward_ack: rejects wrong type type", test_forward_ack_rejects_wrong_type_type },
	{ "forward_ack: rejects missing schema fingerprint", test_forward_ack_rejects_missing_schema_fingerprint },
	{ "forward_ack: rejects another schema fingerprint", test_forward_ack_rejects_another_schema_fingerprint },
	{ "forward_ack: rejects undeclared member", test_forward_ack_rejects_undeclared_member },
	{ "forward_ack: rejects missing src", test_forward_ack_rejects_missing_src },
	{ "forward_ack: rejects wrong type src", test_forward_ack_rejects_wrong_type_src },
	{ "forward_ack: rejects missing dst", test_forward_ack_rejects_missing_dst },
	{ "forward_ack: rejects wrong type dst", test_forward_ack_rejects_wrong_type_dst },
	{ "forward_ack: rejects missing leader", test_forward_ack_rejects_missing_leader },
	{ "forward_ack: rejects wrong type leader", test_forward_ack_rejects_wrong_type_leader },
	{ "forward_ack: rejects missing requests", test_forward_ack_rejects_missing_requests },
	{ "forward_ack: rejects wrong type requests", test_forward_ack_rejects_wrong_type_requests },
	{ "forward_ack: rejects missing requests 0 mid", test_forward_ack_rejects_missing_requests_0_mid },
	{ "forward_ack: rejects wrong type requests 0 mid", test_forward_ack_rejects_wrong_type_requests_0_mid },
	{ "install_snapshot: example round-trips byte for byte", test_install_snapshot_round_trip },
	{ "install_snapshot: rejects missing type", test_install_snapshot_rejects_missing_type },
	{ "install_snapshot: rejects wrong type type", test_install_snapshot_rejects_wrong_type_type },
	{ "install_snapshot: rejects missing schema fingerprint", test_install_snapshot_rejects_missing_schema_fingerprint },
	{ "install_snapshot: rejects another schema fingerprint", test_install_snapshot_rejects_another_schema_fingerprint },
	{ "install_snapshot: rejects undeclared member", test_install_snapshot_rejects_undeclared_member },
	{ "install_snapshot: rejects missing src", test_install_snapshot_rejects_missing_src },
	{ "install_snapshot: rejects wrong type src", test_install_snapshot_rejects_wrong_type_src },
	{ "install_snapshot: rejects missing dst", test_install_snapshot_rejects_missing_dst },
	{ "install_snapshot: rejects wrong type dst", test_install_snapshot_rejects_wrong_type_dst },
	{ "install_snapshot: rejects missing leader", test_install_snapshot_rejects_missing_leader },
	{ "install_snapshot: rejects wrong type leader", test_install_snapshot_rejects_wrong_type_leader },
	{ "install_snapshot: rejects missing term", test_install_snapshot_rejects_missing_term },
	{ "install_snapshot: rejects wrong type term", test_install_snapshot_rejects_wrong_type_term },
	{ "install_snapshot: rejects missing last index", test_install_snapshot_rejects_missing_last_index },
	{ "install_snapshot: rejects wrong type last index", test_install_snapshot_rejects_wrong_type_last_index },
	{ "install_snapshot: rejects missing last term", test_install_snapshot_rejects_missing_last_term },
	{ "install_snapshot: rejects wrong type last term", test_install_snapshot_rejects_wrong_type_last_term },
	{ "install_snapshot: rejects missing offset", test_install_snapshot_rejects_missing_offset },
	{ "install_snapshot: rejects wrong type offset", test_install_snapshot_rejects_wrong_type_offset },
	{ "install_snapshot: rejects missing total", test_install_snapshot_rejects_missing_total },
	{ "install_snapshot: rejects wrong type total", test_install_snapshot_rejects_wrong_type_total },
	{ "install_snapshot: rejects missing pairs", test_install_snapshot_rejects_missing_pairs },
	{ "install_snapshot: rejects wrong type pairs", test_install_snapshot_rejects_wrong_type_pairs },
	{ "install_snapshot: rejects missing pairs 0 key", test_install_snapshot_rejects_missing_pairs_0_key },
	{ "install_snapshot: rejects wrong type pairs 0 key", test_install_snapshot_rejects_wrong_type_pairs_0_key },
	{ "install_snapshot: rejects missing pairs 0 value", test_install_snapshot_rejects_missing_pairs_0_value },
	{ "install_snapshot: rejects wrong type pairs 0 value", test_install_snapshot_rejects_wrong_type_pairs_0_value },
	{ "install_snapshot: rejects missing pairs 0 index", test_install_snapshot_rejects_missing_pairs_0_index },
	{ "install_snapshot: rejects wrong type pairs 0 index", test_install_snapshot_rejects_wrong_type_pairs_0_index },
	{ "install_snapshot_reply: example round-trips byte for byte", test_install_snapshot_reply_round_trip },
	{ "install_snapshot_reply: rejects missing type", test_install_snapshot_reply_rejects_missing_type },
	{ "install_snapshot_reply: rejects wrong type type", test_install_snapshot_reply_rejects_wrong_type_type },
	{ "install_snapshot_reply: rejects missing schema fingerprint", test_install_snapshot_reply_rejects_missing_schema_fingerprint },
	{ "install_snapshot_reply: rejects another schema fingerprint", test_install_snapshot_reply_rejects_another_schema_fingerprint },
	{ "install_snapshot_reply: rejects undeclared member", test_install_snapshot_reply_rejects_undeclared_member },
	{ "install_snapshot_reply: rejects missing src", test_install_snapshot_reply_rejects_missing_src },
	{ "install_snapshot_reply: rejects wrong type src", test_install_snapshot_reply_rejects_wrong_type_src },
	{ "install_snapshot_reply: rejects missing dst", test_install_snapshot_reply_rejects_missing_dst },
	{ "install_snapshot_reply: rejects wrong type dst", test_install_snapshot_reply_rejects_wrong_type_dst },
	{ "install_snapshot_reply: rejects missing leader", test_install_snapshot_reply_rejects_missing_leader },
	{ "install_snapshot_reply: rejects wrong type leader", test_install_snapshot_reply_rejects_wrong_type_leader },
	{ "install_snapshot_reply: rejects missing term", test_install_snapshot_reply_rejects_missing_term },
	{ "install_snapshot_reply: rejects wrong type term", test_install_snapshot_reply_rejects_wrong_type_term },
	{ "install_snapshot_reply: rejects missing last index", test_install_snapshot_reply_rejects_missing_last_index },
	{ "install_snapshot_reply: rejects wrong type last index", test_install_snapshot_reply_rejects_wrong_type_last_index },
	{ "install_snapshot_reply: rejects missing next", test_install_snapshot_reply_rejects_missing_next },
	{ "install_snapshot_reply: rejects wrong type next", test_install_snapshot_reply_rejects_wrong_type_next },
	{ "install_snapshot_reply: rejects missing done", test_install_snapshot_reply_rejects_missing_done },
	{ "install_snapshot_reply: rejects wrong type done", test_install_snapshot_reply_rejects_wrong_type_done },
	{ "status: example round-trips byte for byte", test_status_round_trip },
	{ "status: rejects missing type", test_status_rejects_missing_type },
	{ "status: rejects wrong type type", test_status_rejects_wrong_type_type },
	{ "status: rejects missing src", test_status_rejects_missing_src },
	{ "status: rejects wrong type src", test_status_rejects_wrong_type_src },
	{ "status: rejects missing dst", test_status_rejects_missing_dst },
	{ "status: rejects wrong type dst", test_status_rejects_wrong_type_dst },
	{ "status: rejects missing leader", test_status_rejects_missing_leader },
	{ "status: rejects wrong type leader", test_status_rejects_wrong_type_leader },
	{ "status: rejects missing MID", test_status_rejects_missing_MID },
	{ "status: rejects wrong type MID", test_status_rejects_wrong_type_MID },
	{ "status_reply: example round-trips byte for byte", test_status_reply_round_trip },
	{ "status_reply: rejects missing type", test_status_reply_rejects_missing_type },
	{ "status_reply: rejects wrong type type", test_status_reply_rejects_wrong_type_type },
	{ "status_reply: rejects missing src", test_status_reply_rejects_missing_src },
	{ "status_reply: rejects wrong type src", test_status_reply_rejects_wrong_type_src },
	{ "status_reply: rejects missing dst", test_status_reply_rejects_missing_dst },
	{ "status_reply: rejects wrong type dst", test_status_reply_rejects_wrong_type_dst },
	{ "status_reply: rejects missing leader", test_status_reply_rejects_missing_leader },
	{ "status_reply: rejects wrong type leader", test_status_reply_rejects_wrong_type_leader },
	{ "status_reply: rejects missing MID", test_status_reply_rejects_missing_MID },
	{ "status_reply: rejects wrong type MID", test_status_reply_rejects_wrong_type_MID },
	{ "status_reply: rejects missing role", test_status_reply_rejects_missing_role },
	{ "status_reply: rejects wrong type role", test_status_reply_rejects_wrong_type_role },
	{ "status_reply: rejects missing term", test_status_reply_rejects_missing_term },
	{ "status_reply: rejects wrong type term", test_status_reply_rejects_wrong_type_term },
	{ "status_reply: rejects missing commit", test_status_reply_rejects_missing_commit },
	{ "status_reply: rejects wrong type commit", test_status_reply_rejects_wrong_type_commit },
	{ "status_reply: rejects missing applied", test_status_reply_rejects_missing_applied },
	{ "status_reply: rejects wrong type applied", test_status_reply_rejects_wrong_type_applied },
	{ "status_reply: rejects missing last index", test_status_reply_rejects_missing_last_index },
	{ "status_reply: rejects wrong type last index", test_status_reply_rejects_wrong_type_last_index },
	{ "status_reply: rejects missing snapshot index", test_status_reply_rejects_missing_snapshot_index },
	{ "status_reply: rejects wrong type snapshot index", test_status_reply_rejects_wrong_type_snapshot_index },
	{ "client_address: example round-trips byte for byte", test_client_address_round_trip },
	{ "client_address: rejects missing type", test_client_address_rejects_missing_type },
	{ "client_address: rejects wrong type type", test_client_address_rejects_wrong_type_type },
	{ "client_address: rejects missing schema fingerprint", test_client_address_rejects_missing_schema_fingerprint },
	{ "client_address: rejects another schema fingerprint", test_client_address_rejects_another_schema_fingerprint },
	{ "client_address: rejects undeclared member", test_client_address_rejects_undeclared_member },
	{ "client_address: rejects missing src", test_client_address_rejects_missing_src },
	{ "client_address: rejects wrong type src", test_client_address_rejects_wrong_type_src },
	{ "client_address: rejects missing dst", test_client_address_rejects_missing_dst },
	{ "client_address: rejects wrong type dst", test_client_address_rejects_wrong_type_dst },
	{ "client_address: rejects missing leader", test_client_address_rejects_missing_leader },
	{ "client_address: rejects wrong type leader", test_client_address_rejects_wrong_type_leader },
	{ "client_address: rejects missing client", test_client_address_rejects_missing_client },
	{ "client_address: rejects wrong type client", test_client_address_rejects_wrong_type_client },
	{ "client_address: rejects missing address", test_client_address_rejects_missing_address },
	{ "client_address: rejects wrong type address", test_client_address_rejects_wrong_type_address },
	{ "delete: example round-trips byte for byte", test_delete_round_trip },
	{ "delete: rejects missing type", test_delete_rejects_missing_type },
	{ "delete: rejects wrong type type", test_delete_rejects_wrong_type_type },
	{ "delete: rejects missing src", test_delete_rejects_missing_src },
	{ "delete: rejects wrong type src", test_delete_rejects_wrong_type_src },
	{ "delete: rejects missing dst", test_delete_rejects_missing_dst },
	{ "delete: rejects wrong type dst", test_delete_rejects_wrong_type_dst },
	{ "delete: rejects missing leader", test_delete_rejects_missing_leader },
	{ "delete: rejects wrong type leader", test_delete_rejects_wrong_type_leader },
	{ "delete: rejects missing MID", test_delete_rejects_missing_MID },
	{ "delete: rejects wrong type MID", test_delete_rejects_wrong_type_MID },
	{ "delete: rejects missing key", test_delete_rejects_missing_key },
	{ "delete: rejects wrong type key", test_delete_rejects_wrong_type_key },
	{ "cas: example round-trips byte for byte", test_cas_round_trip },
	{ "cas: rejects missing type", test_cas_rejects_missing_type },
	{ "cas: rejects wrong type type", test_cas_rejects_wrong_type_type },
	{ "cas: rejects missing src", test_cas_rejects_missing_src },
	{ "cas: rejects wrong type src", test_cas_rejects_wrong_type_src },
	{ "cas: rejects missing dst", test_cas_rejects_missing_dst },
	{ "cas: rejects wrong type dst", test_cas_rejects_wrong_type_dst },
	{ "cas: rejects missing leader", test_cas_rejects_missing_leader },
	{ "cas: rejects wrong type leader", test_cas_rejects_wrong_type_leader },
	{ "cas: rejects missing MID", test_cas_rejects_missing_MID },
	{ "cas: rejects wrong type MID", test_cas_rejects_wrong_type_MID },
	{ "cas: rejects missing key", test_cas_rejects_missing_key },
	{ "cas: rejects wrong type key", test_cas_rejects_wrong_type_key },
	{ "cas: rejects missing expected", test_cas_rejects_missing_expected },
	{ "cas: rejects wrong type expected", test_cas_rejects_wrong_type_expected },
	{ "cas: rejects missing value", test_cas_rejects_missing_value },
	{ "cas: rejects wrong type value", test_cas_rejects_wrong_type_value },
	{ "move_leader: example round-trips byte for byte", test_move_leader_round_trip },
	{ "move_leader: rejects missing type", test_move_leader_rejects_missing_type },
	{ "move_leader: rejects wrong type type", test_move_leader_rejects_wrong_type_type },
	{ "move_leader: rejects missing src", test_move_leader_rejects_missing_src },
	{ "move_leader: rejects wrong type src", test_move_leader_rejects_wrong_type_src },
	{ "move_leader: rejects missing dst", test_move_leader_rejects_missing_dst },
	{ "move_leader: rejects wrong type dst", test_move_leader_rejects_wrong_type_dst },
	{ "move_leader: rejects missing leader", test_move_leader_rejects_missing_leader },
	{ "move_leader: rejects wrong type leader", test_move_leader_rejects_wrong_type_leader },
	{ "move_leader: rejects missing MID", test_move_leader_rejects_missing_MID },
	{ "move_leader: rejects wrong type MID", test_move_leader_rejects_wrong_type_MID },
	{ "move_leader: rejects missing target", test_move_leader_rejects_missing_target },
	{ "move_leader: rejects wrong type target", test_move_leader_rejects_wrong_type_target },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo generated_suites[] = {
	{ "generated codec tests", NULL, NULL, NULL, NULL, generated_tests },
	CU_SUITE_INFO_NULL,
};

int msg_register_generated_tests(void)
{
	return CU_register_suites(generated_suites) == CUE_SUCCESS ? 0 : -1;
}
