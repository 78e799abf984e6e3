/* The in-process cluster's simulated lazy disks: each node's log and
 * snapshot, its messages held until they are synced, crashes that keep a
 * prefix of the write in progress; see cluster_disk.h. */
#include "cluster_disk.h"
#include "base/array.h"
#include "storage/snap.h"

#include <stdlib.h>

void cluster_disk_free_held(struct cluster_disk *d)
{
	size_t i;

	for (i = 0; i < d->n_held; i++)
		msg_any_free(&d->held[i]);
	d->n_held = 0;
}

void cluster_disk_hold(struct cluster_disk *d, const struct msg_any *m)
{
	if (array_reserve(&d->held, &d->cap_held, d->n_held + 1, sizeof *d->held, 16) < 0)
		abort(); /* the test's own memory ran out */
	d->held[d->n_held++] = *m;
}

/* After a snapshot, as wal_file.c's rewrite: the snapshot file, then a
 * new log that follows it, each written whole and renamed into place, so
 * both are synced at once. */
static void rewrite_log(struct cluster *c, size_t i, struct node_mids *answered)
{
	struct cluster_disk *d = &c->disks[i];
	struct raft *r = &c->nodes[i].raft;
	struct wal_buf fresh = { 0 };

	if (raft_snapshot_of(r)) {
		d->snap.len = 0;
		if (snap_encode(raft_snapshot_of(r), raft_id(r), &d->snap) < 0)
			abort();
		c->snapshots_written++;
	}
	if (wal_rewrite(&d->writer, r, raft_id(r), 0, answered->items, answered->n, &fresh) < 0)
		abort();
	wal_buf_free(&d->bytes);
	d->bytes = fresh;
	d->synced = d->bytes.len;
}

/* Appends what node i changed since its last sync to its log, as the
 * replica's loop writes at the end of an iteration (wal_file_save);
 * after a snapshot, rewrites it, unless `crashing` and the coin says the
 * crash came first (then the old log and snapshot stay, whole). */
void cluster_disk_write(struct cluster *c, size_t i, bool crashing)
{
	struct node_mids answered = { 0 };
	struct cluster_disk *d = &c->disks[i];

	node_take_answered(&c->nodes[i], &answered);
	if (node_maybe_snapshot(&c->nodes[i], wal_answers_left(&d->writer)) < 0)
		abort(); /* the test's own memory ran out */
	if (wal_rewrite_due(&d->writer, &c->nodes[i].raft)) {
		if (!crashing || cluster_random(c, 2))
			rewrite_log(c, i, &answered);
		else
			c->rewrites_lost++;
	} else if (wal_collect(&d->writer, &c->nodes[i].raft, &d->persist, &d->bytes) < 0 ||
		   wal_write_answered(&d->bytes, answered.items, answered.n) < 0) {
		abort();
	}
	raft_persist_clear(&d->persist); /* written, or the whole file was */
	node_mids_free(&answered);
}

void cluster_make_durable(struct cluster *c)
{
	size_t i;

	c->durable = true;
	for (i = 0; i < c->n; i++) {
		struct cluster_disk *d = &c->disks[i];
		struct raft_restore empty = { 0 };

		if (wal_write_header(&d->bytes, c->nodes[i].raft.id, 0) < 0)
			abort();
		wal_writer_init(&d->writer, &empty);
		raft_persist_clear(&d->persist);
		d->synced = d->bytes.len;
		node_keep_answered(&c->nodes[i]);
		node_set_snapshot_every(&c->nodes[i], c->snapshot_every);
	}
}

void cluster_crash(struct cluster *c, size_t i)
{
	struct cluster_disk *d = &c->disks[i];

	/* It dies in the middle of its next sync: of what that sync writes,
	 * the disk kept some prefix; the messages that waited are lost. */
	cluster_disk_write(c, i, true);
	c->alive[i] = false;
	c->paused[i] = false;
	cluster_disk_free_held(d);
	d->bytes.len = d->synced + cluster_random(c, d->bytes.len - d->synced + 1);
}
