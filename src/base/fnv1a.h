/* FNV-1a, 64 bits: a quick hash for identities (the cluster's id, a MID
 * remembered) and test fingerprints. Not a secret: anyone can forge one
 * (keys are issue "Nobody gets in who does not hold the key"). */
#ifndef FNV1A_H
#define FNV1A_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FNV1A_START UINT64_C(0xcbf29ce484222325)

static inline uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	while (len--)
		h = (h ^ *p++) * UINT64_C(0x100000001b3);
	return h;
}

static inline uint64_t fnv1a_str(uint64_t h, const char *s)
{
	return fnv1a(h, s, strlen(s));
}

#endif
