/* The in-process cluster's simulated lazy disks (cluster.h declares what
 * the tests call: cluster_make_durable, cluster_crash). */
#ifndef CLUSTER_DISK_H
#define CLUSTER_DISK_H

#include "cluster.h"

/* m waits on d for the next sync (d owns it from here on). */
void cluster_disk_hold(struct cluster_disk *d, const struct msg_any *m);
/* The messages waiting on d are lost. */
void cluster_disk_free_held(struct cluster_disk *d);
/* Appends what node i changed since its last write to its log, as the
 * replica's loop writes at the end of an iteration (wal_file_save);
 * after a snapshot, rewrites it, unless `crashing` and the coin says the
 * crash came first (then the old log and snapshot stay, whole). */
void cluster_disk_write(struct cluster *c, size_t i, bool crashing);

#endif
