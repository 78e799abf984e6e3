/*
 * The Raft core: a pure state machine (Ongaro & Ousterhout, extended
 * version). Inputs are a decoded message or a tick, each with the current
 * time in milliseconds; every call fills a struct raft_update with messages
 * to send, the range of entries newly committed, and the next deadline.
 * No network, no clock, no global state: several cores can live in one test.
 *
 * Beyond the paper's core: pre-vote and check-quorum (section 9.6), votes
 * ignored while a leader is fresh (section 6, which makes leader leases
 * safe), conflict hints for fast backtracking (section 5.3), a no-op entry
 * at the start of each term (section 8), and a hand-over of answers:
 * followers learn the commit index before the leader acknowledges clients,
 * and every reply carries the highest commit index its sender knows, which
 * a new leader adopts without answering those entries' clients again.
 */
#ifndef RAFT_H
#define RAFT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "messages.h"
#include "raft_log.h"
#include "raft_snapshot.h"

/* Timing, in milliseconds. The defaults (raft_default_timing) and the
 * reasoning behind them are in raft_init.c. */
struct raft_timing {
	uint64_t heartbeat;    /* idle follower gets an append-entries this often */
	uint64_t election_min; /* election timeouts are drawn from [min, 2*min) */
	/* A leader may read locally this long after sending an acknowledged
	 * message; < election_min. */
	uint64_t lease;
	/* Unacknowledged entries are resent after a wait drawn from measured
	 * round trips, never shorter than retry_min nor longer than retry
	 * (also the wait before anything was measured). */
	uint64_t retry_min;
	uint64_t retry;
	uint64_t vote_retry;   /* ask silent voters once more after this */
	uint64_t check_quorum; /* a leader steps down after this long without a majority */
	/* A new leader answers inherited entries after at most this long
	 * without word from the delegate that may have (raft_inherit.h). */
	uint64_t inherit_wait;
};

/* A cluster has at most this many peers besides the replica itself: the
 * test-bed runs 3 to 21 replicas. Every per-peer array is sized from it. */
#define RAFT_MAX_PEERS 20

/* Terms a replica takes from a peer. A message whose term is beyond
 * RAFT_TERM_MAX, or more than RAFT_TERM_JUMP_MAX above this replica's
 * own, is dropped: no honest cluster gets there (a term is one election,
 * and an election takes at least an election timeout: 2^32 of them at one
 * a second is 136 years), and a replica that adopted such a term could be
 * left unable to campaign (the codec's u64 ends at 2^53 - 1), its log
 * keeping the term across restarts. At RAFT_TERM_MAX itself a replica
 * stays a follower and says why at each election timeout. A datagram
 * forged from a member's address can still raise terms by
 * RAFT_TERM_JUMP_MAX at a time; only authenticated traffic stops it. */
#define RAFT_TERM_MAX (UINT64_C(1) << 52)
#define RAFT_TERM_JUMP_MAX (UINT64_C(1) << 32)

/* Errors: small positive codes, with their text from raft_strerror. */
#define RAFT_ERRORS(X)                                                    \
	X(RAFT_ENOMEM, 1, "out of memory")                                \
	X(RAFT_EINVAL, 2, "invalid configuration")                        \
	X(RAFT_ENOTLEADER, 3, "this member is not the leader")            \
	X(RAFT_EBUSY, 4, "a leadership transfer is already under way")    \
	X(RAFT_ENOTPEER, 5, "the target is not a member of this cluster") \
	X(RAFT_ELEARNER, 6, "the target is a learner: a learner never leads")

enum raft_error {
	RAFT_OK = 0,
#define RAFT_ERROR_ENUM(name, code, text) name = code,
	RAFT_ERRORS(RAFT_ERROR_ENUM)
#undef RAFT_ERROR_ENUM
};

const char *raft_strerror(int code);

enum raft_role { RAFT_FOLLOWER, RAFT_PRE_CANDIDATE, RAFT_CANDIDATE, RAFT_LEADER };
enum raft_log_level { RAFT_LOG_DEBUG, RAFT_LOG_INFO, RAFT_LOG_WARN };

/* Receives the core's decisions in plain English: a format and its arguments. */
typedef void (*raft_log_fn)(void *ctx, enum raft_log_level level, const char *fmt, va_list args);

