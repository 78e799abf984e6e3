/* The key-value state machine: a string map, applied in log order. */
#ifndef KV_H
#define KV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kv_item;

struct kv {
	struct kv_item *items; /* a uthash table */
	size_t count;
};

void kv_init(struct kv *kv);
void kv_free(struct kv *kv);
/* Sets key to a copy of value, written by log entry `index`. Returns 0, or
 * -1 when out of memory (the map is unchanged then). */
int kv_put(struct kv *kv, const char *key, const char *value, uint64_t index);
/* Removes key: true, or false when it was absent (nothing done). */
bool kv_delete(struct kv *kv, const char *key);
/* The value of key, or NULL when absent. Valid until the next kv_put. */
const char *kv_get(const struct kv *kv, const char *key);
/* The log entry that last wrote key; 0 when absent. */
uint64_t kv_written_at(const struct kv *kv, const char *key);

/* Calls visit for every key, in no particular order, until it returns
 * < 0 (then so does kv_each). */
typedef int (*kv_visit)(void *ctx, const char *key, const char *value, uint64_t index);
int kv_each(const struct kv *kv, kv_visit visit, void *ctx);

#endif
