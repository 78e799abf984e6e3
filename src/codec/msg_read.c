/* A message's fields read from its cJSON tree and checked against the
 * schema's constraints. */
#include "msg_runtime.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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

bool msg_member_id(char dst[MSG_ID_SIZE], const char *src)
{
	size_t i;

	if (!src || strlen(src) != MSG_ID_LEN)
		return false;
	for (i = 0; i < MSG_ID_LEN; i++) {
		if (!isxdigit((unsigned char)src[i]))
			return false;
		dst[i] = (char)toupper((unsigned char)src[i]);
	}
	dst[MSG_ID_LEN] = '\0';
	return strcmp(dst, MSG_ID_BROADCAST) != 0;
}
