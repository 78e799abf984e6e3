/*
 * 3700kvstore: one replica. The edge of the program: command line, the UDP
 * socket, the clock, signals and logging, around one single-threaded loop
 * that feeds the pure node (src/node/node.c) messages and ticks.
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
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "net/cluster_config.h"
#include "node/node.h"
#include "net/transport.h"
#include "storage/wal_file.h"

static volatile sig_atomic_t stop_requested;
static enum raft_log_level log_level = RAFT_LOG_INFO;
static bool log_off;
static char my_id[MSG_ID_SIZE];

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Warnings are mostly about datagrams dropped as malformed or misaddressed:
 * a flood of them must not become a flood of log lines (the test-bed's one
 * loop reads and echoes our stderr). At most WARN_BURST a second are
 * written; the rest are counted, and the count is written with the next
 * warning of a later second. */
#define WARN_BURST 20

static bool warn_allowed(uint64_t now)
{
	static uint64_t second;
	static unsigned written;
	static unsigned long suppressed;

	if (now / 1000 != second) {
		second = now / 1000;
		written = 0;
	}
	if (written >= WARN_BURST) {
		suppressed++;
		return false;
	}
	written++;
	if (suppressed) {
		fprintf(stderr, "%llu %s warn: %lu warnings suppressed (over %d a second)\n", (unsigned long long)now,
			my_id, suppressed, WARN_BURST);
		suppressed = 0;
	}
	return true;
}

/* UTC to the millisecond, ISO 8601, as an operator lines logs up with
 * other machines' (the loop's clock is monotonic, and starts anywhere). */
static const char *wall_clock(char *out, size_t size)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, size - n, ".%03ldZ", ts.tv_nsec / 1000000);
	return out;
}

static void log_line(void *ctx, enum raft_log_level level, const char *fmt, va_list args)
{
	static const char *const names[] = { "debug", "info", "warn" };
	uint64_t now = now_ms();
	char stamp[40];

	(void)ctx;
	if (log_off || level < log_level)
		return;
	if (level == RAFT_LOG_WARN && log_level > RAFT_LOG_DEBUG && !warn_allowed(now))
		return;
	fprintf(stderr, "%s %s %s: ", wall_clock(stamp, sizeof stamp), my_id, names[level]);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
}

static void logf_edge(enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(NULL, level, fmt, ap);
	va_end(ap);
}

static void set_log_level(void)
{
	const char *v = getenv("KVSTORE_LOG");

	if (!v)
		return;
	if (strcasecmp(v, "debug") == 0)
		log_level = RAFT_LOG_DEBUG;
	else if (strcasecmp(v, "warn") == 0)
		log_level = RAFT_LOG_WARN;
	else if (strcasecmp(v, "off") == 0)
		log_off = true;
}

/* The test-bed may read our stderr through a pipe; a replica must never
 * block on it, so a full pipe loses log lines instead. A terminal or a
 * file is left alone (the flag would be shared with other processes). */
