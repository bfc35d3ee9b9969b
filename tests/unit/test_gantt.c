/*
 * test_gantt — the text Gantt without a database: bar positions by fiscal year and by
 * month (hand-computed columns), phase names inside bars, milestone marks that the name
 * keeps clear of, today's line, widths by display columns, and hostile names sanitised.
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

#include "backend/cmd/gantt.h"
#include "backend/store/store_plan.h"
#include "backend/lib/text.h"

static struct plan_measure measures[2] = {
	{ .id = 1, .part_id = 1, .seq = 1, .code = (char *)"1-1", .name = (char *)"窓口" },
	{ .id = 2, .part_id = 1, .seq = 2, .code = (char *)"1-2",
	  .name = (char *)"危険\x1b[2J名\xe2\x80\xae" },
};
static struct plan_phase phases[3] = {
	{ .id = 1, .measure_id = 1, .phase = (char *)"調査・検討・実施", .fy_from = 2026, .fy_to = 2031 },
	{ .id = 2, .measure_id = 2, .phase = (char *)"調査・検討", .fy_from = 2026, .fy_to = 2026,
	  .month_from = 10 },
	{ .id = 3, .measure_id = 2, .phase = (char *)"実施", .fy_from = 2027, .fy_to = 2028 },
};
static struct plan_milestone milestones[2] = {
	{ .measure_id = 1, .title = (char *)"a", .year = 2026, .month = 9, .day = 30, .done = 1 },
	{ .measure_id = 1, .title = (char *)"b", .year = 2027, .month = 3, .day = 31 },
};
static const struct plan_catalogue cat = {
	.nmeasures = 2, .nphases = 3, .nmilestones = 2,
	.measures = measures, .phases = phases, .milestones = milestones,
};

static struct gantt_opts
opts(int months_fy)
{
	struct gantt_opts o;

	memset(&o, 0, sizeof o);
	o.width = 80;
	o.fy_first = 2026;
	o.fy_last = 2031;
	o.months_fy = months_fy;
	o.lang = "en";
	return o;
}

static char *
rep(const char *s, int n)
{
	size_t l = strlen(s);
	char *out = calloc((size_t)n * l + 1, 1);
	int i;

	for (i = 0; i < n; i++)
		memcpy(out + (size_t)i * l, s, l);
	return out;
}

static void
test_years(void **state)
{
	struct gantt_opts o = opts(0);
	char **lines, *a, *b, want[512];
	int n, i;

	(void)state;
	n = gantt_text(&cat, &o, &lines);
	assert_int_equal(n, 5);	/* title, header, rule, 2 rows */
	assert_string_equal(lines[0], " Schedule  FY2026-FY2031");
	/* label 80 - 6 * (8 + 1) = 26 columns; each year 8 columns after its │ */
	assert_string_equal(lines[1], "Measure                   │ FY2026 │ FY2027 │ FY2028 │"
	    " FY2029 │ FY2030 │ FY2031");
	/* bar over x 27..79 (53 columns), name span 18 centred at 27 + 17 = 44; milestones
	 * at 27 + 5*8/12 = 30 (done, ◇) and 27 + 11*8/12 = 34 (◆) */
	a = rep("▓", 3);
	b = rep("▓", 9);
	snprintf(want, sizeof want, "1-1 窓口                  │%s◇▓▓▓◆%s 調査・検討・実施 %s", a, b,
	    "▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓");
	assert_string_equal(lines[3], want);
	free(a);
	free(b);
	/* ESC shown as ␛, the bidi override as U+FFFD: 15 columns, padded to 26.
	 * 調査・検討 from October: 27 + 6*8/12 = 31 to 35 (4 columns, narrower than the name:
	 * shortened "…" between fills); 実施 over FY2027-2028: 36..52 (17), name at 36 + 5 */
	assert_string_equal(lines[4], "1-2 危険␛[2J名�           │    ▒…▒▒│█████ 実施 ██████│        │        │");
	for (i = 0; i < n; i++) {
		assert_true(text_width(lines[i]) <= 80);
		assert_null(strchr(lines[i], '\x1b'));
	}
	gantt_free(lines, n);
}

static void
test_months_milestone_clear(void **state)
{
	struct gantt_opts o = opts(2026);
	char **lines, *a, want[512];
	int n;

	(void)state;
	o.today.year = 2026;
	o.today.month = 11;
	o.today.day = 25;
	n = gantt_text(&cat, &o, &lines);
	assert_int_equal(n, 6);	/* + today's line */
	assert_string_equal(lines[0], " Schedule  FY2026 by month");
	/* label 80 - 12 * 4 = 32; the bar 33..79; centred the name (18) would start at
	 * 33 + 14 = 47 and cover the ◇ at 32 + 5*4 + 1 = 53, so it moves to 54; ◆ at 77 */
	a = rep("▓", 20);
	snprintf(want, sizeof want, "1-1 窓口                        │%s◇ 調査・検討・実施 ▓▓▓▓▓◆▓▓", a);
	assert_string_equal(lines[3], want);
	free(a);
	/* today: November (32 + 7*4 + 1 = 61) + 24*3/31 = 63, drawn in empty cells */
	assert_string_equal(lines[4], "1-2 危険␛[2J名�                 │   │   │   │   │   │   │"
	    "▒▒▒▒▒ 調査・検討 ▒▒▒▒▒▒");
	a = rep(" ", 46);	/* "today 2026-11-25 ▲" (18) ends at 63: starts at 46 */
	snprintf(want, sizeof want, "%stoday 2026-11-25 ▲", a);
	assert_string_equal(lines[5], want);
	free(a);
	assert_int_equal(text_width(lines[5]), 64);
	gantt_free(lines, n);
}

static void
test_fills(void **state)
{
	(void)state;
	assert_string_equal(gantt_fill(gantt_phase_index(&cat, "実施")), "█");
	assert_string_equal(gantt_fill(gantt_phase_index(&cat, "調査・検討")), "▒");
	assert_string_equal(gantt_fill(gantt_phase_index(&cat, "調査・検討・実施")), "▓");
	assert_string_equal(gantt_fill(gantt_phase_index(&cat, "運用")), "#");	/* first unknown */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_months_milestone_clear),
		cmocka_unit_test(test_fills),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
