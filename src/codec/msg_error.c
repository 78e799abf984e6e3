/* The codec's errors: codes, their text, and where a message went wrong. */
#include "msg_runtime.h"

#include <stdarg.h>
#include <stdio.h>

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
