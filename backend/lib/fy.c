/*
 * fy — Japanese fiscal years and Gregorian / 和暦 dates.
 *
 * Input is first checked (present, short, valid UTF-8) and turned into a string of
 * one-byte tokens: full-width digits and letters become ASCII, letters are upper-cased,
 * the era names 令和/平成/昭和/大正 become their letters R/H/S/T, and 年 月 日 度 元
 * become '<' '>' '^' '~' '@'. The small grammars below work on those tokens, so
 * "令和元年5月1日" and "R1.5.1" go down the same path.
 */
#include "backend/lib/fy.h"

#include "backend/lib/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backend/lib/utf8.h"
#include "backend/lib/util.h"

#define FY_INPUT_MAX	64	/* bytes of input accepted */
#define FY_NUM_CAP	99999999	/* numbers saturate here (room for YYYYMMDD) */

struct fy_era {
	const char	*name;
	char		 letter;
	struct fy_date	 start;		/* first day */
	struct fy_date	 end;		/* last day */
};

/* Oldest first. 1926-12-25 belongs to both 大正 and 昭和. */
static const struct fy_era fy_eras[] = {
	{ "大正", 'T', { 1912, 7, 30 }, { 1926, 12, 25 } },
	{ "昭和", 'S', { 1926, 12, 25 }, { 1989, 1, 7 } },
	{ "平成", 'H', { 1989, 1, 8 }, { 2019, 4, 30 } },
	{ "令和", 'R', { 2019, 5, 1 }, { FY_YEAR_MAX, 12, 31 } },
};

/* Kanji that mean something to the parsers, and their tokens. */
static const struct {
	uint32_t	cp;
	uint32_t	next;	/* second character of a two-character name, or 0 */
	char		token;
} fy_kanji[] = {
	{ 0x4EE4, 0x548C, 'R' },	/* 令和 */
	{ 0x5E73, 0x6210, 'H' },	/* 平成 */
	{ 0x662D, 0x548C, 'S' },	/* 昭和 */
	{ 0x5927, 0x6B63, 'T' },	/* 大正 */
	{ 0x5E74, 0, '<' },		/* 年 */
	{ 0x6708, 0, '>' },		/* 月 */
	{ 0x65E5, 0, '^' },		/* 日 */
	{ 0x5EA6, 0, '~' },		/* 度 */
	{ 0x5143, 0, '@' },		/* 元 */
};

static int
fy_cmp(const struct fy_date *a, const struct fy_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return 0;
}

static const struct fy_era *
fy_era_by_letter(char c)
{
	size_t	i;

	for (i = 0; i < nitems(fy_eras); i++) {
		if (fy_eras[i].letter == c)
			return &fy_eras[i];
	}
	return NULL;
}

/* The era a date is written in (the newest that had begun), or NULL before 大正. */
static const struct fy_era *
fy_era_of(const struct fy_date *d)
{
	size_t	i = nitems(fy_eras);

	while (i-- > 0) {
		if (fy_cmp(&fy_eras[i].start, d) <= 0)
			return &fy_eras[i];
	}
	return NULL;
}

int
fy_days_in_month(int year, int month)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int			leap;

	if (year < FY_YEAR_MIN || year > FY_YEAR_MAX || month < 1 || month > 12)
		return 0;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

int
fy_date_valid(int year, int month, int day)
{
	return day >= 1 && day <= fy_days_in_month(year, month);
}

int
fy_of_date(int year, int month, int day)
{
	(void)day;
	return month >= 4 ? year : year - 1;
}

void
fy_bounds(int fy, struct fy_date *first, struct fy_date *last)
{
	if (first != NULL) {
		first->year = fy;
		first->month = 4;
		first->day = 1;
	}
	if (last != NULL) {
		last->year = fy + 1;
		last->month = 3;
		last->day = 31;
	}
}

/* s (valid UTF-8, at most FY_INPUT_MAX bytes) for a message, controls shown as '?'. */
static void
fy_quote(const char *s, char *q)
{
	for (; *s != '\0'; s++)
		*q++ = (unsigned char)*s < 0x20 || *s == 0x7F ? '?' : *s;
	*q = '\0';
}

/*
 * Check s and turn it into tokens (see the top of the file); tok has room for
 * FY_INPUT_MAX + 1 bytes and quoted for the same. Spaces are dropped, except that
 * one between two digits makes the input invalid.
 */
