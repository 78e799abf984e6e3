/* Where clients are reached, in cluster mode (client_directory.h). */
#include "client_directory.h"
#include "base/fnv1a.h"

#include <stdlib.h>
#include <string.h>
#include <uthash.h>

struct client_slot {
	char id[MSG_ID_SIZE];
	struct sockaddr_in addr;
	uint64_t last_mid; /* a hash of the MID of the last request heard here (0: none) */
	UT_hash_handle hh; /* in order of last use, oldest first */
};

int client_directory_init(struct client_directory *d)
{
	d->slots = NULL;
	d->count = 0;
	return 0;
}

void client_directory_free(struct client_directory *d)
{
	struct client_slot *s, *tmp;

	HASH_ITER (hh, d->slots, s, tmp) {
		HASH_DEL(d->slots, s);
		free(s);
	}
	d->count = 0;
}

static struct client_slot *find(const struct client_directory *d, const char *id)
{
	struct client_slot *s = NULL;

	HASH_FIND(hh, d->slots, id, strlen(id), s);
	return s;
}

/* Client id's slot s (NULL: it has none), made the most recently used; a
 * new one (taking the least recently used when full) if there is none.
 * NULL when out of memory: the client is then not reached until it sends
 * again. */
static struct client_slot *use(struct client_directory *d, const char *id, struct client_slot *s)
{
	if (s) {
		HASH_DEL(d->slots, s);
	} else if (d->count >= CLIENT_DIRECTORY_MAX) {
		s = d->slots;
		HASH_DEL(d->slots, s);
		memset(s, 0, sizeof *s);
	} else {
		s = calloc(1, sizeof *s);
		if (!s)
			return NULL;
		d->count++;
	}
	msg_id_copy(s->id, id);
	HASH_ADD(hh, d->slots, id, strlen(s->id), s);
	return s;
}

static bool same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

/* Never 0: 0 is "none". */
static uint64_t hash_mid(const char *mid)
{
	uint64_t h = fnv1a_str(FNV1A_START, mid);

	return h ? h : 1;
}

bool client_directory_heard(struct client_directory *d, const char *id, const struct sockaddr_in *addr, const char *mid)
{
	struct client_slot *s = find(d, id);
	uint64_t h = hash_mid(mid);
	bool tell = !s || !same_addr(&s->addr, addr) || h == s->last_mid;

	s = use(d, id, s);
	if (s) {
		s->addr = *addr;
		s->last_mid = h;
	}
	return tell;
}

void client_directory_learn(struct client_directory *d, const char *id, const struct sockaddr_in *addr)
{
	struct client_slot *s = use(d, id, find(d, id));

	if (s)
		s->addr = *addr;
}

bool client_directory_find(const struct client_directory *d, const char *id, struct sockaddr_in *out)
{
	const struct client_slot *s = find(d, id);

	if (!s)
		return false;
	*out = s->addr;
	return true;
}