static void never_block_on_stderr(void)
{
	struct stat st;
	int flags = fcntl(STDERR_FILENO, F_GETFL);

	if (flags >= 0 && fstat(STDERR_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
		fcntl(STDERR_FILENO, F_SETFL, flags | O_NONBLOCK);
}

/* With a data directory, a snapshot every this many applied entries by
 * default: the log a restart replays stays short, and a large map is not
 * written out too often. */
#define SNAPSHOT_EVERY 10000

static int usage(const char *why)
{
	fprintf(stderr,
		"3700kvstore: %s\n"
		"usage: 3700kvstore [--data-dir DIR [--snapshot-every N]] <udp-port> <my-id> <peer-id> [<peer-id> "
		"...]\n"
		"       3700kvstore --name ID --initial-cluster ID=HOST:PORT,ID=HOST:PORT,... --listen-client "
		"HOST:PORT\n"
		"                   [--initial-cluster-token NAME] [--data-dir DIR [--snapshot-every N]]\n"
		"  the first form runs under the test-bed at <udp-port>; the second is one member of a cluster:\n"
		"  --initial-cluster names every member with the address its peers reach it at, and\n"
		"  --listen-client is where this member serves clients (kvctl)\n"
		"  --initial-cluster-token NAME: with the members, makes the cluster's id, which its data\n"
		"    directories and datagrams carry (another cluster's are refused); one per cluster\n"
		"  ids are 4 hex digits (not FFFF); 1 to %d distinct peers\n"
		"  --data-dir DIR: keep term, vote and log in DIR/wal and resume from it\n"
		"  --snapshot-every N: with --data-dir, snapshot the map and compact the log every N applied\n"
		"    entries (default %d; 0: never)\n",
		why, RAFT_MAX_PEERS, SNAPSHOT_EVERY);
	return 2;
}

/* The value of option `name` at argv[1], as "--name VALUE" or
 * "--name=VALUE" (moving past it), or NULL when argv[1] is not it. */
static const char *option_value(const char *name, int *argc, char ***argv)
{
	const char *opt = (*argv)[1];
	size_t len = strlen(name);

	if (strncmp(opt, name, len) != 0)
		return NULL;
	if (opt[len] == '=' && opt[len + 1]) {
		*argc -= 1;
		*argv += 1;
		return opt + len + 1;
	}
	if (opt[len] == '\0' && *argc > 2 && (*argv)[2][0]) {
		*argc -= 2;
		*argv += 2;
		return (*argv)[0];
	}
	return NULL;
}

static bool parse_count(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 10);
	return isdigit((unsigned char)s[0]) && !*end && errno == 0;
}

/* The command line. Options come first, so that the test-bed's
 * invocation (positional arguments only) is unchanged. */
struct options {
	const char *data_dir;
	const char *snapshot_every;
	const char *name, *initial_cluster, *listen_client, *token; /* cluster mode */
};

static const char *const option_names[] = { "--data-dir",        "--snapshot-every", "--name",
					    "--initial-cluster", "--listen-client",  "--initial-cluster-token" };

static const char **option_slot(struct options *o, size_t i)
{
	const char **slots[] = { &o->data_dir,        &o->snapshot_every, &o->name,
				 &o->initial_cluster, &o->listen_client,  &o->token };

	return slots[i];
}

static int parse_options(int *argc, char ***argv, struct options *o, uint64_t *snapshot_every)
{
	while (*argc > 1 && strncmp((*argv)[1], "--", 2) == 0) {
		const char *value = NULL;
		size_t i;

		for (i = 0; i < sizeof option_names / sizeof *option_names && !value; i++)
			if ((value = option_value(option_names[i], argc, argv)) != NULL)
				*option_slot(o, i) = value;
		if (!value) {
			for (i = 0; i < sizeof option_names / sizeof *option_names; i++)
				if (strcmp((*argv)[1], option_names[i]) == 0) {
					fprintf(stderr, "3700kvstore: %s needs a value\n", option_names[i]);
					return usage("an option without its value");
				}
			return usage("unknown option");
		}
	}
	if (o->snapshot_every && !parse_count(o->snapshot_every, snapshot_every))
		return usage("--snapshot-every needs a whole number");
	if (o->snapshot_every && !o->data_dir)
		return usage("--snapshot-every needs --data-dir");
	if ((o->initial_cluster || o->listen_client || o->token) && !o->name)
		return usage("cluster mode needs --name");
	return 0;
}

/* The test-bed's form: <udp-port> <my-id> <peer-id> ... */
static int parse_testbed_args(int argc, char **argv, uint16_t *port, const char **peers, size_t *n_peers)
{
	char *end;
	long p;
	int i, j;

	if (argc < 4)
		return usage("too few arguments");
	if (argc - 3 > RAFT_MAX_PEERS)
		return usage("too many peers");
	p = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || p < 1 || p > 65535)
		return usage("the port must be a number from 1 to 65535");
	for (i = 2; i < argc; i++) {
		if (!cluster_parse_id(argv[i]))
			return usage("ids must be 4 hex digits, not FFFF");
		for (j = 2; j < i; j++)
			if (strcmp(argv[i], argv[j]) == 0)
				return usage("ids must be distinct");
	}
	*port = (uint16_t)p;
	msg_id_copy(my_id, argv[2]);
	for (i = 3; i < argc; i++)
		peers[i - 3] = argv[i];
	*n_peers = (size_t)(argc - 3);
	return 0;
}

