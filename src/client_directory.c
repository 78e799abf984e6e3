/* Where clients are reached, in cluster mode (client_directory.h). */
#include "client_directory.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 65536

struct client_slot {
	struct sockaddr_in addr;
	uint64_t told_ms; /* when the peers were last told, by anyone */
	bool known, told;
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

bool client_directory_heard(struct client_directory *d, const char *id, const struct sockaddr_in *addr, uint64_t now_ms)
{
	struct client_slot *s = slot_of(d, id);

	if (s->known && s->told && same_addr(&s->addr, addr) && now_ms < s->told_ms + CLIENT_ANNOUNCE_AGAIN_MS)
		return false;
	s->addr = *addr;
	s->known = s->told = true;
	s->told_ms = now_ms;
	return true;
}

void client_directory_learn(struct client_directory *d, const char *id, const struct sockaddr_in *addr, uint64_t now_ms)
{
	struct client_slot *s = slot_of(d, id);

	s->addr = *addr;
	s->known = s->told = true;
	s->told_ms = now_ms;
}

bool client_directory_find(const struct client_directory *d, const char *id, struct sockaddr_in *out)
{
	const struct client_slot *s = slot_of(d, id);

	if (!s->known)
		return false;
	*out = s->addr;
	return true;
}
