/*
 * test_tui_draw — widgets drawn off-screen (tig's way): curses on /dev/null with a fixed
 * TERM, size and UTF-8 locale; what was drawn is read back with mvwin_wchnstr and
 * compared column by column. Keys are fed with unget_wch.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/util.h"
#include "tui/chrome.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/tui.h"

static FILE	*term_in, *term_out;

static int
term_up(void **state)
{
	struct tui_opts	 o;
	char		*cause = NULL;

	(void)state;
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	term_in = fopen("/dev/null", "r");
	term_out = fopen("/dev/null", "w");
	assert_non_null(term_in);
	assert_non_null(term_out);
	o.in = term_in;
	o.out = term_out;
	o.term = "xterm-256color";
	o.color = 0;
	if (tui_init(&o, &cause) != 0)
		fail_msg("tui_init: %s", cause);
	assert_int_equal(LINES, 24);
	assert_int_equal(COLS, 80);
	keymap_set_esc_wait(50);
	return 0;
}

static int
term_down(void **state)
{
	(void)state;
	tui_end();
	fclose(term_in);
	fclose(term_out);
	return 0;
}

/*
 * Row y as UTF-8 into buf, and for each byte the display column its character starts
 * at (cols[]). mvwin_wchnstr gives one cell per character (a wide character's second
 * column is not repeated), so columns are counted with wcwidth.
 */
static void
read_row(int y, char *buf, size_t len, int *cols)
{
	cchar_t		 cells[512];
	wchar_t		 wch[CCHARW_MAX + 1];
	attr_t		 attrs;
	short		 pair;
	int		 x = 0, i, w;
	size_t		 o = 0, k;
	mbstate_t	 ps;

	memset(cells, 0, sizeof cells);
	assert_int_not_equal(mvwin_wchnstr(stdscr, y, 0, cells, COLS), ERR);
	memset(&ps, 0, sizeof ps);
	for (i = 0; x < COLS; i++) {
		char mb[MB_LEN_MAX + 1];

		getcchar(&cells[i], wch, &attrs, &pair, NULL);
		if (wch[0] == L'\0')
			break;
		w = wcwidth(wch[0]);
		k = wcrtomb(mb, wch[0], &ps);
		if (k == (size_t)-1 || k > MB_LEN_MAX || o + k >= len)
			fail_msg("row %d column %d: cannot encode", y, x);
		memcpy(buf + o, mb, k);
		while (k-- > 0)
			cols[o++] = x;
		x += w > 0 ? w : 0;
	}
	buf[o] = '\0';
}

/* Display column where needle starts on row y, or -1. */
static int
col_of(int y, const char *needle)
{
	char	 buf[2048], *p;
	int	 cols[2048];

	read_row(y, buf, sizeof buf, cols);
	p = strstr(buf, needle);
	return p != NULL ? cols[p - buf] : -1;
}

static int
row_has(int y, const char *needle)
{
	return col_of(y, needle) >= 0;
}

/* A tiny fixed source: the widget's contract, not data code. */
static const char *const rows[][4] = {
	{ "\xe7\x9b\xb8\xe5\xb7\x9d \xe5\x84\xaa\xe5\xad\x90", "\xe5\xb8\x82\xe6\xb0\x91\xe8\xaa\xb2", "3",
	  "\xe9\x9b\xbb\xe8\xbb\x8a\xe9\x81\x85\xe5\xbb\xb6" },	/* 相川 優子 市民課 3 電車遅延 */
	{ "Aoki Sho", "\xe8\xaa\xb2\xe7\xa8\x8e\xe8\xaa\xb2", "12", "ok" },	/* 課税課 */
	{ "\xe7\x9f\xb3\xe4\xba\x95 \xe7\x9c\x9f\xe7\x90\x86\xe5\xad\x90", "IT", "123",
	  "\xef\xbd\xb6\xef\xbe\x80\xef\xbd\xb6\xef\xbe\x85" },	/* 石井 真理子  ｶﾀｶﾅ */
	{ "\xc3\x89mile", "\xe7\xa6\x8f\xe7\xa5\x89\xe8\xaa\xb2", "7", "tab\there\x1b[31m" },	/* Émile 福祉課 */
	{ "Long", "IT", "1",
	  "\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
	  "\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
	  "\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2"
	  "\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2" },
};
#define NFIX	5

