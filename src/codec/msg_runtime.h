/*
 * msg_runtime: the hand-written half of the protocol layer. The generated
 * codecs (generated/messages.c) call these helpers to read, check and write
 * JSON fields; they hold every cJSON trap in one place:
 *   - numbers are doubles: only whole numbers in [0, 2^53) are accepted, and
 *     integers are printed by us, exactly;
 *   - cJSON_GetObjectItem is case-insensitive: only the case-sensitive lookup
 *     is used;
 *   - duplicate keys are accepted by cJSON: msg_parse_root rejects them;
 *   - "\u0000" truncates a string: rejected before parsing, as are raw NUL
 *     bytes and invalid UTF-8 (the test-bed closes a replica that sends it).
 */
#ifndef MSG_RUNTIME_H
#define MSG_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cJSON.h>

/* What this file offers the generated code: codegen/generate.py writes the
 * number it expects into generated/messages.h, which refuses to compile
 * when they differ (stale generated code). Bump both together. */
#define MSG_RUNTIME_VERSION 3

/* A replica's id is 4 hex digits (the test-bed's, and a member's in a
 * cluster); a client's is 4 to 16: the test-bed gives 4, kvctl draws 16 in
 * a cluster so that concurrent clients never share one. FFFF is
 * "everyone"/"unknown". */
#define MSG_ID_LEN 4
#define MSG_ID_MAX_LEN 16
#define MSG_ID_SIZE (MSG_ID_MAX_LEN + 1)
#define MSG_ID_BROADCAST "FFFF"

/* Copies an id (or "", or FFFF) into a field of MSG_ID_SIZE bytes; the
 * source may be shorter than the field, as most ids are. */
static inline void msg_id_copy(char dst[MSG_ID_SIZE], const char *src)
{
	size_t n = strnlen(src, MSG_ID_MAX_LEN);

	memcpy(dst, src, n);
	dst[n] = '\0';
}
/* A replica's id as typed by a person or a caller (4 hex digits, not
 * FFFF), into dst in upper case, as the codec keeps ids; false if src is
 * not one. */
bool msg_member_id(char dst[MSG_ID_SIZE], const char *src);

/* Integers travel as JSON numbers, which cJSON holds as doubles. */
#define MSG_U64_LIMIT (UINT64_C(1) << 53)

/* Error codes: negative, one per cause, so a caller can count them apart. */
#define MSG_ERRORS(X)                                               \
	X(MSG_OK, 0, "no error")                                    \
	X(MSG_ERR_JSON, -1, "malformed JSON")                       \
	X(MSG_ERR_NOT_OBJECT, -2, "not a JSON object")              \
	X(MSG_ERR_TYPE, -3, "wrong JSON type")                      \
	X(MSG_ERR_MISSING, -4, "missing required field")            \
	X(MSG_ERR_TOO_LONG, -5, "string too long")                  \
	X(MSG_ERR_TOO_SHORT, -6, "string too short")                \
	X(MSG_ERR_BAD_ID, -7, "malformed id")                       \
	X(MSG_ERR_RANGE, -8, "integer out of range")                \
	X(MSG_ERR_UNKNOWN_TYPE, -9, "unknown message type")         \
	X(MSG_ERR_DUPLICATE_KEY, -10, "duplicate key")              \
	X(MSG_ERR_NUL, -11, "NUL character in input")               \
	X(MSG_ERR_UTF8, -12, "invalid UTF-8")                       \
	X(MSG_ERR_PATTERN, -13, "character not allowed by pattern") \
	X(MSG_ERR_TOO_MANY, -14, "list too long")                   \
	X(MSG_ERR_WRONG_MESSAGE, -15, "message is of another type") \
	X(MSG_ERR_BUFFER_TOO_SMALL, -16, "output buffer too small") \
	X(MSG_ERR_NOMEM, -17, "out of memory")                      \
	X(MSG_ERR_SCHEMA, -18, "built from another schema")         \
	X(MSG_ERR_UNKNOWN_FIELD, -19, "member not in the schema")   \
	X(MSG_ERR_TOO_DEEP, -20, "nested too deep")                 \
	X(MSG_ERR_TOO_MANY_MEMBERS, -21, "object with too many members")

