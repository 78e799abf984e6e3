/* The write-ahead log's byte format shared by writing and replay: the
 * checksum and the client id field (wal.h describes the records). */
#include "wal_format.h"

#include <string.h>
#include <zlib.h>

uint32_t wal_crc(const uint8_t *p, size_t len)
{
	return (uint32_t)crc32(0L, p, (uInt)len);
}

/* An id field: 4 bytes, zeros for none. */
void wal_put_id(uint8_t *p, const char *id)
{
	memset(p, 0, MSG_ID_LEN);
	memcpy(p, id, strnlen(id, MSG_ID_LEN));
}

size_t wal_put_client(uint8_t *p, const char *id)
{
	size_t len = strnlen(id, MSG_ID_MAX_LEN);

	p[0] = (uint8_t)len;
	memcpy(p + 1, id, len);
	return 1 + len;
}

size_t wal_get_client(const uint8_t *p, size_t n, char id[MSG_ID_SIZE])
{
	struct msg_error err;

	if (n < 1 || p[0] > MSG_ID_MAX_LEN || n - 1 < p[0] || memchr(p + 1, '\0', p[0]))
		return 0;
	memcpy(id, p + 1, p[0]);
	id[p[0]] = '\0';
	return msg_check_id(id, true, NULL, "client", &err) == MSG_OK ? 1 + (size_t)p[0] : 0;
}
