/*
 * test_mig_rate — the national dashboard's arithmetic on hand-made boards: completion =
 * (完了済み + 対象外) / steps, 作業率, 未着手率, rounding to tenths, overdue with a pinned
 * "today", status parsing and symbols.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/mig_rate.h"

static const struct fy_date d_0630 = { 2026, 6, 30 };
static const struct fy_date d_0701 = { 2026, 7, 1 };
static const struct fy_date d_1231 = { 2026, 12, 31 };
static const struct fy_date d_2701 = { 2027, 1, 1 };

static char *
rate(int pm)
{
	static char buf[16];

	return mig_rate_format(pm, buf, sizeof buf);
}

static void
test_rates(void **state)
{
	struct mig_count c;
	int i;

	(void)state;
	memset(&c, 0, sizeof c);
	assert_string_equal(rate(mig_rate_completion(&c)), "0.0");	/* no steps: 0, not NaN */
	/* 40 steps: 27 done, 2 n/a, 3 doing, 8 todo -> 29/40 = 72.5%, 7.5%, 20.0% */
	for (i = 0; i < 27; i++)
		mig_count_add(&c, MIG_DONE, 0);
	mig_count_add(&c, MIG_NA, 0);
	mig_count_add(&c, MIG_NA, 0);
	for (i = 0; i < 3; i++)
		mig_count_add(&c, MIG_DOING, i == 0);
	for (i = 0; i < 8; i++)
		mig_count_add(&c, MIG_TODO, 0);
	assert_int_equal(c.steps, 40);
	assert_int_equal(c.overdue, 1);
	assert_int_equal(mig_rate_completion(&c), 725);
	assert_string_equal(rate(mig_rate_completion(&c)), "72.5");
	assert_string_equal(rate(mig_rate_working(&c)), "7.5");
	assert_string_equal(rate(mig_rate_untouched(&c)), "20.0");
	/* thirds: 1/3 -> 33.3, 2/3 -> 66.7 (half up) */
	memset(&c, 0, sizeof c);
	mig_count_add(&c, MIG_NA, 0);
	mig_count_add(&c, MIG_DOING, 0);
	mig_count_add(&c, MIG_DOING, 0);
	assert_string_equal(rate(mig_rate_completion(&c)), "33.3");
	assert_string_equal(rate(mig_rate_working(&c)), "66.7");
	assert_string_equal(rate(mig_rate_untouched(&c)), "0.0");
	/* 1/16 = 6.25 -> 6.3; 1/80 = 1.25 -> 1.3; 79/80 = 98.75 -> 98.8 */
	memset(&c, 0, sizeof c);
	mig_count_add(&c, MIG_DONE, 0);
	for (i = 0; i < 15; i++)
		mig_count_add(&c, MIG_TODO, 0);
	assert_string_equal(rate(mig_rate_completion(&c)), "6.3");
	assert_string_equal(rate(mig_rate_untouched(&c)), "93.8");
	memset(&c, 0, sizeof c);
	for (i = 0; i < 79; i++)
		mig_count_add(&c, MIG_DONE, 0);
	mig_count_add(&c, MIG_DOING, 0);
	assert_string_equal(rate(mig_rate_completion(&c)), "98.8");
	assert_string_equal(rate(mig_rate_working(&c)), "1.3");
	/* all done or n/a: exactly 100.0 */
	memset(&c, 0, sizeof c);
	mig_count_add(&c, MIG_DONE, 0);
	mig_count_add(&c, MIG_NA, 0);
	assert_string_equal(rate(mig_rate_completion(&c)), "100.0");
	mig_count_add(&c, MIG_NST, 0);	/* out of range: ignored */
	assert_int_equal(c.steps, 2);
}

static void
test_overdue(void **state)
{
	(void)state;
	assert_false(mig_overdue(MIG_DOING, &d_0630, &d_0630));	/* due today: not yet */
	assert_true(mig_overdue(MIG_DOING, &d_0630, &d_0701));
	assert_true(mig_overdue(MIG_TODO, &d_1231, &d_2701));	/* across the year end */
	assert_false(mig_overdue(MIG_TODO, &d_2701, &d_1231));
	assert_false(mig_overdue(MIG_DONE, &d_0630, &d_2701));	/* done is never overdue */
	assert_false(mig_overdue(MIG_NA, &d_0630, &d_2701));	/* nor n/a */
	assert_false(mig_overdue(MIG_TODO, NULL, &d_2701));	/* no planned end */
	assert_int_equal(mig_date_cmp(&d_0630, &d_0701), -1);
	assert_int_equal(mig_date_cmp(&d_2701, &d_1231), 1);
	assert_int_equal(mig_date_cmp(&d_1231, &d_1231), 0);
}

