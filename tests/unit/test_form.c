/*
 * test_form — field validation (text, integer, date in ISO and 和暦, fiscal year,
 * choice), editing by character, dirty tracking, save and discard.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/fy.h"
#include "tui/form.h"
#include "tui/keymap.h"

static const struct form_choice phases[] = {
	{ "study", "Study" },
	{ "do", "Implement" },
	{ "done", "Done" },
};

static int
no_admin(const char *v, char **cause)
{
	if (strcmp(v, "admin") == 0) {
		*cause = strdup("Reserved name");
		return -1;
	}
	return 0;
}

static const struct form_field_def defs[] = {
	{ .name = "name", .label = "Name", .type = FORM_TEXT, .required = 1, .maxlen = 5,
	  .validate = no_admin },
	{ .name = "count", .label = "Count", .type = FORM_INT, .min = 1, .max = 48 },
	{ .name = "due", .label = "Due", .type = FORM_DATE },
	{ .name = "fy", .label = "Fiscal year", .type = FORM_FY },
	{ .name = "phase", .label = "Phase", .type = FORM_CHOICE, .choices = phases,
	  .nchoices = 3 },
	{ .name = "note", .label = "Note", .type = FORM_MULTILINE },
};

enum { F_NAME, F_COUNT, F_DUE, F_FY, F_PHASE, F_NOTE };

static int	confirm_answer;
static int	confirm_asked;

static int
fake_confirm(const char *q)
{
	(void)q;
	confirm_asked++;
	return confirm_answer;
}

static struct form *
new_form(void)
{
	static struct form	 fm;

	form_init(&fm, "Test", defs, 6);
	fm.confirm = fake_confirm;
	confirm_asked = 0;
	return &fm;
}

/* Set field i to text and validate it; returns its error ("" if none). */
static const char *
check(struct form *fm, int i, const char *text)
{
	form_field_set_text(&fm->fields[i], text);
	form_field_validate(&fm->fields[i]);
	return fm->fields[i].error != NULL ? fm->fields[i].error : "";
}

static void
assert_value(struct form *fm, int i, const char *want)
{
	char	*v = form_get(fm, i);

	assert_string_equal(v, want);
	free(v);
}

static void
test_text(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	assert_string_equal(check(fm, F_NAME, ""), "Required");
	assert_string_equal(check(fm, F_NAME, "\xe7\x9b\xb8\xe5\xb7\x9d"), "");	/* 相川 */
	/* maxlen counts characters: five kanji are fine, six are not */
	assert_string_equal(check(fm, F_NAME,
	    "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94"), "");
	assert_string_equal(check(fm, F_NAME,
	    "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94\xe5\x85\xad"),
	    "At most 5 characters");
	assert_string_equal(check(fm, F_NAME, "admin"), "Reserved name");
	form_free(fm);
}

static void
test_integer(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	assert_string_equal(check(fm, F_COUNT, ""), "");	/* optional */
	assert_string_equal(check(fm, F_COUNT, "12"), "");
	assert_string_equal(check(fm, F_COUNT, " 48 "), "");
	assert_value(fm, F_COUNT, "48");
	assert_string_equal(check(fm, F_COUNT, "49"), "Between 1 and 48");
	assert_string_equal(check(fm, F_COUNT, "0"), "Between 1 and 48");
	assert_string_equal(check(fm, F_COUNT, "12a"), "Not a whole number");
	assert_string_equal(check(fm, F_COUNT, "-"), "Not a whole number");
	assert_string_equal(check(fm, F_COUNT, "99999999999999999999"), "Not a whole number");
	form_free(fm);
}

