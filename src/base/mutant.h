/*
 * Planted bugs, to prove that the soak's checks catch what they claim to
 * (`make mutants`, tests/soak/soak.c). A build with -DMUTANT=k carries bug k of
 * the list below and only it; in every other build MUTANT_ON(name) is the
 * constant false and the compiler drops the planted code, so the replica
 * and the core are unchanged. FoundationDB plants bugs the same way
 * (BUGGIFY), to test its simulation's checks.
 */
#ifndef MUTANT_H
#define MUTANT_H

#include <stdbool.h>

#define MUTANTS(X)                                                                                    \
	X(1, VOTE_WITHOUT_LOG_CHECK, "grant a vote without the log check (section 5.4.1)")            \
	X(2, READ_EXPIRED_LEASE, "serve a read from a lease that has expired")                        \
	X(3, KEEP_VOTE_ON_NEW_TERM, "forget to clear the vote on a new term")                         \
	X(4, APPLY_TWICE, "apply the entry before each applied entry once more")                      \
	X(5, WRONG_CONFLICT_HINT, "a conflict hint one past where the follower's log stops matching") \
	X(6, COMMIT_WITHOUT_MAJORITY, "acknowledge a put before it commits: a quorum one short")      \
	X(7, FOLLOWER_ANSWERS_GET, "let a follower answer a get from its own map")                    \
	X(8, MATCH_FROM_LEADER_LOG, "take a reply's match index as the leader's last index")          \
	X(9, ACCEPT_STALE_TERM, "accept append-entries from a leader of an earlier term")             \
	X(10, APPLY_UNCOMMITTED, "apply entries before they commit")

enum mutant_id {
	MUTANT_NONE = 0,
#define MUTANT_ENUM(k, name, text) MUTANT_##name = k,
	MUTANTS(MUTANT_ENUM)
#undef MUTANT_ENUM
};

#ifdef MUTANT
#define MUTANT_ON(name) (MUTANT == MUTANT_##name)
#else
#define MUTANT_ON(name) false
#endif

/* The bug this build carries: its name and what it does ("none"). */
static inline const char *mutant_name(void)
{
#ifdef MUTANT
#define MUTANT_NAME(k, name, text) \
	if (MUTANT == k)           \
		return #name;
	MUTANTS(MUTANT_NAME)
#undef MUTANT_NAME
#endif
	return "none";
}

static inline const char *mutant_text(void)
{
#ifdef MUTANT
#define MUTANT_TEXT(k, name, text) \
	if (MUTANT == k)           \
		return text;
	MUTANTS(MUTANT_TEXT)
#undef MUTANT_TEXT
#endif
	return "no planted bug";
}

#endif