enum msg_err {
#define MSG_ENUM_ITEM(name, value, text) name = value,
	MSG_ERRORS(MSG_ENUM_ITEM)
#undef MSG_ENUM_ITEM
};

/* An error: its code and a message that starts with the field's path,
 * e.g. "append_entries.entries[3].term: expected unsigned integer". */
struct msg_error {
	enum msg_err code;
	char text[256];
};

/* Where a field sits, as a chain on the caller's stack; formatted only when
 * an error is reported, so a successful decode builds no strings. */
struct msg_path {
	const struct msg_path *parent;
	const char *name;
	long index; /* >= 0 when `name` is a list and this is one of its items */
};

const char *msg_strerror(int code);

/* Records `code` with "<path>[.field]: <detail>" in err (which may be NULL)
 * and returns code. */
int msg_fail(struct msg_error *err, int code, const struct msg_path *at, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The largest JSON a decoder will parse: objects and arrays nested at most
 * `depth` deep, objects of at most `members` members. */
struct msg_shape {
	size_t depth, members;
};
/* The room a decoder leaves beyond the schema's own shape: a client may
 * send members the schema does not declare (they are ignored), but not
 * thousands of them, which would cost a millisecond to parse. */
#define MSG_SLACK_DEPTH 2
#define MSG_SLACK_MEMBERS 16
/* Room for the deepest shape any decoder may ask for. */
#define MSG_SHAPE_DEPTH_MAX 32

/* Checks raw bytes (UTF-8, no NUL, no \u0000) and their shape (within
 * `limit`, in one pass before cJSON builds anything), parses them, and
 * requires a JSON object with no duplicate keys at any depth. On success
 * *root is the caller's to cJSON_Delete. */
int msg_parse_root(const char *buf, size_t len, const struct msg_shape *limit, cJSON **root, const struct msg_path *at,
		   struct msg_error *err);

/* Field readers. A missing optional field leaves *present false and returns
 * MSG_OK; a missing required one returns MSG_ERR_MISSING. `present` may be
 * NULL for required fields. Strings are returned malloc'd. */
int msg_read_u64(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, uint64_t *out,
		 bool *present, struct msg_error *err);
int msg_read_bool(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, bool *out,
		  bool *present, struct msg_error *err);
int msg_read_string(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, char **out,
		    bool *present, struct msg_error *err);
/* An id of 4 characters, returned in upper case (hex is checked by the
 * validator). */
int msg_read_id(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, char out[MSG_ID_SIZE],
		bool *present, struct msg_error *err);
/* Finds a list; *items is its first element (NULL if empty), *count its
 * length, which must not exceed max_count. */
int msg_read_list(const cJSON *obj, const char *wire, const struct msg_path *at, bool required, size_t max_count,
		  const cJSON **items, size_t *count, bool *present, struct msg_error *err);

/* Constraint checks used by the generated validators. `charset` is a table
 * of 256 flags, or NULL when any character is allowed. */
int msg_check_string(const char *s, const struct msg_path *at, const char *field, size_t min_len, size_t max_len,
		     const unsigned char *charset, struct msg_error *err);
int msg_check_id(const char *id, bool broadcast_allowed, const struct msg_path *at, const char *field,
		 struct msg_error *err);
int msg_check_u64(uint64_t v, uint64_t min, uint64_t max, const struct msg_path *at, const char *field,
		  struct msg_error *err);
int msg_check_count(size_t n, size_t max_count, const struct msg_path *at, const char *field, struct msg_error *err);

/* Field writers: add `wire` (a string literal, not copied) to obj.
 * Return false when out of memory. */
bool msg_add_u64(cJSON *obj, const char *wire, uint64_t v);
bool msg_add_bool(cJSON *obj, const char *wire, bool v);
bool msg_add_string(cJSON *obj, const char *wire, const char *v);

/* Strings equal, where NULL equals only NULL. */
bool msg_same_string(const char *a, const char *b);

/* Prints obj as compact JSON into buf (cap bytes, NUL-terminated), or into a
 * new buffer (*out, to be released with msg_buffer_free). */
int msg_print(const cJSON *obj, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_print_alloc(const cJSON *obj, char **out, size_t *len, struct msg_error *err);
void msg_buffer_free(char *buf);

#endif
