/* The leader's messages to one follower, and the window of unanswered
 * messages that decides whether one may go now. Leader only. */
#ifndef RAFT_SEND_H
#define RAFT_SEND_H

#include "raft_state.h"

/* What every append-entries says besides its entries: this term, the
 * entry it follows (prev), the commit as far as clients were answered,
 * and a new seq, timed. */
void raft_send_header(struct raft *r, struct msg_append_entries *ae, uint64_t prev, uint64_t now_ms);
/* Fills ae with the entries from index `from` on that one message
 * carries, under a new seq. False when out of memory. */
bool raft_send_fill(struct raft *r, struct msg_append_entries *ae, uint64_t from, uint64_t now_ms);
/* ae went to p (directly, or through it in a chain). */
void raft_send_note(const struct raft *r, struct raft_peer *p, const struct msg_append_entries *ae, uint64_t now_ms);
/* Everything p may lack, from its next_index on, as one message: entries,
 * or the next snapshot chunk when it lacks entries compacted away. */
void raft_send_append(struct raft *r, struct raft_peer *p, uint64_t now_ms);
/* The chunk of the snapshot after what p said it holds. */
void raft_send_snapshot_chunk(struct raft *r, struct raft_peer *p, uint64_t now_ms);
/* Every follower hears from the leader: a term's first messages, and a
 * read-index round's. */
void raft_send_round(struct raft *r, uint64_t now_ms);
/* p's log is not known to match the leader's just before next_index. */
bool raft_peer_probing(const struct raft_peer *p);
/* The next message to p would be a batch, and one is on its way. */
bool raft_send_batch_pending(const struct raft *r, const struct raft_peer *p, uint64_t now_ms);
/* New entries must wait for p's reply. */
bool raft_send_window_full(const struct raft *r, const struct raft_peer *p, uint64_t now_ms);

#endif