static int
fy_tokens(const char *s, const char *what, char *tok, char *quoted, char **cause)
{
	uint32_t	cps[FY_INPUT_MAX + 1], cp;
	size_t		len, i, j, n = 0, o = 0;
	int		valid, space = 0;

	if (s == NULL)
		return set_cause(cause, _("no %s given"), what);
	len = strlen(s);
	if (len > FY_INPUT_MAX)
		return set_cause(cause, _("%s is too long (%zu bytes)"), what, len);
	for (i = 0; i < len; n++) {
		i += utf8_decode((const unsigned char *)s + i, len - i, &cps[n], &valid);
		if (!valid)
			return set_cause(cause, _("%s is not valid UTF-8"), what);
	}
	fy_quote(s, quoted);
	for (i = 0; i < n; i++) {
		cp = cps[i];
		if (cp >= 0xFF01 && cp <= 0xFF5E)	/* full-width ASCII */
			cp -= 0xFEE0;
		if (cp == ' ' || cp == '\t' || cp == 0x3000) {
			space = 1;
			continue;
		}
		if (cp >= 'a' && cp <= 'z')
			cp -= 'a' - 'A';
		if (cp > 0x20 && cp < 0x7F)
			tok[o] = (char)cp;
		else {
			tok[o] = '?';
			for (j = 0; j < nitems(fy_kanji); j++) {
				if (fy_kanji[j].cp != cp)
					continue;
				if (fy_kanji[j].next != 0) {
					if (i + 1 == n || cps[i + 1] != fy_kanji[j].next)
						continue;
					i++;
				}
				tok[o] = fy_kanji[j].token;
				break;
			}
		}
		if (space && o > 0 && tok[o] >= '0' && tok[o] <= '9' &&
		    tok[o - 1] >= '0' && tok[o - 1] <= '9')
			tok[o] = '?';
		space = 0;
		o++;
	}
	tok[o] = '\0';
	if (o == 0)
		return set_cause(cause, _("no %s given"), what);
	return 0;
}

/* Read digits at *p into *val (saturating at FY_NUM_CAP); returns how many. */
static int
fy_num(const char **p, int *val)
{
	int	n = 0, v = 0;

	while (**p >= '0' && **p <= '9') {
		if (v <= FY_NUM_CAP)
			v = v * 10 + (**p - '0');
		if (v > FY_NUM_CAP)
			v = FY_NUM_CAP + 1;
		(*p)++;
		n++;
	}
	*val = v;
	return n;
}

/* An era year: "元" or digits. 0 if there is none. */
static int
fy_era_year(const char **p, int *ey)
{
	if (**p == '@') {
		(*p)++;
		*ey = 1;
		return 1;
	}
	return fy_num(p, ey);
}

int
fy_date_parse(const char *s, struct fy_date *out, char **cause)
{
	const struct fy_era	*era = NULL;
	struct fy_date		 d;
	char			 tok[FY_INPUT_MAX + 1], q[FY_INPUT_MAX + 1];
	const char		*p = tok;
	char			 sep1, want;
	int			 y = 0, m = 0, dd = 0, ey = 0, n, dim;

	if (fy_tokens(s, _("date"), tok, q, cause) != 0)
		return -1;
	if (*p >= 'A' && *p <= 'Z') {
		if ((era = fy_era_by_letter(*p)) == NULL)
			goto bad;
		p++;
		if (*p == '.')
			p++;		/* "R.8.4.1" */
		if (fy_era_year(&p, &ey) == 0)
			goto bad;
	} else {
		n = fy_num(&p, &y);
		if (n == 8 && *p == '\0') {	/* 20260401 */
			dd = y % 100;
			m = y / 100 % 100;
			y /= 10000;
			goto check;
		}
		if (n != 4)
			goto bad;
	}
	sep1 = *p;
	if (strchr(".-/<", sep1) == NULL || sep1 == '\0')
		goto bad;
	p++;
	n = fy_num(&p, &m);
	if (n == 0 || n > 2)
		goto bad;
	want = sep1 == '<' ? '>' : sep1;
	if (*p != want)
		goto bad;
	p++;
	n = fy_num(&p, &dd);
	if (n == 0 || n > 2)
		goto bad;
	if (sep1 == '<' && *p == '^')
		p++;
	if (*p != '\0')
		goto bad;

	if (era != NULL) {
		if (ey == 0)
			return set_cause(cause, _("\"%s\": there is no %s0年 (the first year is "
			    "%s元年)"), q, era->name, era->name);
		y = era->start.year + ey - 1;
	}
check:
	if (y < FY_YEAR_MIN || y > FY_YEAR_MAX)
		return set_cause(cause, _("\"%s\": year out of range"), q);
	if (m < 1 || m > 12)
		return set_cause(cause, _("\"%s\": no such month"), q);
	dim = fy_days_in_month(y, m);
	if (dd < 1 || dd > dim)
		return set_cause(cause, _("\"%s\": no such day (%04d-%02d has %d days)"), q, y, m,
		    dim);
	d.year = y;
	d.month = m;
	d.day = dd;
	if (era != NULL && fy_cmp(&d, &era->start) < 0)
		return set_cause(cause, _("\"%s\": %s began on %04d-%02d-%02d"), q, era->name,
		    era->start.year, era->start.month, era->start.day);
	if (era != NULL && fy_cmp(&d, &era->end) > 0)
		return set_cause(cause, _("\"%s\": %s ended on %04d-%02d-%02d"), q, era->name,
		    era->end.year, era->end.month, era->end.day);
	if (out != NULL)
		*out = d;
	return 0;
bad:
	return set_cause(cause, _("\"%s\": not a date (try 2026-04-01, R8.4.1 or 令和8年4月1日)"),
	    q);
}