static int
fix_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **out, char **cause)
{
	int	 i, c, got = 0, start = 0;

	(void)arg;
	(void)q;
	(void)cause;
	*out = xcalloc((size_t)n, sizeof **out);
	if (anchor != NULL)
		start = atoi(anchor->key) + 1;
	if (dir == TABLE_BEFORE)
		return 0;
	for (i = start; i < NFIX && got < n; i++, got++) {
		char key[16];

		snprintf(key, sizeof key, "%d", i);
		table_row_alloc(&(*out)[got], key, 4);
		for (c = 0; c < 4; c++)
			table_row_set(&(*out)[got], c, rows[i][c]);
	}
	return got;
}

static long
fix_count(void *arg, const struct table_query *q, char **cause)
{
	(void)arg;
	(void)q;
	(void)cause;
	return NFIX;
}

static const struct table_column fix_cols[] = {
	{ .title = "\xe6\xb0\x8f\xe5\x90\x8d" },			/* 氏名 */
	{ .title = "\xe6\x89\x80\xe5\xb1\x9e", .max = 10 },		/* 所属 */
	{ .title = "\xe4\xbb\xb6\xe6\x95\xb0", .width = 6, .align = TEXT_RIGHT },	/* 件数 */
	{ .title = "\xe3\x83\xa1\xe3\x83\xa2", .flex = 1 },		/* メモ */
};

static void
test_table_columns_align(void **state)
{
	struct table		 t;
	struct table_source	 src = { fix_fetch, fix_count, NULL, NULL };
	int			 y;
	char			 buf[2048];
	int			 cols[2048];

	(void)state;
	table_init(&t, fix_cols, 4, &src);
	assert_int_equal(table_reset(&t, NULL), 0);
	erase();
	table_draw(&t, stdscr, 0, 0, 7, 80);
	/* widths: 氏名 from 石井 真理子 (11), 所属 from 市民課 (6), 件数 6, メモ the rest */
	assert_int_equal(t.widths[0], 11);
	assert_int_equal(t.widths[1], 6);
	assert_int_equal(t.widths[2], 6);
	assert_int_equal(t.widths[3], 80 - 1 - 11 - 1 - 6 - 1 - 6 - 1);
	/* header */
	assert_int_equal(col_of(0, "\xe6\xb0\x8f\xe5\x90\x8d"), 1);
	assert_int_equal(col_of(0, "\xe6\x89\x80\xe5\xb1\x9e"), 13);
	assert_int_equal(col_of(0, "\xe4\xbb\xb6\xe6\x95\xb0"), 22);	/* right-aligned in 20..25 */
	assert_int_equal(col_of(0, "\xe3\x83\xa1\xe3\x83\xa2"), 27);
	/* every row: the same display columns whatever the mix of widths */
	for (y = 1; y <= NFIX; y++) {
		const char *const *r = rows[y - 1];
		char	 num[8];

		assert_int_equal(col_of(y, r[0]), 1);
		assert_int_equal(col_of(y, r[1]), 13);
		snprintf(num, sizeof num, " %s", r[2]);
		assert_int_equal(col_of(y, num) + (int)strlen(num), 26);	/* ends at 25 */
	}
	assert_int_equal(col_of(1, rows[0][3]), 27);
	assert_int_equal(col_of(3, rows[2][3]), 27);	/* half-width kana: 1 column each */
	/* selection gutter */
	assert_int_equal(col_of(1, "\xe2\x96\xb6"), 0);
	assert_int_equal(col_of(2, "\xe2\x96\xb6"), -1);
	/* controls never reach the terminal: no tab, no escape, the text still in place */
	read_row(4, buf, sizeof buf, cols);
	assert_null(strchr(buf, '\t'));
	assert_null(strchr(buf, '\x1b'));
	assert_int_equal(col_of(4, "tab"), 27);
	assert_true(col_of(4, "here") > 27);
	/* too long: truncated with … in the last column, nothing beyond */
	assert_int_equal(col_of(5, "\xe2\x80\xa6"), 79);
	assert_int_equal(col_of(5, "\xe6\xbc\xa2"), 27);
	/* the status line text */
	table_status(&t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 5");

	/* narrower terminal: only the flexible column shrinks */
	assert_int_equal(resizeterm(24, 60), OK);
	erase();
	table_draw(&t, stdscr, 0, 0, 7, 60);
	assert_int_equal(t.widths[3], 60 - 1 - 11 - 1 - 6 - 1 - 6 - 1);
	for (y = 1; y <= NFIX; y++)
		assert_int_equal(col_of(y, rows[y - 1][1]), 13);
	assert_int_equal(col_of(5, "\xe2\x80\xa6"), 59);
	assert_int_equal(resizeterm(24, 80), OK);
	table_free(&t);
}

static void
test_keys(void **state)
{
	(void)state;
	flushinp();	/* the resizes above queued KEY_RESIZE */
	unget_wch('1');
	unget_wch(0x1b);
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_F(1));	/* Esc 1 = F1 */
	unget_wch('0');
	unget_wch(0x1b);
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_F(10));	/* Esc 0 = F10 */
	unget_wch(0x65bd);
	assert_int_equal(keymap_read(stdscr, 0), 0x65bd);	/* 施 as one key */
	unget_wch('\n');
	assert_int_equal(keymap_read(stdscr, 0), '\r');
	unget_wch(0x7f);
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_KEY(KEY_BACKSPACE));
	unget_wch(0x1b);
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_ESC);	/* Esc alone */
	ungetch(KEY_F(2));
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_F(2));
	assert_int_equal(keymap_lookup(NULL, KEYMAP_F(2)), ACTION_SAVE);
	assert_int_equal(keymap_read(stdscr, 0), KEYMAP_NONE);
}