static void
set_cell(struct mig_board *b, int s, int t, enum mig_st st, const struct fy_date *end)
{
	struct mig_cell *c = mig_board_cell(b, s, t);

	c->st = st;
	c->has_end = end != NULL;
	if (end != NULL)
		c->planned_end = *end;
}

static void
test_board(void **state)
{
	struct mig_board b;

	(void)state;
	/* 3 systems x 4 steps:
	 *   A: done na doing(end 06-30) todo(end 12-31)  -> 2/4 = 50.0, overdue 1 on 07-01, 2 on 01-01
	 *   B: done done done(end 01-01 past) todo       -> 3/4 = 75.0, overdue 0 (done never)
	 *   C: untouched (cells default to todo)         -> 0.0, untouched 100.0
	 * total 5/12 = 41.7, working 1/12 = 8.3, untouched 6/12 = 50.0 */
	mig_board_init(&b, 3, 4);
	assert_int_equal(mig_board_cell(&b, 2, 3)->st, MIG_TODO);
	set_cell(&b, 0, 0, MIG_DONE, NULL);
	set_cell(&b, 0, 1, MIG_NA, NULL);
	set_cell(&b, 0, 2, MIG_DOING, &d_0630);
	set_cell(&b, 0, 3, MIG_TODO, &d_1231);
	set_cell(&b, 1, 0, MIG_DONE, NULL);
	set_cell(&b, 1, 1, MIG_DONE, NULL);
	set_cell(&b, 1, 2, MIG_DONE, &d_0630);
	mig_board_count(&b, &d_0701);
	assert_string_equal(rate(mig_rate_completion(&b.sys[0].count)), "50.0");
	assert_int_equal(b.sys[0].count.overdue, 1);
	assert_true(mig_board_cell(&b, 0, 2)->overdue);
	assert_false(mig_board_cell(&b, 0, 3)->overdue);
	assert_string_equal(rate(mig_rate_completion(&b.sys[1].count)), "75.0");
	assert_int_equal(b.sys[1].count.overdue, 0);
	assert_string_equal(rate(mig_rate_untouched(&b.sys[2].count)), "100.0");
	assert_int_equal(b.total.steps, 12);
	assert_string_equal(rate(mig_rate_completion(&b.total)), "41.7");
	assert_string_equal(rate(mig_rate_working(&b.total)), "8.3");
	assert_string_equal(rate(mig_rate_untouched(&b.total)), "50.0");
	/* recount with another today: flags and totals follow, nothing accumulates */
	mig_board_count(&b, &d_2701);
	assert_int_equal(b.sys[0].count.overdue, 2);
	assert_int_equal(b.total.overdue, 2);
	assert_int_equal(b.total.steps, 12);
	mig_board_free(&b);
	/* an empty board */
	mig_board_init(&b, 0, 0);
	mig_board_count(&b, &d_0701);
	assert_string_equal(rate(mig_rate_completion(&b.total)), "0.0");
	mig_board_free(&b);
}

static void
test_status(void **state)
{
	enum mig_st st = MIG_NST;

	(void)state;
	assert_int_equal(mig_st_parse("完了済み", &st), 0);
	assert_int_equal(st, MIG_DONE);
	assert_int_equal(mig_st_parse(" 作業中 ", &st), 0);
	assert_int_equal(st, MIG_DOING);
	assert_int_equal(mig_st_parse("未着手", &st), 0);
	assert_int_equal(st, MIG_TODO);
	assert_int_equal(mig_st_parse("対象外", &st), 0);
	assert_int_equal(st, MIG_NA);
	assert_int_equal(mig_st_parse("DONE", &st), 0);
	assert_int_equal(st, MIG_DONE);
	assert_int_equal(mig_st_parse("na", &st), 0);
	assert_int_equal(st, MIG_NA);
	assert_int_equal(mig_st_parse("not started", &st), 0);
	assert_int_equal(st, MIG_TODO);
	assert_int_equal(mig_st_parse("完了", &st), -1);
	assert_int_equal(mig_st_parse("", &st), -1);
	assert_int_equal(mig_st_parse("done!", &st), -1);
	assert_int_equal(mig_st_parse("完了済み済み", &st), -1);
	assert_string_equal(mig_st_code(MIG_DOING), "doing");
	assert_string_equal(mig_st_label_ja(MIG_NA), "対象外");
	/* four distinct symbols, readable without colour */
	assert_string_equal(mig_st_symbol(MIG_DONE), "●");
	assert_string_equal(mig_st_symbol(MIG_DOING), "◐");
	assert_string_equal(mig_st_symbol(MIG_TODO), "○");
	assert_string_equal(mig_st_symbol(MIG_NA), "－");
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_board),
		cmocka_unit_test(test_status),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
