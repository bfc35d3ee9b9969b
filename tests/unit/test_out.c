/*
 * test_out — command output escapes what a terminal would act on: JSON as \uXXXX (exact
 * round trip), CSV as the sanitiser's pictures, text through the sanitiser. Found by
 * tests/db/test_attack_inject.sh: C1 controls and bidi overrides went out raw in --json
 * and --csv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/out.h"

/* One row, one column "v" holding s, printed in fmt; newly allocated. */
static char *
render(const char *s, enum out_format fmt)
{
	static const char *const keys[] = { "v" };
	struct out_table *t = out_new(1, keys, keys);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	out_rowf(t, s);
	assert_int_equal(out_print(t, f, fmt, 0), 0);
	fclose(f);
	return buf;
}

static void
test_json_escapes(void **state)
{
	char *s;

	(void)state;
	/* ESC, C1 CSI (U+009B), DEL, RLO (U+202E), LRI (U+2066), LS (U+2028), kanji kept */
	s = render("a\033]0;t\a\xc2\x9b\x7f\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8\xe5\x90\x8d\"\\",
	    OUT_JSON);
	assert_string_equal(s, "[\n {\"v\": \"a\\u001b]0;t\\u0007\\u009b\\u007f\\u202e\\u2066"
	    "\\u2028\xe5\x90\x8d\\\"\\\\\"}\n]\n");
	free(s);
	/* invalid UTF-8 becomes U+FFFD, never a raw byte */
	s = render("x\xff" "y", OUT_JSON);
	assert_string_equal(s, "[\n {\"v\": \"x\\ufffdy\"}\n]\n");
	free(s);
}

static void
test_csv_pictures(void **state)
{
	char *s;

	(void)state;
	s = render("a\033b\x7f\xc2\x9b\xe2\x80\xae", OUT_CSV);
	/* ␛ U+241B, ␡ U+2421, U+FFFD twice */
	assert_string_equal(s, "v\r\na\xe2\x90\x9b" "b\xe2\x90\xa1\xef\xbf\xbd\xef\xbf\xbd\r\n");
	free(s);
	/* tab, CR and LF stay: CSV quotes them */
	s = render("x\ny", OUT_CSV);
	assert_string_equal(s, "v\r\n\"x\ny\"\r\n");
	free(s);
	/* a formula is still neutralised */
	s = render("=1+1", OUT_CSV);
	assert_string_equal(s, "v\r\n\"'=1+1\"\r\n");
	free(s);
	/* plain Japanese unchanged */
	s = render("\xe7\x9b\xb8\xe5\xb7\x9d", OUT_CSV);
	assert_string_equal(s, "v\r\n\xe7\x9b\xb8\xe5\xb7\x9d\r\n");
	free(s);
}

static void
test_text_sanitised(void **state)
{
	char *s;

	(void)state;
	s = render("a\033b", OUT_TEXT);
	assert_non_null(strstr(s, "a\xe2\x90\x9b" "b"));
	assert_null(strchr(s, '\033'));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_csv_pictures),
		cmocka_unit_test(test_text_sanitised),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
