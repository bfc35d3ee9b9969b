/*
 * fy — Japanese fiscal years (April to March) and dates written the Gregorian way
 * ("2026-04-01") or in the Japanese era calendar (和暦: "令和8年4月1日", "R8.4.1").
 * Pure functions: no locale, no clock, no curses, no libpq.
 * Eras known: 大正 (T), 昭和 (S), 平成 (H), 令和 (R). 平成 ended 2019-04-30 and 令和
 * began 2019-05-01; 昭和 ended 1989-01-07 and 平成 began 1989-01-08; 1926-12-25 was both
 * 大正15年 and 昭和元年.
 */
#ifndef RASHIN_FY_H
#define RASHIN_FY_H

#include <stddef.h>

#define FY_BUFSIZE	32	/* enough for any string fy_format or fy_date_format writes */
#define FY_YEAR_MIN	1
#define FY_YEAR_MAX	9999

/*
 * The plan's years, named here once: the Digital Strategy Plan runs FY2026 (令和8年度)
 * to FY2031 (令和13年度); FY2032 is the year after it, when its last yearly review is
 * written, and the last year the schema and every input accept.
 */
#define PLAN_FY_FIRST	2026
#define PLAN_FY_LAST	2031
#define PLAN_FY_MAX	2032

struct fy_date {
	int	year;	/* Gregorian, FY_YEAR_MIN..FY_YEAR_MAX */
	int	month;	/* 1-12 */
	int	day;	/* 1-31 */
};

enum fy_date_style {
	FY_DATE_ISO,		/* 2026-04-01 */
	FY_DATE_JA,		/* 令和8年4月1日, 令和元年5月1日 */
	FY_DATE_JA_SHORT,	/* R8.4.1 */
};

/* Days in the month, or 0 if year or month is out of range. */
int	 fy_days_in_month(int year, int month);
/* Does the date exist (proleptic Gregorian, years FY_YEAR_MIN..FY_YEAR_MAX)? */
int	 fy_date_valid(int year, int month, int day);
/* The fiscal year a date falls in: 2026-04-01..2027-03-31 is FY2026. */
int	 fy_of_date(int year, int month, int day);
/* First (April 1) and last (March 31) day of a fiscal year; either may be NULL. */
void	 fy_bounds(int fy, struct fy_date *first, struct fy_date *last);

/*
 * Parse "2026-04-01" (also "2026/4/1", "20260401", "2026年4月1日") or 和暦 ("R8.4.1",
 * "R08.04.01", "r8/4/1", "令和8年4月1日", "令和元年5月1日", "H31.4.30", "S64.1.7").
 * Full-width digits and letters are accepted. 0 or -1 with *cause naming the input and
 * saying what is wrong ("\"2026-02-30\": no such day (2026-02 has 28 days)").
 */
int	 fy_date_parse(const char *s, struct fy_date *out, char **cause);
/*
 * Write d in style into buf (len bytes; FY_BUFSIZE is enough) and return buf. Dates
 * before 大正 (1912-07-30) or invalid dates are written FY_DATE_ISO style.
 */
char	*fy_date_format(const struct fy_date *d, enum fy_date_style style, char *buf,
	     size_t len);

/*
 * Parse a fiscal year: "2026", "FY2026", "fy2026", "2026年度", "令和8年度", "R8",
 * "令和元年度", "H30". 0 or -1 with *cause; the year must also be within min..max.
 */
int	 fy_parse(const char *s, int min, int max, int *fy, char **cause);
/* "令和8年度" (lang "ja"; 令和元年度 for FY2019) or "FY2026" (anything else); returns buf. */
char	*fy_format(int fy, const char *lang, char *buf, size_t len);

#endif
