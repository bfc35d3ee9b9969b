/*
 * test_sqlsplit — statements split at top-level semicolons only, with their lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "backend/lib/sqlsplit.h"

static void
test_basic(void **state)
{
	struct sql_stmt *v;
	char *cause = NULL;
	int n;

	(void)state;
	n = sqlsplit("-- header\nCREATE TABLE a (x int);\n\nINSERT INTO a VALUES (1);\nSELECT 2", &v, &cause);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].text, "-- header\nCREATE TABLE a (x int)");
	assert_int_equal(v[0].line, 1);
	assert_string_equal(v[1].text, "INSERT INTO a VALUES (1)");
	assert_int_equal(v[1].line, 4);
	assert_string_equal(v[2].text, "SELECT 2");
	assert_int_equal(v[2].line, 5);
	sqlsplit_free(v, n);
}

static void
test_quotes(void **state)
{
	struct sql_stmt *v;
	char *cause = NULL;
	int n;

	(void)state;
	n = sqlsplit("SELECT 'a;b''c;';\nSELECT \"x;y\";\nSELECT E'\\';';\n"
	    "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
	    "DO $body$ BEGIN PERFORM 1; END $body$;\n"
	    "SELECT $1::int; /* a ; /* nested ; */ comment */ SELECT 3;\n"
	    "-- trailing comment ; only\n", &v, &cause);
	assert_int_equal(n, 7);
	assert_string_equal(v[0].text, "SELECT 'a;b''c;'");
	assert_string_equal(v[1].text, "SELECT \"x;y\"");
	assert_string_equal(v[2].text, "SELECT E'\\';'");
	assert_string_equal(v[3].text, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql");
	assert_int_equal(v[3].line, 4);
	assert_string_equal(v[4].text, "DO $body$ BEGIN PERFORM 1; END $body$");
	assert_string_equal(v[5].text, "SELECT $1::int");
	assert_string_equal(v[6].text, "/* a ; /* nested ; */ comment */ SELECT 3");
	assert_int_equal(v[6].line, 6);
	sqlsplit_free(v, n);
}

static void
test_unterminated(void **state)
{
	struct sql_stmt *v;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sqlsplit("SELECT 1;\nSELECT 'oops;\n", &v, &cause), -1);
	assert_string_equal(cause, "line 2: unterminated quote or comment");
	free(cause);
	cause = NULL;
	assert_int_equal(sqlsplit("DO $x$ BEGIN END $y$;", &v, &cause), -1);
	assert_string_equal(cause, "line 1: unterminated quote or comment");
	free(cause);
	cause = NULL;
	assert_int_equal(sqlsplit("/* never closed", &v, &cause), -1);
	free(cause);
}

static void
test_empty(void **state)
{
	struct sql_stmt *v;
	char *cause = NULL;

	(void)state;
	assert_int_equal(sqlsplit("", &v, &cause), 0);
	sqlsplit_free(v, 0);
	assert_int_equal(sqlsplit(" ;\n ; -- nothing\n", &v, &cause), 0);
	sqlsplit_free(v, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
