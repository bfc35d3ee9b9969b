/*
 * dash_about — what a dashboard tile's figures are: the definition of what it counts,
 * where from, the fiscal year, and the KPIs whose figures it shows (definition, actual and
 * target, computed from which records or typed by whom and when) through plan_kpis and
 * plan_kpi_provenance, the sources `kpi list` and the report read.
 */
#ifndef RASHIN_DASH_ABOUT_H
#define RASHIN_DASH_ABOUT_H

#include "tui/screen.h"

enum dash_kind {
	DASH_K_PLAN, DASH_K_EVAL, DASH_K_MIG, DASH_K_VDI, DASH_K_DX, DASH_K_SESSIONS,
	DASH_K__COUNT
};

/* The viewer for tile kind (title: the tile's title as shown), over the screen. */
void	 dash_about(struct screen *, enum dash_kind kind, const char *title);

#endif
