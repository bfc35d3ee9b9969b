/*
 * test_table — the list widget's paging logic against an in-memory source. The source
 * here is a fixture of the widget's contract (fetch after/before a row, count, rank);
 * real screens get theirs from backend/store_*.c with keyset SQL.
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

#include "backend/lib/util.h"
#include "tui/keymap.h"
#include "tui/table.h"

#define NROWS	1000

struct mem {
	char	 name[NROWS][32];
	char	 num[NROWS][8];
	char	 key[NROWS][8];
	int	 alive[NROWS];
	int	 fail;		/* next fetch fails */
	int	 max_n;		/* largest n ever asked for */
	int	 calls;
};

static struct mem	 mem;
static const struct table_query *cmp_q;

static const struct table_column cols[] = {
	{ .title = "Name", .sortable = 1 },
	{ .title = "Number", .align = TEXT_RIGHT, .sortable = 1 },
};

static const char *
mem_cell(int i, int col)
{
	return col == 0 ? mem.name[i] : mem.num[i];
}

/* Order of rows a and b (by the sort column, numerically for column 1, then key). */
static int
mem_cmp_vals(const char *va, const char *ka, const char *vb, const char *kb)
{
	int	 c;

	if (cmp_q->sort == 1)
		c = (atoi(va) > atoi(vb)) - (atoi(va) < atoi(vb));
	else
		c = strcmp(va, vb);
	if (c == 0)
		c = strcmp(ka, kb);
	return cmp_q->desc ? -c : c;
}

static int
mem_cmp_idx(const void *a, const void *b)
{
	int	 ia = *(const int *)a, ib = *(const int *)b;

	return mem_cmp_vals(mem_cell(ia, cmp_q->sort), mem.key[ia],
	    mem_cell(ib, cmp_q->sort), mem.key[ib]);
}

/* The matching rows in order, into idx; returns how many. */
static int
mem_select(const struct table_query *q, int *idx)
{
	int	 i, n = 0;

	for (i = 0; i < NROWS; i++) {
		if (!mem.alive[i])
			continue;
		if (*q->filter != '\0' && strstr(mem.name[i], q->filter) == NULL)
			continue;
		idx[n++] = i;
	}
	cmp_q = q;
	qsort(idx, (size_t)n, sizeof *idx, mem_cmp_idx);
	return n;
}

static int
mem_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	int	 idx[NROWS], m, i, first, last, got = 0;

	(void)arg;
	mem.calls++;
	if (n > mem.max_n)
		mem.max_n = n;
	if (mem.fail) {
		mem.fail = 0;
		return set_cause(cause, "connection lost");
	}
	m = mem_select(q, idx);
	/* first: index of the first row after anchor; last: of the last row before it */
	first = 0;
	last = m - 1;
	if (anchor != NULL) {
		for (first = 0; first < m; first++) {
			if (mem_cmp_vals(mem_cell(idx[first], q->sort), mem.key[idx[first]],
			    anchor->cells[q->sort], anchor->key) > 0)
				break;
		}
		for (last = m - 1; last >= 0; last--) {
			if (mem_cmp_vals(mem_cell(idx[last], q->sort), mem.key[idx[last]],
			    anchor->cells[q->sort], anchor->key) < 0)
				break;
		}
	}
	*rows = xcalloc((size_t)n, sizeof **rows);
	if (dir == TABLE_AFTER) {
		for (i = first; i < m && got < n; i++, got++) {
			table_row_alloc(&(*rows)[got], mem.key[idx[i]], 2);
			table_row_set(&(*rows)[got], 0, mem.name[idx[i]]);
			table_row_set(&(*rows)[got], 1, mem.num[idx[i]]);
		}
	} else {
		int from = last - n + 1 < 0 ? 0 : last - n + 1;

		for (i = from; i <= last; i++, got++) {
			table_row_alloc(&(*rows)[got], mem.key[idx[i]], 2);
			table_row_set(&(*rows)[got], 0, mem.name[idx[i]]);
			table_row_set(&(*rows)[got], 1, mem.num[idx[i]]);
		}
	}
	return got;
}

static long
mem_count(void *arg, const struct table_query *q, char **cause)
{
	int	 idx[NROWS];

	long	 m;

	(void)arg;
	(void)cause;
	m = mem_select(q, idx);
	return m > q->cap + 1 ? q->cap + 1 : m;	/* as a database source: LIMIT cap + 1 */
}

static long
mem_rank(void *arg, const struct table_query *q, const struct table_row *anchor,
    char **cause)
{
	int	 idx[NROWS], m = mem_select(q, idx), i;
	long	 r = 0;

	(void)arg;
	(void)cause;
	for (i = 0; i < m; i++) {
		if (mem_cmp_vals(mem_cell(idx[i], q->sort), mem.key[idx[i]],
		    anchor->cells[q->sort], anchor->key) < 0)
			r++;
	}
	return r;
}

static const struct table_source src = { mem_fetch, mem_count, mem_rank, NULL };

