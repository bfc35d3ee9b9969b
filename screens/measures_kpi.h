/*
 * measures_kpi — :measures' `k`: a form recording one KPI's actual (and target, and a
 * note) of a measure for a fiscal year, its KPI chosen among the measure's, saved by
 * plan_kpi_set, the store call of `kpi set`; a refusal is the store's reason on the
 * status line.
 */
#ifndef RASHIN_MEASURES_KPI_H
#define RASHIN_MEASURES_KPI_H

#include "tui/keymap.h"
#include "tui/tui.h"

struct kpi_form;
struct screen;

/* The form for measure_id (code, name for its heading) in fy; NULL, said on the status
 * line, when the measure has no KPIs or they cannot be read. */
struct kpi_form	*kpi_form_open(struct screen *, int measure_id, const char *code,
		    const char *name, int fy);
void		 kpi_form_free(struct kpi_form *);
void		 kpi_form_draw(struct kpi_form *, WINDOW *, int y, int x, int h, int w);
/* A key for the open form *fp: saved or left, it is freed and *fp set NULL. TUI_* flags. */
int		 kpi_form_key(struct screen *, struct kpi_form **fp, int key, enum action);

#endif
