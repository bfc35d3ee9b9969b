/*
 * test_audit_filter — the audit screen's filter line (audit_filter_parse): each word
 * into its field, dates from ISO or 和暦, words still being typed ignored, and a clear
 * message naming the word for anything wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/store_audit.h"
#include "backend/store/store_staff.h"

static void
test_words(void **state)
{
	struct audit_filter	 f;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(audit_filter_parse("who:tadmin table:staff key:905 action:update "
	    "from:2026-04-01 to:R8.5.31", &f, &cause), 0);
	assert_string_equal(f.who, "tadmin");
	assert_string_equal(f.tbl, "staff");
	assert_string_equal(f.key, "905");
	assert_string_equal(f.action, "UPDATE");
	assert_string_equal(f.from, "2026-04-01");
	assert_string_equal(f.to, "2026-05-31");
	assert_null(cause);
}

static void
test_short_forms(void **state)
{
	struct audit_filter	 f;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(audit_filter_parse("  measure by:tlead act:Delete on:令和8年11月24日 ",
	    &f, &cause), 0);
	assert_string_equal(f.tbl, "measure");
	assert_string_equal(f.who, "tlead");
	assert_string_equal(f.action, "DELETE");
	assert_string_equal(f.from, "2026-11-24");
	assert_string_equal(f.to, "2026-11-24");
	/* empty and still-being-typed words filter nothing */
	assert_int_equal(audit_filter_parse("", &f, &cause), 0);
	assert_string_equal(f.tbl, "");
	assert_int_equal(audit_filter_parse("who: table:", &f, &cause), 0);
	assert_string_equal(f.who, "");
	assert_string_equal(f.tbl, "");
}

static void
test_errors(void **state)
{
	struct audit_filter	 f;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(audit_filter_parse("colour:red", &f, &cause), -1);
	assert_string_equal(cause, "\"colour:\": unknown filter (who: table: key: action: "
	    "from: to: on:)");
	free(cause);
	cause = NULL;
	assert_int_equal(audit_filter_parse("from:2026-02-30", &f, &cause), -1);
	assert_non_null(strstr(cause, "\"from\": "));
	assert_non_null(strstr(cause, "2026-02-30"));
	free(cause);
	cause = NULL;
	assert_int_equal(audit_filter_parse("from:2026-05-01 to:2026-04-01", &f, &cause), -1);
	assert_string_equal(cause, "from 2026-05-01 is after to 2026-04-01");
	free(cause);
	cause = NULL;
	assert_int_equal(audit_filter_parse("who:abcdefghijabcdefghijabcdefghijabcdefghij", &f,
	    &cause), -1);
	assert_string_equal(cause, "\"who\": too long");
	free(cause);
}

static void
test_like_prefix(void **state)
{
	char	*p;

	(void)state;
	p = store_like_prefix("t_a%b\\c");
	assert_string_equal(p, "t\\_a\\%b\\\\c%");
	free(p);
	p = store_like_prefix("");
	assert_string_equal(p, "%");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_short_forms),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_like_prefix),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
