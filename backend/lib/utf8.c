/*
 * utf8 — strict UTF-8: the decoder rejects overlongs, surrogates and anything above
 * U+10FFFF one byte at a time, so each bad byte becomes exactly one U+FFFD.
 */
#include "backend/lib/utf8.h"

size_t
utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp, int *valid)
{
	unsigned char	b = p[0], lo = 0x80, hi = 0xBF;
	size_t		need, i;
	uint32_t	c;

	*valid = 1;
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		c = b & 0x1F;
	} else if (b >= 0xE0 && b <= 0xEF) {
		need = 2;
		c = b & 0x0F;
		if (b == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (b == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (b >= 0xF0 && b <= 0xF4) {
		need = 3;
		c = b & 0x07;
		if (b == 0xF0)
			lo = 0x90;	/* overlong */
		else if (b == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else
		goto bad;
	if (need >= avail)
		goto bad;
	for (i = 1; i <= need; i++) {
		if (p[i] < lo || p[i] > hi)
			goto bad;
		lo = 0x80;
		hi = 0xBF;
		c = (c << 6) | (p[i] & 0x3F);
	}
	*cp = c;
	return need + 1;
bad:
	*valid = 0;
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char	*o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t
utf8_first_invalid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n, off = 0;
	int valid;

	while (off < len) {
		n = utf8_decode(p + off, len - off, &cp, &valid);
		if (!valid || cp == 0)
			return off;
		off += n;
	}
	return len;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;
	int valid;

	while (len > 0) {
		n = utf8_decode(p, len, &cp, &valid);
		if (!valid || cp == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}
