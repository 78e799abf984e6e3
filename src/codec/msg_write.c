/* A message's fields added to a cJSON tree, and the tree printed and
 * checked. */
#include "msg_runtime.h"
#include "msg_utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		step = msg_utf8_sequence(s + i, len - i);
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