static int
setup(void **state)
{
	int	 i;

	(void)state;
	memset(&mem, 0, sizeof mem);
	for (i = 0; i < NROWS; i++) {
		snprintf(mem.key[i], sizeof mem.key[i], "k%04d", i);
		snprintf(mem.name[i], sizeof mem.name[i], "row %04d", i);
		snprintf(mem.num[i], sizeof mem.num[i], "%d", (i * 7) % 100);
		mem.alive[i] = 1;
	}
	return 0;
}

static struct table *
new_table(void)
{
	static struct table	 t;
	char			*cause = NULL;

	table_init(&t, cols, 2, &src);
	t.page = 20;
	assert_int_equal(table_reset(&t, &cause), 0);
	return &t;
}

static void
assert_selected(struct table *t, const char *key, long pos)
{
	assert_non_null(table_selected(t));
	assert_string_equal(table_selected(t)->key, key);
	assert_int_equal(t->pos, pos);
	/* never more than the page plus the kept pages on each side (and one fetch) */
	assert_true(t->nrows <= t->page * 6);
}

static void
test_first_page(void **state)
{
	struct table	*t = new_table();
	char		 buf[64];

	(void)state;
	assert_int_equal(t->total, NROWS);
	assert_int_equal(t->nrows, 40);
	assert_selected(t, "k0000", 0);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 1,000");
	table_free(t);
}

static void
test_move_down_and_up(void **state)
{
	struct table	*t = new_table();
	int		 i;

	(void)state;
	for (i = 0; i < 150; i++)
		assert_int_equal(table_move(t, 1, NULL), 0);
	assert_selected(t, "k0150", 150);
	assert_int_equal(t->sel - t->top, 19);	/* selection on the last visible line */
	for (i = 0; i < 140; i++)
		assert_int_equal(table_move(t, -1, NULL), 0);
	assert_selected(t, "k0010", 10);
	assert_int_equal(t->sel, t->top);	/* on the first visible line */
	assert_true(mem.max_n <= 2 * t->page);
	table_free(t);
}

static void
test_pages_end_home(void **state)
{
	struct table	*t = new_table();
	char		 buf[64];

	(void)state;
	assert_int_equal(table_key(t, KEYMAP_KEY(KEY_NPAGE), ACTION_PAGE_DOWN), TUI_HANDLED | TUI_REDRAW);
	assert_selected(t, "k0020", 20);
	assert_int_equal(t->top, t->sel);
	table_key(t, KEYMAP_KEY(KEY_END), ACTION_END);
	assert_selected(t, "k0999", 999);
	assert_true(t->at_end);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1,000 / 1,000");
	table_key(t, KEYMAP_KEY(KEY_DOWN), ACTION_DOWN);	/* past the end: stays */
	assert_selected(t, "k0999", 999);
	table_key(t, KEYMAP_KEY(KEY_PPAGE), ACTION_PAGE_UP);
	assert_selected(t, "k0979", 979);
	/* page up repeatedly back to the top, crossing the window's start */
	while (t->pos > 0)
		table_key(t, KEYMAP_KEY(KEY_PPAGE), ACTION_PAGE_UP);
	assert_selected(t, "k0000", 0);
	table_key(t, KEYMAP_KEY(KEY_UP), ACTION_UP);	/* before the start: stays */
	assert_selected(t, "k0000", 0);
	table_key(t, KEYMAP_KEY(KEY_END), ACTION_END);
	table_key(t, KEYMAP_KEY(KEY_HOME), ACTION_HOME);
	assert_selected(t, "k0000", 0);
	table_free(t);
}

static void
test_sort(void **state)
{
	struct table	*t = new_table();

	(void)state;
	/* s: next sortable column (Number, ascending): value 0 for k0000, k0100, ... */
	table_key(t, 's', ACTION_SORT);
	assert_int_equal(t->q.sort, 1);
	assert_selected(t, "k0000", 0);
	table_move(t, 1, NULL);
	assert_selected(t, "k0100", 1);
	/* S: reverse: 99 is (i*7)%100 for i = 57, 157, ...; the largest key first */
	table_key(t, 'S', ACTION_SORT_REVERSE);
	assert_true(t->q.desc);
	assert_selected(t, "k0957", 0);
	table_key(t, 's', ACTION_SORT);
	assert_int_equal(t->q.sort, 0);
	assert_false(t->q.desc);
	table_free(t);
}

static void
test_filter_as_you_type(void **state)
{
	struct table	*t = new_table();
	char		 buf[64];

	(void)state;
	table_key(t, '/', ACTION_SEARCH);
	assert_true(t->filtering);
	/* while filtering, letters are text even when they are bound (j = down) */
	assert_int_equal(table_key(t, '0', ACTION_NONE), TUI_HANDLED | TUI_REDRAW);
	assert_int_equal(table_key(t, '9', ACTION_NONE), TUI_HANDLED | TUI_REDRAW);
	assert_int_equal(table_key(t, '9', ACTION_NONE), TUI_HANDLED | TUI_REDRAW);
	assert_string_equal(t->q.filter, "099");
	assert_int_equal(t->total, 11);		/* row 0099, row 0990 .. row 0999 */
	assert_selected(t, "k0099", 0);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 11  /099_");
	table_key(t, KEYMAP_KEY(KEY_BACKSPACE), ACTION_NONE);
	assert_string_equal(t->q.filter, "09");
	assert_int_equal(t->total, 119);	/* "09" anywhere in the four digits */
	table_key(t, '\r', ACTION_ENTER);
	assert_false(t->filtering);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 119  /09");
	/* Esc during a new filter restores the one before */
	table_key(t, '/', ACTION_SEARCH);
	table_key(t, '5', ACTION_NONE);
	assert_int_equal(t->total, 11);
	table_key(t, KEYMAP_ESC, ACTION_BACK);
	assert_string_equal(t->q.filter, "09");
	assert_int_equal(t->total, 119);
	table_free(t);
}

