/*
 * Do not edit directly: auto-generated from schema/messages.yaml by codegen/generate.py.
 * Edit the schema and run `make gen`.
 * Schema fingerprint: bb47d38106413511
 */
#ifndef MSG_MESSAGES_H
#define MSG_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec/msg_runtime.h"

#if !defined(MSG_RUNTIME_VERSION) || MSG_RUNTIME_VERSION != 3
#error "generated/messages.h was generated for another src/codec/msg_runtime.h: run make gen"
#endif

/* Changes whenever the schema's meaning does (not its docs or comments).
 * Fingerprinted messages carry it in "schema", and a decoder refuses
 * those from a build of another schema (MSG_ERR_SCHEMA). */
#define MSG_SCHEMA_FINGERPRINT "bb47d38106413511"
#define MSG_SCHEMA_FINGERPRINT_U64 0xbb47d38106413511ULL

/* The shape of the largest message the schema declares: JSON objects and
 * arrays nested 3 deep, and objects of at most 18 members. A datagram
 * far outside it is refused before it is parsed (msg_parse_root). */
#define MSG_SCHEMA_DEPTH 3
#define MSG_SCHEMA_MEMBERS 18

/* Fields every datagram carries; the test-bed routes on dst. */
struct msg_envelope {
	/* Sender's id. */
	char src[MSG_ID_SIZE];
	/* Recipient's id; FFFF means every other replica. */
	char dst[MSG_ID_SIZE];
	/* The sender's honest belief of the current leader; FFFF when unknown. */
	char leader[MSG_ID_SIZE];
	/* Cluster mode: the id of the sender's cluster (src/net/cluster_config.h), on every datagram a member sends; a member drops a peer's datagram without it or with another. Absent on the test-bed. */
	uint64_t cluster;
	struct {
		bool cluster;
	} _present; /* whether each optional field is set */
};

