/* What the codec's unit tests share; see codec_fixture.h. */
#include "codec_fixture.h"

#include <string.h>

#include <CUnit/CUnit.h>

int codec_decode_code(const char *json, struct msg_error *err)
{
	struct msg_any m;
	int rc = msg_any_decode(json, strlen(json), &m, err);

	msg_any_free(&m);
	return rc;
}

/* Decoding json fails with code, and the message starts with `path:`. */
void codec_expect_error(const char *json, int code, const char *path)
{
	struct msg_error err = { MSG_OK, "" };

	CU_ASSERT_EQUAL(codec_decode_code(json, &err), code);
	if (path) {
		CU_ASSERT_EQUAL(strncmp(err.text, path, strlen(path)), 0);
		CU_ASSERT_EQUAL(err.text[strlen(path)], ':');
	}
}