static void
test_title_and_keybar(void **state)
{
	struct identity		 who;
	struct chrome_msg	 m = { 0 };

	(void)state;
	memset(&who, 0, sizeof who);
	snprintf(who.login, sizeof who.login, "aoki");
	snprintf(who.dept_name, sizeof who.dept_name, "\xe6\x83\x85\xe5\xa0\xb1\xe3\x83\xbb\xe7\xb5\xb1\xe8\xa8\x88\xe8\xaa\xb2");
	snprintf(who.role, sizeof who.role, "admin");
	erase();
	chrome_draw_title(stdscr, 0, 80, "Dashboard", &who, 1, 2026);
	assert_int_equal(col_of(0, "rashin"), 1);
	assert_int_equal(col_of(0, "Dashboard"), 9);
	assert_true(row_has(0, "aoki \xe6\x83\x85\xe5\xa0\xb1\xe3\x83\xbb\xe7\xb5\xb1\xe8\xa8\x88\xe8\xaa\xb2 [Administrator]"));
	assert_true(row_has(0, "DB \xe2\x97\x8f"));
	/* 令和8年度 right-aligned, one blank at the end: 9 columns ending at 78 */
	assert_int_equal(col_of(0, "\xe4\xbb\xa4\xe5\x92\x8c" "8\xe5\xb9\xb4\xe5\xba\xa6"), 70);
	chrome_draw_title(stdscr, 0, 80, "Dashboard", &who, 0, 2026);
	assert_true(row_has(0, "DB \xe2\x97\x8b disconnected"));

	chrome_draw_keybar(stdscr, 22, 80, NULL);
	assert_int_equal(col_of(22, ": Command"), 1);
	assert_true(row_has(22, "? Help"));
	assert_int_equal(col_of(23, "F1Help"), 1);
	assert_true(row_has(23, "F2Save F3Find F5Reload F10Quit"));
	assert_int_equal(col_of(23, "Esc+digit works too"), 80 - 1 - 19);

	chrome_message(&m, 1, "%s", "\xe4\xbf\x9d\xe5\xad\x98\xe3\x81\xa7\xe3\x81\x8d\xe3\x81\xbe\xe3\x81\x9b\xe3\x82\x93\xe3\x81\xa7\xe3\x81\x97\xe3\x81\x9f\n!");
	chrome_draw_status(stdscr, 21, 80, &m, "12 / 4,567");
	assert_int_equal(col_of(21, "\xe4\xbf\x9d\xe5\xad\x98"), 1);
	assert_int_equal(col_of(21, "12 / 4,567"), 80 - 1 - 10);
	assert_false(row_has(21, "\n"));
	chrome_message_clear(&m);
}

/*
 * A screen with more keys than 80 columns hold: whole keys only, the jumps to other
 * screens left out before the screen's own work, `? Help` kept; a long message wraps.
 */