/* Messages for the caller to encode and send, in order. */
struct raft_outbox {
	struct msg_any *items;
	size_t n, cap;
};

/* What steps changed that a write-ahead log must hold before their
 * messages leave (etcd's Ready: HardState and Entries). */
struct raft_persist {
	bool hard_state;   /* the term or the vote changed */
	uint64_t log_from; /* the first log index written or removed; RAFT_LOG_SAVED: none */
};

/* What one step changed. Reset by raft_update_reset before each step. */
struct raft_update {
	struct raft_outbox out;
	/* Entries (commit_from, commit_to] became committed in this step. */
	uint64_t commit_from, commit_to;
	/* Leader: entries (answer_from, answer_to], committed and applied,
	 * whose answers this step released, in log order (raft_answers_entry
	 * says which of them are this leader's to answer). */
	uint64_t answer_from, answer_to;
	/* Entries (late_from, late_to], applied before, that this replica must
	 * answer now: a delegate told of its share after it applied them. */
	uint64_t late_from, late_to;
	/* Call raft_tick at this time at the latest. */
	uint64_t deadline;
	/* What to write down before the outbox leaves. A snapshot taken or
	 * installed shows in raft_snapshot_index instead (the whole file is
	 * rewritten then). */
	struct raft_persist persist;
	/* A leader's snapshot replaced the log (the commit index moved to
	 * it); the node's next apply rebuilds its map from raft_snapshot_of.
	 * For the caller's counts: nothing else needs it. */
	bool snapshot_installed;
	/* Leader: the seq of the read-index round this step sent (0: none).
	 * Every read that arrived before the step's messages leave may wait
	 * for the same round: a new leader that takes over a hundred held
	 * gets sends one, not a hundred rounds of everything a follower
	 * lacks. */
	uint64_t read_round;
};

/* A leader sends a follower new entries while fewer than
 * raft_config.max_unanswered of its append-entries to it are unanswered;
 * entries proposed meanwhile wait for a reply and then go in one batch
 * (etcd's MaxInflightMsgs). A burst of requests, as after a pause or when
 * a backlog is read at once, then costs a few batches instead of one
 * message per request and follower, which the receiving socket could not
 * hold. The default, two: a pair of requests that arrive together goes out
 * at once. The test-bed allows at most half of the appends to be batched
 * (simulator.md, Scoring), so under it a replica sets a wider window
 * (main.c): the requests its clients fire together in one 0.1 s turn each
 * get their own message. RAFT_UNANSWERED_CAP bounds the setting. */
#define RAFT_MAX_UNANSWERED 2
#define RAFT_UNANSWERED_CAP 16
/* An append-entries unanswered this long (two round trips on the
 * test-bed) is presumed lost and no longer counts. */
#define RAFT_UNANSWERED_MS 2

struct raft_peer {
	char id[MSG_ID_SIZE];
	/* Invariant (leader): 0 <= match_index < next_index <= last index + 1
	 * (checked by raft_check_invariants). */
	uint64_t next_index;
	uint64_t match_index;
	uint64_t last_sent_ms;  /* last append-entries sent */
	uint64_t sent_upto;     /* last index that append-entries carried */
	uint64_t backoff_ms;    /* wait before resending to it: retry, doubling while it is silent */
	uint64_t last_heard_ms; /* last reply received this term */
	uint64_t acked_seq;     /* highest seq it has answered this term */
	uint64_t acked_sent_ms; /* when the leader sent that message */
	uint64_t known_commit;  /* the highest commit index it said it knows, this term */
	uint64_t answered_upto; /* delegate: the highest index it said it answered up to, this term */
	/* Seqs of the latest append-entries sent to it (or through it, in a
	 * chain); those above acked_seq are unanswered (raft_send.c). */
	uint64_t sent_seqs[RAFT_UNANSWERED_CAP];
	/* Leader: the snapshot of index snap_index being sent to it (it lacks
	 * entries compacted away), and how many of its items it holds. */
	uint64_t snap_index, snap_next;
	/* A learner (non-voter, dissertation 4.2.1): it gets the log, but
	 * never votes, never counts toward a quorum, never leads. */
	bool learner;
	bool granted;  /* vote or pre-vote received this election */
	bool answered; /* any answer received this election */
};

