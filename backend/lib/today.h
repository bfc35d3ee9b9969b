/*
 * today — the one "today" of the program: the date RASHIN_TODAY names (any form
 * fy_date_parse reads) when it is set and valid, so that tests and demonstrations pin
 * the clock, else the local date. Every screen and command asks here.
 */
#ifndef RASHIN_TODAY_H
#define RASHIN_TODAY_H

#include <stddef.h>

#include "backend/lib/fy.h"

/* Today's date. */
void	 today_date(struct fy_date *);
/* Today as YYYY-MM-DD into buf (at least 11 bytes); returns buf. */
char	*today_iso(char *buf, size_t len);
/* The fiscal year today falls in. */
int	 today_fy(void);
/* today_fy within the plan's years (PLAN_FY_FIRST..PLAN_FY_MAX): a default year. */
int	 today_plan_fy(void);

#endif
