/*
 * test_secretbox — AES-256-GCM sealing (round trip, tampering, wrong owner, wrong key)
 * and the key file rules (made 0600 on first use, refused when others may read it).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/lib/secretbox.h"

static char dir[] = "/tmp/rashin-sb-XXXXXX";

static void
test_key_file(void **state)
{
	unsigned char k1[SECRETBOX_KEYLEN], k2[SECRETBOX_KEYLEN];
	char path[128], *cause = NULL;
	struct stat st;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/vdi.key", dir);
	assert_int_equal(secretbox_key_load(path, k1, &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 32);
	/* Loaded again: the same key, not a new one. */
	assert_int_equal(secretbox_key_load(path, k2, &cause), 0);
	assert_memory_equal(k1, k2, sizeof k1);
	/* Group-readable: refused, naming the file and the mode. */
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(secretbox_key_load(path, k2, &cause), -1);
	assert_non_null(strstr(cause, path));
	assert_non_null(strstr(cause, "mode 0640"));
	free(cause);
	assert_int_equal(chmod(path, 0604), 0);
	assert_int_equal(secretbox_key_load(path, k2, &cause), -1);
	free(cause);
	assert_int_equal(chmod(path, 0600), 0);
	/* Wrong size. */
	snprintf(path, sizeof path, "%s/short.key", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("short", f);
	fclose(f);
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(secretbox_key_load(path, k2, &cause), -1);
	assert_non_null(strstr(cause, "exactly 32 bytes, not 5"));
	free(cause);
	unlink(path);
	/* Unset, or a directory that does not exist. */
	assert_int_equal(secretbox_key_load("", k2, &cause), -1);
	free(cause);
	assert_int_equal(secretbox_key_load("/nonexistent-dir/vdi.key", k2, &cause), -1);
	assert_non_null(strstr(cause, "cannot create the key file"));
	free(cause);
}

static void
test_seal_open(void **state)
{
	unsigned char key[SECRETBOX_KEYLEN], other[SECRETBOX_KEYLEN], *sealed, *plain, *back;
	static const unsigned char secret[20] = "12345678901234567890";
	size_t n, pn, bn;
	char *cause = NULL, *hex;

	(void)state;
	memset(key, 7, sizeof key);
	memset(other, 8, sizeof other);
	assert_int_equal(secretbox_seal(key, "vdi-mfa:1", secret, sizeof secret, &sealed, &n, &cause), 0);
	assert_int_equal(n, 20 + 12 + 16);
	assert_null(memmem(sealed, n, secret, sizeof secret));	/* not in the clear */
	assert_int_equal(secretbox_open(key, "vdi-mfa:1", sealed, n, &plain, &pn, &cause), 0);
	assert_int_equal(pn, 20);
	assert_memory_equal(plain, secret, 20);
	free(plain);
	/* Through the bytea text form and back. */
	hex = secretbox_hex(sealed, n);
	assert_int_equal(strlen(hex), 2 + 2 * n);
	assert_memory_equal(hex, "\\x", 2);
	assert_int_equal(secretbox_unhex(hex, &back, &bn), 0);
	assert_int_equal(bn, n);
	assert_memory_equal(back, sealed, n);
	free(back);
	free(hex);
	assert_int_equal(secretbox_unhex("\\x0g", &back, &bn), -1);
	assert_int_equal(secretbox_unhex("0a", &back, &bn), -1);
	/* Another owner, another key, a flipped bit, a truncation: all refused. */
	assert_int_equal(secretbox_open(key, "vdi-mfa:2", sealed, n, &plain, &pn, &cause), -1);
	free(cause);
	assert_int_equal(secretbox_open(other, "vdi-mfa:1", sealed, n, &plain, &pn, &cause), -1);
	free(cause);
	sealed[15] ^= 1;
	assert_int_equal(secretbox_open(key, "vdi-mfa:1", sealed, n, &plain, &pn, &cause), -1);
	assert_non_null(strstr(cause, "does not open"));
	free(cause);
	sealed[15] ^= 1;
	assert_int_equal(secretbox_open(key, "vdi-mfa:1", sealed, 20, &plain, &pn, &cause), -1);
	free(cause);
	/* Two seals of the same secret differ (fresh nonce). */
	{
		unsigned char *s2;
		size_t n2;

		assert_int_equal(secretbox_seal(key, "vdi-mfa:1", secret, sizeof secret, &s2, &n2, &cause), 0);
		assert_memory_not_equal(s2, sealed, n);
		free(s2);
	}
	free(sealed);
}

/* A preloaded key is answered from memory once its file is out of reach (the server
 * reads it as root, its sessions run as the service user). */
static void
test_preload(void **state)
{
	unsigned char k1[SECRETBOX_KEYLEN], k2[SECRETBOX_KEYLEN];
	char path[128], other[128], *cause = NULL;

	(void)state;
	snprintf(path, sizeof path, "%s/pre.key", dir);
	snprintf(other, sizeof other, "%s/missing/other.key", dir);
	assert_int_equal(secretbox_key_preload(path, &cause), 0);
	assert_int_equal(secretbox_key_load(path, k1, &cause), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(secretbox_key_load(path, k2, &cause), 0);
	assert_memory_equal(k1, k2, SECRETBOX_KEYLEN);
	/* another path still goes to its file */
	assert_int_equal(secretbox_key_load(other, k2, &cause), -1);
	assert_non_null(strstr(cause, "other.key"));
	free(cause);
	cause = NULL;
	assert_int_equal(secretbox_key_preload(other, &cause), -1);
	free(cause);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char path[128];

	(void)state;
	snprintf(path, sizeof path, "%s/vdi.key", dir);
	unlink(path);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_file),
		cmocka_unit_test(test_seal_open),
		cmocka_unit_test(test_preload),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