/* What a replica that restarts finds in its write-ahead log (src/storage/wal.h):
 * the state Figure 2 calls persistent, and two hints that are not (the
 * commit index it knew, and how far every client was answered). */
struct raft_restore {
	uint64_t term;
	char voted_for[MSG_ID_SIZE];    /* "" when none this term */
	struct raft_log log;            /* log.base <= the index of `snapshot` */
	struct raft_snapshot *snapshot; /* NULL when log.base is 0 */
	uint64_t commit;                /* may exceed log.last: what survived of it counts */
	uint64_t known_commit;          /* raft_answered_upto when it stopped */
	/* A delegate's share that it answered, so that a leader that tells it
	 * of that share again is not answered twice (raft_delegate_answered). */
	uint64_t share_term, share_answered;
};

struct raft_config {
	const char *id;
	const char *const *peers;
	size_t n_peers;
	/* Members among id and peers that are learners (raft_peer.learner);
	 * the rest vote. */
	const char *const *learners;
	size_t n_learners;
	uint64_t seed; /* for the election-timeout PRNG */
	struct raft_timing timing;
	raft_log_fn log;
	void *log_ctx;
	/* NULL: a new replica. Else raft_init takes its log and snapshot
	 * (leaving them empty) and resumes from them. */
	struct raft_restore *restore;
	/* Append-entries a leader lets go unanswered to one follower before
	 * new entries wait for a reply (see RAFT_MAX_UNANSWERED); 0: that
	 * default. Invariant: <= RAFT_UNANSWERED_CAP. */
	size_t max_unanswered;
};

/* Sent-seq times the leader remembers, for leases; older replies are ignored. */
#define RAFT_SEQ_WINDOW 4096

/* Every invariant written next to a field below is asserted after each
 * step (raft_check_invariants, raft_state.c). Ids are upper case: the
 * codec and raft_init normalise them, so the core compares with strcmp. */
