/*
 * report — the yearly progress report (実施状況): per part and measure its status, this
 * year's phase, KPI actual vs target, the 1st and 2nd evaluations and the CIO adviser's
 * comments, then the schedule. As Markdown, CSV (for Excel) or a typeset A4 PDF
 * (report_pdf.c: cairo + pango, Noto Sans CJK JP, table of contents, page numbers).
 */
#ifndef RASHIN_REPORT_H
#define RASHIN_REPORT_H

#include <stdio.h>

#include "backend/lib/fy.h"
#include "backend/store/store_eval.h"
#include "backend/store/store_plan.h"

struct db;

struct report {
	int			 fy;
	struct fy_date		 today;
	const char		*lang;
	struct plan_catalogue	 cat;
	struct plan_eval	*ev;	/* one per measure, same order as cat.measures */
	int			 nev;
	struct plan_kpi		*kpis;
	int			 nkpis;
};

/* The report of fiscal year fy, for one part (1-9) or all (0). */
int	report_load(struct db *, int fy, int part, struct report *, char **cause);
void	report_free(struct report *);

/* Title of the report ("ふじみ野市デジタル戦略計画 実施状況 令和8年度"); newly allocated. */
char	*report_title(const struct report *);
/* "第1部 title" unless the title already starts with 第; newly allocated. */
char	*report_part_heading(int part_id, const char *title);
/* The evaluation row of a measure, or NULL. */
const struct plan_eval *report_eval(const struct report *, int measure_id);
/* "152 / 180 件 (84.4%)"-style KPI line for fy; newly allocated. */
char	*report_kpi_line(const struct plan_kpi *, int fy);

int	report_md(const struct report *, FILE *);
/* The CSV's table, one row per measure (print it with cmd_csv_export). */
struct out_table *report_csv(const struct report *);
int	report_pdf(const struct report *, FILE *, char **cause);

#endif
