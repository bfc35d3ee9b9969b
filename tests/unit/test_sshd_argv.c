/*
 * test_sshd_argv — the exec command-line splitter: words, quotes, backslashes, and the
 * lines it must refuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/sshd/sshd_argv.h"

/* Split s (strlen) and compare with the expected words; NULL-terminated list. */
static void
expect_split(const char *s, const char *const *want)
{
	char	**argv = NULL, *cause = NULL;
	int	  argc = -1, n = 0, i;

	while (want[n] != NULL)
		n++;
	assert_int_equal(sshd_argv_split(s, strlen(s), &argc, &argv, &cause), 0);
	assert_null(cause);
	assert_int_equal(argc, n);
	for (i = 0; i < n; i++)
		assert_string_equal(argv[i], want[i]);
	assert_null(argv[argc]);
	sshd_argv_free(argc, argv);
}

static void
expect_refused(const char *s, size_t len, const char *needle)
{
	char	**argv = NULL, *cause = NULL;
	int	  argc = -1;

	assert_int_equal(sshd_argv_split(s, len, &argc, &argv, &cause), -1);
	assert_null(argv);
	assert_int_equal(argc, 0);
	assert_non_null(cause);
	assert_non_null(strstr(cause, needle));
	free(cause);
}

static void
test_words(void **state)
{
	(void)state;
	expect_split("whoami", (const char *const[]){ "whoami", NULL });
	expect_split("  keys   list\t--csv ", (const char *const[]){ "keys", "list", "--csv", NULL });
	expect_split("", (const char *const[]){ NULL });
	expect_split(" \t ", (const char *const[]){ NULL });
	expect_split("職員 一覧", (const char *const[]){ "職員", "一覧", NULL });
}

static void
test_quotes(void **state)
{
	(void)state;
	expect_split("say 'a b' \"c d\"", (const char *const[]){ "say", "a b", "c d", NULL });
	expect_split("x'y'\"z\"w", (const char *const[]){ "xyzw", NULL });
	expect_split("'' \"\"", (const char *const[]){ "", "", NULL });
	expect_split("'$HOME *' \"it's\"", (const char *const[]){ "$HOME *", "it's", NULL });
	expect_split("\"a\\\"b\\\\c\\$d\\e\"", (const char *const[]){ "a\"b\\c$d\\e", NULL });
	expect_split("'a\\b'", (const char *const[]){ "a\\b", NULL });
}

static void
test_backslash(void **state)
{
	(void)state;
	expect_split("a\\ b c", (const char *const[]){ "a b", "c", NULL });
	expect_split("\\'x\\\"", (const char *const[]){ "'x\"", NULL });
	expect_split("*.csv $USER `id`", (const char *const[]){ "*.csv", "$USER", "`id`", NULL });
}

static void
test_refused(void **state)
{
	char	*big;

	(void)state;
	expect_refused("a\0b", 3, "NUL");
	expect_refused("a\nb", 3, "control character 0x0a");
	expect_refused("a\033[2J", 5, "control character 0x1b");
	expect_refused("'open", 5, "unterminated '");
	expect_refused("\"open", 5, "unterminated \"");
	expect_refused("end\\", 4, "trailing backslash");

	big = malloc(SSHD_ARGV_MAX_LINE + 2);
	assert_non_null(big);
	memset(big, 'a', SSHD_ARGV_MAX_LINE + 1);
	big[SSHD_ARGV_MAX_LINE + 1] = '\0';
	expect_refused(big, SSHD_ARGV_MAX_LINE + 1, "too long");
	free(big);
}

static void
test_too_many_words(void **state)
{
	char	 line[SSHD_ARGV_MAX_ARGS * 2 + 3];
	char	**argv = NULL, *cause = NULL;
	int	  argc, i;

	(void)state;
	for (i = 0; i < SSHD_ARGV_MAX_ARGS; i++) {
		line[2 * i] = 'x';
		line[2 * i + 1] = ' ';
	}
	line[2 * SSHD_ARGV_MAX_ARGS] = '\0';
	assert_int_equal(sshd_argv_split(line, strlen(line), &argc, &argv, &cause), 0);
	assert_int_equal(argc, SSHD_ARGV_MAX_ARGS);
	sshd_argv_free(argc, argv);

	line[2 * SSHD_ARGV_MAX_ARGS] = 'y';
	line[2 * SSHD_ARGV_MAX_ARGS + 1] = '\0';
	expect_refused(line, strlen(line), "too many words");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_backslash),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_too_many_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
