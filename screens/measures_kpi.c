/*
 * measures_kpi — :measures' KPI actual form (see measures_kpi.h).
 */
#include "screens/measures_kpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/store_plan.h"
#include "tui/app.h"
#include "tui/form.h"

static int
kpi_check_number(const char *v, char **cause)
{
	char	*end;

	if (*v == '\0')
		return 0;
	(void)strtod(v, &end);
	if (end == v || *end != '\0' || strpbrk(v, "eEnNxXiI") != NULL)
		return set_cause(cause, "%s", _("Not a number"));
	return 0;
}

enum { MK_KPI, MK_FY, MK_ACTUAL, MK_TARGET, MK_NOTE, MK_N };
static const struct form_field_def kpi_fields[MK_N] = {
	[MK_KPI] = { .name = "kpi", .label = N_("KPI of the measure"), .type = FORM_CHOICE,
	    .required = 1 },
	[MK_FY] = { .name = "fy", .label = N_("Fiscal year of the value"), .type = FORM_FY,
	    .required = 1, .min = PLAN_FY_FIRST, .max = PLAN_FY_MAX },
	[MK_ACTUAL] = { .name = "actual", .label = N_("Actual value"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 30, .validate = kpi_check_number },
	[MK_TARGET] = { .name = "target", .label = N_("Target (empty: keep)"), .type = FORM_TEXT,
	    .maxlen = 30, .validate = kpi_check_number },
	[MK_NOTE] = { .name = "note", .label = N_("Note (kept with the value)"),
	    .type = FORM_TEXT, .maxlen = 500 },
};

struct kpi_form {
	struct form		 form;
	struct form_field_def	 defs[MK_N];	/* the KPI field's choices are the measure's */
	struct form_choice	*choices;
	int			 n;
	char			*head;		/* the line above the form */
	char			 code[24];
};

struct kpi_form *
kpi_form_open(struct screen *s, int measure_id, const char *code, const char *name, int fy)
{
	struct kpi_form	*kf;
	struct plan_kpi	*k;
	char		*cause = NULL, b[16];
	int		 n, i, typed;

	if (plan_kpis(s->app->ctx, measure_id, &k, &n, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return NULL;
	}
	for (i = 0, typed = 0; i < n; i++)	/* computed ones are never typed (sql/141) */
		typed += k[i].source == NULL;
	if (typed == 0) {
		plan_kpis_free(k, n);
		chrome_message(&s->app->msg, 1, "%s %s: %s", plan_tr("KPI"), code, n == 0 ?
		    _("this measure has no KPIs") : _("this measure's KPIs are all computed from their records"));
		return NULL;
	}
	kf = xcalloc(1, sizeof *kf);
	kf->choices = xcalloc((size_t)typed, sizeof *kf->choices);
	for (i = 0; i < n; i++) {
		if (k[i].source != NULL)
			continue;
		snprintf(b, sizeof b, "%d", k[i].id);
		kf->choices[kf->n].id = xstrdup(b);
		kf->choices[kf->n++].label = k[i].unit != NULL && *k[i].unit != '\0' ?
		    xasprintf("%s (%s)", k[i].name, k[i].unit) : xstrdup(k[i].name);
	}
	plan_kpis_free(k, n);
	memcpy(kf->defs, kpi_fields, sizeof kf->defs);
	kf->defs[MK_KPI].choices = kf->choices;
	kf->defs[MK_KPI].nchoices = kf->n;
	form_init(&kf->form, N_("KPI actual"), kf->defs, MK_N);
	form_set(&kf->form, MK_KPI, kf->choices[0].id);
	snprintf(b, sizeof b, "%d", fy);
	form_set(&kf->form, MK_FY, b);
	snprintf(kf->code, sizeof kf->code, "%s", code);
	kf->head = xasprintf("%s  %s %s", _("KPI actual"), code, name);
	return kf;
}

void
kpi_form_free(struct kpi_form *kf)
{
	int	 i;

	if (kf == NULL)
		return;
	form_free(&kf->form);
	for (i = 0; i < kf->n; i++) {
		free((char *)kf->choices[i].id);
		free((char *)kf->choices[i].label);
	}
	free(kf->choices);
	free(kf->head);
	free(kf);
}

void
kpi_form_draw(struct kpi_form *kf, WINDOW *win, int y, int x, int h, int w)
{
	tui_cell(win, y, x, kf->head, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	form_draw(&kf->form, win, y + 1, x, h - 1, w);
}

/* Saved: the store call of `kpi set`; 1 when done. */
static int
kpi_form_save(struct screen *s, struct kpi_form *kf)
{
	char	*v[MK_N], *cause = NULL, state[6] = "";
	const char *name = "";
	int	 i, rc;

	for (i = 0; i < MK_N; i++)
		v[i] = form_get(&kf->form, i);
	rc = plan_kpi_set(s->app->ctx, atoi(v[MK_KPI]), atoi(v[MK_FY]), v[MK_ACTUAL],
	    *v[MK_TARGET] != '\0' ? v[MK_TARGET] : NULL, *v[MK_NOTE] != '\0' ? v[MK_NOTE] :
	    NULL, state, &cause);
	if (rc != 0)
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
	else {
		for (i = 0; i < kf->n; i++)
			if (strcmp(kf->choices[i].id, v[MK_KPI]) == 0)
				name = kf->choices[i].label;
		chrome_message(&s->app->msg, 0, "%s %s / %s FY%s: %s", plan_tr("updated"),
		    kf->code, name, v[MK_FY], v[MK_ACTUAL]);
	}
	free(cause);
	for (i = 0; i < MK_N; i++)
		free(v[i]);
	return rc == 0;
}

int
kpi_form_key(struct screen *s, struct kpi_form **fp, int key, enum action a)
{
	struct kpi_form	*kf = *fp;
	int		 flags = form_key(&kf->form, key, a);

	if (kf->form.want == FORM_WANT_DISCARD ||
	    (kf->form.want == FORM_WANT_SAVE && kpi_form_save(s, kf))) {
		kpi_form_free(kf);
		*fp = NULL;
		return TUI_HANDLED | TUI_RELOAD;
	}
	if (kf->form.want == FORM_WANT_SAVE)
		return TUI_HANDLED | TUI_REDRAW;
	if (a == ACTION_QUIT || a == ACTION_HELP)
		return flags;
	return flags | TUI_HANDLED | TUI_REDRAW;
}