/* Counts stop at the cap: a small one while typing, a larger one once the filter is set. */
static void
test_count_cap(void **state)
{
	struct table	*t = new_table();
	char		 buf[64];

	(void)state;
	t->cap_typing = 10;
	t->cap_set = 100;
	table_key(t, '/', ACTION_SEARCH);
	table_key(t, '9', ACTION_NONE);		/* 271 rows have a 9 */
	assert_int_equal(t->q.cap, 10);
	assert_int_equal(t->total, 11);
	assert_selected(t, "k0009", 0);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 10+  /9_");
	table_key(t, '9', ACTION_NONE);		/* 19 rows have 99: still past 10 */
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 10+  /99_");
	table_key(t, '9', ACTION_NONE);		/* only 0999: under the cap, exact */
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 1  /999_");
	table_key(t, KEYMAP_KEY(KEY_BACKSPACE), ACTION_NONE);
	table_key(t, '\r', ACTION_ENTER);	/* the filter is set: counted to 100 */
	assert_int_equal(t->q.cap, 100);
	assert_int_equal(t->total, 19);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 19  /99");
	table_set_filter(t, "9", NULL);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "1 / 100+  /9");
	/* the end of a capped list: its position is not claimed from the count */
	assert_int_equal(table_end(t, NULL), 0);
	assert_int_equal(t->pos, -1);
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "? / 100+  /9");
	table_free(t);
}

static void
test_reload_keeps_row(void **state)
{
	struct table	*t = new_table();

	(void)state;
	table_move(t, 500, NULL);
	assert_selected(t, "k0500", 500);
	mem.alive[3] = 0;		/* someone deleted an earlier row */
	assert_int_equal(table_reload(t, NULL), 0);
	assert_selected(t, "k0500", 499);
	assert_int_equal(t->total, 999);
	mem.alive[500] = 0;		/* and the selected one: the next row takes its place */
	assert_int_equal(table_reload(t, NULL), 0);
	assert_selected(t, "k0501", 499);
	table_free(t);
}

static void
test_source_error_keeps_rows(void **state)
{
	struct table	*t = new_table();
	char		*cause = NULL;

	(void)state;
	table_move(t, 35, NULL);
	assert_selected(t, "k0035", 35);
	mem.fail = 1;
	assert_int_equal(table_move(t, 10, &cause), -1);
	assert_string_equal(cause, "connection lost");
	assert_string_equal(t->error, "connection lost");
	free(cause);
	assert_selected(t, "k0035", 35);
	assert_int_equal(table_move(t, 10, NULL), 0);	/* works again */
	assert_selected(t, "k0045", 45);
	assert_null(t->error);
	table_free(t);
}

static void
test_empty(void **state)
{
	struct table	*t;
	char		 buf[64];
	int		 i;

	(void)state;
	for (i = 0; i < NROWS; i++)
		mem.alive[i] = 0;
	t = new_table();
	assert_null(table_selected(t));
	assert_int_equal(table_move(t, 1, NULL), 0);
	table_key(t, KEYMAP_KEY(KEY_END), ACTION_END);
	assert_null(table_selected(t));
	table_status(t, buf, sizeof buf);
	assert_string_equal(buf, "0 / 0");
	assert_int_equal(table_reload(t, NULL), 0);
	table_free(t);
}

static void
test_format_count(void **state)
{
	char	 buf[32];

	(void)state;
	table_format_count(0, buf, sizeof buf);
	assert_string_equal(buf, "0");
	table_format_count(999, buf, sizeof buf);
	assert_string_equal(buf, "999");
	table_format_count(4567, buf, sizeof buf);
	assert_string_equal(buf, "4,567");
	table_format_count(1234567, buf, sizeof buf);
	assert_string_equal(buf, "1,234,567");
	table_format_count(-1, buf, sizeof buf);
	assert_string_equal(buf, "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_first_page, setup),
		cmocka_unit_test_setup(test_move_down_and_up, setup),
		cmocka_unit_test_setup(test_pages_end_home, setup),
		cmocka_unit_test_setup(test_sort, setup),
		cmocka_unit_test_setup(test_filter_as_you_type, setup),
		cmocka_unit_test_setup(test_count_cap, setup),
		cmocka_unit_test_setup(test_reload_keeps_row, setup),
		cmocka_unit_test_setup(test_source_error_keeps_rows, setup),
		cmocka_unit_test_setup(test_empty, setup),
		cmocka_unit_test(test_format_count),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
