/*
 * dash_about — the dashboard's "what is this figure" viewer (see dash_about.h).
 */
#include "screens/dash_about.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/today.h"
#include "backend/lib/util.h"
#include "backend/store/store_plan.h"
#include "tui/app.h"
#include "tui/dialog.h"

#define DA_WRAP		70	/* the viewer's text columns at 80x24 */

static const struct {
	const char	*what;		/* what the tile counts */
	const char	*from;		/* which records */
	const char	*kpi;		/* the KPI (kpi_source code) whose figures it shows */
} dash_about_tiles[DASH_K__COUNT] = {
	[DASH_K_PLAN] = { N_("Each part's measures, counted by their status as :measures shows "
	    "it (a project lead: their department's measures)."),
	    N_("Computed from the plan's measures and their status, as of now."), NULL },
	[DASH_K_EVAL] = { N_("Measures of the fiscal year with the department's 1st evaluation "
	    "submitted, with the DX council's 2nd, and those published; this year's measures "
	    "by their phase in the schedule."),
	    N_("Computed from the evaluations (:eval) and the schedule's phases."), NULL },
	[DASH_K_MIG] = { N_("Done: the board's steps done or not applicable, of all steps. "
	    "Systems: done when every step is done or not applicable. Overdue steps: past their "
	    "planned end and not done. Open risks: not yet closed."),
	    N_("Computed from the migration board and its risk log (:mig, :risks), as of "
	    "today."), "mig_done" },
	[DASH_K_VDI] = { N_("Active: accounts active today within their period. Requested: "
	    "requests not yet decided. Expiring: active accounts whose period ends within 30 "
	    "days."), N_("Computed from the VDI requests and accounts (:vdi), as of today."),
	    "vdi_active" },
	[DASH_K_DX] = { N_("Certified and target: the KPI below. In training: the fiscal "
	    "year's candidates in training. Sessions this month: training sessions starting "
	    "this month."), N_("Computed from the training records (:training)."),
	    "dx_leaders" },
	[DASH_K_SESSIONS] = { N_("Your sessions starting in the next 14 days with the people "
	    "enrolled. Attendance not marked: past sessions with enrolled people not yet "
	    "marked."), N_("Computed from the training records (:training)."), NULL },
};

/* Append text wrapped to DA_WRAP columns, each line after indent. */
static void
da_add(char ***lines, int *n, const char *indent, const char *text)
{
	char	**wl;
	int	 k, nw = text_wrap(text, DA_WRAP - (int)strlen(indent), &wl);

	for (k = 0; k < nw; k++) {
		*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf("%s%s", indent, wl[k]);
	}
	if (nw == 0) {
		*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
		(*lines)[(*n)++] = xstrdup("");
	}
	text_wrap_free(wl, nw);
}

/* The KPI of source code: its name, the year's figures and where they come from. */
static void
da_kpi(struct screen *s, const char *code, int fy, char ***lines, int *n)
{
	struct plan_kpi	*k;
	char		*cause = NULL, *t, *prov, fyb[FY_BUFSIZE];
	int		 nk, i, y = fy - PLAN_FY_FIRST;

	if (plan_kpis(s->app->ctx, 0, &k, &nk, &cause) != 0) {
		da_add(lines, n, "", cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	for (i = 0; i < nk; i++) {
		if (k[i].source == NULL || strcmp(k[i].source, code) != 0)
			continue;
		da_add(lines, n, "", "");
		t = xasprintf("%s: %s (%s)", plan_tr("KPI"), k[i].name, k[i].unit != NULL ?
		    k[i].unit : "");
		da_add(lines, n, "", t);
		free(t);
		t = xasprintf("%s  %s %s / %s %s", fy_format(fy, i18n_lang(), fyb, sizeof fyb),
		    plan_tr("actual"), y >= 0 && y < 7 && k[i].actual[y] ? k[i].actual[y] : "-",
		    plan_tr("target"), y >= 0 && y < 7 && k[i].target[y] ? k[i].target[y] : "-");
		da_add(lines, n, "  ", t);
		free(t);
		if ((prov = plan_kpi_provenance(&k[i], fy)) != NULL) {
			da_add(lines, n, "  ", prov);
			free(prov);
		}
	}
	plan_kpis_free(k, nk);
}

void
dash_about(struct screen *s, enum dash_kind kind, const char *title)
{
	char	**lines = NULL, fyb[FY_BUFSIZE], *t;
	int	 n = 0, i, fy = s->app->fy != 0 ? s->app->fy : today_fy();

	if ((int)kind < 0 || kind >= DASH_K__COUNT)
		return;
	t = xasprintf("%s: %s", _("Fiscal year"), fy_format(fy, i18n_lang(), fyb, sizeof fyb));
	da_add(&lines, &n, "", t);
	free(t);
	da_add(&lines, &n, "", "");
	da_add(&lines, &n, "", _("What it counts"));
	da_add(&lines, &n, "  ", _(dash_about_tiles[kind].what));
	da_add(&lines, &n, "", _("Source"));
	da_add(&lines, &n, "  ", _(dash_about_tiles[kind].from));
	if (dash_about_tiles[kind].kpi != NULL && s->app->ctx != NULL)
		da_kpi(s, dash_about_tiles[kind].kpi, fy, &lines, &n);
	dialog_text(title, (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
