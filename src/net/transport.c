/* The replica's sockets (transport.h). */
#include "transport.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define DATAGRAM_MAX 65535

/* Room for what arrives while the replica cannot read (a pause, a slow
 * moment): with the default 208 KB, a few seconds of a new leader's
 * catch-up batches fill the buffer and the kernel then drops client
 * requests, which go unanswered. The kernel caps it at net.core.rmem_max. */
#define RECEIVE_BUFFER (4 << 20)

static void tlog(const struct transport *t, enum raft_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t->log(NULL, level, fmt, ap);
	va_end(ap);
}

static void init(struct transport *t, const char *self, raft_log_fn log)
{
	memset(t, 0, sizeof *t);
	t->fd[TRANSPORT_PEERS] = t->fd[TRANSPORT_CLIENTS] = -1;
	msg_id_copy(t->self, self);
	t->log = log;
}

/* A UDP socket with a large receive buffer, bound to `bind_to` or
 * connected to `connect_to` (either may be NULL); -1 after saying why. */
static int open_socket(const struct transport *t, const struct sockaddr_in *bind_to,
		       const struct sockaddr_in *connect_to)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int size = RECEIVE_BUFFER;
	char where[32];

	cluster_format_address(bind_to ? bind_to : connect_to, where, sizeof where);
	if (fd < 0 || (bind_to && bind(fd, (const struct sockaddr *)bind_to, sizeof *bind_to) < 0) ||
	    (connect_to && connect(fd, (const struct sockaddr *)connect_to, sizeof *connect_to) < 0)) {
		fprintf(stderr, "3700kvstore: socket for %s: %s\n", where, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size) < 0)
		tlog(t, RAFT_LOG_WARN, "could not enlarge the receive buffer: %s", strerror(errno));
	return fd;
}

static int send_hello(struct transport *t)
{
	struct msg_any hello;

	msg_any_init(&hello, MSG_TYPE_HELLO);
	msg_envelope_fill(&hello.as.env, t->self, MSG_ID_BROADCAST, MSG_ID_BROADCAST);
	transport_send(t, &hello);
	return 0;
}

int transport_open_testbed(struct transport *t, uint16_t port, const char *self, raft_log_fn log)
{
	struct sockaddr_in bed = { .sin_family = AF_INET, .sin_port = htons(port) };

	init(t, self, log);
	bed.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	t->buf = malloc(DATAGRAM_MAX + 1);
	if (!t->buf)
		return -1;
	t->fd[TRANSPORT_PEERS] = open_socket(t, NULL, &bed);
	return t->fd[TRANSPORT_PEERS] < 0 ? -1 : send_hello(t);
}

int transport_open_cluster(struct transport *t, const struct cluster_config *c, raft_log_fn log)
{
	init(t, c->self, log);
	t->cluster = c;
	t->buf = malloc(DATAGRAM_MAX + 1);
	if (!t->buf || client_directory_init(&t->clients) < 0) {
		fprintf(stderr, "3700kvstore: out of memory\n");
		return -1;
	}
	t->fd[TRANSPORT_PEERS] = open_socket(t, &cluster_member_by_id(c, c->self)->addr, NULL);
	if (t->fd[TRANSPORT_PEERS] < 0)
		return -1;
	t->fd[TRANSPORT_CLIENTS] = open_socket(t, &c->client_addr, NULL);
	t->partition_file = getenv("KVSTORE_PARTITION_FILE");
	if (t->partition_file && !*t->partition_file)
		t->partition_file = NULL;
	return t->fd[TRANSPORT_CLIENTS] < 0 ? -1 : 0;
}

#define PARTITION_CHECK_MS 20

/* The members PATH names are cut off; a file that is missing or empty
 * cuts off nobody. */
void transport_check_partition(struct transport *t, uint64_t now_ms)
{
	bool cut[RAFT_MAX_PEERS + 1] = { false };
	char line[512], *tok, *save;
	size_t i;
	FILE *f;

	if (!t->partition_file || now_ms < t->partition_checked_ms + PARTITION_CHECK_MS)
		return;
	t->partition_checked_ms = now_ms;
	f = fopen(t->partition_file, "r");
	while (f && fgets(line, sizeof line, f))
		for (tok = strtok_r(line, " ,\n", &save); tok; tok = strtok_r(NULL, " ,\n", &save))
			for (i = 0; i < t->cluster->n_members; i++)
				if (strcasecmp(tok, t->cluster->members[i].id) == 0)
					cut[i] = true;
	if (f)
		fclose(f);
	for (i = 0; i < t->cluster->n_members; i++)
		if (cut[i] != t->cut_off[i])
			tlog(t, RAFT_LOG_INFO, "fault injection: %s %s", cut[i] ? "cut off from" : "reconnected to",
			     t->cluster->members[i].id);
	memcpy(t->cut_off, cut, sizeof cut);
}

/* Index of a member among the configured ones. */
static size_t member_index(const struct transport *t, const struct cluster_member *m)
{
	return (size_t)(m - t->cluster->members);
}

