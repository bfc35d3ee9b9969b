/*
 * cmd_plan — helpers shared by the plan's commands (measures, schedule, kpi, eval,
 * report): fiscal years and measure references checked with a message naming the bad
 * value.
 */
#ifndef RASHIN_CMD_PLAN_H
#define RASHIN_CMD_PLAN_H

#include "backend/lib/fy.h"

struct cmd_ctx;

/* Parse a fiscal year 2026-2032 ("2026", "FY2026", "令和8年度"); message on failure. */
int	plan_fy(struct cmd_ctx *, const char *s, int *fy);
/* The fiscal year of today (or of RASHIN_TODAY=YYYY-MM-DD), kept within 2026-2032. */
int	plan_fy_now(void);
/* Today's date, or RASHIN_TODAY when set (tests pin the clock). */
void	plan_today(struct fy_date *);
/* A measure reference ("12" or "1-2") to its id; message on failure. */
int	plan_measure_arg(struct cmd_ctx *, const char *ref, int *id);
/* `measures add ...` and `measures add-action ...` (argv[1] says which). */
int	plan_cmd_add(struct cmd_ctx *, int argc, char **argv);

#endif
