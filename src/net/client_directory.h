/*
 * Cluster mode: where each client is reached. Any replica may have to
 * answer a client it never heard from (the leader a follower forwarded
 * the request to, the leader's delegate, the next leader answering what
 * its predecessor committed), so the replica a client writes to tells
 * every peer the client's address (a client_address message), and each
 * replica keeps what it learns here. A cluster's clients draw ids of 64
 * bits, so the directory is a hash table of the CLIENT_DIRECTORY_MAX
 * clients heard from most recently; one forgotten is found again when it
 * resends (a resend is always told).
 */
#ifndef CLIENT_DIRECTORY_H
#define CLIENT_DIRECTORY_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

struct client_slot;

#include "codec/msg_runtime.h"

#define CLIENT_DIRECTORY_MAX 65536

struct client_directory {
	struct client_slot *slots; /* uthash, least recently used first */
	size_t count;
};

/* 0, or -1 when out of memory. */
int client_directory_init(struct client_directory *d);
void client_directory_free(struct client_directory *d);
/* Request `mid` came straight from client `id` at `addr`: true when the
 * peers should be told where it is: an address new or changed, or a
 * resend (the MID of the last request it sent here): it heard nothing, and
 * the word to whoever answers it may have been lost. */
bool client_directory_heard(struct client_directory *d, const char *id, const struct sockaddr_in *addr,
			    const char *mid);
/* A peer says where client `id` is (it told every peer: nothing to tell
 * again, should the client write here from there). */
void client_directory_learn(struct client_directory *d, const char *id, const struct sockaddr_in *addr);
/* Where client `id` is reached; false when no one said. */
bool client_directory_find(const struct client_directory *d, const char *id, struct sockaddr_in *out);

#endif
