/*
 * totp — one-time passwords for VDI multi-factor enrolment: RFC 4226 HOTP and RFC 6238
 * TOTP (HMAC-SHA1, 30-second steps, 6 digits by default: what authenticator apps
 * expect), RFC 4648 base32 and the otpauth:// key URI. Pure functions except
 * totp_secret_new (OpenSSL's CSPRNG); no clock: callers pass the time.
 */
#ifndef RASHIN_TOTP_H
#define RASHIN_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_LEN	20	/* bytes: 160 bits, as RFC 4226 recommends */
#define TOTP_STEP	30	/* seconds */
#define TOTP_DIGITS	6

/* HOTP value of counter with digits (1-9) digits, as a number (no leading zeros). */
uint32_t hotp_value(const unsigned char *key, size_t keylen, uint64_t counter, int digits);
/* TOTP code at unix time t, zero-padded, into buf (digits + 1 bytes); returns buf. */
char	*totp_code(const unsigned char *key, size_t keylen, uint64_t t, int digits,
	     char *buf, size_t len);
/*
 * Does code (TOTP_DIGITS digits) match at t, the step before or the step after?
 * Returns 1 and sets *step (the matching time step, t / 30 +-1) when it does, else 0.
 * The comparison runs in constant time for every candidate.
 */
int	 totp_verify(const unsigned char *key, size_t keylen, uint64_t t, const char *code,
	     uint64_t *step);
/* TOTP_SECRET_LEN random bytes from OpenSSL's CSPRNG; 0 or -1 with *cause. */
int	 totp_secret_new(unsigned char *out, char **cause);

/* RFC 4648 base32 of in (upper case); pad adds '=' to a multiple of 8. Allocated. */
char	*base32_encode(const unsigned char *in, size_t len, int pad);
/*
 * Decode base32 (either case; spaces and trailing '=' ignored) into out (at most
 * outsize bytes). Returns the length, or -1 on a character outside the alphabet, bad
 * padding, leftover bits that are not zero, or too much data.
 */
int	 base32_decode(const char *in, unsigned char *out, size_t outsize);
/* base32 in groups of four for reading aloud: "JBSW Y3DP ...". Allocated. */
char	*base32_grouped(const char *b32);

/*
 * otpauth://totp/rashin:LOGIN?secret=B32&issuer=rashin with the label percent-encoded
 * (RFC 3986 unreserved characters kept). Allocated. algorithm, digits and period are
 * left out on purpose: SHA1, 6 and 30 are the key URI format's defaults, and without
 * those 34 bytes the QR code is version 5 (45 modules with the quiet zone, 23 text
 * rows) instead of version 6 at level L (49 modules, 25 rows: taller than 80x24).
 */
char	*totp_uri(const char *login, const char *b32);

#endif
