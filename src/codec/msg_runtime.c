/* Helpers behind the generated codecs; see msg_runtime.h for the traps they close. */
#include "msg_runtime.h"

#include <assert.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Objects with more keys than this are checked for duplicates by sorting. */

const char *msg_strerror(int code)
{
	switch (code) {
#define MSG_CASE(name, value, text) \
	case value:                 \
		return text;
		MSG_ERRORS(MSG_CASE)
#undef MSG_CASE
	}
	return "unknown error code";
}

static size_t format_path(char *buf, size_t cap, const struct msg_path *at)
{
	size_t used = 0;
	int n;

	if (!at)
		return 0;
	used = format_path(buf, cap, at->parent);
	if (used >= cap)
		return used;
	if (at->index >= 0)
		n = snprintf(buf + used, cap - used, "%s%s[%ld]", used ? "." : "", at->name, at->index);
	else
		n = snprintf(buf + used, cap - used, "%s%s", used ? "." : "", at->name);
	return n < 0 ? used : used + (size_t)n;
}

int msg_fail(struct msg_error *err, int code, const struct msg_path *at, const char *field, const char *fmt, ...)
{
	size_t used;
	va_list ap;

	if (!err)
		return code;
	err->code = (enum msg_err)code;
	used = format_path(err->text, sizeof err->text, at);
	if (field && used < sizeof err->text)
		used += (size_t)snprintf(err->text + used, sizeof err->text - used, "%s%s", used ? "." : "", field);
	if (used > 0 && used < sizeof err->text)
		used += (size_t)snprintf(err->text + used, sizeof err->text - used, ": ");
	if (used < sizeof err->text) {
		va_start(ap, fmt);
		vsnprintf(err->text + used, sizeof err->text - used, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* Length of the UTF-8 sequence at s (n bytes left), or 0 if invalid:
 * overlong forms, surrogates and code points above U+10FFFF are refused. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

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
		step = utf8_sequence(s + i, len - i);
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

/* Looks up `wire` case-sensitively; handles absence for every reader. */
static int find_field(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, const cJSON **item,
		      bool *present, struct msg_error *err)
{
	const cJSON *child;

	/* Case-sensitive, unlike cJSON_GetObjectItem; the first byte is
	 * compared before the rest, as most keys differ there. */
	*item = NULL;
	for (child = obj->child; child; child = child->next) {
		if (child->string && child->string[0] == wire[0] && strcmp(child->string, wire) == 0) {
			*item = child;
			break;
		}
	}
	if (present)
		*present = *item != NULL;
	if (!*item && required)
		return msg_fail(err, MSG_ERR_MISSING, at, wire, "missing required field");
	return MSG_OK;
}

int msg_read_u64(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, uint64_t *out,
		 bool *present, struct msg_error *err)
{
	const cJSON *item;
	double d;
	int rc = find_field(obj, wire, at, required, &item, present, err);

	if (rc < 0 || !item)
		return rc;
	if (!cJSON_IsNumber(item))
		return msg_fail(err, MSG_ERR_TYPE, at, wire, "expected unsigned integer");
	d = item->valuedouble;
	/* Written as !(in range) so that NaN is refused too. */
	if (!(d >= 0 && d < (double)MSG_U64_LIMIT) || (double)(uint64_t)d != d)
		return msg_fail(err, MSG_ERR_RANGE, at, wire, "expected a whole number in [0, 2^53)");
	*out = (uint64_t)d;
	return MSG_OK;
}

int msg_read_bool(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, bool *out,
		  bool *present, struct msg_error *err)
{
	const cJSON *item;
	int rc = find_field(obj, wire, at, required, &item, present, err);

	if (rc < 0 || !item)
		return rc;
	if (!cJSON_IsBool(item))
		return msg_fail(err, MSG_ERR_TYPE, at, wire, "expected true or false");
	*out = cJSON_IsTrue(item);
	return MSG_OK;
}

int msg_read_string(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, char **out,
		    bool *present, struct msg_error *err)
{
	const cJSON *item;
	int rc = find_field(obj, wire, at, required, &item, present, err);

	if (rc < 0 || !item)
		return rc;
	if (!cJSON_IsString(item) || !item->valuestring)
		return msg_fail(err, MSG_ERR_TYPE, at, wire, "expected string");
	*out = strdup(item->valuestring);
	if (!*out)
		return msg_fail(err, MSG_ERR_NOMEM, at, wire, "copying string");
	return MSG_OK;
}

int msg_read_id(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, char out[MSG_ID_SIZE],
		bool *present, struct msg_error *err)
{
	const cJSON *item;
	size_t i, len;
	int rc = find_field(obj, wire, at, required, &item, present, err);

	if (rc < 0 || !item)
		return rc;
	if (!cJSON_IsString(item) || !item->valuestring)
		return msg_fail(err, MSG_ERR_TYPE, at, wire, "expected id string");
	len = strlen(item->valuestring);
	if (len < MSG_ID_LEN || len > MSG_ID_MAX_LEN)
		return msg_fail(err, MSG_ERR_BAD_ID, at, wire, "expected 4 to 16 hex digits");
	/* Ids are canonical in upper case once decoded: the test-bed's
	 * are, and the rest of the replica compares them with strcmp. */
	for (i = 0; i <= len; i++)
		out[i] = (char)toupper((unsigned char)item->valuestring[i]);
	return MSG_OK;
}

int msg_read_list(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, size_t max_count,
		  const cJSON **items, size_t *count, bool *present, struct msg_error *err)
{
	const cJSON *item, *child;
	size_t n = 0;
	int rc = find_field(obj, wire, at, required, &item, present, err);

	*items = NULL;
	*count = 0;
	if (rc < 0 || !item)
		return rc;
	if (!cJSON_IsArray(item))
		return msg_fail(err, MSG_ERR_TYPE, at, wire, "expected list");
	for (child = item->child; child; child = child->next)
		if (++n > max_count)
			return msg_fail(err, MSG_ERR_TOO_MANY, at, wire, "more than %zu items", max_count);
	*items = item->child;
	*count = n;
	return MSG_OK;
}

int msg_check_string(const char *s, const struct msg_path *at, const char *field, size_t min_len, size_t max_len,
		     const unsigned char *charset, struct msg_error *err)
{
	size_t len, i;

	if (!s)
		return msg_fail(err, MSG_ERR_MISSING, at, field, "missing required field");
	len = strlen(s);
	if (len > max_len)
		return msg_fail(err, MSG_ERR_TOO_LONG, at, field, "%zu bytes, at most %zu allowed", len, max_len);
	if (len < min_len)
		return msg_fail(err, MSG_ERR_TOO_SHORT, at, field, "%zu bytes, at least %zu required", len, min_len);
	for (i = 0; charset && i < len; i++)
		if (!charset[(unsigned char)s[i]])
			return msg_fail(err, MSG_ERR_PATTERN, at, field, "byte 0x%02x at %zu not allowed",
					(unsigned char)s[i], i);
	return MSG_OK;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int msg_check_id(const char *id, bool broadcast_allowed, const struct msg_path *at, const char *field,
		 struct msg_error *err)
{
	size_t len = strnlen(id, MSG_ID_SIZE), i;

	if (len < MSG_ID_LEN || len > MSG_ID_MAX_LEN)
		return msg_fail(err, MSG_ERR_BAD_ID, at, field, "expected 4 to 16 hex digits");
	for (i = 0; i < len; i++)
		if (!is_hex(id[i]))
			return msg_fail(err, MSG_ERR_BAD_ID, at, field, "expected 4 to 16 hex digits");
	if (!broadcast_allowed && strcasecmp(id, MSG_ID_BROADCAST) == 0)
		return msg_fail(err, MSG_ERR_BAD_ID, at, field, "FFFF is not allowed here");
	return MSG_OK;
}

int msg_check_u64(uint64_t v, uint64_t min, uint64_t max, const struct msg_path *at, const char *field,
		  struct msg_error *err)
{
	if (v < min || v > max)
		return msg_fail(err, MSG_ERR_RANGE, at, field, "%llu not in [%llu, %llu]", (unsigned long long)v,
				(unsigned long long)min, (unsigned long long)max);
	return MSG_OK;
}

int msg_check_count(size_t n, size_t max_count, const struct msg_path *at, const char *field, struct msg_error *err)
{
	if (n > max_count)
		return msg_fail(err, MSG_ERR_TOO_MANY, at, field, "%zu items, at most %zu allowed", n, max_count);
	return MSG_OK;
}

bool msg_add_u64(cJSON *obj, const char *wire, uint64_t v)
{
	char digits[24];

	/* Printed by us: cJSON would go through a double. */
	snprintf(digits, sizeof digits, "%llu", (unsigned long long)v);
	return cJSON_AddItemToObjectCS(obj, wire, cJSON_CreateRaw(digits));
}

bool msg_add_bool(cJSON *obj, const char *wire, bool v)
{
	return cJSON_AddItemToObjectCS(obj, wire, cJSON_CreateBool(v));
}

bool msg_add_string(cJSON *obj, const char *wire, const char *v)
{
	return cJSON_AddItemToObjectCS(obj, wire, cJSON_CreateString(v));
}

bool msg_same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The member name of the string that holds offset i of printed JSON
 * (cJSON prints "name":"value" compactly, and escapes every quote inside
 * a string): into name, "" if none is found. */
static void member_at(const char *buf, size_t i, char *name, size_t size)
{
	size_t open = i, end, start;

	name[0] = '\0';
	while (open > 0 && !(buf[open - 1] == '"' && (open < 2 || buf[open - 2] != '\\')))
		open--;
	if (open < 3 || buf[open - 2] != ':' || buf[open - 3] != '"')
		return;
	end = open - 3;
	for (start = end; start > 0 && buf[start - 1] != '"'; start--)
		;
	snprintf(name, size, "%.*s", (int)(end - start), buf + start);
}

/* What is sent must pass what is accepted (prescan): cJSON copies a
 * string's bytes as they are, so one that is not UTF-8 would make every
 * peer drop the datagram. Strings that were decoded passed the prescan
 * already; only the encoder checks here. */
static int check_printed(const char *buf, size_t len, struct msg_error *err)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i, step;

	for (i = 0; i < len; i++) {
		uint64_t word;

		/* eight ASCII bytes at a time: almost every message is ASCII */
		while (i + 8 <= len && (memcpy(&word, s + i, 8), (word & UINT64_C(0x8080808080808080)) == 0))
			i += 8;
		if (i >= len)
			break;
		if (s[i] < 0x80)
			continue;
		step = utf8_sequence(s + i, len - i);
		if (step == 0) {
			char name[64];

			member_at(buf, i, name, sizeof name);
			return msg_fail(err, MSG_ERR_UTF8, NULL, name[0] ? name : NULL,
					"invalid UTF-8 at offset %zu of the message", i);
		}
		i += step - 1;
	}
	return MSG_OK;
}

int msg_print(const cJSON *obj, char *buf, size_t cap, size_t *len, struct msg_error *err)
{
	/* cJSON may need a few spare bytes beyond the final length. */
	if (cap > INT32_MAX || !cJSON_PrintPreallocated((cJSON *)obj, buf, (int)cap, false))
		return msg_fail(err, MSG_ERR_BUFFER_TOO_SMALL, NULL, NULL, "encoded message does not fit %zu bytes",
				cap);
	*len = strlen(buf);
	return check_printed(buf, *len, err);
}

int msg_print_alloc(const cJSON *obj, char **out, size_t *len, struct msg_error *err)
{
	int rc;

	*out = cJSON_PrintUnformatted(obj);
	if (!*out)
		return msg_fail(err, MSG_ERR_NOMEM, NULL, NULL, "printing message");
	*len = strlen(*out);
	rc = check_printed(*out, *len, err);
	if (rc < 0) {
		cJSON_free(*out);
		*out = NULL;
	}
	return rc;
}

void msg_buffer_free(char *buf)
{
	cJSON_free(buf);
}
