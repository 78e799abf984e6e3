/* Who answers which client; the rules are at the head of raft_answers.c.
 * The queries the node asks (raft_answers_entry and the rest) are
 * declared in raft.h. */
#ifndef RAFT_ANSWERS_H
#define RAFT_ANSWERS_H

#include "raft_state.h"

/* Leader, at the end of every step: releases the answers of the entries
 * up to the frontier (the update's answer range). Returns how many
 * clients they answer when no follower said it knows the frontier
 * committed (0 otherwise): the caller then sends commit notices
 * (raft_commit_notify) in the same step. */
size_t raft_answers_release(struct raft *r);
/* A leader that steps down with committed entries whose answers have not
 * left remembers them (owed_from), and the delegate that may yet answer
 * them. */
void raft_answers_note_owed(struct raft *r);

#endif
