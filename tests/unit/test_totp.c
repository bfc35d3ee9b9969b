/*
 * test_totp — RFC 6238 Appendix B (SHA-1) and RFC 4226 Appendix D test vectors, the
 * +-1 step window, RFC 4648 section 10 base32 vectors, the otpauth URI.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/totp.h"

static const unsigned char rfc_key[] = "12345678901234567890";	/* 20 bytes */
#define RFC_KEYLEN 20

static void
test_rfc6238_sha1(void **state)
{
	/* RFC 6238 Appendix B, the SHA1 rows: time -> 8-digit TOTP. */
	static const struct { uint64_t t; const char *code8, *code6; } v[] = {
		{ 59ULL,          "94287082", "287082" },
		{ 1111111109ULL,  "07081804", "081804" },
		{ 1111111111ULL,  "14050471", "050471" },
		{ 1234567890ULL,  "89005924", "005924" },
		{ 2000000000ULL,  "69279037", "279037" },
		{ 20000000000ULL, "65353130", "353130" },
	};
	char buf[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_string_equal(totp_code(rfc_key, RFC_KEYLEN, v[i].t, 8, buf, sizeof buf), v[i].code8);
		assert_string_equal(totp_code(rfc_key, RFC_KEYLEN, v[i].t, 6, buf, sizeof buf), v[i].code6);
	}
}

static void
test_rfc4226_hotp(void **state)
{
	/* RFC 4226 Appendix D: counters 0-9, 6 digits. */
	static const uint32_t want[10] = { 755224, 287082, 359152, 969429, 338314,
	    254676, 287922, 162583, 399871, 520489 };
	uint64_t c;

	(void)state;
	for (c = 0; c < 10; c++)
		assert_int_equal(hotp_value(rfc_key, RFC_KEYLEN, c, 6), want[c]);
}

static void
test_verify_window(void **state)
{
	uint64_t step = 0;

	(void)state;
	/* 1111111111 is step 37037037 (code 050471); 1111111109 is step 37037036 (081804). */
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "050471", &step), 1);
	assert_true(step == 37037037);
	/* The previous step's code is accepted, and says which step matched. */
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "081804", &step), 1);
	assert_true(step == 37037036);
	/* The next step's code (HOTP counter 37037038) is accepted from one step earlier. */
	{
		char next[8];

		snprintf(next, sizeof next, "%06u",
		    (unsigned)hotp_value(rfc_key, RFC_KEYLEN, 37037038, 6));
		assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, next, &step), 1);
		assert_true(step == 37037038);
		/* Two steps later it is refused. */
		assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111 + 90, "081804", NULL), 0);
	}
	/* 1111111109 + 60 is two steps after 37037036: out of the window. */
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111109 + 60, "081804", NULL), 0);
	/* Malformed codes. */
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "50471", NULL), 0);
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "0504710", NULL), 0);
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "05047a", NULL), 0);
	assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 1111111111, "", NULL), 0);
	/* Time 0: no step before it, still no crash and the current step matches. */
	{
		char c0[8];

		snprintf(c0, sizeof c0, "%06u", (unsigned)hotp_value(rfc_key, RFC_KEYLEN, 0, 6));
		assert_string_equal(c0, "755224");
		assert_int_equal(totp_verify(rfc_key, RFC_KEYLEN, 5, c0, &step), 1);
		assert_true(step == 0);
	}
}

static void
test_base32_rfc4648(void **state)
{
	/* RFC 4648 section 10. */
	static const struct { const char *in, *out; } v[] = {
		{ "", "" }, { "f", "MY======" }, { "fo", "MZXQ====" }, { "foo", "MZXW6===" },
		{ "foob", "MZXW6YQ=" }, { "fooba", "MZXW6YTB" }, { "foobar", "MZXW6YTBOI======" },
	};
	unsigned char buf[32];
	char *s;
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		s = base32_encode((const unsigned char *)v[i].in, strlen(v[i].in), 1);
		assert_string_equal(s, v[i].out);
		free(s);
		n = base32_decode(v[i].out, buf, sizeof buf);
		assert_int_equal(n, (int)strlen(v[i].in));
		assert_memory_equal(buf, v[i].in, (size_t)n);
	}
	s = base32_encode((const unsigned char *)"foobar", 6, 0);
	assert_string_equal(s, "MZXW6YTBOI");
	free(s);
	/* Unpadded, lower case and grouped input decode the same. */
	assert_int_equal(base32_decode("mzxw 6ytb oi", buf, sizeof buf), 6);
	assert_memory_equal(buf, "foobar", 6);
	/* The RFC 6238 key. */
	assert_int_equal(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", buf, sizeof buf), 20);
	assert_memory_equal(buf, rfc_key, 20);
	/* Refusals: alphabet, impossible lengths, non-zero leftover bits, data after '=', room. */
	assert_int_equal(base32_decode("MZXW1YTB", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("MZXW6YTB8", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("M", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("MZX", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("MY", buf, sizeof buf), 1);
	assert_int_equal(buf[0], (unsigned char)'f');
	assert_int_equal(base32_decode("MZ", buf, sizeof buf), -1);	/* low bits set */
	assert_int_equal(base32_decode("MB", buf, sizeof buf), -1);	/* low bits set */
	assert_int_equal(base32_decode("MY==MY==", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("MY=", buf, sizeof buf), -1);
	assert_int_equal(base32_decode("MZXW6YTB", buf, 4), -1);
}

static void
test_secret_and_uri(void **state)
{
	unsigned char a[TOTP_SECRET_LEN], b[TOTP_SECRET_LEN], back[TOTP_SECRET_LEN];
	char *b32, *uri, *g;

	(void)state;
	assert_int_equal(totp_secret_new(a, NULL), 0);
	assert_int_equal(totp_secret_new(b, NULL), 0);
	assert_memory_not_equal(a, b, sizeof a);
	b32 = base32_encode(a, sizeof a, 0);
	assert_int_equal(strlen(b32), 32);
	assert_int_equal(base32_decode(b32, back, sizeof back), TOTP_SECRET_LEN);
	assert_memory_equal(a, back, sizeof a);
	free(b32);

	uri = totp_uri("aoki", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_string_equal(uri, "otpauth://totp/rashin:aoki?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=rashin");
	free(uri);
	/* The label is percent-encoded: reserved and non-ASCII bytes. */
	uri = totp_uri("a b:c/青", "MZXW6YTB");
	assert_string_equal(uri, "otpauth://totp/rashin:a%20b%3Ac%2F%E9%9D%92?secret=MZXW6YTB&issuer=rashin");
	free(uri);
	g = base32_grouped("JBSWY3DPEHPK3PXPAB");
	assert_string_equal(g, "JBSW Y3DP EHPK 3PXP AB");
	free(g);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_sha1),
		cmocka_unit_test(test_rfc4226_hotp),
		cmocka_unit_test(test_verify_window),
		cmocka_unit_test(test_base32_rfc4648),
		cmocka_unit_test(test_secret_and_uri),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
