/* A FIFO-bounded set of strings on uthash (uthash-dev). */
#include "mid_set.h"

#include <stdlib.h>
#include <string.h>

#include <uthash.h>

struct mid_set_item {
	char *mid;
	UT_hash_handle hh;
};

int mid_set_init(struct mid_set *s, size_t cap)
{
	memset(s, 0, sizeof *s);
	s->order = calloc(cap, sizeof *s->order);
	if (!s->order)
		return -1;
	s->cap = cap;
	return 0;
}

static void item_free(struct mid_set_item *item)
{
	free(item->mid);
	free(item);
}

void mid_set_free(struct mid_set *s)
{
	struct mid_set_item *item, *tmp;

	HASH_ITER (hh, s->items, item, tmp) {
		HASH_DEL(s->items, item);
		item_free(item);
	}
	free(s->order);
	memset(s, 0, sizeof *s);
}

int mid_set_has(const struct mid_set *s, const char *mid)
{
	struct mid_set_item *item = NULL;

	HASH_FIND_STR(s->items, mid, item);
	return item != NULL;
}

int mid_set_add(struct mid_set *s, const char *mid)
{
	struct mid_set_item *item;

	if (mid_set_has(s, mid))
		return 0;
	item = calloc(1, sizeof *item);
	if (!item || !(item->mid = strdup(mid))) {
		free(item);
		return -1;
	}
	if (s->n == s->cap) {
		struct mid_set_item *oldest = s->order[s->oldest];

		HASH_DEL(s->items, oldest);
		item_free(oldest);
		s->order[s->oldest] = item;
		s->oldest = (s->oldest + 1) % s->cap;
	} else {
		s->order[(s->oldest + s->n++) % s->cap] = item;
	}
	HASH_ADD_KEYPTR(hh, s->items, item->mid, strlen(item->mid), item);
	return 1;
}

size_t mid_set_count(const struct mid_set *s)
{
	return s->n;
}

const char *mid_set_get(const struct mid_set *s, size_t i)
{
	return s->order[(s->oldest + i) % s->cap]->mid;
}
