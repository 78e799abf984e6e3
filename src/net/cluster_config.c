/* Cluster mode's flags, parsed (cluster_config.h). */
#include "cluster_config.h"
#include "base/fnv1a.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool fail(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
	return false;
}

bool cluster_parse_id(char *s)
{
	struct msg_error e;
	char *c;

	if (strlen(s) != MSG_ID_LEN)
		return false;
	for (c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return msg_check_id(s, false, NULL, "id", &e) == MSG_OK;
}

bool cluster_parse_address(const char *s, struct sockaddr_in *out, char *err, size_t cap)
{
	const char *colon = strrchr(s, ':');
	char host[INET_ADDRSTRLEN + 16];
	unsigned long port;
	char *end;

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof host)
		return fail(err, cap, "'%s' is not HOST:PORT", s);
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	if (!isdigit((unsigned char)colon[1]) || *end || errno || port < 1 || port > 65535)
		return fail(err, cap, "'%s': the port must be a number from 1 to 65535", s);
	memset(out, 0, sizeof *out);
	out->sin_family = AF_INET;
	out->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		out->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, host, &out->sin_addr) != 1)
		return fail(err, cap, "'%s': the host must be an IPv4 address such as 127.0.0.1", s);
	return true;
}

void cluster_format_address(const struct sockaddr_in *a, char *out, size_t cap)
{
	char host[INET_ADDRSTRLEN];

	if (!inet_ntop(AF_INET, &a->sin_addr, host, sizeof host))
		strcpy(host, "?");
	snprintf(out, cap, "%s:%u", host, (unsigned)ntohs(a->sin_port));
}

static bool same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_addr.s_addr == b->sin_addr.s_addr && a->sin_port == b->sin_port;
}

const struct cluster_member *cluster_member_by_id(const struct cluster_config *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n_members; i++)
		if (strcmp(c->members[i].id, id) == 0)
			return &c->members[i];
	return NULL;
}

const struct cluster_member *cluster_member_by_addr(const struct cluster_config *c, const struct sockaddr_in *a)
{
	size_t i;

	for (i = 0; i < c->n_members; i++)
		if (same_addr(&c->members[i].addr, a))
			return &c->members[i];
	return NULL;
}

/* One "ID=HOST:PORT" of --initial-cluster, appended to c. */
static bool add_member(struct cluster_config *c, char *item, char *err, size_t cap)
{
	char *eq = strchr(item, '=');
	struct cluster_member *m;

	if (!eq)
		return fail(err, cap, "--initial-cluster: '%s' is not ID=HOST:PORT", item);
	*eq = '\0';
	if (!cluster_parse_id(item))
		return fail(err, cap, "--initial-cluster: '%s' is not an id of 4 hex digits (not FFFF)", item);
	if (cluster_member_by_id(c, item))
		return fail(err, cap, "--initial-cluster: %s is named twice", item);
	if (c->n_members == RAFT_MAX_PEERS + 1)
		return fail(err, cap, "--initial-cluster: more than %d members", RAFT_MAX_PEERS + 1);
	m = &c->members[c->n_members];
	if (!cluster_parse_address(eq + 1, &m->addr, err, cap))
		return false;
	if (cluster_member_by_addr(c, &m->addr))
		return fail(err, cap, "--initial-cluster: %s is given to two members", eq + 1);
	msg_id_copy(m->id, item);
	c->n_members++;
	return true;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct cluster_member *)a)->id, ((const struct cluster_member *)b)->id);
}

uint64_t cluster_id_of(const struct cluster_config *c, const char *token)
{
	struct cluster_member sorted[RAFT_MAX_PEERS + 1];
	uint64_t h = FNV1A_START;
	char addr[32];
	size_t i;

	memcpy(sorted, c->members, c->n_members * sizeof *sorted);
	qsort(sorted, c->n_members, sizeof *sorted, by_id);
	for (i = 0; i < c->n_members; i++) {
		cluster_format_address(&sorted[i].addr, addr, sizeof addr);
		h = fnv1a_str(fnv1a_str(fnv1a_str(fnv1a_str(h, sorted[i].id), "="), addr), ",");
	}
	h = fnv1a_str(fnv1a_str(h, "token:"), token ? token : "");
	/* It travels as a JSON number: 53 bits at most; 0 means none. */
	h &= CLUSTER_ID_MAX;
	return h ? h : 1;
}

bool cluster_config_parse(struct cluster_config *c, const char *name, const char *members, const char *client,
			  const char *token, char *err, size_t cap)
{
	char *list, *item, *save = NULL;
	bool ok = true;

	memset(c, 0, sizeof *c);
	if (!name || strlen(name) != MSG_ID_LEN)
		return fail(err, cap, "--name must be this replica's id, 4 hex digits");
	msg_id_copy(c->self, name);
	if (!cluster_parse_id(c->self))
		return fail(err, cap, "--name '%s' is not an id of 4 hex digits (not FFFF)", name);
	if (!members || !client)
		return fail(err, cap, "cluster mode needs --initial-cluster and --listen-client");
	list = strdup(members);
	if (!list)
		return fail(err, cap, "out of memory");
	for (item = strtok_r(list, ",", &save); item && ok; item = strtok_r(NULL, ",", &save))
		ok = add_member(c, item, err, cap);
	free(list);
	if (!ok)
		return false;
	if (c->n_members < 2)
		return fail(err, cap, "--initial-cluster must name at least 2 members");
	if (!cluster_member_by_id(c, c->self))
		return fail(err, cap, "--initial-cluster does not name this replica (%s)", c->self);
	if (!cluster_parse_address(client, &c->client_addr, err, cap))
		return false;
	if (cluster_member_by_addr(c, &c->client_addr))
		return fail(err, cap, "--listen-client %s is a member's peer address", client);
	c->id = cluster_id_of(c, token);
	return true;
}
