/* Where clients are reached, in cluster mode (client_directory.h). */
#include "client_directory.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 65536

struct client_slot {
	struct sockaddr_in addr;
	uint64_t last_mid; /* a hash of the MID of the last request heard here (0: none) */
	bool known;
};

int client_directory_init(struct client_directory *d)
{
	d->slots = calloc(SLOTS, sizeof *d->slots);
	return d->slots ? 0 : -1;
}

void client_directory_free(struct client_directory *d)
{
	free(d->slots);
	d->slots = NULL;
}

/* The slot of a 4-hex-digit id (the codec checked its form). */
static struct client_slot *slot_of(const struct client_directory *d, const char *id)
{
	return &d->slots[strtoul(id, NULL, 16) & (SLOTS - 1)];
}

static bool same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

/* FNV-1a, never 0. */
static uint64_t hash_mid(const char *mid)
{
	uint64_t h = 0xCBF29CE484222325ull;

	for (; *mid; mid++)
		h = (h ^ (unsigned char)*mid) * 0x100000001B3ull;
	return h ? h : 1;
}

bool client_directory_heard(struct client_directory *d, const char *id, const struct sockaddr_in *addr, const char *mid)
{
	struct client_slot *s = slot_of(d, id);
	uint64_t h = hash_mid(mid);
	bool tell = !s->known || !same_addr(&s->addr, addr) || h == s->last_mid;

	s->addr = *addr;
	s->known = true;
	s->last_mid = h;
	return tell;
}

void client_directory_learn(struct client_directory *d, const char *id, const struct sockaddr_in *addr)
{
	struct client_slot *s = slot_of(d, id);

	s->addr = *addr;
	s->known = true;
}

bool client_directory_find(const struct client_directory *d, const char *id, struct sockaddr_in *out)
{
	const struct client_slot *s = slot_of(d, id);

	if (!s->known)
		return false;
	*out = s->addr;
	return true;
}