static void
test_keybar_priority(void **state)
{
	static const struct keymap_bind b[] = {
		{ "m", ACTION_GO_MEASURES, 1 }, { "g", ACTION_GO_SCHEDULE, 1 },
		{ "n", ACTION_NEW, 1 }, { "e", ACTION_EDIT, 1 },
		{ "i", ACTION_GO_MIG, 1 }, { "v", ACTION_GO_VDI, 1 },
		{ "d", ACTION_DEACTIVATE, 1 }, { "r", ACTION_REVOKE, 1 },
		{ "t", ACTION_GO_TRAINING, 1 }, { "a", ACTION_GO_AUDIT, 1 },
		{ "p", ACTION_PUBLISH, 1 }, { "c", ACTION_EVAL_COMMENT, 1 },
	};
	int		 width[4] = { 10, 10, 10, 10 }, prio[4] = { 50, 10, 10, 100 }, shown[4];
	struct keymap	 km;
	struct chrome_msg m = { 0 };
	char		 row[2048];
	int		 cols[2048];

	(void)state;
	/* 40 columns in 25: the later of the two least important goes first, then the other */
	assert_int_equal(chrome_keybar_fit(width, prio, shown, 4, 25), 2);
	assert_int_equal(shown[0], 1);
	assert_int_equal(shown[1], 0);
	assert_int_equal(shown[2], 0);
	assert_int_equal(shown[3], 1);
	assert_int_equal(chrome_keybar_fit(width, prio, shown, 4, 35), 3);
	assert_int_equal(shown[1], 1);
	assert_int_equal(shown[2], 0);

	assert_int_equal(keymap_build(&km, "t", b, sizeof b / sizeof b[0], NULL), 0);
	erase();
	chrome_draw_keybar(stdscr, 22, 80, &km);
	read_row(22, row, sizeof row, cols);
	assert_null(strstr(row, "\xe2\x80\xa6"));		/* no "…" */
	assert_true(row_has(22, "n New"));
	assert_true(row_has(22, "c Comment"));
	assert_true(row_has(22, "? Help"));
	assert_false(row_has(22, "a Audit"));	/* a jump, the last written: gone first */
	keymap_free(&km);

	chrome_message(&m, 1, "%s", "A refusal long enough to need two lines at eighty "
	    "columns, so that its end is read and not cut at the terminal's edge: the end");
	assert_int_equal(chrome_status_lines(80, &m, "1 / 2"), 2);
	erase();
	chrome_draw_status(stdscr, 21, 80, &m, "1 / 2");
	assert_true(row_has(20, "A refusal"));
	assert_true(row_has(21, "the end"));
	chrome_message_clear(&m);
}

static const struct form_field_def form_defs[] = {
	{ .name = "name", .label = "Name", .type = FORM_TEXT, .required = 1 },
	{ .name = "count", .label = "Count", .type = FORM_INT, .min = 1, .max = 9 },
};

static void
test_form_survives_resize(void **state)
{
	struct form	 fm;
	int		 x;

	(void)state;
	form_init(&fm, "t", form_defs, 2);
	form_set(&fm, 0, "\xe9\x9d\x92\xe6\x9c\xa8 \xe7\xbf\x94");	/* 青木 翔 */
	form_field_set_text(&fm.fields[1], "42");
	form_validate(&fm);
	erase();
	form_draw(&fm, stdscr, 2, 0, 10, 80);
	x = col_of(2, "\xe9\x9d\x92\xe6\x9c\xa8 \xe7\xbf\x94");
	assert_int_equal(x, 8);			/* label column: "Count*"+... = 8 */
	assert_int_equal(col_of(2, "Name*"), 0);
	assert_true(col_of(3, "Between 1 and 9") > col_of(3, "42"));
	/* resize mid-edit: type, resize, type more; nothing is lost */
	fm.cur = 0;
	form_key(&fm, 'x', ACTION_NONE);
	assert_int_equal(resizeterm(30, 100), OK);
	erase();
	form_draw(&fm, stdscr, 2, 0, 10, 100);
	form_key(&fm, 'y', ACTION_NONE);
	form_draw(&fm, stdscr, 2, 0, 10, 100);
	assert_int_equal(col_of(2, "\xe9\x9d\x92\xe6\x9c\xa8 \xe7\xbf\x94xy"), 8);
	/* the terminal's cursor at the insertion point (an IME's preedit shows there) */
	tui_cursor_reset();
	form_draw(&fm, stdscr, 2, 0, 10, 100);
	tui_cursor_place();
	assert_int_equal(getcury(stdscr), 2);
	assert_int_equal(getcurx(stdscr), 8 + 9);	/* 青木 翔xy: 9 columns */
	tui_cursor_reset();
	tui_cursor_place();
	assert_int_equal(resizeterm(24, 80), OK);
	form_free(&fm);
}

