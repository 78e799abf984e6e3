/* A datagram becomes a cJSON tree only if its shape fits the schema's:
 * the scan before parsing, and duplicate keys after. */
#include "msg_runtime.h"
#include "msg_utf8.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Where the scan is in the JSON structure: inside a string or not, and,
 * per open object or array, which one and how many members it has. */
struct shape_scan {
	const struct msg_shape *limit;
	bool in_string;
	size_t depth;
	bool is_object[MSG_SHAPE_DEPTH_MAX];
	size_t members[MSG_SHAPE_DEPTH_MAX];
};

/* The ASCII bytes the scan must look at: NUL, the escape, and those that
 * change the structure (outside strings) or end a string. One load a
 * byte: the scan runs over every datagram, 14 KB for a catch-up batch. */
static const bool notable_ascii[0x80] = {
	[0] = true, ['\\'] = true, ['"'] = true, ['{'] = true, ['['] = true, ['}'] = true, [']'] = true, [':'] = true,
};

/* Follows one structural byte at offset i. Malformed JSON is left to cJSON:
 * the scan only has to count right on what cJSON would accept. */
static int follow(struct shape_scan *sc, unsigned char c, size_t i, const struct msg_path *at, struct msg_error *err)
{
	if (c == '"') {
		sc->in_string = !sc->in_string;
	} else if (sc->in_string) {
		return MSG_OK;
	} else if (c == '{' || c == '[') {
		if (sc->depth == sc->limit->depth)
			return msg_fail(err, MSG_ERR_TOO_DEEP, at, NULL, "nested deeper than %zu levels at offset %zu",
					sc->limit->depth, i);
		sc->is_object[sc->depth] = c == '{';
		sc->members[sc->depth++] = 0;
	} else if (c == '}' || c == ']') {
		sc->depth -= sc->depth > 0;
	} else if (sc->depth > 0 && sc->is_object[sc->depth - 1] && ++sc->members[sc->depth - 1] > sc->limit->members) {
		return msg_fail(err, MSG_ERR_TOO_MANY_MEMBERS, at, NULL,
				"an object of more than %zu members at offset %zu", sc->limit->members, i);
	}
	return MSG_OK;
}

/* Rejects what cJSON would silently mangle: raw NUL bytes, invalid UTF-8,
 * and the escape \u0000, which would truncate the string holding it; and
 * what no message can be, nesting or objects larger than `limit`, before
 * cJSON spends a millisecond building thousands of members to be refused.
 * Outside strings a backslash is a JSON error anyway, so escapes are
 * checked wherever they are; an escaped character is skipped, so an
 * escaped quote does not end a string. Plain ASCII takes the first test
 * only. */
static int prescan(const char *buf, size_t len, const struct msg_shape *limit, const struct msg_path *at,
		   struct msg_error *err)
{
	const unsigned char *s = (const unsigned char *)buf;
	struct shape_scan sc = { .limit = limit };
	size_t i, step;
	int rc;

	assert(limit->depth <= MSG_SHAPE_DEPTH_MAX);
	for (i = 0; i < len; i++) {
		unsigned char c = s[i];

		if (c < 0x80 && !notable_ascii[c])
			continue;
		if (c == 0)
			return msg_fail(err, MSG_ERR_NUL, at, NULL, "NUL byte at offset %zu", i);
		if (c == '\\') {
			if (i + 6 <= len && s[i + 1] == 'u' && memcmp(s + i + 2, "0000", 4) == 0)
				return msg_fail(err, MSG_ERR_NUL, at, NULL, "\\u0000 at offset %zu", i);
			if (i + 1 < len && s[i + 1] > 0 && s[i + 1] < 0x80)
				i++; /* the escaped character is not an escape */
			continue;
		}
		if (c < 0x80) {
			if ((rc = follow(&sc, c, i, at, err)) < 0)
				return rc;
			continue;
		}
		step = msg_utf8_sequence(s + i, len - i);
		if (step == 0)
			return msg_fail(err, MSG_ERR_UTF8, at, NULL, "invalid UTF-8 at offset %zu", i);
		i += step - 1;
	}
	return MSG_OK;
}

/* Pairwise: the prescan bounded every object to a few dozen members. */
static const char *duplicate_key(const cJSON *obj)
{
	const cJSON *a, *b;

	for (a = obj->child; a; a = a->next)
		for (b = obj->child; b != a; b = b->next)
			if (a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0)
				return a->string;
	return NULL;
}

static int check_duplicates(const cJSON *node, const struct msg_path *at, struct msg_error *err)
{
	const cJSON *child;
	const char *dup;
	int rc;

	if (cJSON_IsObject(node)) {
		dup = duplicate_key(node);
		if (dup)
			return msg_fail(err, MSG_ERR_DUPLICATE_KEY, at, dup, "key appears more than once");
	}
	for (child = node->child; child; child = child->next) {
		rc = check_duplicates(child, at, err);
		if (rc < 0)
			return rc;
	}
	return MSG_OK;
}

static bool only_whitespace(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

int msg_parse_root(const char *buf, size_t len, const struct msg_shape *limit, cJSON **root, const struct msg_path *at,
		   struct msg_error *err)
{
	const char *end = NULL;
	cJSON *parsed;
	int rc;

	*root = NULL;
	rc = prescan(buf, len, limit, at, err);
	if (rc < 0)
		return rc;
	parsed = cJSON_ParseWithLengthOpts(buf, len, &end, false);
	if (!parsed) {
		size_t off = end && end >= buf ? (size_t)(end - buf) : 0;
		return msg_fail(err, MSG_ERR_JSON, at, NULL, "cannot parse JSON near offset %zu", off);
	}
	/* cJSON stops after the first value; anything but blanks after it is junk. */
	if (!end || !only_whitespace(end, buf + len)) {
		cJSON_Delete(parsed);
		return msg_fail(err, MSG_ERR_JSON, at, NULL, "trailing data after the JSON value");
	}
	if (!cJSON_IsObject(parsed)) {
		cJSON_Delete(parsed);
		return msg_fail(err, MSG_ERR_NOT_OBJECT, at, NULL, "expected a JSON object");
	}
	rc = check_duplicates(parsed, at, err);
	if (rc < 0) {
		cJSON_Delete(parsed);
		return rc;
	}
	*root = parsed;
	return MSG_OK;
}
