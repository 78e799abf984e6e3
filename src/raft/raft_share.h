/*
 * The delegate's share (five replicas and more): the follower at the end
 * of the leader's chains answers the clients of a contiguous run of this
 * term's entries, as it applies them; the leader answers all others. A
 * share opens when a chain first runs, closes just before an entry that
 * has to go by star, and a new one opens only once every entry of the last
 * is answered. What followers are told committed never passes what is
 * answered (raft_share_answered_commit), so a new leader can adopt it.
 * Leader only, but for the message fields a delegate reads.
 */
#ifndef RAFT_SHARE_H
#define RAFT_SHARE_H

#include "raft_state.h"

bool raft_share_open(const struct raft *r);
/* No delegate, or every entry of its (closed) share is answered. */
bool raft_share_settled(const struct raft *r);
/* Entries of the share are committed that the delegate has not answered:
 * it is told again, at the retry interval. */
bool raft_share_lags(const struct raft *r);
/* The delegate has not confirmed every entry of its share that exists:
 * once the chain's own retries stop, it is sent them, backing off. */
bool raft_share_owes(const struct raft *r);
/* The delegate, or NULL. */
struct raft_peer *raft_share_delegate(struct raft *r);
/* Whether the leader leaves entry `index` to the delegate. */
bool raft_share_contains(const struct raft *r, uint64_t index);
/* A share for d, from the first entry nobody answered yet. */
void raft_share_begin(struct raft *r, struct raft_peer *d);
/* The entry just appended goes by star: the share ends before it. */
void raft_share_close(struct raft *r);
/* A delegate silent for check_quorum ms loses what it did not
 * confirm: the leader answers the rest as it releases answers, once a
 * quorum has acknowledged a message sent after it took them back
 * (confirm_seq): a leader cut off itself, that dies before anyone knows,
 * leaves them to the next leader instead of answering them twice.
 * Meanwhile followers are told no commit past the answers that left
 * (raft_share_answered_commit), so a leader killed while it waits leaves
 * them to the next one too, rather than counted answered by all and
 * answered by none. Should the delegate have answered some of them
 * without its reply getting through, those clients get a second ok: the
 * price of never leaving one with none. True if it took the share back. */
bool raft_share_take_back(struct raft *r, uint64_t now_ms);
/* The commit index as far as every client may be answered, in log order:
 * below the first entry of the share the delegate has not answered, below
 * the first inherited entry held, and below the first taken-back entry
 * not yet answered. What followers are told, so that
 * whatever they know committed was answered; and how far the leader
 * releases answers (raft_answers_release). */
uint64_t raft_share_answered_commit(const struct raft *r);
/* How far the leader may release answers now: raft_share_answered_commit,
 * or past it once taken-back answers are confirmed. */
uint64_t raft_share_release_frontier(const struct raft *r);
/* Raises the leader's known commit index to raft_share_answered_commit. */
void raft_share_learn(struct raft *r);
/* What a message whose last receiver is `final` tells the delegate: its
 * share, and the commit index up to the share's end, so that it answers
 * as it applies. */
void raft_share_add_fields(const struct raft *r, const struct raft_peer *final, struct msg_append_entries *ae);

#endif
