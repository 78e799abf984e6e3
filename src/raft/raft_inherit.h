/*
 * Entries a new leader inherits: those of earlier terms above what any
 * replica it heard from knows answered. A follower that relayed a chain
 * holds its entries, but the delegate at the chain's end answered them as
 * it stored them, and a partition can cut both the old leader and the
 * delegate off before that word reached anyone else. A new leader that
 * relayed the last chain of its last entries' term therefore commits the
 * inherited entries at once but answers them only once it has heard from
 * that delegate (its replies tell what it answered), or after
 * timing.inherit_wait (a delegate cut off is heard once the partition
 * heals; one that died, never). Until then the answers of later entries
 * wait too (answers leave in log order), and so do reads, as for any
 * answer still owed, and it replicates by star (a new delegate would be
 * told the commit index, which would then claim the held answers). With no
 * such delegate, or one that voted for it, nothing waits. Leader only.
 *
 * A leader elected again after it stepped down inherits, beyond those, the
 * entries it had committed itself but whose answers had not left (its
 * delegate's, or held: struct raft's owed_from), with its delegate of then
 * as the one that may have answered them.
 */
#ifndef RAFT_INHERIT_H
#define RAFT_INHERIT_H

#include "raft_state.h"

/* At election: the first entry not known answered (after the commit
 * index, or what this replica owed when it last led). */
uint64_t raft_inherit_first(const struct raft *r);
/* At election: holds the answers of the inherited entries from `first`
 * on (raft_inherit_first), if any. */
void raft_inherit_begin(struct raft *r, uint64_t first, uint64_t now_ms);
/* Whether the answer for entry `index` is held. */
bool raft_inherit_holds(const struct raft *r, uint64_t index);
/* frontier, lowered below the first held answer. */
uint64_t raft_inherit_cap(const struct raft *r, uint64_t frontier);
/* After word from a peer, or at a tick: stops holding once the delegate
 * was heard from or the wait is over (the answers then leave with the
 * others, in log order, raft_answers_release). */
void raft_inherit_check(struct raft *r, uint64_t now_ms);
/* When raft_inherit_check must run at the latest (UINT64_MAX: never). */
uint64_t raft_inherit_deadline(const struct raft *r);

#endif
