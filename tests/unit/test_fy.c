/*
 * test_fy — fiscal years and Gregorian / 和暦 dates (backend/fy.c): era boundaries,
 * formatting both ways, and messages for input that is wrong in every way we could think of.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"

static void
check_date(const char *in, int y, int m, int d)
{
	struct fy_date	 out = { 0, 0, 0 };
	char		*cause = NULL;
	int		 rc = fy_date_parse(in, &out, &cause);

	if (rc != 0)
		fail_msg("%s: %s", in, cause);
	assert_null(cause);
	assert_int_equal(out.year, y);
	assert_int_equal(out.month, m);
	assert_int_equal(out.day, d);
}

static void
check_date_bad(const char *in, const char *want)
{
	struct fy_date	 out = { 1, 2, 3 };
	char		*cause = NULL;

	assert_int_equal(fy_date_parse(in, &out, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	assert_int_equal(out.year, 1);		/* untouched on error */
	free(cause);
}

static void
check_fy(const char *in, int want)
{
	char	*cause = NULL;
	int	 fy = 0;

	if (fy_parse(in, 2000, 2040, &fy, &cause) != 0)
		fail_msg("%s: %s", in, cause);
	assert_int_equal(fy, want);
}

static void
check_fy_bad(const char *in, int min, int max, const char *want)
{
	char	*cause = NULL;
	int	 fy = -7;

	assert_int_equal(fy_parse(in, min, max, &fy, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, want);
	assert_int_equal(fy, -7);
	free(cause);
}

static void
check_format(int y, int m, int d, const char *iso, const char *ja, const char *shortj)
{
	struct fy_date	d8 = { y, m, d };
	char		buf[FY_BUFSIZE];

	assert_string_equal(fy_date_format(&d8, FY_DATE_ISO, buf, sizeof buf), iso);
	assert_string_equal(fy_date_format(&d8, FY_DATE_JA, buf, sizeof buf), ja);
	assert_string_equal(fy_date_format(&d8, FY_DATE_JA_SHORT, buf, sizeof buf), shortj);
}

static void
test_fy_of_date(void **state)
{
	struct fy_date	first, last;

	(void)state;
	assert_int_equal(fy_of_date(2026, 4, 1), 2026);
	assert_int_equal(fy_of_date(2026, 3, 31), 2025);
	assert_int_equal(fy_of_date(2027, 3, 31), 2026);
	assert_int_equal(fy_of_date(2027, 4, 1), 2027);
	assert_int_equal(fy_of_date(2026, 12, 31), 2026);
	assert_int_equal(fy_of_date(2027, 1, 1), 2026);
	fy_bounds(2026, &first, &last);
	assert_int_equal(first.year, 2026);
	assert_int_equal(first.month, 4);
	assert_int_equal(first.day, 1);
	assert_int_equal(last.year, 2027);
	assert_int_equal(last.month, 3);
	assert_int_equal(last.day, 31);
	fy_bounds(2026, NULL, NULL);
}

static void
test_days(void **state)
{
	(void)state;
	assert_int_equal(fy_days_in_month(2026, 2), 28);
	assert_int_equal(fy_days_in_month(2028, 2), 29);
	assert_int_equal(fy_days_in_month(2100, 2), 28);
	assert_int_equal(fy_days_in_month(2000, 2), 29);
	assert_int_equal(fy_days_in_month(2026, 4), 30);
	assert_int_equal(fy_days_in_month(2026, 12), 31);
	assert_int_equal(fy_days_in_month(2026, 13), 0);
	assert_int_equal(fy_days_in_month(2026, 0), 0);
	assert_int_equal(fy_days_in_month(0, 1), 0);
	assert_int_equal(fy_days_in_month(10000, 1), 0);
	assert_true(fy_date_valid(2024, 2, 29));
	assert_false(fy_date_valid(2026, 2, 29));
	assert_false(fy_date_valid(2026, 4, 31));
	assert_false(fy_date_valid(2026, 4, 0));
}

static void
test_fy_format(void **state)
{
	char	buf[FY_BUFSIZE], tiny[4];

	(void)state;
	assert_string_equal(fy_format(2026, "ja", buf, sizeof buf), "令和8年度");
	assert_string_equal(fy_format(2019, "ja", buf, sizeof buf), "令和元年度");
	assert_string_equal(fy_format(2020, "ja", buf, sizeof buf), "令和2年度");
	assert_string_equal(fy_format(2018, "ja", buf, sizeof buf), "平成30年度");
	assert_string_equal(fy_format(1989, "ja", buf, sizeof buf), "平成元年度");
	assert_string_equal(fy_format(1988, "ja", buf, sizeof buf), "昭和63年度");
	assert_string_equal(fy_format(2032, "ja", buf, sizeof buf), "令和14年度");
	assert_string_equal(fy_format(1900, "ja", buf, sizeof buf), "1900年度");
	assert_string_equal(fy_format(2026, "en", buf, sizeof buf), "FY2026");
	assert_string_equal(fy_format(2026, NULL, buf, sizeof buf), "FY2026");
	assert_string_equal(fy_format(2026, "fr", buf, sizeof buf), "FY2026");
	assert_string_equal(fy_format(2026, "en", tiny, sizeof tiny), "FY2");
	assert_null(fy_format(2026, "ja", NULL, 10));
}

static void
test_date_parse(void **state)
{
	(void)state;
	check_date("2026-04-01", 2026, 4, 1);
	check_date("2026/4/1", 2026, 4, 1);
	check_date("20260401", 2026, 4, 1);
	check_date("2026年4月1日", 2026, 4, 1);
	check_date("  2026-04-01\t", 2026, 4, 1);
	check_date("2024-02-29", 2024, 2, 29);
	check_date("R8.4.1", 2026, 4, 1);
	check_date("R08.04.01", 2026, 4, 1);
	check_date("r8.4.1", 2026, 4, 1);
	check_date("R8/4/1", 2026, 4, 1);
	check_date("令和8年4月1日", 2026, 4, 1);
	check_date("令和8年4月1", 2026, 4, 1);
	check_date("令和 8年 4月 1日", 2026, 4, 1);
	check_date("令和元年5月1日", 2019, 5, 1);
	check_date("R1.5.1", 2019, 5, 1);
	check_date("Ｒ８．４．１", 2026, 4, 1);			/* full-width */
	check_date("令和８年４月１日", 2026, 4, 1);
	check_date("２０２６－０４－０１", 2026, 4, 1);
	/* era boundaries */
	check_date("H31.4.30", 2019, 4, 30);
	check_date("平成31年4月30日", 2019, 4, 30);
	check_date("H1.1.8", 1989, 1, 8);
	check_date("平成元年1月8日", 1989, 1, 8);
	check_date("S64.1.7", 1989, 1, 7);
	check_date("昭和64年1月7日", 1989, 1, 7);
	check_date("S1.12.25", 1926, 12, 25);
	check_date("T15.12.25", 1926, 12, 25);
	check_date("T1.7.30", 1912, 7, 30);
	check_date("S50.10.10", 1975, 10, 10);
}

static void
test_date_parse_bad(void **state)
{
	(void)state;
	check_date_bad("2026-02-30", "\"2026-02-30\": no such day (2026-02 has 28 days)");
	check_date_bad("2026-04-31", "\"2026-04-31\": no such day (2026-04 has 30 days)");
	check_date_bad("2026-04-00", "\"2026-04-00\": no such day (2026-04 has 30 days)");
	check_date_bad("2026-13-01", "\"2026-13-01\": no such month");
	check_date_bad("2026-00-01", "\"2026-00-01\": no such month");
	check_date_bad("20260230", "\"20260230\": no such day (2026-02 has 28 days)");
	check_date_bad("R1.4.30", "\"R1.4.30\": 令和 began on 2019-05-01");
	check_date_bad("R1.4.1", "\"R1.4.1\": 令和 began on 2019-05-01");
	check_date_bad("令和元年4月30日", "\"令和元年4月30日\": 令和 began on 2019-05-01");
	check_date_bad("H31.5.1", "\"H31.5.1\": 平成 ended on 2019-04-30");
	check_date_bad("H32.1.1", "\"H32.1.1\": 平成 ended on 2019-04-30");
	check_date_bad("S64.1.8", "\"S64.1.8\": 昭和 ended on 1989-01-07");
	check_date_bad("H1.1.7", "\"H1.1.7\": 平成 began on 1989-01-08");
	check_date_bad("R0.5.1", "\"R0.5.1\": there is no 令和0年 (the first year is 令和元年)");
	check_date_bad("R8.2.29", "\"R8.2.29\": no such day (2026-02 has 28 days)");
	check_date_bad("R99999999.1.1", "\"R99999999.1.1\": year out of range");
	check_date_bad("0000-01-01", "\"0000-01-01\": year out of range");
	check_date_bad(NULL, "no date given");
	check_date_bad("", "no date given");
	check_date_bad(" \t　", "no date given");
	check_date_bad("\xff\xfe", "date is not valid UTF-8");
	check_date_bad("2026-04-0\xc0\xaf", "date is not valid UTF-8");
	check_date_bad("2026-04-01-2026-04-01-2026-04-01-2026-04-01-2026-04-01-2026-04-01",
	    "date is too long (65 bytes)");
#define NOT_A_DATE "\": not a date (try 2026-04-01, R8.4.1 or 令和8年4月1日)"
	check_date_bad("tomorrow", "\"tomorrow" NOT_A_DATE);
	check_date_bad("X8.4.1", "\"X8.4.1" NOT_A_DATE);
	check_date_bad("R8.4", "\"R8.4" NOT_A_DATE);
	check_date_bad("R8.4.", "\"R8.4." NOT_A_DATE);
	check_date_bad("R8.4/1", "\"R8.4/1" NOT_A_DATE);
	check_date_bad("R.", "\"R." NOT_A_DATE);
	check_date_bad("26-04-01", "\"26-04-01" NOT_A_DATE);
	check_date_bad("2026-004-01", "\"2026-004-01" NOT_A_DATE);
	check_date_bad("2026-04-01x", "\"2026-04-01x" NOT_A_DATE);
	check_date_bad("20 26-04-01", "\"20 26-04-01" NOT_A_DATE);
	check_date_bad("2026年4-1", "\"2026年4-1" NOT_A_DATE);
	check_date_bad("元年4月1日", "\"元年4月1日" NOT_A_DATE);
	check_date_bad("令8年4月1日", "\"令8年4月1日" NOT_A_DATE);
	check_date_bad("99999999999999999999-1-1", "\"99999999999999999999-1-1" NOT_A_DATE);
	check_date_bad("-1-1-1", "\"-1-1-1" NOT_A_DATE);
	check_date_bad("a\x1b[2Jb", "\"a?[2Jb" NOT_A_DATE);	/* controls not echoed */
	/* no cause pointer: still an error, nothing to free */
	assert_int_equal(fy_date_parse("2026-02-30", NULL, NULL), -1);
	assert_int_equal(fy_date_parse("2026-02-28", NULL, NULL), 0);
}

static void
test_date_format(void **state)
{
	char	buf[FY_BUFSIZE], small[8];
	struct fy_date bad = { 2026, 2, 30 };

	(void)state;
	check_format(2026, 4, 1, "2026-04-01", "令和8年4月1日", "R8.4.1");
	check_format(2019, 5, 1, "2019-05-01", "令和元年5月1日", "R1.5.1");
	check_format(2019, 4, 30, "2019-04-30", "平成31年4月30日", "H31.4.30");
	check_format(1989, 1, 8, "1989-01-08", "平成元年1月8日", "H1.1.8");
	check_format(1989, 1, 7, "1989-01-07", "昭和64年1月7日", "S64.1.7");
	check_format(1926, 12, 25, "1926-12-25", "昭和元年12月25日", "S1.12.25");
	check_format(1926, 12, 24, "1926-12-24", "大正15年12月24日", "T15.12.24");
	check_format(1912, 7, 30, "1912-07-30", "大正元年7月30日", "T1.7.30");
	check_format(1912, 7, 29, "1912-07-29", "1912-07-29", "1912-07-29");
	check_format(2032, 3, 31, "2032-03-31", "令和14年3月31日", "R14.3.31");
	assert_string_equal(fy_date_format(&bad, FY_DATE_JA, buf, sizeof buf), "2026-02-30");
	assert_string_equal(fy_date_format(NULL, FY_DATE_JA, buf, sizeof buf), "");
	assert_string_equal(fy_date_format(&bad, FY_DATE_ISO, small, sizeof small), "2026-02");
}

/* Every day from 1912-07-30 to 2040-12-31 formats and parses back to itself, both ways. */
static void
test_date_round_trip(void **state)
{
	struct fy_date	d = { 1912, 7, 30 }, back;
	enum fy_date_style styles[] = { FY_DATE_ISO, FY_DATE_JA, FY_DATE_JA_SHORT };
	char		buf[FY_BUFSIZE];
	size_t		i;
	int		days = 0;

	(void)state;
	while (d.year <= 2040) {
		for (i = 0; i < 3; i++) {
			fy_date_format(&d, styles[i], buf, sizeof buf);
			if (fy_date_parse(buf, &back, NULL) != 0)
				fail_msg("%s does not parse", buf);
			assert_int_equal(back.year, d.year);
			assert_int_equal(back.month, d.month);
			assert_int_equal(back.day, d.day);
		}
		days++;
		if (++d.day > fy_days_in_month(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
	}
	/* 1912-07-30..1912-12-31 is 155 days, 1913..2040 is 128 years with 32 leap days */
	assert_int_equal(days, 155 + 128 * 365 + 32);
}

static void
test_fy_parse(void **state)
{
	(void)state;
	check_fy("2026", 2026);
	check_fy("FY2026", 2026);
	check_fy("fy2026", 2026);
	check_fy("Fy 2026", 2026);
	check_fy("2026年度", 2026);
	check_fy("令和8年度", 2026);
	check_fy("R8", 2026);
	check_fy("r8", 2026);
	check_fy("R08", 2026);
	check_fy("R8年度", 2026);
	check_fy("令和元年度", 2019);
	check_fy("R1", 2019);
	check_fy("H31", 2019);
	check_fy("平成30年度", 2018);
	check_fy("ＦＹ２０２６", 2026);
	check_fy(" 2032 ", 2032);
}

static void
test_fy_parse_bad(void **state)
{
	(void)state;
	check_fy_bad("2033", 2026, 2032,
	    "\"2033\": the fiscal year must be from FY2026 to FY2032");
	check_fy_bad("R15", 2026, 2032,
	    "\"R15\": the fiscal year must be from FY2026 to FY2032");
	check_fy_bad("令和7年度", 2026, 2032,
	    "\"令和7年度\": the fiscal year must be from FY2026 to FY2032");
	check_fy_bad("FY2025", 2026, 2032,
	    "\"FY2025\": the fiscal year must be from FY2026 to FY2032");
	check_fy_bad("H32", 2000, 2040, "\"H32\": 平成 ended in 2019 (平成31年)");
	check_fy_bad("R0", 2000, 2040,
	    "\"R0\": there is no 令和0年度 (the first year is 令和元年度)");
	check_fy_bad(NULL, 2026, 2032, "no fiscal year given");
	check_fy_bad("", 2026, 2032, "no fiscal year given");
	check_fy_bad("\x80", 2026, 2032, "fiscal year is not valid UTF-8");
#define NOT_A_FY "\": not a fiscal year (try 2026, FY2026, R8 or 令和8年度)"
	check_fy_bad("26", 2026, 2032, "\"26" NOT_A_FY);
	check_fy_bad("20266", 2026, 2032, "\"20266" NOT_A_FY);
	check_fy_bad("FY", 2026, 2032, "\"FY" NOT_A_FY);
	check_fy_bad("FY2026年度", 2026, 2032, "\"FY2026年度" NOT_A_FY);
	check_fy_bad("R", 2026, 2032, "\"R" NOT_A_FY);
	check_fy_bad("R8年", 2026, 2032, "\"R8年" NOT_A_FY);
	check_fy_bad("2026-04-01", 2026, 2032, "\"2026-04-01" NOT_A_FY);
	check_fy_bad("Q2026", 2026, 2032, "\"Q2026" NOT_A_FY);
	check_fy_bad("R99999999999999999999", 2026, 2032,
	    "\"R99999999999999999999\": 令和 ended in 9999 (令和7981年)");
	assert_int_equal(fy_parse("2026", 2026, 2032, NULL, NULL), 0);
}

/* Random pieces of dates: never a crash, and a cause exactly when it fails. */
static void
test_random_input(void **state)
{
	static const char *pick[] = {
		"R", "H", "S", "T", "r", "F", "Y", "令和", "平成", "令", "年", "月", "日", "度",
		"元", "0", "1", "2", "9", "12", "31", "2026", "99999", ".", "-", "/", " ", "\t",
		"\xff", "\xe3\x81", "\x80", "８", "Ｒ", "\x1b", "x",
	};
	char		 in[80], *cause;
	struct fy_date	 d;
	unsigned int	 seed = 42;
	int		 iter, k, rc, fy;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		in[0] = '\0';
		for (k = 0; k < 8; k++) {
			seed = seed * 1103515245U + 12345U;
			if (strlen(in) + strlen(pick[(seed >> 16) % (sizeof pick / sizeof pick[0])]) >= sizeof in)
				break;
			strcat(in, pick[(seed >> 16) % (sizeof pick / sizeof pick[0])]);
			if ((seed >> 8) % 5 == 0)
				break;
		}
		cause = NULL;
		rc = fy_date_parse(in, &d, &cause);
		assert_true(rc == 0 || rc == -1);
		assert_true((rc == -1) == (cause != NULL));
		if (rc == 0)
			assert_true(fy_date_valid(d.year, d.month, d.day));
		free(cause);
		cause = NULL;
		rc = fy_parse(in, 2026, 2032, &fy, &cause);
		assert_true((rc == -1) == (cause != NULL));
		if (rc == 0)
			assert_true(fy >= 2026 && fy <= 2032);
		free(cause);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fy_of_date),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_fy_format),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_parse_bad),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_round_trip),
		cmocka_unit_test(test_fy_parse),
		cmocka_unit_test(test_fy_parse_bad),
		cmocka_unit_test(test_random_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
