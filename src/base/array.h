/*
 * The one growable array of the program: each array is a pointer to its
 * items and a capacity, and array_reserve makes room. utarray (uthash-dev)
 * would do, but it ends the process when memory runs out, and a replica
 * must not: every caller here gives up the one thing it was doing, and
 * says so.
 */
#ifndef BASE_ARRAY_H
#define BASE_ARRAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `need` items of `size` bytes in the array whose pointer
 * is at `items` (a T ** passed as it is) and whose capacity is *cap: the
 * capacity becomes `first` if it was 0, then doubles until it fits. 0, or
 * -1 when out of memory (nothing changed). */
static inline int array_reserve(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
	size_t grown = *cap ? *cap : first;
	void *old, *p;

	if (need <= *cap)
		return 0;
	while (grown < need) {
		if (grown > SIZE_MAX / 2)
			return -1;
		grown *= 2;
	}
	if (grown > SIZE_MAX / size)
		return -1;
	memcpy(&old, items, sizeof old);
	p = realloc(old, grown * size);
	if (!p)
		return -1;
	memcpy(items, &p, sizeof p);
	*cap = grown;
	return 0;
}

#endif
