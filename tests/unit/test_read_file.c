/*
 * test_read_file — read_file (backend/lib/util.c), which reads secrets (auth.secret, keys):
 * a regular file comes back whole and NUL-terminated, a file whose size the kernel does not
 * report (/proc) grows its buffer and still comes back whole, and a missing file's cause
 * names the path and changes nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/util.h"

/* Write n bytes of a known pattern to a new temporary file; its path in tmpl. */
static void
write_pattern(char *tmpl, size_t n)
{
	FILE	*f;
	size_t	 i;
	int	 fd = mkstemp(tmpl);

	assert_true(fd != -1);
	f = fdopen(fd, "w");
	assert_non_null(f);
	for (i = 0; i < n; i++)
		fputc('a' + (int)(i % 26), f);
	assert_int_equal(fclose(f), 0);
}

static void
check_size(size_t n)
{
	char	 path[] = "/tmp/rashin-read-file-XXXXXX";
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 0, i;

	write_pattern(path, n);
	if (read_file(path, &buf, &len, &cause) != 0)
		fail_msg("%s: %s", path, cause);
	assert_int_equal(len, n);
	assert_int_equal(buf[n], '\0');
	for (i = 0; i < n; i++)
		if (buf[i] != 'a' + (int)(i % 26))
			fail_msg("%zu bytes: byte %zu is %d", n, i, buf[i]);
	free(buf);
	unlink(path);
}

static void
test_regular(void **state)
{
	(void)state;
	check_size(0);
	check_size(1);
	check_size(64);		/* an auth.secret's size */
	check_size(4095);
	check_size(4096);
	check_size(100000);
}

/* /proc files say size 0: the buffer grows (the path that copies and wipes). */
static void
test_unsized(void **state)
{
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 0;

	(void)state;
	if (read_file("/proc/self/maps", &buf, &len, &cause) != 0)
		fail_msg("/proc/self/maps: %s", cause);
	assert_true(len > 0);
	assert_int_equal(strlen(buf), len);
	assert_non_null(strstr(buf, "test_read_file"));
	free(buf);
}

static void
test_missing(void **state)
{
	char	*buf = NULL, *cause = NULL;
	size_t	 len = 7;

	(void)state;
	assert_int_equal(read_file("/nonexistent/rashin-secret", &buf, &len, &cause), -1);
	assert_null(buf);
	assert_int_equal(len, 7);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "/nonexistent/rashin-secret"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular),
		cmocka_unit_test(test_unsized),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
