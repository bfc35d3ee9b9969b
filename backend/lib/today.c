/*
 * today — the program's one "today" (backend/lib/today.h).
 */
#include "backend/lib/today.h"

#include <stdlib.h>
#include <time.h>

void
today_date(struct fy_date *d)
{
	const char	*pin = getenv("RASHIN_TODAY");
	time_t		 now;
	struct tm	 tm;

	if (pin != NULL && pin[0] != '\0' && fy_date_parse(pin, d, NULL) == 0)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
}

char *
today_iso(char *buf, size_t len)
{
	struct fy_date	 d;

	today_date(&d);
	return fy_date_format(&d, FY_DATE_ISO, buf, len);
}

int
today_fy(void)
{
	struct fy_date	 d;

	today_date(&d);
	return fy_of_date(d.year, d.month, d.day);
}

int
today_plan_fy(void)
{
	int	 fy = today_fy();

	return fy < PLAN_FY_FIRST ? PLAN_FY_FIRST : fy > PLAN_FY_MAX ? PLAN_FY_MAX : fy;
}
