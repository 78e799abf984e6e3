/*
 * 3700kvstore: one replica. The edge of the program: command line, the UDP
 * socket, the clock, signals and logging, around one single-threaded loop
 * that feeds the pure node (src/node/node.h) messages and ticks; the
 * command line and the log are in src/edge/.
 *
 *     3700kvstore [--data-dir DIR [--snapshot-every N]] <udp-port> <my-id> <peer-id> ...
 *     3700kvstore --name ID --initial-cluster ID=HOST:PORT,... --listen-client HOST:PORT
 *                 [--data-dir DIR [--snapshot-every N]]
 *
 * The first form runs under the test-bed, which routes every datagram; the
 * second is one member of a cluster of its own (src/net/transport.h).
 * With --data-dir, term, vote and log are kept in DIR/wal (src/storage/wal_file.h)
 * and every message a loop iteration produced waits until that
 * iteration's records are synced; every N applied entries (default
 * 10,000) the map goes to a snapshot file and the log restarts after it.
 * Without it, nothing touches a disk and the log is never compacted.
 *
 * Environment: KVSTORE_LOG=debug|info|warn|off (default info), to stderr.
 */
#define _GNU_SOURCE /* ppoll */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/array.h"
#include "edge/edge_args.h"
#include "edge/edge_log.h"
#include "node/node.h"
#include "net/transport.h"
#include "storage/wal_file.h"

/* A restarted leader must know taken every forwarded request its earlier
 * life answered that the node would still remember. */
_Static_assert(WAL_ANSWERED_KEPT >= NODE_TAKEN_MIDS, "the log keeps fewer answered MIDs than a leader remembers");

static volatile sig_atomic_t stop_requested;
static char my_id[MSG_ID_SIZE];

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* The loop's state. Without a write-ahead log every step's messages are
 * sent as soon as it ends; with one they wait in `pending` until the
 * records of the iteration are synced (end_batch). */
struct edge {
	struct transport *net;
	struct node *node;
	struct raft_update u;
	uint64_t deadline;
	struct wal_file *wal; /* NULL: in memory only */
	struct raft_outbox pending;
	struct raft_persist persist; /* what the iteration's steps changed, for the log */
	struct node_mids answered;   /* forwarded requests answered, for the log */
};

/* With a write-ahead log, a loop iteration reads at most this many
 * datagrams before it syncs and sends: a backlog must not hold back every
 * answer until it is read. Without one, every step sends at once and the
 * socket is read until it is empty. */
#define BATCH_MAX 64

/* Keeps the messages of a step for the iteration's sync; false when
 * memory ran out. */
static bool keep_for_sync(struct edge *e)
{
	struct raft_outbox *p = &e->pending;
	size_t n = raft_outbox_size(&e->u);

	if (n == 0) /* nothing to keep (and memcpy must not see NULL) */
		return true;
	if (array_reserve(&p->items, &p->cap, p->n + n, sizeof *p->items, 64) < 0)
		return false;
	memcpy(p->items + p->n, e->u.out.items, n * sizeof *p->items);
	p->n += n;
	raft_outbox_take_all(&e->u);
	return true;
}

/* Ends a step: its messages leave now, or wait for the iteration's sync
 * (lost, as the network may lose them, if memory ran out). */
static void end_step(struct edge *e)
{
	size_t i;

	e->deadline = e->u.deadline;
	raft_persist_merge(&e->persist, &e->u.persist);
	if (!e->wal)
		for (i = 0; i < raft_outbox_size(&e->u); i++)
			transport_send(e->net, raft_outbox_get(&e->u, i));
	else if (!keep_for_sync(e))
		edge_logf(RAFT_LOG_WARN, "out of memory: %zu messages of a step are lost", raft_outbox_size(&e->u));
	raft_update_reset(&e->u);
}

/* A replica that cannot write its log stops: it could no longer keep a
 * promise it makes in its messages. */
static void stop_on_log_error(int rc, const char *err)
{
	if (rc < 0) {
		fprintf(stderr, "3700kvstore: %s\n", err);
		exit(1);
	}
}

/* Writes and syncs what the iteration changed, sends what waited for it,
 * then notes that its answers have left. */
