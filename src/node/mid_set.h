/*
 * A bounded set of request MIDs, forgetting the oldest once full: how a
 * leader recognises a forwarded request it has already taken when the
 * follower resends it (its acknowledgement was lost).
 */
#ifndef MID_SET_H
#define MID_SET_H

#include <stddef.h>

struct mid_set_item;

struct mid_set {
	struct mid_set_item *items;  /* a uthash table */
	struct mid_set_item **order; /* a ring, oldest at `oldest`, for eviction */
	size_t cap, n, oldest;
};

/* An empty set that remembers up to cap MIDs. 0, or -1 when out of memory. */
int mid_set_init(struct mid_set *s, size_t cap);
void mid_set_free(struct mid_set *s);
/* 1 if mid was added, 0 if it was there already, -1 when out of memory
 * (the set is unchanged then). Adding to a full set forgets the oldest. */
int mid_set_add(struct mid_set *s, const char *mid);
int mid_set_has(const struct mid_set *s, const char *mid);
/* How many MIDs it holds, and the i-th of them (i < that), oldest first. */
size_t mid_set_count(const struct mid_set *s);
const char *mid_set_get(const struct mid_set *s, size_t i);

#endif
