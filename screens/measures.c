/*
 * measures — `:measures`: the plan's catalogue as a tree (parts → measures → actions)
 * with each measure's status, this year's phase, grades and departments; Enter shows
 * the measure in full (施策目標, 施策概要 wrapped by display width, the 計画当初 text where
 * it was changed, actions, KPIs). `c` opens the list of statuses with the current one
 * named and saves the one chosen only on F2, carrying the version read: a stale save or
 * a measure the member may not change is refused by the database and said in the
 * status line. `k` records a KPI's actual (and target) for a year through the same store
 * call as `kpi set`; `E` shows the `ssh ... measures list` line that exports the year.
 * Keys a role may not use are not shown (IT staff: n A; leads too: e c k). `e` edits the
 * texts (a stale save opens the conflict dialog); `n` adds a measure and `A` a concrete
 * action (IT staff: the database refuses anyone else), shown as 「追加 (令和N年度)」
 * where the plan's measures show their 計画当初 text. Live refresh on NOTIFY. The SQL
 * is backend/store_plan*.c's.
 */
#include "screens/measures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_plan.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/measures_kpi.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

static const char *const ms_tables[] = { "measure", "measure_phase", "action", "evaluation",
	"plan_part", "measure_dept" };

static const struct keymap_bind ms_keys[] = {
	{ "n", ACTION_NEW, 1 },
	{ "A", ACTION_ADD_ACTION, 1 },
	{ "e", ACTION_EDIT, 1 },
	{ "c", ACTION_STATUS_NEXT, 1 },
	{ "k", ACTION_KPI_ACTUAL, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
	{ "R", ACTION_RELOAD, 0 },
};

/* Who is shown which key (the policies on measure, action and kpi_value decide). */
static int
ms_may(const struct screen *s, enum action a)
{
	const char *role = common_role(s);

	switch (a) {
	case ACTION_NEW:
	case ACTION_ADD_ACTION:
		return people_role_in(role, "admin");
	case ACTION_EDIT:
	case ACTION_STATUS_NEXT:
	case ACTION_KPI_ACTUAL:
		return people_role_in(role, "admin lead");
	default:
		return 1;
	}
}

enum ms_kind { MS_PART, MS_MEASURE, MS_ACTION };

struct ms_row {
	enum ms_kind	 kind;
	int		 idx;		/* into cat.measures or cat.actions */
};

static const struct form_field_def ms_fields[] = {
	{ .name = "name", .label = N_("Measure name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
	{ .name = "goal", .label = N_("Measure goal"), .type = FORM_MULTILINE, .maxlen = 4000,
	    .rows = 4 },
	{ .name = "overview", .label = N_("Measure overview"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 6 },
};

static const struct form_choice ms_status_choices[] = {
	{ "not_started", N_("Not started") }, { "studying", N_("Studying") },
	{ "in_progress", N_("In progress") }, { "done", N_("Completed") },
	{ "reviewing", N_("Under review") },
};

/* `n`: a new measure (field order as enum plan_field's, less one). */
static const struct form_field_def ms_new_fields[] = {
	{ .name = "part", .label = N_("Part no."), .type = FORM_INT, .required = 1, .min = 1,
	    .max = 9 },
	{ .name = "seq", .label = N_("Measure no."), .type = FORM_INT, .min = 1, .max = 99 },
	{ .name = "name", .label = N_("Name of the measure"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
	{ .name = "goal", .label = N_("Goal of the measure"), .type = FORM_MULTILINE,
	    .maxlen = 4000, .rows = 3 },
	{ .name = "overview", .label = N_("Overview of the measure"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 4 },
	{ .name = "depts", .label = N_("Responsible departments"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 2000 },
	{ .name = "status", .label = N_("Status of the measure"), .type = FORM_CHOICE,
	    .choices = ms_status_choices, .nchoices = 5 },
};

/* `A`: a new concrete action under the selected measure. */
static const struct form_field_def ms_act_fields[] = {
	{ .name = "seq", .label = N_("Action no."), .type = FORM_INT, .min = 1, .max = 99 },
	{ .name = "name", .label = N_("Action title"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 300 },
	{ .name = "overview", .label = N_("Action text"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 4 },
	{ .name = "status", .label = N_("Status of the action"), .type = FORM_CHOICE,
	    .choices = ms_status_choices, .nchoices = 5 },
};

/* `c`: the status chosen from the list, the current one named above it. */
static const struct form_field_def ms_status_fields[] = {
	{ .name = "status", .label = N_("New status"), .type = FORM_CHOICE, .required = 1,
	    .choices = ms_status_choices, .nchoices = 5 },
};

enum ms_form_kind { MS_FORM_EDIT, MS_FORM_MEASURE, MS_FORM_ACTION, MS_FORM_STATUS };

struct ms {
	struct form		*form;		/* `e`, `n` or `A` */
	enum ms_form_kind	 form_kind;
	char			*form_head;	/* the line above an addition's form */
	char			 form_code[24];	/* the measure an action is added to */
	char			 form_status[24];	/* `c`: the status it had */
	int			 form_id, form_version;
	struct plan_catalogue	 cat;
	int			 loaded, fy;
	struct ms_row		*rows;
	int			 nrows, sel, top;
	int			 page;		/* list rows shown (the last draw's) */
	int			 expanded;	/* actions shown */
	int			 detail;	/* the selected measure in full */
	struct tui_view		 dv;		/* the detail's scroll */
	int			 sel_id;	/* measure id kept across reloads */
	struct kpi_form		*kpi;		/* `k` */
};

static void
ms_build(struct ms *st)
{
	int i, j, part = -1, n = 0;

	free(st->rows);
	st->rows = xcalloc((size_t)(st->cat.nmeasures * 2 + st->cat.nactions + 1), sizeof *st->rows);
	for (i = 0; i < st->cat.nmeasures; i++) {
		if (st->cat.measures[i].part_id != part) {
			part = st->cat.measures[i].part_id;
			st->rows[n].kind = MS_PART;
			st->rows[n++].idx = i;
		}
		if (st->cat.measures[i].id == st->sel_id)
			st->sel = n;
		st->rows[n].kind = MS_MEASURE;
		st->rows[n++].idx = i;
		for (j = 0; st->expanded && j < st->cat.nactions; j++)
			if (st->cat.actions[j].measure_id == st->cat.measures[i].id) {
				st->rows[n].kind = MS_ACTION;
				st->rows[n++].idx = j;
			}
	}
	st->nrows = n;
	if (st->sel >= n)
		st->sel = n > 0 ? n - 1 : 0;
}

static int
ms_reload(struct screen *s, char **cause)
{
	struct ms		*st = s->data;
	struct plan_catalogue	 fresh;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (plan_load(s->app->ctx, 0, NULL, st->fy, &fresh, cause) != 0)
		return -1;
	plan_free(&st->cat);
	st->cat = fresh;
	st->loaded = 1;
	ms_build(st);
	return 0;
}

static int
ms_init(struct screen *s, char **cause)
{
	struct ms	*st = xcalloc(1, sizeof *st);
	char		*why = NULL;

	s->data = st;
	if (common_keymap_for_role(s, ms_may, cause) != 0)
		return -1;
	st->fy = common_fy(s, PLAN_FY_FIRST, PLAN_FY_MAX);
	st->sel = 1;
	if (ms_reload(s, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void ms_form_close(struct ms *);

static void
ms_fini(struct screen *s)
{
	struct ms	*st = s->data;

	ms_form_close(st);
	plan_free(&st->cat);
	free(st->rows);
	free(st);
}

static const struct plan_measure *
ms_selected(const struct ms *st)
{
	int i;

	for (i = st->sel; i >= 0 && i < st->nrows; i--)
		if (st->rows[i].kind == MS_MEASURE)
			return &st->cat.measures[st->rows[i].idx];
	return NULL;
}

/* The detail's lines: wrapped to w columns; newly allocated. */
static int
ms_detail_lines(const struct ms *st, const struct plan_measure *m, int w, char ***out)
{
	char **lines = NULL, **wl, *t;
	int n = 0, i, k, nw;
	const char *ph = plan_phase_in(&st->cat, m->id, st->fy);
	char fyb[FY_BUFSIZE];
	struct { const char *title, *now, *orig; } sec[2] = {
		{ plan_tr("Goal"), m->goal, m->orig_goal },
		{ plan_tr("Overview"), m->overview, m->orig_overview },
	};

#define ADD(str) do { lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines); \
	lines[n++] = (str); } while (0)
	ADD(xasprintf("%s %s", m->code, m->name));
	if (m->orig_name != NULL && strcmp(m->orig_name, m->name) != 0)
		ADD(xasprintf("  [%s] %s", plan_tr("as originally planned"), m->orig_name));
	else if (m->orig_name == NULL && m->added_fy != 0)
		ADD(xasprintf("  %s", plan_added_label(m->added_fy, fyb, sizeof fyb)));
	ADD(xasprintf("%s: %s   %s(%s): %s   %s: %s   %s: %s", plan_tr("Status"),
	    plan_status_label(m->status), plan_tr("Phase"), fy_format(st->fy, i18n_lang(), fyb,
	    sizeof fyb), ph ? ph : "-", plan_tr("1st"), m->e1_grade ? m->e1_grade : "-",
	    plan_tr("2nd"), m->e2_grade ? m->e2_grade : "-"));
	ADD(xasprintf("%s: %s", plan_tr("Departments"), m->depts));
	for (i = 0; i < 2; i++) {
		ADD(xstrdup(""));
		ADD(xstrdup(sec[i].title));
		nw = text_wrap(sec[i].now, w - 2, &wl);
		for (k = 0; k < nw; k++)
			ADD(xasprintf("  %s", wl[k]));
		text_wrap_free(wl, nw);
		if (sec[i].orig != NULL && strcmp(sec[i].orig, sec[i].now) != 0) {
			ADD(xasprintf("  [%s]", plan_tr("as originally planned")));
			nw = text_wrap(sec[i].orig, w - 4, &wl);
			for (k = 0; k < nw; k++)
				ADD(xasprintf("    %s", wl[k]));
			text_wrap_free(wl, nw);
		}
	}
	ADD(xstrdup(""));
	ADD(xstrdup(plan_tr("Actions")));
	for (i = 0; i < st->cat.nactions; i++)
		if (st->cat.actions[i].measure_id == m->id) {
			const struct plan_action *ac = &st->cat.actions[i];

			t = xasprintf("(%d) %s [%s]%s%s", ac->seq, ac->title,
			    plan_status_label(ac->status), ac->added_fy ? " " : "", ac->added_fy ?
			    plan_added_label(ac->added_fy, fyb, sizeof fyb) : "");
			nw = text_wrap(t, w - 2, &wl);
			for (k = 0; k < nw; k++)
				ADD(xasprintf("  %s", wl[k]));
			text_wrap_free(wl, nw);
			free(t);
		}
#undef ADD
	*out = lines;
	return n;
}

static void
ms_draw_detail(struct ms *st, const struct plan_measure *m, WINDOW *win, int y, int x, int h,
    int w)
{
	char	**lines;
	int	 n = ms_detail_lines(st, m, w - 1, &lines), i, top;

	tui_view_fit(&st->dv, h, n);
	top = st->dv.top;
	for (i = 0; i < h; i++) {
		tui_blank(win, y + i, x, w, tui_attr(TUI_PAL_NORMAL));
		if (i < st->dv.shown && top + i < n)
			tui_text(win, y + i, x, lines[top + i], w - 1, tui_attr(top + i == 0 ?
			    TUI_PAL_HEADER : TUI_PAL_NORMAL));
	}
	tui_view_mark(&st->dv, win, y, x, h, w);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
ms_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct ms	*st = s->data;
	const struct plan_measure *m;
	int		 i, r, cs = 10, cp = 16, cg = 8, cn;
	char		*t, g[32];

	if (st->form != NULL && st->form_head != NULL) {
		tui_cell(win, y, x, st->form_head, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
		form_draw(st->form, win, y + 1, x, h - 1, w);
		return;
	}
	if (st->form != NULL) {
		form_draw(st->form, win, y, x, h, w);
		return;
	}
	if (st->kpi != NULL) {
		kpi_form_draw(st->kpi, win, y, x, h, w);
		return;
	}
	if (!st->loaded) {
		tui_text(win, y + 1, x + 2, _("No data: the database is not reachable."), w - 4,
		    tui_attr(TUI_PAL_ERROR));
		return;
	}
	if (st->detail && (m = ms_selected(st)) != NULL) {
		ms_draw_detail(st, m, win, y, x, h, w);
		return;
	}
	cn = w - 6 - cs - cp - cg - 4;
	tui_cell(win, y, x, plan_tr("No."), 6, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 6, plan_tr("Measure"), cn + 1, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 7 + cn, plan_tr("Status"), cs + 1, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 8 + cn + cs, plan_tr("Phase"), cp + 1, TEXT_LEFT,
	    tui_attr(TUI_PAL_HEADER));
	snprintf(g, sizeof g, "%s %s", plan_tr("1st"), plan_tr("2nd"));
	tui_cell(win, y, x + 9 + cn + cs + cp, g, w - (9 + cn + cs + cp), TEXT_LEFT,
	    tui_attr(TUI_PAL_HEADER));
	st->page = h - 1;
	if (st->sel < st->top)
		st->top = st->sel;
	if (st->sel > 0 && st->sel - 1 < st->top && st->rows[st->sel - 1].kind == MS_PART)
		st->top = st->sel - 1;	/* a part's first measure: its heading too */
	if (st->sel >= st->top + h - 1)
		st->top = st->sel - h + 2;
	for (r = 1, i = st->top; r < h && i < st->nrows; r++, i++) {
		attr_t a = tui_attr(i == st->sel ? TUI_PAL_SELECTED : TUI_PAL_NORMAL);

		tui_blank(win, y + r, x, w, a);
		if (st->rows[i].kind == MS_PART) {
			m = &st->cat.measures[st->rows[i].idx];
			t = xasprintf(plan_tr("Part %d: %s"), m->part_id, m->part_title);
			tui_text(win, y + r, x, t, w, i == st->sel ? a : tui_attr(TUI_PAL_HEADER));
			free(t);
		} else if (st->rows[i].kind == MS_MEASURE) {
			const char *ph;

			m = &st->cat.measures[st->rows[i].idx];
			ph = plan_phase_in(&st->cat, m->id, st->fy);
			tui_cell(win, y + r, x + 1, m->code, 5, TEXT_LEFT, a);
			tui_cell(win, y + r, x + 6, m->name, cn, TEXT_LEFT, a);
			tui_cell(win, y + r, x + 7 + cn, plan_status_label(m->status), cs, TEXT_LEFT, a);
			tui_cell(win, y + r, x + 8 + cn + cs, ph ? ph : "-", cp, TEXT_LEFT, a);
			snprintf(g, sizeof g, " %s   %s", m->e1_grade ? m->e1_grade : "-",
			    m->e2_grade ? m->e2_grade : "-");
			tui_cell(win, y + r, x + 9 + cn + cs + cp, g, w - (9 + cn + cs + cp), TEXT_LEFT, a);
		} else {
			const struct plan_action *ac = &st->cat.actions[st->rows[i].idx];

			t = xasprintf("  (%d) %s", ac->seq, ac->title);
			tui_cell(win, y + r, x + 6, t, cn, TEXT_LEFT, a);
			tui_cell(win, y + r, x + 7 + cn, plan_status_label(ac->status), cs, TEXT_LEFT, a);
			free(t);
		}
	}
	for (; r < h; r++)
		tui_blank(win, y + r, x, w, tui_attr(TUI_PAL_NORMAL));
	tui_scroll_mark(win, y + 1, x, h - 1, w, st->top, h - 1, st->nrows, st->sel);
}

static void
ms_form_close(struct ms *st)
{
	if (st->form != NULL) {
		form_free(st->form);
		free(st->form);
		st->form = NULL;
	}
	free(st->form_head);
	st->form_head = NULL;
	kpi_form_free(st->kpi);
	st->kpi = NULL;
}

/* Their saved measure against the form (values v): the conflict dialog. */
static enum dialog_conflict_choice
ms_conflict(struct screen *s, char *const *v, const struct plan_measure *t)
{
	struct dialog_diff	 d[3];
	char			 who[64], when[32];
	int			 i;

	store_last_change(s->app->ctx, "measure", t->id, who, when);
	for (i = 0; i < 3; i++) {
		d[i].field = _(ms_fields[i].label);
		d[i].yours = v[i];
	}
	d[0].theirs = t->name;
	d[1].theirs = t->goal;
	d[2].theirs = t->overview;
	return dialog_conflict(who, when, d, 3);
}

/* `e` saved: carrying the version read; a stale one opens the conflict dialog. */
static int
ms_save_edit(struct screen *s, struct ms *st)
{
	struct plan_measure	 t;
	enum dialog_conflict_choice c;
	char			*v[3], *cause = NULL;
	int			 i, rc = -1, tries;

	for (i = 0; i < 3; i++)
		v[i] = form_get(st->form, i);
	for (tries = 0; tries < 2; tries++) {
		free(cause);
		cause = NULL;
		rc = plan_measure_edit(s->app->ctx, st->form_id, v[0], v[1], v[2],
		    st->form_version, &cause);
		if (rc != STORE_STALE || plan_measure_get(s->app->ctx, st->form_id, 0, &t, NULL) != 0)
			break;
		c = ms_conflict(s, v, &t);
		if (c != DIALOG_CANCEL)		/* theirs seen: reload or overwrite */
			st->form_version = t.version;
		if (c == DIALOG_RELOAD) {
			form_set(st->form, 0, t.name);
			form_set(st->form, 1, t.goal);
			form_set(st->form, 2, t.overview);
		}
		if (c != DIALOG_OVERWRITE) {
			free(cause);
			cause = xstrdup(c == DIALOG_RELOAD ? _("Their version is loaded") :
			    _("Not saved: someone else changed this record"));
			rc = 1;
		}
		plan_measure_clear(&t);
		if (rc == 1)
			break;
	}
	for (i = 0; i < 3; i++)
		free(v[i]);
	if (rc != 0) {
		chrome_message(&s->app->msg, rc < 0, "%s", cause);
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	chrome_message(&s->app->msg, 0, "%s", _("Saved"));
	ms_form_close(st);
	return TUI_HANDLED | TUI_RELOAD;
}

/* The form's field for what an addition refused; -1 when none fits. */
static int
ms_bad_field(const struct ms *st, enum plan_field bad)
{
	static const char *const names[] = { [PLAN_F_PART] = "part", [PLAN_F_SEQ] = "seq",
		[PLAN_F_NAME] = "name", [PLAN_F_GOAL] = "goal", [PLAN_F_OVERVIEW] = "overview",
		[PLAN_F_DEPTS] = "depts", [PLAN_F_STATUS] = "status" };

	if (bad <= PLAN_F_NONE || (size_t)bad >= nitems(names) || names[bad] == NULL)
		return -1;
	return form_find(st->form, names[bad]);
}

/* `n` / `A` saved: the addition; a refusal is said beside its field or in the status line. */
static int
ms_save_add(struct screen *s, struct ms *st)
{
	struct plan_new	 in;
	enum plan_field	 bad;
	char		*v[7], *cause = NULL, code[48];
	int		 i, n = st->form->n, rc, id, seq, f;

	for (i = 0; i < n; i++)
		v[i] = form_get(st->form, i);
	memset(&in, 0, sizeof in);
	in.fy = st->fy;
	if (st->form_kind == MS_FORM_MEASURE) {
		in.part = atoi(v[0]);
		in.seq = atoi(v[1]);
		in.name = v[2];
		in.goal = v[3];
		in.overview = v[4];
		in.depts = v[5];
		in.status = v[6];
		rc = plan_measure_add(s->app->ctx, &in, &id, &seq, &bad, &cause);
		snprintf(code, sizeof code, "%d-%d", in.part, seq);
	} else {
		in.measure_id = st->form_id;
		in.seq = atoi(v[0]);
		in.name = v[1];
		in.overview = v[2];
		in.status = v[3];
		in.goal = in.depts = "";
		rc = plan_action_add(s->app->ctx, &in, &id, &seq, &bad, &cause);
		snprintf(code, sizeof code, "%.20s (%d)", st->form_code, seq);
		id = st->form_id;
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	if (rc != 0) {
		if ((f = ms_bad_field(st, bad)) >= 0) {
			free(st->form->fields[f].error);
			st->form->fields[f].error = xstrdup(cause);
			st->form->cur = f;
		}
		chrome_message(&s->app->msg, 1, "%s", cause);
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	chrome_message(&s->app->msg, 0, "%s %s", plan_tr("Added"), code);
	st->sel_id = id;
	st->expanded = st->expanded || st->form_kind == MS_FORM_ACTION;
	ms_form_close(st);
	return TUI_HANDLED | TUI_RELOAD;
}

static int	ms_save_status(struct screen *, struct ms *);

static int
ms_form_key(struct screen *s, struct ms *st, int key, enum action a)
{
	int	 flags = form_key(st->form, key, a);

	if (st->form->want == FORM_WANT_DISCARD) {
		ms_form_close(st);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (st->form->want == FORM_WANT_SAVE) {
		if (st->form_kind == MS_FORM_STATUS)
			return ms_save_status(s, st);
		return st->form_kind == MS_FORM_EDIT ? ms_save_edit(s, st) : ms_save_add(s, st);
	}
	if (a == ACTION_QUIT || a == ACTION_HELP)
		return flags;
	return flags | TUI_HANDLED | TUI_REDRAW;
}

static void
ms_form_open(struct ms *st, const struct plan_measure *m)
{
	ms_form_close(st);
	st->form = xcalloc(1, sizeof *st->form);
	form_init(st->form, N_("Edit measure"), ms_fields, nitems(ms_fields));
	form_set(st->form, 0, m->name);
	form_set(st->form, 1, m->goal);
	form_set(st->form, 2, m->overview);
	st->form_kind = MS_FORM_EDIT;
	st->form_id = m->id;
	st->form_version = m->version;
	st->sel_id = m->id;
}

/* `n`: a new measure in the selected one's part; `A`: a new action under it. */
static void
ms_add_open(struct ms *st, const struct plan_measure *m, enum ms_form_kind kind)
{
	char	 b[16];

	ms_form_close(st);
	st->form = xcalloc(1, sizeof *st->form);
	st->form_kind = kind;
	if (kind == MS_FORM_MEASURE) {
		form_init(st->form, N_("Add a measure"), ms_new_fields, nitems(ms_new_fields));
		st->form_head = xstrdup(_("Add a measure"));
		snprintf(b, sizeof b, "%d", m != NULL ? m->part_id : 1);
		form_set(st->form, 0, b);
		form_set(st->form, 6, "not_started");
		return;
	}
	form_init(st->form, N_("Add a concrete action"), ms_act_fields, nitems(ms_act_fields));
	form_set(st->form, 3, "not_started");
	st->form_id = m->id;
	st->sel_id = m->id;
	snprintf(st->form_code, sizeof st->form_code, "%s", m->code);
	st->form_head = xasprintf("%s  %s %s", _("Add a concrete action"), m->code, m->name);
}

/* `c`: the status chosen from a list (the current one named), saved only on F2. */
static void
ms_status_open(struct ms *st, const struct plan_measure *m)
{
	ms_form_close(st);
	st->form = xcalloc(1, sizeof *st->form);
	st->form_kind = MS_FORM_STATUS;
	form_init(st->form, N_("Status of the measure"), ms_status_fields,
	    nitems(ms_status_fields));
	form_set(st->form, 0, m->status);
	st->form_id = m->id;
	st->form_version = m->version;
	st->sel_id = m->id;
	snprintf(st->form_status, sizeof st->form_status, "%s", m->status);
	snprintf(st->form_code, sizeof st->form_code, "%s", m->code);
	st->form_head = xasprintf("%s %s  (%s: %s)  %s", m->code, m->name, _("now"),
	    plan_status_label(m->status), _("choose, then F2 to save"));
}

/* The chosen status, carrying the version read; the database may refuse. */
static int
ms_save_status(struct screen *s, struct ms *st)
{
	char	*v = form_get(st->form, 0), *cause = NULL;

	if (strcmp(v, st->form_status) == 0) {
		chrome_message(&s->app->msg, 0, "%s %s: %s", st->form_code,
		    plan_status_label(v), _("not changed"));
		free(v);
		ms_form_close(st);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (plan_measure_set_status(s->app->ctx, st->form_id, v, st->form_version,
	    &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		free(v);
		ms_form_close(st);
		return TUI_HANDLED | TUI_RELOAD;
	}
	chrome_message(&s->app->msg, 0, "%s %s: %s", plan_tr("updated"), st->form_code,
	    plan_status_label(v));
	free(v);
	ms_form_close(st);
	return TUI_HANDLED | TUI_RELOAD;
}

/* `E`: the command that exports the catalogue of the year shown. */
static void
ms_export(struct screen *s, struct ms *st)
{
	char	 fy[16];
	const char *w[] = { "measures", "list", "--fy", fy, "--csv", NULL };

	snprintf(fy, sizeof fy, "%d", st->fy);
	people_export(s, w);
}

static int
ms_handle(struct screen *s, int key, enum action a)
{
	struct ms	*st = s->data;
	const struct plan_measure *em;

	if (st->form != NULL)
		return ms_form_key(s, st, key, a);
	if (st->kpi != NULL)
		return kpi_form_key(s, &st->kpi, key, a);
	if (people_hidden(s, a))
		return TUI_HANDLED;
	if (a == ACTION_EXPORT_LINE) {
		ms_export(s, st);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_KPI_ACTUAL && (em = ms_selected(st)) != NULL) {
		st->detail = 0;
		ms_form_close(st);
		st->sel_id = em->id;
		st->kpi = kpi_form_open(s, em->id, em->code, em->name, st->fy);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_STATUS_NEXT && (em = ms_selected(st)) != NULL) {
		st->detail = 0;
		ms_status_open(st, em);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_EDIT && !st->detail && (em = ms_selected(st)) != NULL) {
		ms_form_open(st, em);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_NEW || (a == ACTION_ADD_ACTION && ms_selected(st) != NULL)) {
		st->detail = 0;
		ms_add_open(st, ms_selected(st), a == ACTION_NEW ? MS_FORM_MEASURE : MS_FORM_ACTION);
		return TUI_HANDLED | TUI_REDRAW;
	}

	if (st->detail) {
		if (tui_view_move(&st->dv, a))
			;	/* a line, a page (PgUp/PgDn), first, last */
		else if (a == ACTION_BACK || a == ACTION_ENTER || a == ACTION_LEFT)
			st->detail = 0;
		else
			return TUI_PASS;
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (a) {
	case ACTION_UP: case ACTION_DOWN: case ACTION_HOME: case ACTION_END:
	case ACTION_PAGE_UP: case ACTION_PAGE_DOWN:	/* a page: the rows shown */
		tui_list_move(a, &st->sel, NULL, st->nrows, st->page);
		break;
	case ACTION_ENTER:
		if (ms_selected(st) != NULL) {
			st->detail = 1;
			st->dv.top = 0;
		}
		break;
	case ACTION_RIGHT:
	case ACTION_LEFT: {
		const struct plan_measure *m = ms_selected(st);

		st->sel_id = m != NULL ? m->id : 0;
		st->expanded = a == ACTION_RIGHT;
		ms_build(st);
		break;
	}
	default:
		(void)key;
		return TUI_PASS;
	}
	{
		const struct plan_measure *m = ms_selected(st);

		if (m != NULL && st->rows[st->sel].kind == MS_MEASURE)
			st->sel_id = m->id;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
ms_on_notify(struct screen *s, const char *table, const char *key)
{
	size_t	 i;

	(void)s;
	(void)key;
	for (i = 0; i < nitems(ms_tables); i++)
		if (strcmp(table, ms_tables[i]) == 0)
			return TUI_RELOAD;
	return TUI_PASS;
}

static void
ms_status(struct screen *s, char *buf, size_t len)
{
	struct ms	*st = s->data;

	snprintf(buf, len, "%d", st->cat.nmeasures);
}

const struct screen_ops measures_ops = {
	.keys = ms_keys,			/* n A e c k x, R reload */
	.nkeys = nitems(ms_keys),
	.init = ms_init,			/* first load */
	.draw = ms_draw,			/* the tree, or the detail */
	.handle = ms_handle,			/* move, expand, detail, status, forms */
	.reload = ms_reload,			/* F5, reconnect, NOTIFY */
	.on_notify = ms_on_notify,		/* the plan's tables */
	.status = ms_status,			/* measures shown */
	.fini = ms_fini,
};
