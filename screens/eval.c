/*
 * eval — `:eval`: the fiscal year's evaluation board, one row per measure with the state
 * of each step (1st by the department, the CIO adviser's comment, 2nd by the DX council,
 * published), Enter for the evaluation in full (wrapped by display width), `p` to
 * publish and `r` to open a new revision (each asked first; the database refuses
 * anything out of order, and the refusal is said in the status line), `[` `]` for
 * another year, `E` the `ssh ... eval list` line. Live refresh on NOTIFY. `1`, `c`, `2`
 * and `H` open a form for the 1st evaluation, the CIO adviser's comment, the 2nd
 * evaluation and a hearing; a role sees only the keys of the steps it may take; the save goes through the same store functions as
 * the `eval` command, carrying the version read, so the database's workflow rules and
 * policies decide; a refusal is said on the status line, a stale version opens the
 * conflict dialog.
 */
#include "screens/eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_eval.h"
#include "backend/store/store_plan.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "backend/store/store_staff.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

static const struct keymap_bind ev_keys[] = {
	{ "1", ACTION_EVAL_FIRST, 1 },
	{ "c", ACTION_EVAL_COMMENT, 1 },
	{ "2", ACTION_EVAL_SECOND, 1 },
	{ "p", ACTION_PUBLISH, 1 },
	{ "r", ACTION_REVISE, 1 },
	{ "H", ACTION_HEARING, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
	{ "[", ACTION_PREV_YEAR, 0 },
	{ "]", ACTION_NEXT_YEAR, 0 },
	{ "R", ACTION_RELOAD, 0 },
};

/* Who is shown which step (rs_evaluation_guard and the policies decide). */
static int
ev_may(const struct screen *s, enum action a)
{
	const char *role = common_role(s);

	switch (a) {
	case ACTION_EVAL_FIRST:
	case ACTION_REVISE:
		return people_role_in(role, "admin lead");
	case ACTION_EVAL_COMMENT:
	case ACTION_EVAL_SECOND:
		return people_role_in(role, "auditor");
	case ACTION_PUBLISH:
		return people_role_in(role, "admin");
	case ACTION_HEARING:
		return people_role_in(role, "admin auditor lead");
	default:
		return 1;
	}
}

enum ev_kind { EV_FIRST, EV_COMMENT, EV_SECOND, EV_HEARING, EV_NKINDS };

static const struct form_choice grade_choices[] = {
	{ "A", "A" }, { "B", "B" }, { "C", "C" }, { "D", "D" },
};

static const struct form_field_def first_fields[] = {
	{ .name = "grade", .label = N_("Grade (A-D)"), .type = FORM_CHOICE, .required = 1,
	    .choices = grade_choices, .nchoices = nitems(grade_choices) },
	{ .name = "achievements", .label = N_("Achievements"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 3 },
	{ .name = "issues", .label = N_("Issues"), .type = FORM_MULTILINE, .maxlen = 8000,
	    .rows = 3 },
	{ .name = "next", .label = N_("Next steps"), .type = FORM_MULTILINE, .maxlen = 8000,
	    .rows = 3 },
};

static const struct form_field_def comment_fields[] = {
	{ .name = "comment", .label = N_("CIO adviser's comment"), .type = FORM_MULTILINE,
	    .required = 1, .maxlen = 8000, .rows = 8 },
};

static const struct form_field_def second_fields[] = {
	{ .name = "grade", .label = N_("Grade (A-D)"), .type = FORM_CHOICE, .required = 1,
	    .choices = grade_choices, .nchoices = nitems(grade_choices) },
	{ .name = "findings", .label = N_("Findings"), .type = FORM_MULTILINE, .maxlen = 8000,
	    .rows = 4 },
	{ .name = "instruction", .label = N_("Instruction to the department"),
	    .type = FORM_MULTILINE, .maxlen = 8000, .rows = 4 },
};

static const struct form_field_def hearing_fields[] = {
	{ .name = "date", .label = N_("Day of the hearing"), .type = FORM_DATE, .required = 1 },
	{ .name = "attendees", .label = N_("Attendees"), .type = FORM_TEXT, .maxlen = 8000 },
	{ .name = "notes", .label = N_("What was said"), .type = FORM_MULTILINE, .maxlen = 8000,
	    .rows = 6 },
};

static const struct {
	const struct form_field_def	*defs;
	int				 n;
	const char			*title, *done;
} ev_forms[EV_NKINDS] = {
	[EV_FIRST] = { first_fields, nitems(first_fields), N_("1st evaluation (department)"),
	    N_("1st evaluation saved") },
	[EV_COMMENT] = { comment_fields, nitems(comment_fields), N_("CIO adviser's comment"),
	    N_("CIO adviser's comment saved") },
	[EV_SECOND] = { second_fields, nitems(second_fields), N_("2nd evaluation (DX council)"),
	    N_("2nd evaluation saved") },
	[EV_HEARING] = { hearing_fields, nitems(hearing_fields), N_("Hearing"),
	    N_("Hearing recorded") },
};

struct ev {
	struct plan_eval	*rows;
	int			 n, loaded, fy, sel, top, detail;
	struct tui_view		 dv;		/* the detail's scroll */
	int			 page;		/* list rows shown (the last draw's) */
	struct form		*form;		/* open while writing a step */
	enum ev_kind		 kind;
	int			 mid, version;	/* the measure; the version read (EVAL_NONE) */
	char			*code;		/* the measure's code, for messages */
	char			*form_name;	/* and its name, above the form */
};

static int
ev_reload(struct screen *s, char **cause)
{
	struct ev		*st = s->data;
	struct plan_eval	*rows;
	int			 n;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (eval_board(s->app->ctx, st->fy, 0, &rows, &n, cause) != 0)
		return -1;
	if (st->rows != NULL)
		eval_board_free(st->rows, st->n);
	st->rows = rows;
	st->n = n;
	st->loaded = 1;
	if (st->sel >= n)
		st->sel = n > 0 ? n - 1 : 0;
	return 0;
}

static int
ev_init(struct screen *s, char **cause)
{
	struct ev	*st = xcalloc(1, sizeof *st);
	char		*why = NULL;

	s->data = st;
	if (common_keymap_for_role(s, ev_may, cause) != 0)
		return -1;
	st->fy = common_fy(s, PLAN_FY_FIRST, PLAN_FY_MAX);
	if (ev_reload(s, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
ev_form_close(struct ev *st)
{
	if (st->form != NULL) {
		form_free(st->form);
		free(st->form);
		st->form = NULL;
	}
	free(st->code);
	free(st->form_name);
	st->code = st->form_name = NULL;
}

static void
ev_fini(struct screen *s)
{
	struct ev	*st = s->data;

	ev_form_close(st);

	if (st->rows != NULL)
		eval_board_free(st->rows, st->n);
	free(st);
}

/* Append one line (taken over). */
static void
ev_line(char ***lines, int *n, char *line)
{
	*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
	(*lines)[(*n)++] = line;
}

/* A title line, then text wrapped to w - 2 and indented. */
static void
ev_add(char ***lines, int *n, const char *title, const char *text, int w)
{
	char	**wl;
	int	 k, nw;

	*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
	(*lines)[(*n)++] = xstrdup(title);
	nw = text_wrap(text != NULL && *text != '\0' ? text : "-", w - 2, &wl);
	for (k = 0; k < nw; k++) {
		*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
		(*lines)[(*n)++] = xasprintf("  %s", wl[k]);
	}
	text_wrap_free(wl, nw);
}

static void
ev_draw_detail(struct ev *st, WINDOW *win, int y, int x, int h, int w)
{
	const struct plan_eval *e = &st->rows[st->sel];
	char	**lines = NULL, fyb[FY_BUFSIZE], *t;
	int	 n = 0, i;

	t = xasprintf("%s %s  %s  %s %d", e->code, e->name, fy_format(st->fy, i18n_lang(), fyb,
	    sizeof fyb), plan_tr("Rev."), e->revision);
	ev_line(&lines, &n, t);
	t = xasprintf("%s: %s", plan_tr("1st evaluation grade"), e->e1_at ? e->e1_grade :
	    plan_tr("not submitted"));
	ev_line(&lines, &n, t);
	ev_add(&lines, &n, plan_tr("Achievements"), e->e1_achievements, w - 1);
	ev_add(&lines, &n, plan_tr("Issues"), e->e1_issues, w - 1);
	ev_add(&lines, &n, plan_tr("Next steps"), e->e1_next, w - 1);
	ev_add(&lines, &n, plan_tr("CIO adviser's comment"), e->cio_comment, w - 1);
	t = xasprintf("%s: %s", plan_tr("2nd evaluation grade"), e->e2_at ? e->e2_grade :
	    plan_tr("not submitted"));
	ev_line(&lines, &n, t);
	ev_add(&lines, &n, plan_tr("Findings"), e->e2_findings, w - 1);
	ev_add(&lines, &n, plan_tr("Instruction"), e->e2_instruction, w - 1);
	t = xasprintf("%s: %s", plan_tr("Published"), e->published_at ? e->published_at :
	    plan_tr("not published"));
	ev_line(&lines, &n, t);
	tui_view_fit(&st->dv, h, n);
	for (i = 0; i < h; i++) {
		tui_blank(win, y + i, x, w, tui_attr(TUI_PAL_NORMAL));
		if (i < st->dv.shown && st->dv.top + i < n)
			tui_text(win, y + i, x, lines[st->dv.top + i], w - 1,
			    tui_attr(st->dv.top + i == 0 ? TUI_PAL_HEADER : TUI_PAL_NORMAL));
	}
	tui_view_mark(&st->dv, win, y, x, h, w);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
ev_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct ev	*st = s->data;
	int		 i, r, cn = w - 6 - 3 * 6 - 12;
	char		 fyb[FY_BUFSIZE], *t;

	if (st->form != NULL) {
		t = xasprintf("%s  %s %s  %s", _(ev_forms[st->kind].title), st->code,
		    st->form_name, fy_format(st->fy, i18n_lang(), fyb, sizeof fyb));
		tui_cell(win, y, x, t, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
		free(t);
		form_draw(st->form, win, y + 1, x, h - 1, w);
		return;
	}
	if (!st->loaded) {
		tui_text(win, y + 1, x + 2, _("No data: the database is not reachable."), w - 4,
		    tui_attr(TUI_PAL_ERROR));
		return;
	}
	if (st->detail && st->n > 0) {
		ev_draw_detail(st, win, y, x, h, w);
		return;
	}
	t = xasprintf("%s  %s", plan_tr("Evaluations"), fy_format(st->fy, i18n_lang(), fyb,
	    sizeof fyb));
	tui_cell(win, y, x, t, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	free(t);
	tui_cell(win, y + 1, x, plan_tr("No."), 6, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + 1, x + 6, plan_tr("Measure"), cn, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + 1, x + 6 + cn, plan_tr("1st"), 6, TEXT_CENTER, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + 1, x + 12 + cn, plan_tr("CIO"), 6, TEXT_CENTER, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + 1, x + 18 + cn, plan_tr("2nd"), 6, TEXT_CENTER, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + 1, x + 24 + cn, plan_tr("Published"), w - 24 - cn, TEXT_CENTER,
	    tui_attr(TUI_PAL_HEADER));
	st->page = h - 2;
	if (st->sel < st->top)
		st->top = st->sel;
	if (st->sel >= st->top + h - 2)
		st->top = st->sel - h + 3;
	for (r = 2, i = st->top; r < h && i < st->n; r++, i++) {
		const struct plan_eval *e = &st->rows[i];
		attr_t a = tui_attr(i == st->sel ? TUI_PAL_SELECTED : TUI_PAL_NORMAL);
		attr_t ok = i == st->sel ? a : tui_attr(TUI_PAL_OK);

		tui_blank(win, y + r, x, w, a);
		tui_cell(win, y + r, x + 1, e->code, 5, TEXT_LEFT, a);
		tui_cell(win, y + r, x + 6, e->name, cn, TEXT_LEFT, a);
		tui_cell(win, y + r, x + 6 + cn, e->e1_at ? e->e1_grade : e->id ? "…" : "-", 6,
		    TEXT_CENTER, e->e1_at ? ok : a);
		tui_cell(win, y + r, x + 12 + cn, e->cio_comment ? "●" : "-", 6, TEXT_CENTER,
		    e->cio_comment ? ok : a);
		tui_cell(win, y + r, x + 18 + cn, e->e2_at ? e->e2_grade : "-", 6, TEXT_CENTER,
		    e->e2_at ? ok : a);
		tui_cell(win, y + r, x + 24 + cn, e->published_at ? e->published_at : "-",
		    w - 24 - cn, TEXT_CENTER, e->published_at ? ok : a);
	}
	for (; r < h; r++)
		tui_blank(win, y + r, x, w, tui_attr(TUI_PAL_NORMAL));
	tui_scroll_mark(win, y + 2, x, h - 2, w, st->top, h - 2, st->n, st->sel);
}

/* The step's fields of evaluation e into the form. */
static void
ev_form_load(struct ev *st, const struct plan_eval *e)
{
	const char	*v[3];
	int		 i;

	switch (st->kind) {
	case EV_FIRST:
		form_set(st->form, 0, e->e1_grade);
		v[0] = e->e1_achievements;
		v[1] = e->e1_issues;
		v[2] = e->e1_next;
		for (i = 0; i < 3; i++)
			form_set(st->form, i + 1, v[i] != NULL ? v[i] : "");
		break;
	case EV_COMMENT:
		form_set(st->form, 0, e->cio_comment != NULL ? e->cio_comment : "");
		break;
	case EV_HEARING:
		break;
	default:
		form_set(st->form, 0, e->e2_grade);
		form_set(st->form, 1, e->e2_findings != NULL ? e->e2_findings : "");
		form_set(st->form, 2, e->e2_instruction != NULL ? e->e2_instruction : "");
		break;
	}
	st->version = e->id != 0 ? e->version : EVAL_NONE;
}

static void
ev_form_open(struct screen *s, enum ev_kind kind)
{
	struct ev		*st = s->data;
	const struct plan_eval	*e = &st->rows[st->sel];

	ev_form_close(st);
	st->form = xcalloc(1, sizeof *st->form);
	st->kind = kind;
	form_init(st->form, ev_forms[kind].title, ev_forms[kind].defs, ev_forms[kind].n);
	st->mid = e->measure_id;
	st->code = xstrdup(e->code);
	st->form_name = xstrdup(e->name);
	ev_form_load(st, e);
}

/* The evaluation as saved now (row of the board for the measure); 0 or -1. */
static int
ev_current(struct screen *s, struct plan_eval **cur)
{
	struct ev	*st = s->data;
	char		*cause = NULL;
	int		 n;

	if (eval_board(s->app->ctx, st->fy, st->mid, cur, &n, &cause) != 0 || n != 1) {
		if (cause == NULL)
			eval_board_free(*cur, n);
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return -1;
	}
	return 0;
}

/* Their saved evaluation against the form (values v): the conflict dialog. */
static enum dialog_conflict_choice
ev_conflict(struct screen *s, char *const *v, const struct plan_eval *t)
{
	struct ev		*st = s->data;
	struct dialog_diff	 d[4];
	char			 who[64], when[32];
	int			 i;

	store_last_change(s->app->ctx, "evaluation", t->id, who, when);
	for (i = 0; i < st->form->n; i++)
		d[i].field = _(st->form->fields[i].def->label);
	switch (st->kind) {
	case EV_FIRST:
		d[0].theirs = t->e1_grade;
		d[1].theirs = t->e1_achievements;
		d[2].theirs = t->e1_issues;
		d[3].theirs = t->e1_next;
		break;
	case EV_COMMENT:
		d[0].theirs = t->cio_comment;
		break;
	default:
		d[0].theirs = t->e2_grade;
		d[1].theirs = t->e2_findings;
		d[2].theirs = t->e2_instruction;
		break;
	}
	for (i = 0; i < st->form->n; i++)
		d[i].yours = v[i];
	return dialog_conflict(who, when, d, st->form->n);
}

static int
ev_form_save(struct screen *s)
{
	struct ev		*st = s->data;
	struct plan_eval	*cur;
	struct eval_input	 in;
	char			*v[4] = { NULL, NULL, NULL, NULL }, *cause = NULL;
	int			 i, rc = -1, tries, flags = TUI_HANDLED | TUI_RELOAD;

	for (i = 0; i < st->form->n; i++)
		v[i] = form_get(st->form, i);
	for (tries = 0; tries < 2; tries++) {
		in = (struct eval_input){ v[0], v[1], v[2], v[3], st->version };
		free(cause);
		cause = NULL;
		if (st->kind == EV_HEARING) {
			rc = eval_hearing(s->app->ctx, st->mid, st->fy, v[0], v[1], v[2], &cause);
			break;	/* a new row: nothing to be stale */
		}
		if (st->kind == EV_FIRST)
			rc = eval_submit(s->app->ctx, st->mid, st->fy, &in, &cause);
		else if (st->kind == EV_COMMENT)
			rc = eval_comment_v(s->app->ctx, st->mid, st->fy, v[0], st->version, &cause);
		else
			rc = eval_second(s->app->ctx, st->mid, st->fy, &in, &cause);
		if (rc != STORE_STALE || ev_current(s, &cur) != 0)
			break;
		switch (ev_conflict(s, v, cur)) {
		case DIALOG_RELOAD:
			ev_form_load(st, cur);
			chrome_message(&s->app->msg, 0, "%s", _("Their version is loaded"));
			rc = 1;
			break;
		case DIALOG_OVERWRITE:
			st->version = cur->id != 0 ? cur->version : EVAL_NONE;
			break;
		default:
			chrome_message(&s->app->msg, 1, "%s", _("Not saved: someone else changed "
			    "this record"));
			rc = 1;
			break;
		}
		eval_board_free(cur, 1);
		if (rc == 1)
			break;
	}
	if (rc == 0) {
		chrome_message(&s->app->msg, 0, "%s %s", _(ev_forms[st->kind].done), st->code);
		ev_form_close(st);
	} else if (rc < 0) {
		chrome_message(&s->app->msg, 1, "%s: %s", st->code, cause != NULL ? cause : "?");
		flags = TUI_HANDLED | TUI_REDRAW;
	}
	free(cause);
	for (i = 0; i < 4; i++)
		free(v[i]);
	return flags;
}

static int
ev_form_key(struct screen *s, int key, enum action a)
{
	struct ev	*st = s->data;
	int		 flags = form_key(st->form, key, a);

	if (st->form->want == FORM_WANT_DISCARD) {
		ev_form_close(st);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (st->form->want == FORM_WANT_SAVE)
		return ev_form_save(s);
	if (a == ACTION_QUIT || a == ACTION_HELP)
		return flags;
	return flags | TUI_HANDLED | TUI_REDRAW;	/* nothing leaks to the board */
}

/* `p` and `r`: asked first (what changes, for which measure and year), then the store. */
static int
ev_publish_revise(struct screen *s, struct ev *st, enum action a)
{
	const struct plan_eval *e = &st->rows[st->sel];
	char	*q, *cause = NULL, fyb[FY_BUFSIZE];
	int	 rc, rev = 0, yes;

	fy_format(st->fy, i18n_lang(), fyb, sizeof fyb);
	if (a == ACTION_PUBLISH)
		q = xasprintf(_("Publish the evaluation of %s %s (%s)? It is read-only afterwards; "
		    "a correction is a new revision."), e->code, e->name, fyb);
	else
		q = xasprintf(_("Open revision %d of the evaluation of %s %s (%s)? The published "
		    "one stays as it is."), e->revision + 1, e->code, e->name, fyb);
	yes = dialog_confirm(q);
	free(q);
	if (!yes)
		return TUI_HANDLED | TUI_REDRAW;
	if (a == ACTION_PUBLISH)
		rc = eval_publish(s->app->ctx, e->measure_id, st->fy, &cause);
	else
		rc = eval_revise(s->app->ctx, e->measure_id, st->fy, &rev, &cause);
	if (rc != 0) {
		chrome_message(&s->app->msg, 1, "%s %s: %s", a == ACTION_PUBLISH ?
		    plan_tr("publish") : _("Revise"), e->code, cause != NULL ? cause : "?");
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_PUBLISH)
		chrome_message(&s->app->msg, 0, "%s %s", plan_tr("published"), e->code);
	else
		chrome_message(&s->app->msg, 0, "%s %s: %s %d", _("Revise"), e->code,
		    plan_tr("new revision"), rev);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
ev_handle(struct screen *s, int key, enum action a)
{
	struct ev	*st = s->data;

	if (st->form != NULL)
		return ev_form_key(s, key, a);
	if (people_hidden(s, a))
		return TUI_HANDLED;
	if (a == ACTION_EXPORT_LINE) {
		char	 fy[16];
		const char *w[] = { "eval", "list", "--fy", fy, "--csv", NULL };

		snprintf(fy, sizeof fy, "%d", st->fy);
		people_export(s, w);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (st->n > 0 && !st->detail && (a == ACTION_EVAL_FIRST || a == ACTION_EVAL_SECOND ||
	    a == ACTION_EVAL_COMMENT || a == ACTION_HEARING)) {
		ev_form_open(s, a == ACTION_EVAL_FIRST ? EV_FIRST : a == ACTION_EVAL_SECOND ?
		    EV_SECOND : a == ACTION_HEARING ? EV_HEARING : EV_COMMENT);
		if (a == ACTION_HEARING)
			form_set(st->form, 0, app_today(s->app));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (st->n > 0 && (a == ACTION_PUBLISH || a == ACTION_REVISE))
		return ev_publish_revise(s, st, a);

	if (st->detail) {
		if (tui_view_move(&st->dv, a))
			;	/* a line, a page (PgUp/PgDn), first, last */
		else if (a == ACTION_BACK || a == ACTION_ENTER || a == ACTION_LEFT)
			st->detail = 0;
		else
			return TUI_PASS;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (tui_list_move(a, &st->sel, NULL, st->n, st->page))
		;	/* up, down, a page (PgUp/PgDn), first, last */
	else if (a == ACTION_ENTER && st->n > 0) {
		st->detail = 1;
		st->dv.top = 0;
	} else if ((a == ACTION_PREV_YEAR && st->fy > PLAN_FY_FIRST) ||
	    (a == ACTION_NEXT_YEAR && st->fy < PLAN_FY_MAX)) {
		st->fy += a == ACTION_PREV_YEAR ? -1 : 1;
		return TUI_HANDLED | TUI_RELOAD;
	} else
		return TUI_PASS;
	return TUI_HANDLED | TUI_REDRAW;
}

static int
ev_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	if (strcmp(table, "evaluation") == 0 || strcmp(table, "hearing") == 0 ||
	    strcmp(table, "measure") == 0)
		return TUI_RELOAD;
	return TUI_PASS;
}

static void
ev_status(struct screen *s, char *buf, size_t len)
{
	struct ev	*st = s->data;
	int		 i, e1 = 0, e2 = 0, pub = 0;

	if (st->form != NULL) {
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
		return;
	}
	for (i = 0; i < st->n; i++) {
		e1 += st->rows[i].e1_at != NULL;
		e2 += st->rows[i].e2_at != NULL;
		pub += st->rows[i].published_at != NULL;
	}
	snprintf(buf, len, "%s %d  %s %d  %s %d / %d", plan_tr("1st"), e1, plan_tr("2nd"), e2,
	    plan_tr("Published"), pub, st->n);
}

const struct screen_ops eval_ops = {
	.keys = ev_keys,			/* 1 c 2 H forms, p r, x, [ ] year, R */
	.nkeys = nitems(ev_keys),
	.init = ev_init,			/* this fiscal year's board */
	.draw = ev_draw,			/* the board, or one evaluation in full */
	.handle = ev_handle,			/* move, detail, forms, publish, year */
	.reload = ev_reload,			/* F5, reconnect, NOTIFY */
	.on_notify = ev_on_notify,		/* evaluations, hearings, measures */
	.status = ev_status,			/* counts per step */
	.fini = ev_fini,
};
