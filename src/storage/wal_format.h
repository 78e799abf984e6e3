/* The write-ahead log's byte format shared by writing and replay. */
#ifndef WAL_FORMAT_H
#define WAL_FORMAT_H

#include "wal.h"

/* The flags of a COMMAND record. */
#define COMMAND_DELETES 1u
#define COMMAND_CAS 2u
#define COMMAND_SEQ 4u

/* CRC-32 (zlib's) of len bytes at p. */
uint32_t wal_crc(const uint8_t *p, size_t len);
/* An id field: 4 bytes, zeros for none. */
void wal_put_id(uint8_t *p, const char *id);

#endif
