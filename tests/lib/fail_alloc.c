/* See fail_alloc.h. */
#include "fail_alloc.h"

#include <stddef.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
char *__real_strdup(const char *s);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
char *__wrap_strdup(const char *s);
void *__wrap_realloc(void *p, size_t size);

static unsigned countdown;
static int fired;

void fail_alloc_after(unsigned n)
{
	countdown = n;
	fired = 0;
}

int fail_alloc_fired(void)
{
	return fired;
}

static int should_fail(void)
{
	if (countdown == 0)
		return 0;
	if (--countdown == 0) {
		fired = 1;
		return 1;
	}
	return 0;
}

void *__wrap_malloc(size_t size)
{
	return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __real_calloc(n, size);
}

char *__wrap_strdup(const char *s)
{
	return should_fail() ? NULL : __real_strdup(s);
}

void *__wrap_realloc(void *p, size_t size)
{
	return should_fail() ? NULL : __real_realloc(p, size);
}
