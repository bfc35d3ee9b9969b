/*
 * test_csv — encodings (UTF-8, UTF-8 with BOM, CP932), RFC 4180 quoting, and errors that
 * name the line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/csv.h"

static void
test_utf8_bom(void **state)
{
	static const char in[] = "\xef\xbb\xbf" "login,氏名\r\naoki,青木 翔\r\n\r\nishii,\"石井, 真理子\"\r\n";
	struct csv_doc d;
	char *cause = NULL;

	(void)state;
	assert_int_equal(csv_read(in, sizeof in - 1, &d, &cause), 0);
	assert_string_equal(d.encoding, "UTF-8 (BOM)");
	assert_int_equal(d.nrows, 2);
	assert_int_equal(csv_col(&d, "氏名"), 1);
	assert_int_equal(csv_col(&d, "login"), 0);
	assert_int_equal(csv_col(&d, "nope"), -1);
	assert_string_equal(csv_field(&d.rows[0], 1), "青木 翔");
	assert_int_equal(d.rows[0].line, 2);
	assert_string_equal(csv_field(&d.rows[1], 1), "石井, 真理子");
	assert_int_equal(d.rows[1].line, 4);
	assert_string_equal(csv_field(&d.rows[1], 5), "");
	csv_free(&d);
}

static void
test_quotes_and_newlines(void **state)
{
	static const char in[] = "a,b\n\"x\"\"y\",\"two\nlines\"\nlast,row";
	struct csv_doc d;
	char *cause = NULL;

	(void)state;
	assert_int_equal(csv_read(in, sizeof in - 1, &d, &cause), 0);
	assert_string_equal(d.encoding, "UTF-8");
	assert_int_equal(d.nrows, 2);
	assert_string_equal(d.rows[0].fields[0], "x\"y");
	assert_string_equal(d.rows[0].fields[1], "two\nlines");
	assert_int_equal(d.rows[1].line, 4);
	assert_string_equal(d.rows[1].fields[1], "row");
	csv_free(&d);
}

/* found by fuzz_csv: a lone CR ends a record and counts as a line */
static void
test_lone_cr(void **state)
{
	static const char in[] = "login\raoki\r#\r\n";
	struct csv_doc d;
	char *cause = NULL;

	(void)state;
	assert_int_equal(csv_read(in, sizeof in - 1, &d, &cause), 0);
	assert_int_equal(d.nrows, 2);
	assert_string_equal(d.rows[0].fields[0], "aoki");
	assert_int_equal(d.rows[0].line, 2);
	assert_string_equal(d.rows[1].fields[0], "#");
	assert_int_equal(d.rows[1].line, 3);
	csv_free(&d);
}

static void
test_cp932(void **state)
{
	/* "氏名\r\n青木\r\n" in CP932 */
	static const char in[] = "\x8e\x81\x96\xbc\r\n\x90\xc2\x96\xd8\r\n";
	struct csv_doc d;
	/* a, b〓c, 〓〓, 青 in CP932 */
	static const char geta[] = "a\nb\x81\xac" "c\n\x81\xac\x81\xac\n\x90\xc2\n";
	char *cause = NULL, *out = NULL;
	size_t outlen;
	int n = -1;

	(void)state;
	assert_int_equal(csv_read(in, sizeof in - 1, &d, &cause), 0);
	assert_string_equal(d.encoding, "CP932");
	assert_string_equal(d.header.fields[0], "氏名");
	assert_string_equal(d.rows[0].fields[0], "青木");
	csv_free(&d);
	assert_int_equal(csv_to_cp932("氏名\r\n青木\r\n", strlen("氏名\r\n青木\r\n"), &out, &outlen, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_int_equal(outlen, sizeof in - 1);
	assert_memory_equal(out, in, outlen);
	free(out);
	/* an emoji (4 bytes) and a Hangul syllable (3 bytes) have no CP932 code: 〓 each,
	 * counted, and what follows them is still converted */
	assert_int_equal(csv_to_cp932("a\nb\U0001F600c\n\uAC00\U0001F600\n青\n",
	    strlen("a\nb\U0001F600c\n\uAC00\U0001F600\n青\n"), &out, &outlen, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(outlen, sizeof geta - 1);
	assert_memory_equal(out, geta, outlen);
	free(out);
	/* the count may be NULL */
	assert_int_equal(csv_to_cp932("\U0001F600", 4, &out, &outlen, NULL, &cause), 0);
	assert_memory_equal(out, "\x81\xac", 3);
	free(out);
	/* input that is not UTF-8 is still an error that names the line */
	assert_int_equal(csv_to_cp932("a\n\xff\n", 4, &out, &outlen, &n, &cause), -1);
	assert_string_equal(cause, "line 2: invalid UTF-8");
	free(cause);
}

static void
expect_error(const char *in, size_t len, const char *msg)
{
	struct csv_doc d;
	char *cause = NULL;

	assert_int_equal(csv_read(in, len, &d, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	free(cause);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("a,b\n1,\"open\n2,3\n", 15, "line 2: unterminated quoted field");
	expect_error("a,b\n1,x\"y\n", 10, "line 2: a quote inside an unquoted field (quote the whole field)");
	expect_error("a,b\n\"1\"x,2\n", 11, "line 2: text after a closing quote");
	expect_error("a,b\n1,2\0\n", 9, "line 2: a NUL byte (not a text file?)");
	expect_error("", 0, "the file is empty (a header line is needed)");
	expect_error("a,a\n1,2\n", 8, "line 1: column \"a\" appears twice in the header");
	expect_error("a\nok\n\xff\xfe\xfd\n", 9, "line 3: invalid text (neither UTF-8 nor CP932)");
	/* a UTF-8 Japanese header is not CP932 from byte 0: name the UTF-8 failure's line */
	expect_error("業務\nok\n\xff\xfe\n", 13, "line 3: invalid text (neither UTF-8 nor CP932)");
	expect_error("\xef\xbb\xbf" "a\n\xff\n", 7, "line 2: invalid UTF-8 after a UTF-8 BOM");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_quotes_and_newlines),
		cmocka_unit_test(test_lone_cr),
		cmocka_unit_test(test_cp932),
		cmocka_unit_test(test_errors),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
