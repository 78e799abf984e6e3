/* What a step hands back to its caller: the outbox and the commit range. */
#include "raft.h"
#include "base/array.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void raft_update_init(struct raft_update *u)
{
	memset(u, 0, sizeof *u);
	raft_persist_clear(&u->persist);
}

void raft_persist_clear(struct raft_persist *p)
{
	p->hard_state = false;
	p->log_from = RAFT_LOG_SAVED;
}

void raft_persist_merge(struct raft_persist *into, const struct raft_persist *from)
{
	into->hard_state = into->hard_state || from->hard_state;
	if (from->log_from < into->log_from)
		into->log_from = from->log_from;
}

void raft_update_reset(struct raft_update *u)
{
	size_t i;

	for (i = 0; i < u->out.n; i++)
		msg_any_free(&u->out.items[i]);
	u->out.n = 0;
	u->commit_from = u->commit_to = 0;
	u->answer_from = u->answer_to = 0;
	u->late_from = u->late_to = 0;
	u->snapshot_installed = false;
	u->deadline = 0;
	u->read_round = 0;
	raft_persist_clear(&u->persist);
}

void raft_update_free(struct raft_update *u)
{
	raft_update_reset(u);
	free(u->out.items);
	raft_update_init(u);
}

struct msg_any *raft_outbox_add(struct raft_update *u, enum msg_type type)
{
	struct raft_outbox *out = &u->out;
	struct msg_any *m;

	if (array_reserve(&out->items, &out->cap, out->n + 1, sizeof *out->items, 16) < 0)
		return NULL;
	m = &out->items[out->n++];
	msg_any_init(m, type);
	return m;
}

void raft_outbox_drop_last(struct raft_update *u)
{
	assert(u->out.n > 0);
	msg_any_free(&u->out.items[--u->out.n]);
}

size_t raft_outbox_size(const struct raft_update *u)
{
	return u->out.n;
}

const struct msg_any *raft_outbox_get(const struct raft_update *u, size_t i)
{
	assert(i < u->out.n);
	return &u->out.items[i];
}

void raft_outbox_take_all(struct raft_update *u)
{
	u->out.n = 0;
}

void raft_outbox_partition(struct raft_update *u, bool (*first)(const struct msg_any *m))
{
	struct raft_outbox *out = &u->out;
	size_t i, n_first = 0;

	/* In place, each message that goes first moved back past the others:
	 * outboxes are short, and a step allocates nothing for it. */
	for (i = 0; i < out->n; i++) {
		struct msg_any m = out->items[i];

		if (!first(&m))
			continue;
		memmove(&out->items[n_first + 1], &out->items[n_first], (i - n_first) * sizeof *out->items);
		out->items[n_first++] = m;
	}
}
