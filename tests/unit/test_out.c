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

/* n rows of two columns (a number, right-aligned in text; a name, 〇 every third row, a
 * CP932-less emoji every fifth) through out_print, or through out_stream; allocated. */
static char *
rows(int n, enum out_format fmt, int bom, int cp932, int stream, int *replaced)
{
	static const char *const keys[] = { "no", "名前" };
	char *buf = NULL, num[16], name[32];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct out_stream *st = NULL;
	struct out_table *t = NULL;
	int i;

	if (stream) {
		st = out_stream_new(f, fmt, 2, keys, keys, bom, cp932);
		out_stream_right(st, 0);
	} else {
		t = out_new(2, keys, keys);
		out_right(t, 0);
	}
	for (i = 0; i < n; i++) {
		const char *v[2] = { num, i % 3 == 0 ? NULL : name };

		snprintf(num, sizeof num, "%d", i * 7);
		snprintf(name, sizeof name, "%s%d", i % 5 == 0 ? "絵\xf0\x9f\x98\x80" : "山田", i);
		if (stream)
			assert_int_equal(out_stream_row(st, v), 0);
		else
			out_row(t, v);
	}
	if (stream)
		assert_int_equal(out_stream_end(st, replaced), 0);
	else
		assert_int_equal(out_print(t, f, fmt, bom), 0);
	fclose(f);
	return buf;
}

/* Streamed output is byte for byte what out_print writes (text: up to 1000 rows). */
static void
test_stream_same(void **state)
{
	static const int ns[] = { 0, 1, 999 };
	enum out_format fmts[] = { OUT_TEXT, OUT_CSV, OUT_JSON };
	char *a, *b;
	size_t i, k;
	int bom, r;

	(void)state;
	for (i = 0; i < sizeof ns / sizeof ns[0]; i++)
		for (k = 0; k < 3; k++)
			for (bom = 0; bom < 2; bom++) {
				a = rows(ns[i], fmts[k], bom, 0, 0, NULL);
				b = rows(ns[i], fmts[k], bom, 0, 1, &r);
				assert_string_equal(a, b);
				assert_int_equal(r, 0);
				free(a);
				free(b);
			}
	/* text past 1000 rows: the widths of the first 1000, a wider value still whole */
	b = rows(5000, OUT_TEXT, 0, 0, 1, NULL);
	assert_non_null(strstr(b, "34993  山田4999\n"));
	free(b);
}

/* CP932, line by line: the lines out_print writes, converted; 〓 counted. */
static void
test_stream_cp932(void **state)
{
	char *b;
	int r = -1;

	(void)state;
	b = rows(10, OUT_CSV, 1, 1, 1, &r);
	assert_int_equal(r, 1);		/* row 5 (row 0's name is NULL: i % 3) */
	assert_memory_equal(b, "no,\x96\xbc\x91\x4f\r\n", 9);	/* no BOM; 名前 in CP932 */
	assert_non_null(strstr(b, "35,\x8a\x47\x81\xac" "5\r\n"));	/* 絵〓5 */
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escapes),
		cmocka_unit_test(test_csv_pictures),
		cmocka_unit_test(test_text_sanitised),
		cmocka_unit_test(test_stream_same),
		cmocka_unit_test(test_stream_cp932),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
