/*
 * utf8 — strict UTF-8 decoding and encoding, shared by the sanitiser (tui/text.c) and
 * input parsers in backend/. No locale, no allocation.
 */
#ifndef RASHIN_UTF8_H
#define RASHIN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDU

/*
 * Decode one code point from p, reading at most avail bytes (a NUL byte always ends a
 * sequence, so NUL-terminated strings may pass SIZE_MAX). Overlongs, surrogates and
 * values above U+10FFFF are invalid. Returns the bytes used, at least 1; when the first
 * byte does not start a valid sequence, *cp is U+FFFD, *valid 0 and 1 is returned.
 */
size_t	utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp, int *valid);
/* Encode cp (at most U+10FFFF) into out, which has room for 4 bytes; returns the length. */
size_t	utf8_encode(uint32_t cp, char *out);
/* Bytes utf8_encode would write for cp. */
size_t	utf8_len(uint32_t cp);

/* Offset of the first invalid byte (or NUL) in s[0..len), len if none. */
size_t	utf8_first_invalid(const char *s, size_t len);
/* Is s[0..len) valid UTF-8 without NUL bytes? */
int	utf8_valid(const char *s, size_t len);

#endif