struct raft {
	char id[MSG_ID_SIZE];
	struct raft_peer *peers;
	size_t n_peers; /* Invariant: n_peers <= RAFT_MAX_PEERS */
	/* This replica is a learner. Invariant: a learner is a follower. */
	bool learner;
	struct raft_timing timing;
	size_t max_unanswered; /* Invariant: 1 <= max_unanswered <= RAFT_UNANSWERED_CAP */
	enum raft_role role;
	uint64_t term;
	/* "" when none this term. Invariant: a candidate's or a leader's
	 * own id (it voted for itself in this term). */
	char voted_for[MSG_ID_SIZE];
	/* MSG_ID_BROADCAST when unknown. Invariant: a leader names itself;
	 * a (pre-)candidate names nobody. */
	char leader[MSG_ID_SIZE];
	/* The last delegate this replica relayed a chain to, and that chain's
	 * term (0: none): it may have answered what this replica holds. */
	char relayed_delegate[MSG_ID_SIZE];
	uint64_t relayed_term;
	/* Invariant: log.base <= snapshot's index (0 and NULL: none) <=
	 * commit: entries up to the snapshot may stay a while, for followers
	 * a little behind (raft_compact). */
	struct raft_log log;
	struct raft_snapshot *snapshot;
	/* Follower: the leader's snapshot as far as its chunks came, in
	 * order (NULL: none coming). */
	struct raft_snapshot *incoming;
	/* The leader that sends it: two leaders' snapshots at one index and
	 * term differ in their MIDs taken (each node's own), so chunks of one
	 * do not continue the other. */
	char incoming_from[MSG_ID_SIZE];
	uint64_t commit; /* Invariant: commit <= last index */
	/* Highest index known committed with every client answered: told by
	 * any leader, voter or follower, even beyond this log. A new leader
	 * adopts it without answering again. It may lag commit: a leader's
	 * waits for its delegate's answers. */
	uint64_t known_commit;
	uint64_t election_deadline;
	uint64_t vote_retry_at;   /* (pre-)candidate: resend requests then; 0 once done. Invariant: 0 for a follower */
	uint64_t leader_heard_ms; /* last message from the current leader */
	bool heard_leader;        /* leader_heard_ms is meaningful */
	/* Messages ever accepted from a leader. Only grows: a count taken when
	 * a client request arrived, once exceeded, proves that the leader now
	 * believed in was alive after the request came in. */
	uint64_t leader_contacts;
	uint64_t seq; /* leader: append-entries sent this term */
	uint64_t seq_sent_ms[RAFT_SEQ_WINDOW];
	/* Smoothed round trip of append-entries (send to reply, chains
	 * included), in eighths of a millisecond; kept across terms: it is
	 * the network's. rtt_known: at least one was measured. */
	uint64_t srtt8;
	bool rtt_known;
	uint64_t wide_until_ms;     /* leader: send new entries to one more peer until then */
	uint64_t oldest_unacked_ms; /* leader: when the oldest uncommitted entry was sent */
	/* Leader: new entries wait for a follower with RAFT_MAX_UNANSWERED
	 * messages unanswered; they go out at its next reply. */
	bool entries_owed;
	/* Leader: the first index of its term (its no-op); entries before it
	 * are of earlier terms. 0 while it is being set up. */
	uint64_t term_start;
	/* Leader: the follower that answers clients for it (its chains end
	 * there; -1: none), and its share: the entries from delegate_from to
	 * delegate_to (UINT64_MAX while open). A share closes when an entry
	 * must go by star instead (that one the leader answers), and a new one
	 * opens only once every entry of the last is answered. Invariant:
	 * delegate_from > term_start when there is a delegate. */
	int delegate;
	uint64_t delegate_from, delegate_to;
	/* Leader: every entry up to here is answered, or held (inherited), or
	 * its delegate's: answers leave in log order, so that a client that
	 * has two puts to one key in flight hears of them in the order they
	 * were applied (the test-bed's client keeps the value of the put it
	 * heard of last). Entries committed after a share its delegate has
	 * not answered yet wait for it (raft_share_release_frontier). */
	uint64_t answers_upto;
	/* Leader: the answers of entries up to here, taken back from a
	 * silent delegate (raft_share_take_back), leave once a quorum has
	 * acknowledged a message of seq confirm_seq or later (0: none). */
	uint64_t confirm_to, confirm_seq;
	/* Follower: the share of the clients of share_term's entries that it
	 * answers for that term's leader (share_term 0: none). */
	uint64_t share_term, share_from, share_to;
	uint64_t share_answered; /* the last index of share_term it has answered for */
	uint64_t share_seq;      /* the newest seq of share_term whose word on the share it took */
	/* Leader: entries of earlier terms whose answers wait (raft_inherit.h),
	 * from inherit_from to inherit_to (0: none), for word from peer
	 * inherit_peer until inherit_until_ms. Invariant: inherit_to is 0 or
	 * below term_start, and there is no delegate meanwhile. */
	uint64_t inherit_from, inherit_to, inherit_until_ms;
	size_t inherit_peer;
	/* A former leader: the first entry it had committed but whose answer
	 * had not left (its delegate's, or held) when it stepped down (0:
	 * none). Its commit index covers them, so were it to lead again it
	 * must not count them answered (raft_inherit_begin). */
	uint64_t owed_from;
	/* Leader: the peer leadership is being handed to (-1: none), until
	 * when it may take (one election timeout, then the leader resumes),
	 * and whether it was sent timeout_now (raft_transfer.h). */
	int transfer_to;
	uint64_t transfer_until;
	bool transfer_sent;
	uint64_t transfer_sent_ms; /* when timeout_now last went */
	/* The term in which this replica, as leader, sent timeout_now: voters
	 * may elect its target within its lease, so it has none for the rest
	 * of that term (raft_lease_valid). 0: none. */
	uint64_t lease_off_term;
	/* Candidate: campaigning because its leader said so (timeout_now); its
	 * vote requests say so (request_vote.transfer). */
	bool campaign_transfer;
	uint64_t rng;
	raft_log_fn log_fn;
	void *log_ctx;
	struct raft_update *update; /* the step in progress */
};

/* The timing used by the replica; see raft_init.c for why. */
struct raft_timing raft_default_timing(void);

