/*
 * totp — RFC 4226 / RFC 6238 one-time passwords, RFC 4648 base32, otpauth:// URIs.
 */
#include "backend/lib/totp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "backend/lib/util.h"

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

uint32_t
hotp_value(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0, off;
	uint32_t bin, mod = 1;
	int i;

	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	if (HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof msg, mac, &maclen) == NULL ||
	    maclen != 20)
		fatal("HMAC-SHA1 failed");
	/* Dynamic truncation (RFC 4226 5.3). */
	off = mac[19] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
	    ((uint32_t)mac[off + 2] << 8) | mac[off + 3];
	if (digits < 1 || digits > 9)
		digits = TOTP_DIGITS;
	for (i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

char *
totp_code(const unsigned char *key, size_t keylen, uint64_t t, int digits, char *buf,
    size_t len)
{
	uint32_t v = hotp_value(key, keylen, t / TOTP_STEP, digits);

	snprintf(buf, len, "%0*u", digits, (unsigned)v);
	return buf;
}

int
totp_verify(const unsigned char *key, size_t keylen, uint64_t t, const char *code,
    uint64_t *step)
{
	char want[16];
	uint64_t now = t / TOTP_STEP, s;
	int found = 0, d;
	size_t n = strlen(code);

	if (n != TOTP_DIGITS)
		return 0;
	for (d = 0; d < TOTP_DIGITS; d++)
		if (code[d] < '0' || code[d] > '9')
			return 0;
	/* Check all three steps, always, so the time taken says nothing about which matched. */
	for (s = now == 0 ? 0 : now - 1; s <= now + 1; s++) {
		snprintf(want, sizeof want, "%0*u", TOTP_DIGITS,
		    (unsigned)hotp_value(key, keylen, s, TOTP_DIGITS));
		if (CRYPTO_memcmp(want, code, TOTP_DIGITS) == 0 && !found) {
			found = 1;
			if (step != NULL)
				*step = s;
		}
	}
	OPENSSL_cleanse(want, sizeof want);
	return found;
}

int
totp_secret_new(unsigned char *out, char **cause)
{
	if (RAND_bytes(out, TOTP_SECRET_LEN) != 1)
		return set_cause(cause, "cannot generate a TOTP secret: OpenSSL RAND_bytes: %s",
		    ERR_reason_error_string(ERR_get_error()));
	return 0;
}

char *
base32_encode(const unsigned char *in, size_t len, int pad)
{
	size_t outlen = (len + 4) / 5 * 8, i, o = 0;
	char *out = xmalloc(outlen + 1);
	unsigned int buf = 0, bits = 0;

	for (i = 0; i < len; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32_alphabet[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
		buf &= (1u << bits) - 1;
	}
	if (bits > 0)
		out[o++] = b32_alphabet[(buf << (5 - bits)) & 31];
	while (pad && o < outlen)
		out[o++] = '=';
	out[o] = '\0';
	return out;
}

int
base32_decode(const char *in, unsigned char *out, size_t outsize)
{
	unsigned int buf = 0, bits = 0;
	size_t o = 0, nchars = 0, npad = 0;
	const char *p, *q;
	int v;

	for (p = in; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (*p == '=') {
			npad++;
			continue;
		}
		if (npad > 0)
			return -1;	/* data after padding */
		if ((q = strchr(b32_alphabet, *p >= 'a' && *p <= 'z' ? *p - 32 : *p)) == NULL ||
		    *q == '\0')
			return -1;
		v = (int)(q - b32_alphabet);
		nchars++;
		buf = (buf << 5) | (unsigned)v;
		bits += 5;
		if (bits >= 8) {
			if (o >= outsize)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
		buf &= (1u << bits) - 1;
	}
	/* A valid final group has 2, 4, 5, 7 or 0 characters, its unused bits zero. */
	switch (nchars % 8) {
	case 1: case 3: case 6:
		return -1;
	}
	if (buf != 0)
		return -1;
	if (npad > 0 && (nchars + npad) % 8 != 0)
		return -1;
	return (int)o;
}

char *
base32_grouped(const char *b32)
{
	size_t n = strlen(b32), i, o = 0;
	char *out = xmalloc(n + n / 4 + 1);

	for (i = 0; i < n; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = b32[i];
	}
	out[o] = '\0';
	return out;
}

/* Percent-encode everything but RFC 3986's unreserved characters. */
static char *
pct_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = xmalloc(strlen(s) * 3 + 1), *o = out;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

char *
totp_uri(const char *login, const char *b32)
{
	char *label = pct_encode(login), *uri;

	uri = xasprintf("otpauth://totp/rashin:%s?secret=%s&issuer=rashin", label, b32);
	free(label);
	return uri;
}