static void end_batch(struct edge *e)
{
	char err[512];
	size_t i;

	if (!e->wal)
		return;
	node_take_answered(e->node, &e->answered);
	if (node_maybe_snapshot(e->node, wal_answers_left(&e->wal->writer)) < 0)
		edge_logf(RAFT_LOG_WARN, "no snapshot this time: out of memory");
	stop_on_log_error(
		wal_file_save(e->wal, &e->node->raft, &e->persist, e->answered.items, e->answered.n, err, sizeof err),
		err);
	raft_persist_clear(&e->persist);
	for (i = 0; i < e->pending.n; i++) {
		transport_send(e->net, &e->pending.items[i]);
		msg_any_free(&e->pending.items[i]);
	}
	e->pending.n = 0;
	stop_on_log_error(wal_file_note_sent(e->wal, err, sizeof err), err);
}

/* Runs the node's timers if they are due. */
static void tick_if_due(struct edge *e)
{
	uint64_t now = edge_now_ms();

	if (now < e->deadline)
		return;
	node_tick(e->node, now, &e->u);
	end_step(e);
}

/* A status request is answered at once, from this replica's own state. */
static void answer_status(struct edge *e, const struct msg_status *q, const struct sockaddr_in *from)
{
	struct msg_any r;

	msg_any_init(&r, MSG_TYPE_STATUS_REPLY);
	msg_envelope_fill(&r.as.env, my_id, q->env.src, raft_leader(&e->node->raft));
	r.as.status_reply.mid = strdup(q->mid);
	if (r.as.status_reply.mid && node_status(e->node, &r.as.status_reply) == 0)
		transport_reply(e->net, &r, from);
	else /* the client asks again */
		edge_logf(RAFT_LOG_WARN, "out of memory answering a status request");
	msg_any_free(&r);
}

/* Reads the datagrams waiting on socket `which` (up to BATCH_MAX with a
 * log) and hands the valid ones to the node. Timers that fell due come
 * first, before each datagram: after a stall (the process was stopped, or
 * the machine busy) a leader must learn from its own clock that it lost
 * its majority before it acts on replies that waited in the socket all
 * that time, and a long backlog must not hold back retries and
 * heartbeats. */
static void drain(struct edge *e, int which)
{
	struct sockaddr_in from;
	struct msg_any m;
	int read = 0;

	while (!e->wal || read < BATCH_MAX) {
		enum transport_recv_result got;

		tick_if_due(e);
		got = transport_recv(e->net, which, &m, &from);
		if (got == TRANSPORT_EMPTY)
			return;
		read++;
		if (got == TRANSPORT_DROPPED)
			continue;
		if (m.type == MSG_TYPE_STATUS)
			answer_status(e, &m.as.status, &from);
		else if (node_receive(e->node, &m, edge_now_ms(), &e->u) < 0)
			edge_logf(RAFT_LOG_WARN, "out of memory handling a %s", msg_type_name(m.type));
		msg_any_free(&m);
		end_step(e);
	}
}

static void install_signals(sigset_t *unblocked)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* Blocked except inside ppoll, so a SIGTERM cannot slip in between the
	 * check of stop_requested and the wait. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, unblocked);
	sigdelset(unblocked, SIGTERM);
	sigdelset(unblocked, SIGINT);
}

static void run(struct edge *e, const sigset_t *unblocked)
{
	struct pollfd pfd[TRANSPORT_SOCKETS];
	int i;

	for (i = 0; i < TRANSPORT_SOCKETS; i++) {
		pfd[i].fd = e->net->fd[i]; /* -1: poll skips it */
		pfd[i].events = POLLIN;
	}

	while (!stop_requested) {
		uint64_t now = edge_now_ms();
		struct timespec wait;

		transport_check_partition(e->net, now);
		if (now >= e->deadline) {
			tick_if_due(e);
			end_batch(e);
			continue;
		}
		wait.tv_sec = (time_t)((e->deadline - now) / 1000);
		wait.tv_nsec = (long)((e->deadline - now) % 1000) * 1000000L;
		if (ppoll(pfd, TRANSPORT_SOCKETS, &wait, unblocked) > 0) {
			for (i = 0; i < TRANSPORT_SOCKETS; i++)
				if (pfd[i].revents)
					drain(e, i);
			end_batch(e);
		}
	}
}

/* Replays DIR/wal into *out; false (after saying why) if the replica
 * must not start. */
static bool open_wal(struct wal_file *wal, const char *dir, uint64_t cluster, struct wal_replayed *out)
{
	struct wal_open_report report;
	char err[640];

	if (wal_file_open(wal, dir, my_id, cluster, out, &report, err, sizeof err) < 0) {
		fprintf(stderr, "3700kvstore: %s\n", err);
		return false;
	}
	if (report.torn_bytes)
		edge_logf(RAFT_LOG_WARN, "%s: cut a torn tail of %llu bytes at offset %llu (%s)", wal->path,
			  (unsigned long long)report.torn_bytes, (unsigned long long)report.torn_offset,
			  report.torn_why);
	edge_logf(RAFT_LOG_INFO, "%s: %s, %zu records in %llu bytes", wal->path, report.created ? "created" : "opened",
		  report.records, (unsigned long long)report.bytes);
	return true;
}