/* Sets up a follower in term 0 with an empty log, or in the state of
 * cfg->restore. Returns RAFT_OK;
 * RAFT_EINVAL when an id is not 4 hex digits (or FFFF), a peer is named
 * twice or is this replica, there are more than RAFT_MAX_PEERS peers, or
 * max_unanswered is over RAFT_UNANSWERED_CAP;
 * RAFT_ENOMEM. Ids are kept in upper case. */
int raft_init(struct raft *r, const struct raft_config *cfg, uint64_t now_ms);
void raft_free(struct raft *r);

void raft_update_init(struct raft_update *u);
/* Nothing to persist; and into += from, for a caller that writes down
 * several steps at once. */
void raft_persist_clear(struct raft_persist *p);
void raft_persist_merge(struct raft_persist *into, const struct raft_persist *from);
/* Adds a message to the outbox with its type set and all else zero; NULL
 * when out of memory. */
struct msg_any *raft_outbox_add(struct raft_update *u, enum msg_type type);
/* Frees and removes the last message added: one that could not be filled. */
void raft_outbox_drop_last(struct raft_update *u);
/* How many messages the outbox holds, and the i-th (i < that count). */
size_t raft_outbox_size(const struct raft_update *u);
const struct msg_any *raft_outbox_get(const struct raft_update *u, size_t i);
/* Moves the messages for which `first` holds to the front, keeping the
 * order within each part. */
void raft_outbox_partition(struct raft_update *u, bool (*first)(const struct msg_any *m));
/* Empties the outbox without freeing its messages: the caller has moved
 * each of them elsewhere (a shallow copy) and now owns them. */
void raft_outbox_take_all(struct raft_update *u);
/* Frees the messages of the last step and clears the rest. */
void raft_update_reset(struct raft_update *u);
void raft_update_free(struct raft_update *u);

/* One input each: a message from a peer, or the passage of time. Messages
 * of other kinds (client requests) are ignored here. Neither can fail: a
 * message that cannot be queued for lack of memory is logged and counted
 * as lost, which Raft's retries already cover. */
void raft_step(struct raft *r, const struct msg_any *msg, uint64_t now_ms, struct raft_update *u);
void raft_tick(struct raft *r, uint64_t now_ms, struct raft_update *u);

/* Leader only: appends a copy of a client's command (a put, delete or
 * compare-and-set: every field of e but its term, which is this leader's)
 * and replicates it at once. Returns the entry's index, or 0 if not
 * leader or out of memory. */
uint64_t raft_propose(struct raft *r, const struct msg_log_entry *e, uint64_t now_ms, struct raft_update *u);

/* Leader only: hands leadership to peer `target` (Raft dissertation
 * 3.10): new proposals are refused from now on (raft_propose returns 0;
 * raft_transfer_target says why), the target is brought up to date and
 * then told to campaign at once (timeout_now). The transfer ends when this
 * replica steps down, or after an election timeout, when it leads on as
 * before. RAFT_OK, or RAFT_ENOTLEADER, RAFT_EBUSY (one is under way),
 * RAFT_ENOTPEER (not a peer, or this replica). */
int raft_transfer(struct raft *r, const char *target, uint64_t now_ms, struct raft_update *u);
/* The peer a transfer under way goes to, or NULL. */
const char *raft_transfer_target(const struct raft *r);

/* Leader only: true when reads may be served from the applied state now:
 * an entry of this term is committed and a majority acknowledged a message
 * sent less than timing.lease ago. */
bool raft_lease_valid(const struct raft *r, uint64_t now_ms);
/* Leader only: a majority acknowledged a message sent less than
 * timing.lease ago; what a lease needs, less the term's commit and the
 * transfer rule (raft_transfer.h). A read confirmed by a round asks it
 * too (node_read.c): the round's answers are recent. */
bool raft_acks_fresh(const struct raft *r, uint64_t now_ms);

/* Leader only: a read-index round. Returns the seq a majority must answer
 * before a read that arrived now may be served (raft_seq_confirmed), after
 * sending a heartbeat to every peer, once per update u. 0 if not leader. */
uint64_t raft_read_round(struct raft *r, uint64_t now_ms, struct raft_update *u);
bool raft_seq_confirmed(const struct raft *r, uint64_t seq);
/* Whether the client of entry `index` (0: none) has been sent its answer:
 * for a leader, the entries up to where it released answers (its own, and
 * its delegate's as it says it sent them), but not inherited ones it
 * holds; for anyone else, what it knows committed. */