static void
test_dialogs(void **state)
{
	struct dialog_diff	 d[40];
	int			 i;

	(void)state;
	unget_wch('y');
	assert_int_equal(dialog_confirm("Discard?"), 1);
	unget_wch('n');
	assert_int_equal(dialog_confirm("Discard?"), 0);
	assert_int_equal(dialog_confirm("Discard?"), 0);	/* no terminal input: no */
	/* a `:` typed while it is open: no, and the `:` goes on to the command line */
	unget_wch('r');
	unget_wch(':');
	assert_int_equal(dialog_confirm("Discard?"), 0);
	assert_int_equal(keymap_read(stdscr, 0), ':');
	assert_int_equal(keymap_read(stdscr, 0), 'r');
	/* ? in the help does not close it; q does, and nothing is left over */
	{
		const char *const l[] = { "line" };

		unget_wch('x');
		unget_wch('q');
		unget_wch('?');
		dialog_text("Help", l, 1);
		assert_int_equal(keymap_read(stdscr, 0), 'x');
	}

	for (i = 0; i < 40; i++) {
		d[i].field = "field";
		d[i].theirs = "same";
		d[i].yours = i == 39 ? "mine" : "same";
	}
	/* the only difference is off screen: o is refused until it has been seen */
	unget_wch('r');
	unget_wch('o');
	assert_int_equal(dialog_conflict("aoki", "10:02", d, 40), DIALOG_RELOAD);
	unget_wch('o');
	unget_wch(' ');
	unget_wch(' ');
	unget_wch(' ');
	assert_int_equal(dialog_conflict("aoki", "10:02", d, 40), DIALOG_OVERWRITE);
	/* all on screen: o at once */
	unget_wch('o');
	assert_int_equal(dialog_conflict("aoki", "10:02", d + 30, 10), DIALOG_OVERWRITE);
	/* box at (1, 2), 76 wide; rows from line 4; d[39] on line 13, marked */
	assert_int_equal(col_of(3, "Field"), 4);
	assert_true(row_has(2, "aoki changed this record at 10:02"));
	assert_true(row_has(4, "same"));
	assert_true(row_has(13, "mine"));
	assert_int_equal(col_of(13, "!field"), 3);
	assert_int_equal(col_of(12, "!"), -1);
	unget_wch(0x1b);
	assert_int_equal(dialog_conflict("aoki", "10:02", d, 3), DIALOG_CANCEL);
}

static const char *const people[] = {
	"\xe9\x9d\x92\xe6\x9c\xa8 \xe7\xbf\x94",		/* 青木 翔 */
	"\xe7\x9b\xb8\xe5\xb7\x9d \xe5\x84\xaa\xe5\xad\x90",	/* 相川 優子 */
	"\xe9\x9d\x92\xe5\xb1\xb1 \xe5\xa4\xaa\xe9\x83\x8e",	/* 青山 太郎 */
};
static char	last_query[64];

/* The picker's search callback: names containing the query. */
static int
people_search(void *arg, const char *q, int n, struct form_pick **out, char **cause)
{
	int	 i, got = 0;

	(void)arg;
	(void)cause;
	snprintf(last_query, sizeof last_query, "%s", q);
	*out = xcalloc(3, sizeof **out);
	for (i = 0; i < 3 && got < n; i++) {
		if (strstr(people[i], q) == NULL)
			continue;
		(*out)[got].id = xasprintf("%d", 100 + i);
		(*out)[got].label = xstrdup(people[i]);
		got++;
	}
	return got;
}

static void
test_picker_and_progress(void **state)
{
	struct form_pick	 got;
	struct dialog_progress	*p;

	(void)state;
	flushinp();
	/* type 青, move to the second match, Enter */
	unget_wch('\r');
	ungetch(KEY_DOWN);
	unget_wch(0x9752);	/* 青 */
	assert_int_equal(dialog_pick("Staff", "", people_search, NULL, &got), 0);
	assert_string_equal(last_query, "\xe9\x9d\x92");
	assert_string_equal(got.id, "102");
	assert_string_equal(got.label, people[2]);
	free(got.id);
	free(got.label);
	/* Backspace widens the search again; Esc cancels */
	unget_wch(0x1b);
	unget_wch(0x7f);
	assert_int_equal(dialog_pick("Staff", "\xe7\x9b\xb8", people_search, NULL, &got), -1);
	assert_string_equal(last_query, "");

	p = dialog_progress_begin("Export");
	assert_int_equal(dialog_progress_update(p, 50, 100, "rows"), 0);
	assert_true(row_has(LINES / 2 - 1, " 50%"));
	unget_wch(0x1b);
	assert_int_equal(dialog_progress_update(p, 60, 100, "rows"), 1);	/* Esc: stop */
	dialog_progress_end(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_columns_align),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_title_and_keybar),
		cmocka_unit_test(test_keybar_priority),
		cmocka_unit_test(test_form_survives_resize),
		cmocka_unit_test(test_dialogs),
		cmocka_unit_test(test_picker_and_progress),
	};

	i18n_init("ja", "ja");
	setenv("LANGUAGE", "en", 1);	/* English messages, Japanese dates */
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, term_up, term_down);
}
