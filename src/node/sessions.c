/* Client sessions (sessions.h), on uthash like the map. */
#include "sessions.h"

#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "messages.h"

#define MID_MAX 64      /* the schema's max_len for a MID */
#define RESULT_MAX 1024 /* and for a value */

/* Fixed sizes, so that recording an applied write cannot run out of
 * memory after the write was made: about 1 KB per client. */
struct session {
	char client[MSG_ID_SIZE];
	char mid[MID_MAX + 1]; /* "": room reserved, nothing applied yet */
	uint64_t index;
	uint64_t seq; /* the highest serial number applied; 0: none */
	bool has_result;
	char result[RESULT_MAX + 1];
	UT_hash_handle hh;
};

void sessions_init(struct sessions *s)
{
	s->table = NULL;
	s->count = 0;
}

void sessions_free(struct sessions *s)
{
	struct session *e, *tmp;

	HASH_ITER (hh, s->table, e, tmp) {
		HASH_DEL(s->table, e);
		free(e);
	}
	sessions_init(s);
}

static struct session *find(const struct sessions *s, const char *client)
{
	struct session *e = NULL;

	HASH_FIND(hh, s->table, client, strlen(client), e);
	return e;
}

bool sessions_applied(const struct sessions *s, const char *client, const char *mid)
{
	const struct session *e = find(s, client);

	return e && mid[0] && strcmp(e->mid, mid) == 0;
}

bool sessions_late(const struct sessions *s, const char *client, const char *mid, uint64_t seq)
{
	const struct session *e = find(s, client);

	return e && seq && seq <= e->seq && strcmp(e->mid, mid) != 0;
}

const char *sessions_result(const struct sessions *s, const char *client, const char *mid)
{
	const struct session *e = find(s, client);

	return e && e->has_result && mid[0] && strcmp(e->mid, mid) == 0 ? e->result : NULL;
}

int sessions_reserve(struct sessions *s, const char *client)
{
	struct session *e = find(s, client);

	if (e)
		return 0;
	e = calloc(1, sizeof *e);
	if (!e)
		return -1;
	msg_id_copy(e->client, client);
	HASH_ADD(hh, s->table, client, strlen(e->client), e);
	s->count++;
	return 0;
}

void sessions_record(struct sessions *s, const char *client, const struct session_write *w)
{
	struct session *e = find(s, client);

	if (!e) /* not reserved: a caller's bug, but no reason to crash */
		return;
	strncpy(e->mid, w->mid, MID_MAX);
	e->mid[MID_MAX] = '\0';
	e->index = w->index;
	if (w->seq > e->seq)
		e->seq = w->seq;
	e->has_result = w->result != NULL;
	if (w->result) {
		strncpy(e->result, w->result, RESULT_MAX);
		e->result[RESULT_MAX] = '\0';
	}
}

int sessions_each(const struct sessions *s, sessions_visit visit, void *ctx)
{
	const struct session *e, *tmp;

	HASH_ITER (hh, s->table, e, tmp) {
		struct session_write w = { e->mid, e->index, e->seq, e->has_result ? e->result : NULL };

		if (e->mid[0] && visit(ctx, e->client, &w) < 0)
			return -1;
	}
	return 0;
}