/* What the log says this replica answered before it stopped, and from
 * now on what it answers. */
static int remember_answered(struct node *n, const struct wal_replayed *replayed)
{
	size_t i;

	node_keep_answered(n);
	for (i = 0; i < replayed->n_answered; i++)
		if (node_remember_taken(n, replayed->answered[(replayed->first_answered + i) % WAL_ANSWERED_KEPT]) < 0)
			return RAFT_ENOMEM;
	return RAFT_OK;
}

/* The sockets of the form the command line chose; 0 or -1. */
static int open_transport(struct transport *net, const struct edge_options *o, const struct cluster_config *cluster,
			  uint16_t port)
{
	if (o->name)
		return transport_open_cluster(net, cluster, edge_log_line);
	return transport_open_testbed(net, port, my_id, edge_log_line);
}

/* The node, as the command line and the replayed log (NULL: none) say.
 * RAFT_OK or an error of raft_init. */
static int start_node(struct node *node, const struct edge_args *args, struct raft_restore *restore,
		      const struct wal_replayed *replayed)
{
	struct raft_config cfg = { 0 };
	int rc;

	cfg.id = my_id;
	cfg.peers = args->peers;
	cfg.n_peers = args->n_peers;
	cfg.seed = edge_now_ms() ^ ((uint64_t)getpid() << 32) ^ strtoull(my_id, NULL, 16);
	cfg.timing = raft_default_timing();
	/* The test-bed allows at most half of the appends to be batched: its
	 * clients' requests of one 0.1 s turn each get a message of their own
	 * (RAFT_MAX_UNANSWERED); a cluster of its own batches freely. */
	cfg.max_unanswered = args->opts.name ? 0 : RAFT_UNANSWERED_CAP;
	cfg.log = edge_log_line;
	cfg.restore = restore;
	rc = node_init(node, &cfg, edge_now_ms());
	if (rc == RAFT_OK && args->opts.name) { /* cluster mode: clients resend, and read etcd's way */
		node_set_forward_within(node, cfg.timing.election_min);
		node_tell_absent(node);
	}
	if (rc == RAFT_OK && replayed) {
		rc = remember_answered(node, replayed);
		node_set_snapshot_every(node, args->snapshot_every);
	}
	return rc;
}

/* What the loop holds when it stops on a signal: the last batch written
 * and sent, everything closed. */
static void stop(struct edge *e)
{
	edge_logf(RAFT_LOG_INFO, "stopping on signal");
	end_batch(e);
	raft_update_free(&e->u);
	free(e->pending.items);
	node_mids_free(&e->answered);
	if (e->wal)
		wal_file_close(e->wal);
	node_free(e->node);
	transport_close(e->net);
}

int main(int argc, char **argv)
{
	static struct edge_args args;        /* the cluster's members: not on the stack */
	static struct wal_replayed replayed; /* 32 KB of answered MIDs: not on the stack */
	struct wal_file wal;
	struct transport net;
	sigset_t unblocked;
	struct node node;
	struct edge e = { .node = &node, .net = &net };
	const struct edge_options *opts = &args.opts;
	int rc;

	rc = edge_args_parse(argc, argv, &args);
	if (rc)
		return rc;
	msg_id_copy(my_id, args.id);
	edge_log_init(my_id);
	install_signals(&unblocked);
	if (opts->data_dir) {
		if (!open_wal(&wal, opts->data_dir, args.cluster.id, &replayed))
			return 1;
		e.wal = &wal;
	}
	if (open_transport(&net, opts, &args.cluster, args.port) < 0)
		return 1;
	rc = start_node(&node, &args, e.wal ? &replayed.state : NULL, e.wal ? &replayed : NULL);
	if (e.wal)
		wal_replayed_free(&replayed);
	if (rc != RAFT_OK) {
		fprintf(stderr, "3700kvstore: cannot initialise the replica: %s\n", raft_strerror(rc));
		return 1;
	}
	edge_logf(RAFT_LOG_INFO, "started with %zu peers%s", args.n_peers, opts->name ? " (cluster mode)" : "");
	raft_update_init(&e.u);
	raft_persist_clear(&e.persist);
	run(&e, &unblocked);
	stop(&e);
	return 0;
}