void transport_close(struct transport *t)
{
	int i;

	for (i = 0; i < TRANSPORT_SOCKETS; i++)
		if (t->fd[i] >= 0)
			close(t->fd[i]);
	client_directory_free(&t->clients);
	free(t->buf);
	t->buf = NULL;
}

/* In a cluster every datagram names the cluster (a shallow copy of m
 * carries the id: m is the caller's). */
static bool encode(struct transport *t, const struct msg_any *m, size_t *len)
{
	struct msg_any stamped;
	struct msg_error err;

	if (t->cluster) {
		stamped = *m;
		stamped.as.env.cluster = t->cluster->id;
		stamped.as.env._present.cluster = true;
		m = &stamped;
	}
	if (msg_any_encode(m, t->buf, DATAGRAM_MAX, len, &err) != MSG_OK) {
		tlog(t, RAFT_LOG_WARN, "not sent: %s", err.text);
		return false;
	}
	return true;
}

static void send_to(struct transport *t, int which, size_t len, const struct sockaddr_in *to)
{
	if (sendto(t->fd[which], t->buf, len, 0, (const struct sockaddr *)to, to ? sizeof *to : 0) < 0 &&
	    errno != ECONNREFUSED)
		tlog(t, RAFT_LOG_WARN, "send failed: %s", strerror(errno));
}

/* Cluster mode: to the member dst names, to every peer for FFFF, else to
 * the client dst names. */
static void route(struct transport *t, const struct msg_any *m, size_t len)
{
	const struct cluster_config *c = t->cluster;
	const struct cluster_member *member;
	struct sockaddr_in client;
	size_t i;

	if (strcmp(m->as.env.dst, MSG_ID_BROADCAST) == 0) {
		for (i = 0; i < c->n_members; i++)
			if (strcmp(c->members[i].id, t->self) != 0 && !t->cut_off[i])
				send_to(t, TRANSPORT_PEERS, len, &c->members[i].addr);
	} else if ((member = cluster_member_by_id(c, m->as.env.dst)) != NULL) {
		if (!t->cut_off[member_index(t, member)])
			send_to(t, TRANSPORT_PEERS, len, &member->addr);
	} else if (client_directory_find(&t->clients, m->as.env.dst, &client)) {
		send_to(t, TRANSPORT_CLIENTS, len, &client);
	} else {
		tlog(t, RAFT_LOG_DEBUG, "no address known for client %s: its %s is dropped", m->as.env.dst,
		     msg_type_name(m->type));
	}
}

void transport_send(struct transport *t, const struct msg_any *m)
{
	size_t len;

	if (!encode(t, m, &len))
		return;
	if (t->cluster)
		route(t, m, len);
	else
		send_to(t, TRANSPORT_PEERS, len, NULL);
}

void transport_reply(struct transport *t, const struct msg_any *m, const struct sockaddr_in *to)
{
	size_t len;

	if (!encode(t, m, &len))
		return;
	if (t->cluster)
		send_to(t, TRANSPORT_CLIENTS, len, to);
	else
		send_to(t, TRANSPORT_PEERS, len, NULL);
}

/* Tells every peer where a client that wrote here is. */
static void announce(struct transport *t, const char *client, const struct sockaddr_in *addr)
{
	char where[32];
	struct msg_any a;

	msg_any_init(&a, MSG_TYPE_CLIENT_ADDRESS);
	msg_envelope_fill(&a.as.env, t->self, MSG_ID_BROADCAST, MSG_ID_BROADCAST);
	msg_id_copy(a.as.client_address.client, client);
	cluster_format_address(addr, where, sizeof where);
	a.as.client_address.address = where;
	transport_send(t, &a);
}

static bool is_request(enum msg_type type)
{
	return type == MSG_TYPE_GET || type == MSG_TYPE_PUT || type == MSG_TYPE_DELETE || type == MSG_TYPE_CAS ||
	       type == MSG_TYPE_STATUS || type == MSG_TYPE_MOVE_LEADER;
}

/* A client that took a member's id cannot be answered through the
 * routing (its answers would go to that member): it is told `fail`
 * straight back, from a member whose id is its own, which says why
 * (kv_client draws another id, or names the clash). */
static void refuse_member_id(struct transport *t, const struct msg_any *m, const struct sockaddr_in *from)
{
	struct msg_any f;
	size_t len;

	msg_any_init(&f, MSG_TYPE_FAIL);
	msg_envelope_fill(&f.as.env, t->self, m->as.env.src, MSG_ID_BROADCAST);
	f.as.fail.mid = (char *)msg_any_mid(m); /* borrowed: f is not freed */
	if (encode(t, &f, &len))
		send_to(t, TRANSPORT_CLIENTS, len, from);
}

/* A datagram on the client socket: a request from a client that is not a
 * member (its answers would go to the member). It is this replica's
 * whatever dst the client guessed; its address is noted, and told. */
