/*
 * libFuzzer target over decode+validate. Asserts, beyond "no crash and no
 * sanitizer report": whatever decodes re-encodes; the encoding decodes to an
 * equal message; and that message encodes to the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"

static void fail(const char *what, const struct msg_error *err)
{
	fprintf(stderr, "fuzz_decode: %s: %s\n", what, err->text);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct msg_any first, second;
	struct msg_error err;
	char *bytes1 = NULL, *bytes2 = NULL;
	size_t len1, len2;

	if (msg_any_decode((const char *)data, size, &first, &err) != MSG_OK)
		return 0;
	if (msg_any_encode_alloc(&first, &bytes1, &len1, &err) != MSG_OK)
		fail("a decoded message does not encode", &err);
	if (msg_any_decode(bytes1, len1, &second, &err) != MSG_OK)
		fail("an encoded message does not decode", &err);
	if (!msg_any_equal(&first, &second))
		fail("decode(encode(m)) differs from m", &err);
	if (msg_any_encode_alloc(&second, &bytes2, &len2, &err) != MSG_OK)
		fail("the second encode failed", &err);
	if (len1 != len2 || memcmp(bytes1, bytes2, len1) != 0)
		fail("encoding is not stable", &err);
	msg_buffer_free(bytes1);
	msg_buffer_free(bytes2);
	msg_any_free(&first);
	msg_any_free(&second);
	return 0;
}