static void
test_date(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	assert_string_equal(check(fm, F_DUE, "2026-04-01"), "");
	assert_value(fm, F_DUE, "2026-04-01");
	assert_string_equal(fm->fields[F_DUE].hint,
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4" "4\xe6\x9c\x88" "1\xe6\x97\xa5");	/* 令和8年4月1日 */
	assert_string_equal(check(fm, F_DUE, "R8.4.1"), "");
	assert_value(fm, F_DUE, "2026-04-01");
	assert_string_equal(fm->fields[F_DUE].hint, "2026-04-01");	/* typed 和暦: ISO beside */
	assert_string_equal(check(fm, F_DUE, "r8.12.31"), "");
	assert_value(fm, F_DUE, "2026-12-31");
	assert_string_equal(check(fm, F_DUE,
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4" "4\xe6\x9c\x88" "1\xe6\x97\xa5"), "");
	assert_value(fm, F_DUE, "2026-04-01");
	assert_string_equal(check(fm, F_DUE, "2028/2/29"), "");	/* leap year */
	assert_value(fm, F_DUE, "2028-02-29");
	/* era boundaries: 平成31年4月30日 is the last Heisei day, 令和元年5月1日 the first */
	assert_string_equal(check(fm, F_DUE, "H31.4.30"), "");
	assert_value(fm, F_DUE, "2019-04-30");
	assert_string_equal(check(fm, F_DUE, "H31.5.1"),
	    "\"H31.5.1\": \xe5\xb9\xb3\xe6\x88\x90 ended on 2019-04-30");	/* 平成 */
	assert_string_equal(check(fm, F_DUE, "R1.4.30"),
	    "\"R1.4.30\": \xe4\xbb\xa4\xe5\x92\x8c began on 2019-05-01");	/* 令和 */
	assert_string_equal(check(fm, F_DUE, "2019-05-01"), "");
	assert_string_equal(fm->fields[F_DUE].hint,
	    "\xe4\xbb\xa4\xe5\x92\x8c\xe5\x85\x83\xe5\xb9\xb4" "5\xe6\x9c\x88" "1\xe6\x97\xa5");	/* 令和元年5月1日 */
	/* bad input */
	assert_string_equal(check(fm, F_DUE, "2026-02-29"),
	    "\"2026-02-29\": no such day (2026-02 has 28 days)");
	assert_string_equal(check(fm, F_DUE, "2026-13-01"), "\"2026-13-01\": no such month");
	assert_string_equal(check(fm, F_DUE, "tomorrow"),
	    "\"tomorrow\": not a date (try 2026-04-01, R8.4.1 or "
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4" "4\xe6\x9c\x88" "1\xe6\x97\xa5)");
	assert_string_not_equal(check(fm, F_DUE, "2026-04-01x"), "");
	assert_string_not_equal(check(fm, F_DUE, "26-4-1"), "");
	assert_value(fm, F_DUE, "26-4-1");	/* kept as typed, not lost */
	form_free(fm);
}

static void
test_fiscal_year(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	assert_string_equal(check(fm, F_FY, "2026"), "");
	assert_value(fm, F_FY, "2026");
	assert_string_equal(fm->fields[F_FY].hint,
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4\xe5\xba\xa6");	/* 令和8年度 */
	assert_string_equal(check(fm, F_FY, "FY2031"), "");
	assert_value(fm, F_FY, "2031");
	assert_string_equal(check(fm, F_FY, "R13"), "");
	assert_value(fm, F_FY, "2031");
	assert_string_equal(check(fm, F_FY, "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4\xe5\xba\xa6"), "");
	assert_value(fm, F_FY, "2026");
	assert_string_equal(check(fm, F_FY, "H32"),
	    "\"H32\": \xe5\xb9\xb3\xe6\x88\x90 ended in 2019 (\xe5\xb9\xb3\xe6\x88\x90" "31\xe5\xb9\xb4)");
	assert_string_equal(check(fm, F_FY, "H31"), "");
	assert_value(fm, F_FY, "2019");
	assert_string_equal(check(fm, F_FY, "next"),
	    "\"next\": not a fiscal year (try 2026, FY2026, R8 or "
	    "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4\xe5\xba\xa6)");
	assert_string_equal(check(fm, F_FY, "1800"),
	    "\"1800\": the fiscal year must be from FY1900 to FY2200");
	form_free(fm);
}

static void
test_choice_and_keys(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	form_set(fm, F_PHASE, "do");
	assert_value(fm, F_PHASE, "do");
	fm->cur = F_PHASE;
	form_key(fm, ' ', ACTION_PAGE_DOWN);
	assert_value(fm, F_PHASE, "done");
	form_key(fm, ' ', ACTION_PAGE_DOWN);
	assert_value(fm, F_PHASE, "study");
	form_key(fm, KEYMAP_KEY(KEY_LEFT), ACTION_LEFT);
	assert_value(fm, F_PHASE, "done");
	/* Tab and Enter move on; BTab back */
	form_key(fm, '\t', ACTION_NEXT_FIELD);
	assert_int_equal(fm->cur, F_NOTE);
	form_key(fm, '\t', ACTION_NEXT_FIELD);
	assert_int_equal(fm->cur, F_NAME);
	form_key(fm, '\r', ACTION_ENTER);
	assert_int_equal(fm->cur, F_COUNT);
	form_key(fm, KEYMAP_KEY(KEY_BTAB), ACTION_PREV_FIELD);
	assert_int_equal(fm->cur, F_NAME);
	form_free(fm);
}

static void
test_edit_by_character(void **state)
{
	struct form	*fm = new_form();
	struct form_field *f;

	(void)state;
	fm->cur = F_NOTE;
	f = &fm->fields[F_NOTE];
	form_field_set_text(f, "\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86");	/* あいう */
	assert_int_equal(f->len, 3);
	assert_int_equal(f->cursor, 3);
	form_key(fm, KEYMAP_KEY(KEY_BACKSPACE), ACTION_NONE);
	assert_value(fm, F_NOTE, "\xe3\x81\x82\xe3\x81\x84");		/* あい */
	form_key(fm, KEYMAP_KEY(KEY_LEFT), ACTION_LEFT);
	form_key(fm, 'x', ACTION_NONE);
	form_key(fm, 0x6f22, ACTION_NONE);				/* 漢 */
	assert_value(fm, F_NOTE, "\xe3\x81\x82x\xe6\xbc\xa2\xe3\x81\x84");	/* あx漢い */
	/* letters bound to actions are still text in a field ('q' = back, 'j' = down) */
	form_key(fm, 'q', ACTION_BACK);
	form_key(fm, 'j', ACTION_DOWN);
	assert_value(fm, F_NOTE, "\xe3\x81\x82x\xe6\xbc\xa2qj\xe3\x81\x84");
	/* control characters are never inserted; C1 and bidi controls are named */
	form_key(fm, 0x07, ACTION_NONE);
	form_key(fm, 0x85, ACTION_NONE);
	assert_int_equal(f->len, 6);
	assert_string_equal(f->error, "U+0085, a C1 control character, at character 6");
	form_key(fm, 0x202e, ACTION_NONE);
	assert_int_equal(f->len, 6);
	assert_string_equal(f->error, "U+202E, a bidirectional control, at character 6");
	/* a value loaded with one is refused when the form is checked */
	form_field_set_text(&fm->fields[F_NAME], "a\xe2\x80\xae" "b");
	assert_int_equal(form_field_validate(&fm->fields[F_NAME]), -1);
	assert_string_equal(fm->fields[F_NAME].error, "U+202E, a bidirectional control, at "
	    "character 2");
	form_field_set_text(&fm->fields[F_NAME], "");
	/* Enter makes a new line in a multi-line field; Up/Down move between lines */
	form_key(fm, KEYMAP_KEY(KEY_END), ACTION_END);
	form_key(fm, '\r', ACTION_ENTER);
	form_key(fm, 'z', ACTION_NONE);
	assert_value(fm, F_NOTE, "\xe3\x81\x82x\xe6\xbc\xa2qj\xe3\x81\x84\nz");
	form_key(fm, KEYMAP_KEY(KEY_UP), ACTION_UP);
	assert_int_equal(f->cursor, 1);
	assert_int_equal(fm->cur, F_NOTE);
	form_key(fm, KEYMAP_CTRL('k'), ACTION_NONE);
	assert_value(fm, F_NOTE, "\xe3\x81\x82\nz");
	form_key(fm, KEYMAP_KEY(KEY_DOWN), ACTION_DOWN);
	assert_int_equal(f->cursor, 3);
	form_free(fm);
}

/* Home/End/^A/^E/^U/Up on the line that holds the cursor, not the whole text. */
static void
test_line_keys(void **state)
{
	struct form	*fm = new_form();
	struct form_field *f = &fm->fields[F_NOTE];

	(void)state;
	fm->cur = F_NOTE;
	form_field_set_text(f, "ab\ncd");
	assert_int_equal(f->cursor, 5);
	form_key(fm, KEYMAP_KEY(KEY_HOME), ACTION_HOME);
	assert_int_equal(f->cursor, 3);
	form_key(fm, KEYMAP_CTRL('e'), ACTION_NONE);
	assert_int_equal(f->cursor, 5);
	form_key(fm, KEYMAP_CTRL('u'), ACTION_NONE);
	assert_value(fm, F_NOTE, "ab\n");
	assert_int_equal(f->cursor, 3);
	form_key(fm, KEYMAP_KEY(KEY_UP), ACTION_UP);
	assert_int_equal(f->cursor, 0);
	form_key(fm, KEYMAP_CTRL('e'), ACTION_NONE);
	assert_int_equal(f->cursor, 2);
	form_key(fm, KEYMAP_CTRL('a'), ACTION_NONE);
	form_key(fm, 'x', ACTION_NONE);
	assert_value(fm, F_NOTE, "xab\n");
	form_key(fm, KEYMAP_KEY(KEY_END), ACTION_END);
	assert_int_equal(f->cursor, 3);
	form_key(fm, KEYMAP_CTRL('u'), ACTION_NONE);
	assert_value(fm, F_NOTE, "\n");
	assert_int_equal(f->cursor, 0);
	form_free(fm);
}

static void
test_save_and_discard(void **state)
{
	struct form	*fm = new_form();

	(void)state;
	form_set(fm, F_NAME, "aoki");
	form_set(fm, F_DUE, "2026-04-01");
	assert_false(form_dirty(fm));
	/* Esc with nothing changed leaves without asking */
	form_key(fm, KEYMAP_ESC, ACTION_BACK);
	assert_int_equal(fm->want, FORM_WANT_DISCARD);
	assert_int_equal(confirm_asked, 0);
	/* the same date typed the other way is not a change */
	form_field_set_text(&fm->fields[F_DUE], "R8.4.1");
	assert_false(form_dirty(fm));
	/* an edit: Esc asks; "no" keeps the form */
	fm->cur = F_NAME;
	form_key(fm, 'x', ACTION_NONE);
	assert_true(form_dirty(fm));
	confirm_answer = 0;
	form_key(fm, KEYMAP_ESC, ACTION_BACK);
	assert_int_equal(confirm_asked, 1);
	assert_int_equal(fm->want, FORM_WANT_NOTHING);
	/* save with an invalid field: focus goes there, nothing saved */
	fm->cur = F_NAME;
	form_field_set_text(&fm->fields[F_COUNT], "999");
	form_key(fm, KEYMAP_F(2), ACTION_SAVE);
	assert_int_equal(fm->want, FORM_WANT_NOTHING);
	assert_int_equal(fm->cur, F_COUNT);
	assert_string_equal(fm->fields[F_COUNT].error, "Between 1 and 48");
	/* fixed: Ctrl-S saves */
	form_field_set_text(&fm->fields[F_COUNT], "16");
	form_key(fm, KEYMAP_CTRL('s'), ACTION_SAVE);
	assert_int_equal(fm->want, FORM_WANT_SAVE);
	assert_null(fm->fields[F_COUNT].error);
	/* "yes" discards */
	confirm_answer = 1;
	form_key(fm, KEYMAP_ESC, ACTION_BACK);
	assert_int_equal(fm->want, FORM_WANT_DISCARD);
	assert_int_equal(form_find(fm, "fy"), F_FY);
	assert_int_equal(form_find(fm, "nope"), -1);
	form_free(fm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_fiscal_year),
		cmocka_unit_test(test_choice_and_keys),
		cmocka_unit_test(test_edit_by_character),
		cmocka_unit_test(test_line_keys),
		cmocka_unit_test(test_save_and_discard),
	};

	/* English messages (no catalogue loaded), Japanese date display */
	i18n_init("ja", "ja");
	setenv("LANGUAGE", "en", 1);
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
