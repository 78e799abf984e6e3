/* New entries along a chain of followers, or by star. Leader only. */
#ifndef RAFT_CHAIN_H
#define RAFT_CHAIN_H

#include "raft_state.h"

/* The followers for a chain: quorum - 1 of them, ending with the
 * delegate. Fills chain; false if there is none now. */
bool raft_chain_pick(struct raft *r, struct raft_peer **chain, uint64_t now_ms);
/* Sends the entries that the k followers of chain may lack along it.
 * False when out of memory. */
bool raft_chain_send(struct raft *r, struct raft_peer **chain, size_t k, uint64_t now_ms);
/* Sends new entries by chain or star; proposed: an entry was just
 * proposed (else: entries owed to followers whose window was full). */
void raft_chain_send_entries(struct raft *r, bool proposed, uint64_t now_ms);
/* A client's entry was appended: sends it to just enough followers. */
void raft_chain_new_entry(struct raft *r, uint64_t now_ms);

#endif
