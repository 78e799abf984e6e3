/* The map behind the store, on uthash (uthash-dev): one allocation per key,
 * values replaced in place. */
#include "kv.h"

#include <stdlib.h>
#include <string.h>

#include <uthash.h>

struct kv_item {
	char *key;
	char *value;
	uint64_t index; /* the entry that wrote value */
	UT_hash_handle hh;
};

void kv_init(struct kv *kv)
{
	kv->items = NULL;
	kv->count = 0;
}

void kv_free(struct kv *kv)
{
	struct kv_item *item, *tmp;

	HASH_ITER (hh, kv->items, item, tmp) {
		HASH_DEL(kv->items, item);
		free(item->key);
		free(item->value);
		free(item);
	}
	kv_init(kv);
}

int kv_put(struct kv *kv, const char *key, const char *value, uint64_t index)
{
	struct kv_item *item = NULL;
	char *copy = strdup(value);
	size_t len = strlen(key);
	unsigned hash;

	if (!copy)
		return -1;
	/* One hash for the lookup and the insert: a restart puts every key. */
	HASH_VALUE(key, len, hash);
	HASH_FIND_BYHASHVALUE(hh, kv->items, key, len, hash, item);
	if (item) {
		free(item->value);
		item->value = copy;
		item->index = index;
		return 0;
	}
	item = calloc(1, sizeof *item);
	if (item)
		item->key = strdup(key);
	if (!item || !item->key) {
		free(item);
		free(copy);
		return -1;
	}
	item->value = copy;
	item->index = index;
	HASH_ADD_KEYPTR_BYHASHVALUE(hh, kv->items, item->key, len, hash, item);
	kv->count++;
	return 0;
}

bool kv_delete(struct kv *kv, const char *key)
{
	struct kv_item *item = NULL;

	HASH_FIND_STR(kv->items, key, item);
	if (!item)
		return false;
	HASH_DEL(kv->items, item);
	free(item->key);
	free(item->value);
	free(item);
	kv->count--;
	return true;
}

const char *kv_get(const struct kv *kv, const char *key)
{
	struct kv_item *item = NULL;

	HASH_FIND_STR(kv->items, key, item);
	return item ? item->value : NULL;
}

uint64_t kv_written_at(const struct kv *kv, const char *key)
{
	struct kv_item *item = NULL;

	HASH_FIND_STR(kv->items, key, item);
	return item ? item->index : 0;
}

int kv_each(const struct kv *kv, kv_visit visit, void *ctx)
{
	const struct kv_item *item;

	for (item = kv->items; item; item = item->hh.next)
		if (visit(ctx, item->key, item->value, item->index) < 0)
			return -1;
	return 0;
}