static bool accept_from_client(struct transport *t, struct msg_any *m, const struct sockaddr_in *from)
{
	if (!is_request(m->type)) {
		tlog(t, RAFT_LOG_WARN, "dropped a %s from client %s on the client port", msg_type_name(m->type),
		     m->as.env.src);
		return false;
	}
	if (cluster_member_by_id(t->cluster, m->as.env.src)) {
		tlog(t, RAFT_LOG_DEBUG, "a %s from client %s, a member's id: fail", msg_type_name(m->type),
		     m->as.env.src);
		refuse_member_id(t, m, from);
		return false;
	}
	msg_id_copy(m->as.env.dst, t->self);
	if (m->type != MSG_TYPE_STATUS && client_directory_heard(&t->clients, m->as.env.src, from, msg_any_mid(m)))
		announce(t, m->as.env.src, from);
	return true;
}

/* A datagram on the peer socket: only from a member's address under that
 * member's id. A client's address is taken in here. */
static bool accept_from_peer(struct transport *t, const struct msg_any *m, const struct sockaddr_in *from)
{
	const struct cluster_member *member = cluster_member_by_addr(t->cluster, from);
	struct sockaddr_in client;
	char where[32];

	if (!member || strcmp(member->id, m->as.env.src) != 0 || strcmp(member->id, t->self) == 0) {
		cluster_format_address(from, where, sizeof where);
		tlog(t, RAFT_LOG_WARN, "dropped a %s from %s at %s: not that member's address", msg_type_name(m->type),
		     m->as.env.src, where);
		return false;
	}
	if (!m->as.env._present.cluster || m->as.env.cluster != t->cluster->id) {
		/* A member of another cluster at a member's address (a
		 * copied configuration, a reused port): nothing it says
		 * belongs here. Said once per member, not per datagram. */
		if (!t->foreign_told[member_index(t, member)])
			tlog(t, RAFT_LOG_WARN, "dropped a %s from %s: of cluster %016llx, not this one (%016llx)",
			     msg_type_name(m->type), m->as.env.src, (unsigned long long)m->as.env.cluster,
			     (unsigned long long)t->cluster->id);
		t->foreign_told[member_index(t, member)] = true;
		return false;
	}
	if (t->cut_off[member_index(t, member)])
		return false;
	if (m->type != MSG_TYPE_CLIENT_ADDRESS)
		return true;
	if (cluster_parse_address(m->as.client_address.address, &client, where, sizeof where))
		client_directory_learn(&t->clients, m->as.client_address.client, &client);
	return false;
}

/* The test-bed's ids are 4 hex digits; the codec also takes a cluster
 * client's 16. A wider one on the test-bed is no client's or replica's,
 * and an answer to it would reach the test-bed as an incorrect response
 * (make sim-asan's flood: a put whose leader field was "00001" was
 * appended and answered). */
static bool testbed_ids(const struct transport *t, const struct msg_any *m)
{
	const char *ids[] = { m->as.env.src, m->as.env.dst, m->as.env.leader };
	size_t i;

	for (i = 0; i < sizeof ids / sizeof *ids; i++)
		if (strlen(ids[i]) != MSG_ID_LEN) {
			tlog(t, RAFT_LOG_WARN, "dropped a %s: id %s is not the test-bed's 4 hex digits",
			     msg_type_name(m->type), ids[i]);
			return false;
		}
	return true;
}

static bool addressed_here(const struct transport *t, const struct msg_any *m)
{
	if (strcmp(m->as.env.dst, t->self) == 0 || strcmp(m->as.env.dst, MSG_ID_BROADCAST) == 0)
		return true;
	tlog(t, RAFT_LOG_WARN, "dropped a %s for %s", msg_type_name(m->type), m->as.env.dst);
	return false;
}

enum transport_recv_result transport_recv(struct transport *t, int which, struct msg_any *m, struct sockaddr_in *from)
{
	socklen_t from_len = sizeof *from;
	struct msg_error err;
	ssize_t got;
	bool keep;

	if (t->fd[which] < 0)
		return TRANSPORT_EMPTY;
	memset(from, 0, sizeof *from);
	got = recvfrom(t->fd[which], t->buf, DATAGRAM_MAX, MSG_DONTWAIT, (struct sockaddr *)from, &from_len);
	if (got < 0) {
		if (errno == ECONNREFUSED || errno == EINTR)
			return TRANSPORT_DROPPED;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			tlog(t, RAFT_LOG_WARN, "recv failed: %s", strerror(errno));
		return TRANSPORT_EMPTY;
	}
	if (msg_any_decode(t->buf, (size_t)got, m, &err) != MSG_OK) {
		tlog(t, RAFT_LOG_WARN, "%s: %s",
		     err.code == MSG_ERR_SCHEMA ? "refused a peer built from another schema" : "dropped a datagram",
		     err.text);
		return TRANSPORT_DROPPED;
	}
	if (!t->cluster)
		keep = testbed_ids(t, m) && addressed_here(t, m);
	else if (which == TRANSPORT_CLIENTS)
		keep = accept_from_client(t, m, from);
	else
		keep = accept_from_peer(t, m, from) && addressed_here(t, m);
	if (keep)
		return TRANSPORT_MESSAGE;
	msg_any_free(m);
	return TRANSPORT_DROPPED;
}
