/*
 * date — the console's date and fiscal-year input and display (see date.h).
 */
#include "tui/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/i18n.h"
#include "backend/util.h"

struct date_era {
	const char	*kanji;		/* 令和 */
	char		 letter;	/* R */
	int		 y, m, d;	/* first day */
};

/* Newest first. */
static const struct date_era date_eras[] = {
	{ "\xe4\xbb\xa4\xe5\x92\x8c", 'R', 2019, 5, 1 },	/* 令和 */
	{ "\xe5\xb9\xb3\xe6\x88\x90", 'H', 1989, 1, 8 },	/* 平成 */
	{ "\xe6\x98\xad\xe5\x92\x8c", 'S', 1926, 12, 25 },	/* 昭和 */
};

#define DATE_GANNEN	"\xe5\x85\x83"	/* 元 (first year) */
#define DATE_NEN	"\xe5\xb9\xb4"	/* 年 */
#define DATE_TSUKI	"\xe6\x9c\x88"	/* 月 */
#define DATE_HI		"\xe6\x97\xa5"	/* 日 */
#define DATE_DO		"\xe5\xba\xa6"	/* 度 */

static int
date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_days_in(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && date_leap(y) ? 29 : days[m - 1];
}

static int
date_cmp(int y1, int m1, int d1, int y2, int m2, int d2)
{
	long a = (long)y1 * 10000 + m1 * 100 + d1, b = (long)y2 * 10000 + m2 * 100 + d2;

	return (a > b) - (a < b);
}

/* The era of a day, or NULL before 昭和. */
static const struct date_era *
date_era_of(int y, int m, int d)
{
	size_t	 i;

	for (i = 0; i < nitems(date_eras); i++) {
		const struct date_era *e = &date_eras[i];

		if (date_cmp(y, m, d, e->y, e->m, e->d) >= 0)
			return e;
	}
	return NULL;
}

/* Read an era prefix (R, r, 令和 ...) at *s; advances *s. */
static const struct date_era *
date_era_prefix(const char **s)
{
	size_t	 i;

	for (i = 0; i < nitems(date_eras); i++) {
		size_t n = strlen(date_eras[i].kanji);

		if (strncmp(*s, date_eras[i].kanji, n) == 0) {
			*s += n;
			return &date_eras[i];
		}
		if (toupper((unsigned char)**s) == date_eras[i].letter) {
			(*s)++;
			return &date_eras[i];
		}
	}
	return NULL;
}

/* A number (or 元 = 1) at *s; -1 if none. Advances *s. */
static int
date_number(const char **s)
{
	int	 n = 0, digits = 0;

	if (strncmp(*s, DATE_GANNEN, strlen(DATE_GANNEN)) == 0) {
		*s += strlen(DATE_GANNEN);
		return 1;
	}
	while (isdigit((unsigned char)**s) && digits < 5) {
		n = n * 10 + (**s - '0');
		(*s)++;
		digits++;
	}
	return digits > 0 && !isdigit((unsigned char)**s) ? n : -1;
}

/* Skip one separator: '.', '-', '/', or the kanji given. */
static int
date_sep(const char **s, const char *kanji)
{
	if (**s == '.' || **s == '-' || **s == '/') {
		(*s)++;
		return 1;
	}
	if (kanji != NULL && strncmp(*s, kanji, strlen(kanji)) == 0) {
		*s += strlen(kanji);
		return 1;
	}
	return 0;
}

int
date_parse(const char *in, char iso[11], char **cause)
{
	const char		*s = in;
	const struct date_era	*era, *next = NULL;
	int			 y, m, d;
	char			 buf[48];

	while (*s == ' ')
		s++;
	era = date_era_prefix(&s);
	if ((y = date_number(&s)) < 0 || !date_sep(&s, DATE_NEN) ||
	    (m = date_number(&s)) < 0 || !date_sep(&s, DATE_TSUKI) ||
	    (d = date_number(&s)) < 0)
		goto bad;
	if (strncmp(s, DATE_HI, strlen(DATE_HI)) == 0)
		s += strlen(DATE_HI);
	while (*s == ' ')
		s++;
	if (*s != '\0')
		goto bad;
	if (era != NULL) {
		if (y < 1)
			goto bad;
		y = era->y + y - 1;
	} else if (y < 1000)
		goto bad;
	if (y > 9999 || m < 1 || m > 12 || d < 1 || d > date_days_in(y, m))
		return set_cause(cause, _("No such date"));
	if (era != NULL) {
		if (era != date_eras)
			next = era - 1;
		if (date_cmp(y, m, d, era->y, era->m, era->d) < 0 ||
		    (next != NULL && date_cmp(y, m, d, next->y, next->m, next->d) >= 0))
			return set_cause(cause, _("Outside that era"));
	}
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	memcpy(iso, buf, 11);
	return 0;
bad:
	return set_cause(cause, _("Type a date as 2026-04-01 or R8.4.1"));
}

int
date_parse_fy(const char *in, int *fy, char **cause)
{
	const char		*s = in;
	const struct date_era	*era;
	int			 n;

	while (*s == ' ')
		s++;
	if ((s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y'))
		s += 2;
	era = date_era_prefix(&s);
	if ((n = date_number(&s)) < 0)
		goto bad;
	if (strncmp(s, DATE_NEN, strlen(DATE_NEN)) == 0) {
		s += strlen(DATE_NEN);
		if (strncmp(s, DATE_DO, strlen(DATE_DO)) == 0)
			s += strlen(DATE_DO);
	}
	while (*s == ' ')
		s++;
	if (*s != '\0')
		goto bad;
	if (era != NULL) {
		if (n < 1 || (era != date_eras && era->y + n - 1 > (era - 1)->y))
			return set_cause(cause, _("Outside that era"));
		n = era->y + n - 1;
	}
	if (n < 1900 || n > 2200)
		goto bad;
	*fy = n;
	return 0;
bad:
	return set_cause(cause, _("Type a fiscal year as 2026, FY2026 or R8"));
}

static int
date_ja(void)
{
	return strcmp(i18n_lang(), "ja") == 0;
}

char *
date_other(const char *iso)
{
	const struct date_era	*e;
	int			 y, m, d, ey;
	char			 yn[16];

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return xstrdup(iso);
	e = date_era_of(y, m, d);
	if (e == NULL)
		return xstrdup(iso);
	ey = y - e->y + 1;
	if (!date_ja())
		return xasprintf("%c%d.%d.%d", e->letter, ey, m, d);
	if (ey == 1)
		snprintf(yn, sizeof yn, "%s", DATE_GANNEN);
	else
		snprintf(yn, sizeof yn, "%d", ey);
	return xasprintf("%s%s" DATE_NEN "%d" DATE_TSUKI "%d" DATE_HI, e->kanji, yn, m, d);
}

char *
date_fy_label(int fy)
{
	size_t	 i;

	if (!date_ja())
		return xasprintf("FY%d", fy);
	for (i = 0; i < nitems(date_eras); i++) {
		if (fy >= date_eras[i].y) {
			int ey = fy - date_eras[i].y + 1;

			if (ey == 1)
				return xasprintf("%s" DATE_GANNEN DATE_NEN DATE_DO,
				    date_eras[i].kanji);
			return xasprintf("%s%d" DATE_NEN DATE_DO, date_eras[i].kanji, ey);
		}
	}
	return xasprintf("%d" DATE_NEN DATE_DO, fy);
}

int
date_fy_of(int y, int m, int d)
{
	(void)d;
	return m >= 4 ? y : y - 1;
}