/* One command in the replicated log, with the client request it came from. */
struct msg_log_entry {
	/* Term in which the leader created the entry. */
	uint64_t term;
	/* Key the put writes; empty for a leader's no-op entry. */
	char *key;
	/* Value the put writes; empty for a no-op. */
	char *value;
	/* Client that sent the put (FFFF for a no-op). */
	char client[MSG_ID_SIZE];
	/* The put's MID, so whoever commits the entry can acknowledge it. */
	char *mid;
	/* True when the entry deletes its key (value empty) instead of writing it; absent for a put. */
	bool deletes;
	/* Present for a compare-and-set: the entry writes value only if the key's value is this one (empty: the key is absent or empty). */
	char *expected;
	/* The client's serial number for a write (Raft section 6.3): above those of all its earlier writes. A copy of a write that arrives after a later write of its client was applied is late, and is not applied. Absent: the write is not ordered against the others. */
	uint64_t seq;
	struct {
		bool deletes;
		bool expected;
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_LOG_ENTRY_KEY_MAX_LEN 256
#define MSG_LOG_ENTRY_VALUE_MAX_LEN 1024
#define MSG_LOG_ENTRY_MID_MAX_LEN 64
#define MSG_LOG_ENTRY_EXPECTED_MAX_LEN 1024

/* A client's get, put, delete or compare-and-set, as a follower hands it to the leader to answer. */
struct msg_client_request {
	/* True for a get, false for a put or a delete. */
	bool get;
	/* True for a delete (value empty); absent for a get or a put. */
	bool deletes;
	/* Present for a compare-and-set, the value it expects. */
	char *expected;
	/* The client's serial number for a write (Raft section 6.3): above those of all its earlier writes. A copy of a write that arrives after a later write of its client was applied is late, and is not applied. Absent: the write is not ordered against the others. */
	uint64_t seq;
	/* The client that sent it, and that the leader answers. */
	char client[MSG_ID_SIZE];
	/* The request's MID. */
	char *mid;
	/* Key to read or write. */
	char *key;
	/* Value to store; empty for a get. */
	char *value;
	struct {
		bool deletes;
		bool expected;
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_CLIENT_REQUEST_EXPECTED_MAX_LEN 1024
#define MSG_CLIENT_REQUEST_MID_MAX_LEN 64
#define MSG_CLIENT_REQUEST_KEY_MAX_LEN 256
#define MSG_CLIENT_REQUEST_VALUE_MAX_LEN 1024

/* A follower on a replication chain. */
struct msg_link {
	/* Its replica id. */
	char id[MSG_ID_SIZE];
};

/* One key of a snapshot's map, with the log entry that wrote it. */
struct msg_kv_pair {
	/* The key. */
	char *key;
	/* Its value. */
	char *value;
	/* The log index of the put that wrote it. */
	uint64_t index;
};
#define MSG_KV_PAIR_KEY_MAX_LEN 256
#define MSG_KV_PAIR_VALUE_MAX_LEN 1024

/* One client's session in a snapshot (Raft section 6.3), the MID of the last of its writes applied. */
struct msg_client_session {
	/* The client. */
	char client[MSG_ID_SIZE];
	/* The MID of its last write applied. */
	char *mid;
	/* The log index of that write. */
	uint64_t index;
	/* For a compare-and-set, the value it found (its answer, for a resend). */
	char *result;
	/* The highest serial number of the client's writes applied. */
	uint64_t seq;
	struct {
		bool result;
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_CLIENT_SESSION_MID_MAX_LEN 64
#define MSG_CLIENT_SESSION_RESULT_MAX_LEN 1024

/* Names one forwarded request. */
struct msg_request_mid {
	/* The request's MID. */
	char *mid;
};
#define MSG_REQUEST_MID_MID_MAX_LEN 64

/* First datagram a replica sends, so the test-bed learns its address. */
struct msg_hello {
	struct msg_envelope env;
};

/* Client asks for the value of a key. */
struct msg_get {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* Key to read. */
	char *key;
};
#define MSG_GET_MID_MAX_LEN 64
#define MSG_GET_KEY_MAX_LEN 256

/* Client asks to set a key to a value. */
struct msg_put {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* Key to write. */
	char *key;
	/* Value to store. */
	char *value;
	/* The client's serial number for a write (Raft section 6.3): above those of all its earlier writes. A copy of a write that arrives after a later write of its client was applied is late, and is not applied. Absent: the write is not ordered against the others. */
	uint64_t seq;
	struct {
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_PUT_MID_MAX_LEN 64
#define MSG_PUT_KEY_MAX_LEN 256
#define MSG_PUT_VALUE_MAX_LEN 1024

/* Answer to a get (with the value), a put, a delete or a compare-and-set. */
struct msg_ok {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* The value a get read, or a compare-and-set found; absent in the answer to a put or a delete, and, in cluster mode, to a get of a key that holds nothing (never written, or deleted: on the test-bed that value is ""). */
	char *value;
	/* In the answer to a delete, the number of keys it removed (etcd's count). */
	uint64_t deleted;
	struct {
		bool value;
		bool deleted;
	} _present; /* whether each optional field is set */
};
#define MSG_OK_MID_MAX_LEN 64
#define MSG_OK_VALUE_MAX_LEN 1024

/* The request could not be served: without an error, the client retries with a new MID; with one, the request was refused for the reason it gives (an administrative request: a move of the leader that cannot be done, or that gave up), and retrying it as it is will not help. */
struct msg_fail {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* Why the request was refused, in words for the operator; absent when a retry may succeed. */
	char *error;
	struct {
		bool error;
	} _present; /* whether each optional field is set */
};
#define MSG_FAIL_MID_MAX_LEN 64
#define MSG_FAIL_ERROR_MAX_LEN 200

/* Ask the leader named in the envelope instead. */
struct msg_redirect {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
};
#define MSG_REDIRECT_MID_MAX_LEN 64

/* A candidate (or pre-candidate) asks for a vote; Raft section 5.2 and 9.6. */
struct msg_request_vote {
	struct msg_envelope env;
	/* Candidate's term; for a pre-vote, the term it would campaign in. */
	uint64_t term;
	/* Index of the candidate's last log entry. */
	uint64_t last_log_index;
	/* Term of the candidate's last log entry. */
	uint64_t last_log_term;
	/* True for a pre-vote, which changes no one's term or vote. */
	bool pre_vote;
	/* Present (true) when the candidate campaigns because its leader told it to (timeout_now, a leadership transfer): voters then grant it even though they heard from that leader lately (Raft dissertation 3.10 and 4.2.3). A leader that sends timeout_now gives up its read lease for the rest of its term, which is what keeps this safe. */
	bool transfer;
	struct {
		bool transfer;
	} _present; /* whether each optional field is set */
};

/* A replica's answer to request_vote. */
struct msg_request_vote_reply {
	struct msg_envelope env;
	/* Voter's term, or for a pre-vote the term asked about when granted. */
	uint64_t term;
	/* Whether the vote (or pre-vote) is granted. */
	bool granted;
	/* Echo of the request's pre_vote flag. */
	bool pre_vote;
	/* Highest index the voter knows to be committed (told by any leader); a candidate that wins adopts the highest it hears, so it does not answer clients twice. */
	uint64_t commit;
};

/* A leader that hands leadership over (move_leader) tells the target, once its log matches the leader's, to start an election at once, without a pre-vote (Raft dissertation 3.10). */
struct msg_timeout_now {
	struct msg_envelope env;
	/* The leader's term; the target campaigns for the next one only if it is still in this one. */
	uint64_t term;
};

/* Leader replicates log entries, or heartbeats with none; Raft section 5.3. */
struct msg_append_entries {
	struct msg_envelope env;
	/* Leader's term. */
	uint64_t term;
	/* Index of the entry just before the new ones. */
	uint64_t prev_log_index;
	/* Term of the entry at prev_log_index. */
	uint64_t prev_log_term;
	/* Leader's commit index. */
	uint64_t commit;
	/* Leader's send counter, echoed in the reply to time leases and read rounds. */
	uint64_t seq;
	/* A commit notice; the follower updates its commit index and sends no reply. */
	bool quiet;
	/* Entries to append after prev_log_index, oldest first. */
	struct msg_log_entry *entries;
	/* Followers this append-entries still goes to, in order: a follower that stores its entries passes it on to the first of them (and does not reply); the last follower replies to the leader. */
	struct msg_link *chain;
	/* Followers that stored the entries and passed this on; the leader is named in the envelope's leader field. With the leader and the receiver, they hold everything up to prev_log_index plus the entries, so the last follower of a chain as long as a quorum knows those entries are committed. */
	struct msg_link *witnesses;
	/* To the follower that answers clients for the leader (the last follower of its chains): it answers the clients of the entries of this term from this index on, as it applies them. */
	uint64_t answer_from;
	/* The last index it answers for; absent while its share is open. */
	uint64_t answer_to;
	/* To that follower only: the leader's commit index including entries not answered yet (commit counts only answered ones), so that it can apply and answer them. */
	uint64_t delegate_commit;
	struct {
		size_t entries;
		size_t chain;
		size_t witnesses;
	} _count; /* number of items in each list */
	struct {
		bool chain;
		bool witnesses;
		bool answer_from;
		bool answer_to;
		bool delegate_commit;
	} _present; /* whether each optional field is set */
};
#define MSG_APPEND_ENTRIES_ENTRIES_MAX_COUNT 512
#define MSG_APPEND_ENTRIES_CHAIN_MAX_COUNT 20
#define MSG_APPEND_ENTRIES_WITNESSES_MAX_COUNT 20

/* A follower's answer to append_entries. */
struct msg_append_entries_reply {
	struct msg_envelope env;
	/* Follower's term. */
	uint64_t term;
	/* Whether the entries matched at prev_log_index and were appended. */
	bool success;
	/* On success, the index of the last entry known to match the leader's. */
	uint64_t match_index;
	/* On failure, where the leader should retry (first index of conflict_term, or log length + 1). */
	uint64_t conflict_index;
	/* On failure, the term of the follower's entry at prev_log_index (0 if none). */
	uint64_t conflict_term;
	/* Echo of the append_entries seq being answered. */
	uint64_t seq;
	/* Highest index the follower knows to be committed (told by any leader); a new leader adopts it, since an earlier leader has answered those entries' clients. */
	uint64_t commit;
	/* For a chained append-entries, the followers that stored its entries and passed it on before the one replying: each holds everything up to witness_match. */
	struct msg_link *witnesses;
	/* What the witnesses hold: prev_log_index plus the number of entries relayed. */
	uint64_t witness_match;
	/* From the follower that answers clients for the leader, its commit index; it has answered every client of its share up to here. */
	uint64_t answered;
	struct {
		size_t witnesses;
	} _count; /* number of items in each list */
	struct {
		bool witnesses;
		bool witness_match;
		bool answered;
	} _present; /* whether each optional field is set */
};
#define MSG_APPEND_ENTRIES_REPLY_WITNESSES_MAX_COUNT 20

/* A follower hands the leader requests that clients sent it while no leader was known to be alive; the leader answers those clients itself and acknowledges with forward_ack. */
struct msg_forward {
	struct msg_envelope env;
	/* The term of the leader it is sent to. Only that leader, while it leads that term, takes the requests; any other replica refuses them. */
	uint64_t term;
	/* The requests, oldest first; few enough that the worst case fits a datagram. */
	struct msg_client_request *requests;
	struct {
		size_t requests;
	} _count; /* number of items in each list */
};
#define MSG_FORWARD_REQUESTS_MAX_COUNT 6

/* The answer to a forward: which of its requests this replica took (the follower stops resending them) and which it refused. */
struct msg_forward_ack {
	struct msg_envelope env;
	/* The MIDs of the forward that were taken, now or before; may be empty. */
	struct msg_request_mid *requests;
	/* The MIDs of the forward that were not taken, because the replica does not lead the forward's term: it never will, so the follower holds them again for the next leader. */
	struct msg_request_mid *refused;
	struct {
		size_t requests;
		size_t refused;
	} _count; /* number of items in each list */
	struct {
		bool refused;
	} _present; /* whether each optional field is set */
};
#define MSG_FORWARD_ACK_REQUESTS_MAX_COUNT 6
#define MSG_FORWARD_ACK_REFUSED_MAX_COUNT 6

/* A leader sends a follower that lacks entries it compacted away its snapshot instead (Raft section 7), in chunks: the map's pairs, then the MIDs of requests taken (so that a resend is not taken twice), then the clients' sessions. The follower replaces its state once it holds the last chunk. */
struct msg_install_snapshot {
	struct msg_envelope env;
	/* Leader's term. */
	uint64_t term;
	/* The last log index the snapshot covers. */
	uint64_t last_index;
	/* The term of that entry. */
	uint64_t last_term;
	/* Position of this chunk's first item among the snapshot's items (pairs first, then MIDs, then sessions). */
	uint64_t offset;
	/* How many items the snapshot has; the chunk that reaches it is the last. */
	uint64_t total;
	/* The chunk's pairs; few enough that the worst case fits a datagram. */
	struct msg_kv_pair *pairs;
	/* The chunk's MIDs of requests taken, after every pair. */
	struct msg_request_mid *mids;
	/* The chunk's client sessions, after every MID. */
	struct msg_client_session *sessions;
	struct {
		size_t pairs;
		size_t mids;
		size_t sessions;
	} _count; /* number of items in each list */
	struct {
		bool mids;
		bool sessions;
	} _present; /* whether each optional field is set */
};
#define MSG_INSTALL_SNAPSHOT_PAIRS_MAX_COUNT 1024
#define MSG_INSTALL_SNAPSHOT_MIDS_MAX_COUNT 1024
#define MSG_INSTALL_SNAPSHOT_SESSIONS_MAX_COUNT 1024

/* A follower's answer to install_snapshot. */
struct msg_install_snapshot_reply {
	struct msg_envelope env;
	/* Follower's term. */
	uint64_t term;
	/* Echo of the snapshot's last_index. */
	uint64_t last_index;
	/* How many of its items the follower holds in order; the leader sends from there. */
	uint64_t next;
	/* The follower holds the whole snapshot and has replaced its state with it. */
	bool done;
};

/* A client asks one replica how it stands (kvctl status); the replica answers at once from its own state, without consensus. */
struct msg_status {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
};
#define MSG_STATUS_MID_MAX_LEN 64

/* One replica's own view, as it answers a status; the envelope's leader is the leader it believes in. */
struct msg_status_reply {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* follower, pre-candidate, candidate or leader. */
	char *role;
	/* The replica's current term. */
	uint64_t term;
	/* The highest log index it knows committed. */
	uint64_t commit;
	/* The highest log index its map reflects. */
	uint64_t applied;
	/* The last index of its log. */
	uint64_t last_index;
	/* The last index its latest snapshot covers (0 when none). */
	uint64_t snapshot_index;
};
#define MSG_STATUS_REPLY_MID_MAX_LEN 64
#define MSG_STATUS_REPLY_ROLE_MAX_LEN 16

/* Cluster mode: a replica tells its peers where a client that sent it a request can be reached, so that whichever replica answers that client (the leader a request was forwarded to, a delegate, a later leader) can send it the answer. */
struct msg_client_address {
	struct msg_envelope env;
	/* The client's id. */
	char client[MSG_ID_SIZE];
	/* Its IPv4 address and UDP port, as A.B.C.D:PORT. */
	char *address;
};
#define MSG_CLIENT_ADDRESS_ADDRESS_MAX_LEN 21

/* A client asks to delete a key (cluster mode; kvctl del). Answered ok once applied, whether or not the key existed; a get then reads it as empty, like a key never written. */
struct msg_delete {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* Key to delete. */
	char *key;
	/* The client's serial number for a write (Raft section 6.3): above those of all its earlier writes. A copy of a write that arrives after a later write of its client was applied is late, and is not applied. Absent: the write is not ordered against the others. */
	uint64_t seq;
	struct {
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_DELETE_MID_MAX_LEN 64
#define MSG_DELETE_KEY_MAX_LEN 256

/* A client asks to set a key to value only if its current value is expected (kvctl cas). Answered ok with the value found: the swap happened exactly when that value equals expected. A key never written, or deleted, has the value "". */
struct msg_cas {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* Key to compare and set. */
	char *key;
	/* The value the key must have for the write to happen. */
	char *expected;
	/* The value to write. */
	char *value;
	/* The client's serial number for a write (Raft section 6.3): above those of all its earlier writes. A copy of a write that arrives after a later write of its client was applied is late, and is not applied. Absent: the write is not ordered against the others. */
	uint64_t seq;
	struct {
		bool seq;
	} _present; /* whether each optional field is set */
};
#define MSG_CAS_MID_MAX_LEN 64
#define MSG_CAS_KEY_MAX_LEN 256
#define MSG_CAS_EXPECTED_MAX_LEN 1024
#define MSG_CAS_VALUE_MAX_LEN 1024

/* A client asks the cluster to hand leadership to member `target` (kvctl move-leader; etcdctl move-leader). A member that is not the leader redirects it to the one it believes in. The leader stops taking writes (they wait, then go to the new leader), brings the target up to date and tells it to campaign (timeout_now); it answers ok once it follows the target, fail with an error if the target is not a member, is itself, or has not won within an election timeout. */
struct msg_move_leader {
	struct msg_envelope env;
	/* Request id chosen by the client, echoed in the answer. */
	char *mid;
	/* The id of the member that is to lead. */
	char target[MSG_ID_SIZE];
};
#define MSG_MOVE_LEADER_MID_MAX_LEN 64

enum msg_type {
	MSG_TYPE_HELLO,
	MSG_TYPE_GET,
	MSG_TYPE_PUT,
	MSG_TYPE_OK,
	MSG_TYPE_FAIL,
	MSG_TYPE_REDIRECT,
	MSG_TYPE_REQUEST_VOTE,
	MSG_TYPE_REQUEST_VOTE_REPLY,
	MSG_TYPE_TIMEOUT_NOW,
	MSG_TYPE_APPEND_ENTRIES,
	MSG_TYPE_APPEND_ENTRIES_REPLY,
	MSG_TYPE_FORWARD,
	MSG_TYPE_FORWARD_ACK,
	MSG_TYPE_INSTALL_SNAPSHOT,
	MSG_TYPE_INSTALL_SNAPSHOT_REPLY,
	MSG_TYPE_STATUS,
	MSG_TYPE_STATUS_REPLY,
	MSG_TYPE_CLIENT_ADDRESS,
	MSG_TYPE_DELETE,
	MSG_TYPE_CAS,
	MSG_TYPE_MOVE_LEADER,
	MSG_TYPE_COUNT
};

/* The wire name of a type ("?" if out of range), and the reverse lookup
 * (MSG_ERR_UNKNOWN_TYPE if no type has that name). */
const char *msg_type_name(enum msg_type type);
int msg_type_from_name(const char *name, enum msg_type *type);

/* Any message: `type` says which member of `as` is live; every member starts
 * with the envelope, so as.env is always valid. */
struct msg_any {
	enum msg_type type;
	union {
		struct msg_envelope env;
		struct msg_hello hello;
		struct msg_get get;
		struct msg_put put;
		struct msg_ok ok;
		struct msg_fail fail;
		struct msg_redirect redirect;
		struct msg_request_vote request_vote;
		struct msg_request_vote_reply request_vote_reply;
		struct msg_timeout_now timeout_now;
		struct msg_append_entries append_entries;
		struct msg_append_entries_reply append_entries_reply;
		struct msg_forward forward;
		struct msg_forward_ack forward_ack;
		struct msg_install_snapshot install_snapshot;
		struct msg_install_snapshot_reply install_snapshot_reply;
		struct msg_status status;
		struct msg_status_reply status_reply;
		struct msg_client_address client_address;
		struct msg_delete delete;
		struct msg_cas cas;
		struct msg_move_leader move_leader;
	} as;
};

/* Sets every message's first three fields: who sends it, to whom, and
 * whom the sender believes leads. */
void msg_envelope_fill(struct msg_envelope *env, const char *src, const char *dst, const char *leader);
/* The address of a message's "mid" field (the request it answers or
 * makes), NULL for a type without one: get, put, ok, fail, redirect, status, status_reply, delete, cas, move_leader. */
char **msg_any_mid_field(struct msg_any *m);
const char *msg_any_mid(const struct msg_any *m);

/* For each struct and message X, msg_X_encoded_bound: at least as many
 * bytes as msg_X_encode writes for *m (every string counted as if each
 * byte needed \u00XX, every number at its longest). */
size_t msg_log_entry_encoded_bound(const struct msg_log_entry *m);
size_t msg_client_request_encoded_bound(const struct msg_client_request *m);
size_t msg_link_encoded_bound(const struct msg_link *m);
size_t msg_kv_pair_encoded_bound(const struct msg_kv_pair *m);
size_t msg_client_session_encoded_bound(const struct msg_client_session *m);
size_t msg_request_mid_encoded_bound(const struct msg_request_mid *m);
size_t msg_hello_encoded_bound(const struct msg_hello *m);
size_t msg_get_encoded_bound(const struct msg_get *m);
size_t msg_put_encoded_bound(const struct msg_put *m);
size_t msg_ok_encoded_bound(const struct msg_ok *m);
size_t msg_fail_encoded_bound(const struct msg_fail *m);
size_t msg_redirect_encoded_bound(const struct msg_redirect *m);
size_t msg_request_vote_encoded_bound(const struct msg_request_vote *m);
size_t msg_request_vote_reply_encoded_bound(const struct msg_request_vote_reply *m);
size_t msg_timeout_now_encoded_bound(const struct msg_timeout_now *m);
size_t msg_append_entries_encoded_bound(const struct msg_append_entries *m);
size_t msg_append_entries_reply_encoded_bound(const struct msg_append_entries_reply *m);
size_t msg_forward_encoded_bound(const struct msg_forward *m);
size_t msg_forward_ack_encoded_bound(const struct msg_forward_ack *m);
size_t msg_install_snapshot_encoded_bound(const struct msg_install_snapshot *m);
size_t msg_install_snapshot_reply_encoded_bound(const struct msg_install_snapshot_reply *m);
size_t msg_status_encoded_bound(const struct msg_status *m);
size_t msg_status_reply_encoded_bound(const struct msg_status_reply *m);
size_t msg_client_address_encoded_bound(const struct msg_client_address *m);
size_t msg_delete_encoded_bound(const struct msg_delete *m);
size_t msg_cas_encoded_bound(const struct msg_cas *m);
size_t msg_move_leader_encoded_bound(const struct msg_move_leader *m);

/*
 * For each message X, and for msg_any:
 *   msg_X_init     zeroes *m (strings NULL, lists empty, nothing present).
 *   msg_X_free     releases what decode or the caller allocated, then inits.
 *   msg_X_equal    true when every field (and presence flag) is the same.
 *   msg_X_validate checks every constraint of the schema.
 *   msg_X_encode   validates, then writes compact JSON to buf (cap bytes,
 *                  NUL-terminated); *len excludes the NUL.
 *   msg_X_encode_alloc  the same into a new buffer (free: msg_buffer_free).
 *   msg_X_decode   parses len bytes and validates; on error *m is left
 *                  initialised (nothing to free) and err says why.
 * All return MSG_OK or a negative enum msg_err; err may be NULL.
 * Strings are owned by the struct and released with free() by msg_X_free.
 */
void msg_log_entry_init(struct msg_log_entry *m);
void msg_log_entry_free(struct msg_log_entry *m);
bool msg_log_entry_equal(const struct msg_log_entry *a, const struct msg_log_entry *b);
int msg_log_entry_validate(const struct msg_log_entry *m, struct msg_error *err);
void msg_client_request_init(struct msg_client_request *m);
void msg_client_request_free(struct msg_client_request *m);
bool msg_client_request_equal(const struct msg_client_request *a, const struct msg_client_request *b);
int msg_client_request_validate(const struct msg_client_request *m, struct msg_error *err);
void msg_link_init(struct msg_link *m);
void msg_link_free(struct msg_link *m);
bool msg_link_equal(const struct msg_link *a, const struct msg_link *b);
int msg_link_validate(const struct msg_link *m, struct msg_error *err);
void msg_kv_pair_init(struct msg_kv_pair *m);
void msg_kv_pair_free(struct msg_kv_pair *m);
bool msg_kv_pair_equal(const struct msg_kv_pair *a, const struct msg_kv_pair *b);
int msg_kv_pair_validate(const struct msg_kv_pair *m, struct msg_error *err);
void msg_client_session_init(struct msg_client_session *m);
void msg_client_session_free(struct msg_client_session *m);
bool msg_client_session_equal(const struct msg_client_session *a, const struct msg_client_session *b);
int msg_client_session_validate(const struct msg_client_session *m, struct msg_error *err);
void msg_request_mid_init(struct msg_request_mid *m);
void msg_request_mid_free(struct msg_request_mid *m);
bool msg_request_mid_equal(const struct msg_request_mid *a, const struct msg_request_mid *b);
int msg_request_mid_validate(const struct msg_request_mid *m, struct msg_error *err);
void msg_hello_init(struct msg_hello *m);
void msg_hello_free(struct msg_hello *m);
bool msg_hello_equal(const struct msg_hello *a, const struct msg_hello *b);
int msg_hello_validate(const struct msg_hello *m, struct msg_error *err);
int msg_hello_encode(const struct msg_hello *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_hello_encode_alloc(const struct msg_hello *m, char **out, size_t *len, struct msg_error *err);
int msg_hello_decode(const char *buf, size_t len, struct msg_hello *m, struct msg_error *err);
void msg_get_init(struct msg_get *m);
void msg_get_free(struct msg_get *m);
bool msg_get_equal(const struct msg_get *a, const struct msg_get *b);
int msg_get_validate(const struct msg_get *m, struct msg_error *err);
int msg_get_encode(const struct msg_get *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_get_encode_alloc(const struct msg_get *m, char **out, size_t *len, struct msg_error *err);
int msg_get_decode(const char *buf, size_t len, struct msg_get *m, struct msg_error *err);
void msg_put_init(struct msg_put *m);
void msg_put_free(struct msg_put *m);
bool msg_put_equal(const struct msg_put *a, const struct msg_put *b);
int msg_put_validate(const struct msg_put *m, struct msg_error *err);
int msg_put_encode(const struct msg_put *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_put_encode_alloc(const struct msg_put *m, char **out, size_t *len, struct msg_error *err);
int msg_put_decode(const char *buf, size_t len, struct msg_put *m, struct msg_error *err);
void msg_ok_init(struct msg_ok *m);
void msg_ok_free(struct msg_ok *m);
bool msg_ok_equal(const struct msg_ok *a, const struct msg_ok *b);
int msg_ok_validate(const struct msg_ok *m, struct msg_error *err);
int msg_ok_encode(const struct msg_ok *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_ok_encode_alloc(const struct msg_ok *m, char **out, size_t *len, struct msg_error *err);
int msg_ok_decode(const char *buf, size_t len, struct msg_ok *m, struct msg_error *err);
void msg_fail_init(struct msg_fail *m);
void msg_fail_free(struct msg_fail *m);
bool msg_fail_equal(const struct msg_fail *a, const struct msg_fail *b);
int msg_fail_validate(const struct msg_fail *m, struct msg_error *err);
int msg_fail_encode(const struct msg_fail *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_fail_encode_alloc(const struct msg_fail *m, char **out, size_t *len, struct msg_error *err);
int msg_fail_decode(const char *buf, size_t len, struct msg_fail *m, struct msg_error *err);
void msg_redirect_init(struct msg_redirect *m);
void msg_redirect_free(struct msg_redirect *m);
bool msg_redirect_equal(const struct msg_redirect *a, const struct msg_redirect *b);
int msg_redirect_validate(const struct msg_redirect *m, struct msg_error *err);
int msg_redirect_encode(const struct msg_redirect *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_redirect_encode_alloc(const struct msg_redirect *m, char **out, size_t *len, struct msg_error *err);
int msg_redirect_decode(const char *buf, size_t len, struct msg_redirect *m, struct msg_error *err);
void msg_request_vote_init(struct msg_request_vote *m);
void msg_request_vote_free(struct msg_request_vote *m);
bool msg_request_vote_equal(const struct msg_request_vote *a, const struct msg_request_vote *b);
int msg_request_vote_validate(const struct msg_request_vote *m, struct msg_error *err);
int msg_request_vote_encode(const struct msg_request_vote *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_request_vote_encode_alloc(const struct msg_request_vote *m, char **out, size_t *len, struct msg_error *err);
int msg_request_vote_decode(const char *buf, size_t len, struct msg_request_vote *m, struct msg_error *err);
void msg_request_vote_reply_init(struct msg_request_vote_reply *m);
void msg_request_vote_reply_free(struct msg_request_vote_reply *m);
bool msg_request_vote_reply_equal(const struct msg_request_vote_reply *a, const struct msg_request_vote_reply *b);
int msg_request_vote_reply_validate(const struct msg_request_vote_reply *m, struct msg_error *err);
int msg_request_vote_reply_encode(const struct msg_request_vote_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_request_vote_reply_encode_alloc(const struct msg_request_vote_reply *m, char **out, size_t *len, struct msg_error *err);
int msg_request_vote_reply_decode(const char *buf, size_t len, struct msg_request_vote_reply *m, struct msg_error *err);
void msg_timeout_now_init(struct msg_timeout_now *m);
void msg_timeout_now_free(struct msg_timeout_now *m);
bool msg_timeout_now_equal(const struct msg_timeout_now *a, const struct msg_timeout_now *b);
int msg_timeout_now_validate(const struct msg_timeout_now *m, struct msg_error *err);
int msg_timeout_now_encode(const struct msg_timeout_now *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_timeout_now_encode_alloc(const struct msg_timeout_now *m, char **out, size_t *len, struct msg_error *err);
int msg_timeout_now_decode(const char *buf, size_t len, struct msg_timeout_now *m, struct msg_error *err);
void msg_append_entries_init(struct msg_append_entries *m);
void msg_append_entries_free(struct msg_append_entries *m);
bool msg_append_entries_equal(const struct msg_append_entries *a, const struct msg_append_entries *b);
int msg_append_entries_validate(const struct msg_append_entries *m, struct msg_error *err);
int msg_append_entries_encode(const struct msg_append_entries *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_append_entries_encode_alloc(const struct msg_append_entries *m, char **out, size_t *len, struct msg_error *err);
int msg_append_entries_decode(const char *buf, size_t len, struct msg_append_entries *m, struct msg_error *err);
void msg_append_entries_reply_init(struct msg_append_entries_reply *m);
void msg_append_entries_reply_free(struct msg_append_entries_reply *m);
bool msg_append_entries_reply_equal(const struct msg_append_entries_reply *a, const struct msg_append_entries_reply *b);
int msg_append_entries_reply_validate(const struct msg_append_entries_reply *m, struct msg_error *err);
int msg_append_entries_reply_encode(const struct msg_append_entries_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_append_entries_reply_encode_alloc(const struct msg_append_entries_reply *m, char **out, size_t *len, struct msg_error *err);
int msg_append_entries_reply_decode(const char *buf, size_t len, struct msg_append_entries_reply *m, struct msg_error *err);
void msg_forward_init(struct msg_forward *m);
void msg_forward_free(struct msg_forward *m);
bool msg_forward_equal(const struct msg_forward *a, const struct msg_forward *b);
int msg_forward_validate(const struct msg_forward *m, struct msg_error *err);
int msg_forward_encode(const struct msg_forward *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_forward_encode_alloc(const struct msg_forward *m, char **out, size_t *len, struct msg_error *err);
int msg_forward_decode(const char *buf, size_t len, struct msg_forward *m, struct msg_error *err);
void msg_forward_ack_init(struct msg_forward_ack *m);
void msg_forward_ack_free(struct msg_forward_ack *m);
bool msg_forward_ack_equal(const struct msg_forward_ack *a, const struct msg_forward_ack *b);
int msg_forward_ack_validate(const struct msg_forward_ack *m, struct msg_error *err);
int msg_forward_ack_encode(const struct msg_forward_ack *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_forward_ack_encode_alloc(const struct msg_forward_ack *m, char **out, size_t *len, struct msg_error *err);
int msg_forward_ack_decode(const char *buf, size_t len, struct msg_forward_ack *m, struct msg_error *err);
void msg_install_snapshot_init(struct msg_install_snapshot *m);
void msg_install_snapshot_free(struct msg_install_snapshot *m);
bool msg_install_snapshot_equal(const struct msg_install_snapshot *a, const struct msg_install_snapshot *b);
int msg_install_snapshot_validate(const struct msg_install_snapshot *m, struct msg_error *err);
int msg_install_snapshot_encode(const struct msg_install_snapshot *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_install_snapshot_encode_alloc(const struct msg_install_snapshot *m, char **out, size_t *len, struct msg_error *err);
int msg_install_snapshot_decode(const char *buf, size_t len, struct msg_install_snapshot *m, struct msg_error *err);
void msg_install_snapshot_reply_init(struct msg_install_snapshot_reply *m);
void msg_install_snapshot_reply_free(struct msg_install_snapshot_reply *m);
bool msg_install_snapshot_reply_equal(const struct msg_install_snapshot_reply *a, const struct msg_install_snapshot_reply *b);
int msg_install_snapshot_reply_validate(const struct msg_install_snapshot_reply *m, struct msg_error *err);
int msg_install_snapshot_reply_encode(const struct msg_install_snapshot_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_install_snapshot_reply_encode_alloc(const struct msg_install_snapshot_reply *m, char **out, size_t *len, struct msg_error *err);
int msg_install_snapshot_reply_decode(const char *buf, size_t len, struct msg_install_snapshot_reply *m, struct msg_error *err);
void msg_status_init(struct msg_status *m);
void msg_status_free(struct msg_status *m);
bool msg_status_equal(const struct msg_status *a, const struct msg_status *b);
int msg_status_validate(const struct msg_status *m, struct msg_error *err);
int msg_status_encode(const struct msg_status *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_status_encode_alloc(const struct msg_status *m, char **out, size_t *len, struct msg_error *err);
int msg_status_decode(const char *buf, size_t len, struct msg_status *m, struct msg_error *err);
void msg_status_reply_init(struct msg_status_reply *m);
void msg_status_reply_free(struct msg_status_reply *m);
bool msg_status_reply_equal(const struct msg_status_reply *a, const struct msg_status_reply *b);
int msg_status_reply_validate(const struct msg_status_reply *m, struct msg_error *err);
int msg_status_reply_encode(const struct msg_status_reply *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_status_reply_encode_alloc(const struct msg_status_reply *m, char **out, size_t *len, struct msg_error *err);
int msg_status_reply_decode(const char *buf, size_t len, struct msg_status_reply *m, struct msg_error *err);
void msg_client_address_init(struct msg_client_address *m);
void msg_client_address_free(struct msg_client_address *m);
bool msg_client_address_equal(const struct msg_client_address *a, const struct msg_client_address *b);
int msg_client_address_validate(const struct msg_client_address *m, struct msg_error *err);
int msg_client_address_encode(const struct msg_client_address *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_client_address_encode_alloc(const struct msg_client_address *m, char **out, size_t *len, struct msg_error *err);
int msg_client_address_decode(const char *buf, size_t len, struct msg_client_address *m, struct msg_error *err);
void msg_delete_init(struct msg_delete *m);
void msg_delete_free(struct msg_delete *m);
bool msg_delete_equal(const struct msg_delete *a, const struct msg_delete *b);
int msg_delete_validate(const struct msg_delete *m, struct msg_error *err);
int msg_delete_encode(const struct msg_delete *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_delete_encode_alloc(const struct msg_delete *m, char **out, size_t *len, struct msg_error *err);
int msg_delete_decode(const char *buf, size_t len, struct msg_delete *m, struct msg_error *err);
void msg_cas_init(struct msg_cas *m);
void msg_cas_free(struct msg_cas *m);
bool msg_cas_equal(const struct msg_cas *a, const struct msg_cas *b);
int msg_cas_validate(const struct msg_cas *m, struct msg_error *err);
int msg_cas_encode(const struct msg_cas *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_cas_encode_alloc(const struct msg_cas *m, char **out, size_t *len, struct msg_error *err);
int msg_cas_decode(const char *buf, size_t len, struct msg_cas *m, struct msg_error *err);
void msg_move_leader_init(struct msg_move_leader *m);
void msg_move_leader_free(struct msg_move_leader *m);
bool msg_move_leader_equal(const struct msg_move_leader *a, const struct msg_move_leader *b);
int msg_move_leader_validate(const struct msg_move_leader *m, struct msg_error *err);
int msg_move_leader_encode(const struct msg_move_leader *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_move_leader_encode_alloc(const struct msg_move_leader *m, char **out, size_t *len, struct msg_error *err);
int msg_move_leader_decode(const char *buf, size_t len, struct msg_move_leader *m, struct msg_error *err);
void msg_any_init(struct msg_any *m, enum msg_type type);
void msg_any_free(struct msg_any *m);
bool msg_any_equal(const struct msg_any *a, const struct msg_any *b);
int msg_any_validate(const struct msg_any *m, struct msg_error *err);
int msg_any_encode(const struct msg_any *m, char *buf, size_t cap, size_t *len, struct msg_error *err);
int msg_any_encode_alloc(const struct msg_any *m, char **out, size_t *len, struct msg_error *err);
int msg_any_decode(const char *buf, size_t len, struct msg_any *m, struct msg_error *err);

#endif