char *
fy_date_format(const struct fy_date *d, enum fy_date_style style, char *buf, size_t len)
{
	const struct fy_era	*era = NULL;
	int			 ey;

	if (buf == NULL || len == 0)
		return buf;
	if (d == NULL) {
		buf[0] = '\0';
		return buf;
	}
	if (style != FY_DATE_ISO && fy_date_valid(d->year, d->month, d->day))
		era = fy_era_of(d);
	if (era == NULL) {
		snprintf(buf, len, "%04d-%02d-%02d", d->year, d->month, d->day);
		return buf;
	}
	ey = d->year - era->start.year + 1;
	if (style == FY_DATE_JA_SHORT)
		snprintf(buf, len, "%c%d.%d.%d", era->letter, ey, d->month, d->day);
	else if (ey == 1)
		snprintf(buf, len, "%s元年%d月%d日", era->name, d->month, d->day);
	else
		snprintf(buf, len, "%s%d年%d月%d日", era->name, ey, d->month, d->day);
	return buf;
}

int
fy_parse(const char *s, int min, int max, int *fy, char **cause)
{
	const struct fy_era	*era = NULL;
	char			 tok[FY_INPUT_MAX + 1], q[FY_INPUT_MAX + 1];
	const char		*p = tok;
	int			 y, ey = 0, n;

	if (fy_tokens(s, _("fiscal year"), tok, q, cause) != 0)
		return -1;
	if (p[0] == 'F' && p[1] == 'Y') {
		p += 2;
		if (fy_num(&p, &y) != 4 || *p != '\0')
			goto bad;
	} else if (*p >= 'A' && *p <= 'Z') {
		if ((era = fy_era_by_letter(*p)) == NULL)
			goto bad;
		p++;
		if ((n = fy_era_year(&p, &ey)) == 0)
			goto bad;
		if (p[0] == '<' && p[1] == '~')
			p += 2;
		if (*p != '\0')
			goto bad;
		if (ey == 0)
			return set_cause(cause, _("\"%s\": there is no %s0年度 (the first year is "
			    "%s元年度)"), q, era->name, era->name);
		if (ey > era->end.year - era->start.year + 1)
			return set_cause(cause, _("\"%s\": %s ended in %d (%s%d年)"), q, era->name,
			    era->end.year, era->name, era->end.year - era->start.year + 1);
		y = era->start.year + ey - 1;
	} else {
		if (fy_num(&p, &y) != 4)
			goto bad;
		if (p[0] == '<' && p[1] == '~')
			p += 2;
		if (*p != '\0')
			goto bad;
	}
	if (y < min || y > max)
		return set_cause(cause, _("\"%s\": the fiscal year must be from FY%d to FY%d"), q,
		    min, max);
	if (fy != NULL)
		*fy = y;
	return 0;
bad:
	return set_cause(cause, _("\"%s\": not a fiscal year (try 2026, FY2026, R8 or 令和8年度)"),
	    q);
}

char *
fy_format(int fy, const char *lang, char *buf, size_t len)
{
	const struct fy_era	*era = NULL;
	size_t			 i;
	int			 ey;

	if (buf == NULL || len == 0)
		return buf;
	if (lang == NULL || strcmp(lang, "ja") != 0) {
		snprintf(buf, len, "FY%d", fy);
		return buf;
	}
	/* A fiscal year takes the era of its calendar year's end: FY2019 is 令和元年度. */
	for (i = 0; i < nitems(fy_eras); i++) {
		if (fy_eras[i].start.year <= fy && fy <= FY_YEAR_MAX)
			era = &fy_eras[i];
	}
	if (era == NULL) {
		snprintf(buf, len, "%d年度", fy);
		return buf;
	}
	ey = fy - era->start.year + 1;
	if (ey == 1)
		snprintf(buf, len, "%s元年度", era->name);
	else
		snprintf(buf, len, "%s%d年度", era->name, ey);
	return buf;
}
