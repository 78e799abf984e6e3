/* UTF-8 as the codec accepts it, for the scan before parsing and the
 * check after printing. */
#ifndef MSG_UTF8_H
#define MSG_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 sequence at s (n bytes left), or 0 if invalid:
 * overlong forms, surrogates and code points above U+10FFFF are refused. */
size_t msg_utf8_sequence(const unsigned char *s, size_t n);

#endif
