/* What the codec's unit tests share. */
#ifndef CODEC_FIXTURE_H
#define CODEC_FIXTURE_H

#include "messages.h"

/* What every message between replicas carries (generated/messages.h). */
#define SCHEMA_FIELD "\"schema\":\"" MSG_SCHEMA_FINGERPRINT "\""
/* An envelope from 0001 to 0002, which takes 0001 for its leader. */
#define ENVELOPE "\"src\":\"0001\",\"dst\":\"0002\",\"leader\":\"0001\""

/* Decodes json as any message: its result code, err filled. */
int codec_decode_code(const char *json, struct msg_error *err);
/* Decoding json fails with code, and the message starts with `path:`. */
void codec_expect_error(const char *json, int code, const char *path);

#endif