/* The cluster's form: every member but this one is a peer. */
static int parse_cluster_args(int argc, const struct options *o, struct cluster_config *c, const char **peers,
			      size_t *n_peers)
{
	char err[256];
	size_t i;

	if (argc > 1)
		return usage("cluster mode takes no positional arguments");
	if (!cluster_config_parse(c, o->name, o->initial_cluster, o->listen_client, o->token, err, sizeof err))
		return usage(err);
	msg_id_copy(my_id, c->self);
	*n_peers = 0;
	for (i = 0; i < c->n_members; i++)
		if (strcmp(c->members[i].id, c->self) != 0)
			peers[(*n_peers)++] = c->members[i].id;
	return 0;
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
	struct node_mids answered; /* forwarded requests answered, for the log */
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
	size_t n = raft_outbox_size(&e->u), cap = p->cap ? p->cap : 64;

	if (n == 0) /* nothing to keep (and memcpy must not see NULL) */
		return true;
	if (p->n + n > p->cap) {
		struct msg_any *grown;

		while (cap < p->n + n)
			cap *= 2;
		grown = realloc(p->items, cap * sizeof *grown);
		if (!grown)
			return false;
		p->items = grown;
		p->cap = cap;
	}
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
	if (!e->wal)
		for (i = 0; i < raft_outbox_size(&e->u); i++)
			transport_send(e->net, raft_outbox_get(&e->u, i));
	else if (!keep_for_sync(e))
		logf_edge(RAFT_LOG_WARN, "out of memory: %zu messages of a step are lost", raft_outbox_size(&e->u));
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
		logf_edge(RAFT_LOG_WARN, "no snapshot this time: out of memory");
	stop_on_log_error(wal_file_save(e->wal, &e->node->raft, e->answered.items, e->answered.n, err, sizeof err),
			  err);
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
	uint64_t now = now_ms();

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
	msg_id_copy(r.as.env.src, my_id);
	msg_id_copy(r.as.env.dst, q->env.src);
	msg_id_copy(r.as.env.leader, raft_leader(&e->node->raft));
	r.as.status_reply.mid = q->mid; /* borrowed: r is not freed */
	node_status(e->node, &r.as.status_reply);
	transport_reply(e->net, &r, from);
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
		else if (node_receive(e->node, &m, now_ms(), &e->u) < 0)
			logf_edge(RAFT_LOG_WARN, "out of memory handling a %s", msg_type_name(m.type));
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
		uint64_t now = now_ms();
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
		logf_edge(RAFT_LOG_WARN, "%s: cut a torn tail of %llu bytes at offset %llu (%s)", wal->path,
			  (unsigned long long)report.torn_bytes, (unsigned long long)report.torn_offset,
			  report.torn_why);
	logf_edge(RAFT_LOG_INFO, "%s: %s, %zu records in %llu bytes", wal->path, report.created ? "created" : "opened",
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
static int open_transport(struct transport *net, const struct options *o, const struct cluster_config *cluster,
			  uint16_t port)
{
	if (o->name)
		return transport_open_cluster(net, cluster, log_line);
	return transport_open_testbed(net, port, my_id, log_line);
}

int main(int argc, char **argv)
{
	const char *peers[RAFT_MAX_PEERS];
	uint64_t snapshot_every = SNAPSHOT_EVERY;
	struct options opts = { 0 };
	static struct cluster_config cluster;
	struct raft_config cfg = { 0 };
	static struct wal_replayed replayed; /* 32 KB of answered MIDs: not on the stack */
	struct wal_file wal;
	struct transport net;
	sigset_t unblocked;
	struct node node;
	struct edge e = { .node = &node, .net = &net };
	size_t n_peers = 0;
	uint16_t port = 0;
	int rc;

	rc = parse_options(&argc, &argv, &opts, &snapshot_every);
	if (!rc)
		rc = opts.name ? parse_cluster_args(argc, &opts, &cluster, peers, &n_peers)
			       : parse_testbed_args(argc, argv, &port, peers, &n_peers);
	if (rc)
		return rc;
	set_log_level();
	never_block_on_stderr();
	install_signals(&unblocked);
	if (opts.data_dir) {
		if (!open_wal(&wal, opts.data_dir, cluster.id, &replayed))
			return 1;
		e.wal = &wal;
		cfg.restore = &replayed.state;
	}
	if (open_transport(&net, &opts, &cluster, port) < 0)
		return 1;
	cfg.id = my_id;
	cfg.peers = peers;
	cfg.n_peers = n_peers;
	cfg.seed = now_ms() ^ ((uint64_t)getpid() << 32) ^ strtoull(my_id, NULL, 16);
	cfg.timing = raft_default_timing();
	/* The test-bed allows at most half of the appends to be batched: its
	 * clients' requests of one 0.1 s turn each get a message of their own
	 * (RAFT_MAX_UNANSWERED); a cluster of its own batches freely. */
	cfg.max_unanswered = opts.name ? 0 : RAFT_UNANSWERED_CAP;
	cfg.log = log_line;
	rc = node_init(&node, &cfg, now_ms());
	if (rc == RAFT_OK && opts.name) { /* cluster mode: clients resend, and read etcd's way */
		node_set_forward_within(&node, cfg.timing.election_min);
		node_tell_absent(&node);
	}
	if (rc == RAFT_OK && opts.data_dir) {
		rc = remember_answered(&node, &replayed);
		node_set_snapshot_every(&node, snapshot_every);
	}
	if (opts.data_dir)
		wal_replayed_free(&replayed);
	if (rc != RAFT_OK) {
		fprintf(stderr, "3700kvstore: cannot initialise the replica: %s\n", raft_strerror(rc));
		return 1;
	}
	logf_edge(RAFT_LOG_INFO, "started with %zu peers%s", n_peers, opts.name ? " (cluster mode)" : "");
	raft_update_init(&e.u);
	run(&e, &unblocked);
	logf_edge(RAFT_LOG_INFO, "stopping on signal");
	end_batch(&e);
	raft_update_free(&e.u);
	free(e.pending.items);
	node_mids_free(&e.answered);
	if (e.wal)
		wal_file_close(e.wal);
	node_free(&node);
	transport_close(&net);
	return 0;
}