bool raft_entry_answered(const struct raft *r, uint64_t index);
/* Leader: whether another replica may answer the client of entry `index`
 * before this leader applies it: its delegate, for an entry of its share,
 * or the last term's delegate, for an inherited entry it holds. */
bool raft_answered_elsewhere(const struct raft *r, uint64_t index);
/* True when an entry of the current term is committed (section 8). */
bool raft_term_committed(const struct raft *r);

/* Whether this replica answers the client of entry `index` in the step
 * that filled u: a leader those of the answers it released
 * (answer_from, answer_to] but its delegate's share and what it holds; a
 * delegate its share as it commits it; either, the update's late range. */
bool raft_answers_entry(const struct raft *r, const struct raft_update *u, uint64_t index);

/* How far entries may be compacted away: committed, and no client of
 * them will be answered by this replica from the log again (a leader's
 * released answers; anyone else's known commit, which never covers a
 * share it has yet to answer as its leader's delegate). */
uint64_t raft_compactable_upto(const struct raft *r);
/* Takes snapshot (the caller's map as of the entries up to its index,
 * raft_snapshot_index < index <= raft_compactable_upto) as this replica's,
 * and forgets the entries before index - trail: the rest stay for
 * followers a little behind, which would otherwise need the whole
 * snapshot (etcd keeps 5,000 by default,
 * --experimental-snapshot-catchup-entries). The core owns
 * the snapshot from then on and sends it to followers that lack entries
 * it forgot. Its term is set here. */
void raft_compact(struct raft *r, struct raft_snapshot *snapshot, uint64_t trail);
/* The latest snapshot (taken or received), NULL when none. */
const struct raft_snapshot *raft_snapshot_of(const struct raft *r);
/* The index of that snapshot (0: none). */
uint64_t raft_snapshot_index(const struct raft *r);
/* The last index compacted away (0: none), at most the snapshot's: the
 * log's entries start after it. */
uint64_t raft_compacted_upto(const struct raft *r);

/* When raft_tick must next be called. */
uint64_t raft_deadline(const struct raft *r, uint64_t now_ms);

bool raft_is_leader(const struct raft *r);
enum raft_role raft_role_of(const struct raft *r);
const char *raft_id(const struct raft *r);
const struct raft_timing *raft_timing_of(const struct raft *r);
uint64_t raft_term(const struct raft *r);
uint64_t raft_commit(const struct raft *r);
/* The entry at 1 <= index <= raft_last_index, and the term at any index
 * (0 for index 0 or beyond the end). */
uint64_t raft_last_index(const struct raft *r);
const struct msg_log_entry *raft_entry(const struct raft *r, uint64_t index);
uint64_t raft_entry_term(const struct raft *r, uint64_t index);
/* The vote of this term ("" when none), and the highest index up to which
 * this replica knows every client answered (known_commit, and a leader's
 * own answers but those it holds): with the term and the log, what a
 * write-ahead log keeps, so that a replica that restarts and leads does
 * not answer a client twice. */
const char *raft_voted_for(const struct raft *r);
uint64_t raft_answered_upto(const struct raft *r);
/* A follower that answers clients for its leader (a delegate): the term
 * of its share and the last entry of it answered (0 and 0: none). */
void raft_delegate_answered(const struct raft *r, uint64_t *term, uint64_t *upto);
/* True if id is one of this replica's peers. */
bool raft_is_peer(const struct raft *r, const char *id);
/* The leader this replica believes in, or MSG_ID_BROADCAST. */
const char *raft_leader(const struct raft *r);
/* True if a leader is known and was heard from within `within_ms`. */
bool raft_leader_fresh(const struct raft *r, uint64_t now_ms, uint64_t within_ms);
/* How many messages this replica has accepted from a leader, ever. */
uint64_t raft_leader_contacts(const struct raft *r);

const char *raft_role_name(enum raft_role role);
/* Logs a line through the replica's log callback (none: nothing), for the
 * code around the core, so that both speak through one channel. */
void raft_vlogf(const struct raft *r, enum raft_log_level level, const char *fmt, va_list args);

#endif
