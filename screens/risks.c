/*
 * risks — the migration's open issues and risks across systems (`:risks`): the list,
 * by due date (s: by impact x likelihood), and a heat summary (impact x likelihood, a
 * 5 x 5 grid of counts; the high corner drawn bold/red, readable in monochrome by its
 * numbers). Enter shows one item, its description and comments. The `risks` commands'
 * writes are keys here, each through the store function the command calls
 * (backend/store/store_risk.c): `n` adds an entry, `e` edits one (description
 * included, with the version read: a stale save opens the conflict dialog), `x` closes
 * one (with a note, confirmed), `c` comments; `E` shows the `ssh ... risks list` line.
 * Writing is for IT (admin) and the system's department (lead): other roles do not see
 * those keys, and a lead's rows of other departments are drawn dim and say why.
 */
#include "screens/risks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/store/outcome.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"
#include "screens/editform.h"
#include "screens/risks_form.h"
#include "screens/screens.h"
#include "screens/sshline.h"
#include "screens/common.h"
#include "screens/people.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

#define GRID_W	22	/* "影響度 5 " + 5 cells of 3 */

static const struct keymap_bind risks_keys[] = {
	{ "Enter", ACTION_ENTER, 0 },	/* the bar keeps to 80 columns: Enter and i in `?` */
	{ "n", ACTION_NEW, 1 },
	{ "e", ACTION_EDIT, 1 },
	{ "c", ACTION_COMMENT, 1 },
	{ "x", ACTION_CLOSE, 1 },
	{ "s", ACTION_SORT, 1 },
	{ "i", ACTION_GO_MIG, 0 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
};

/* Writes are IT's and the departments' (the policies on mig_risk, sql/020). */
static int
risks_may(const struct screen *s, enum action a)
{
	switch (a) {
	case ACTION_NEW:
	case ACTION_EDIT:
	case ACTION_COMMENT:
	case ACTION_CLOSE:
		return people_role_in(common_role(s), "admin lead");
	default:
		return 1;
	}
}

enum risks_mode { RM_NONE, RM_ADD, RM_EDIT, RM_COMMENT, RM_CLOSE };

struct risks {
	struct mig_risks r;
	int		 loaded;
	int		 by_score;	/* sorted by impact x likelihood instead of due date */
	int		*order;
	int		 sel, top, rows;	/* rows: list lines drawn last */
	struct form	*form;		/* the open form (mode says which) */
	enum risks_mode	 mode;
	int		 form_risk;	/* the entry it is for */
	int		 form_sys;	/* its system */
	struct mig_risk_edit mine;	/* RM_EDIT: the form's values, with... */
	int		 version;	/* ...the version read */
	char		*vals[8];	/* the strings mine points at */
	struct mig_risk	 theirs;	/* their saved entry, for the conflict dialog */
	char		 imp[2][8], lik[2][8];
};

static int
score_cmp(const void *a, const void *b, void *arg)
{
	const struct mig_risk *v = arg;
	const struct mig_risk *x = &v[*(const int *)a], *y = &v[*(const int *)b];
	int sx = x->impact * x->likelihood, sy = y->impact * y->likelihood;

	if (sx != sy)
		return sy - sx;
	if (x->impact != y->impact)
		return y->impact - x->impact;
	return *(const int *)a - *(const int *)b;	/* then as loaded: by due date */
}

static void
risks_sort(struct risks *k)
{
	int i;

	free(k->order);
	k->order = xcalloc((size_t)k->r.n + 1, sizeof *k->order);
	for (i = 0; i < k->r.n; i++)
		k->order[i] = i;
	if (k->by_score)
		qsort_r(k->order, (size_t)k->r.n, sizeof *k->order, score_cmp, k->r.v);
}

static int
risks_reload(struct screen *s, char **cause)
{
	struct risks	*k = s->data;
	struct mig_risks fresh;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (mig_risks_load(s->app->ctx, 0, &fresh, cause) != 0)
		return -1;
	mig_risks_free(&k->r);
	k->r = fresh;
	k->loaded = 1;
	risks_sort(k);
	if (k->sel >= k->r.n)
		k->sel = k->r.n > 0 ? k->r.n - 1 : 0;
	return 0;
}

static int
risks_init(struct screen *s, char **cause)
{
	struct risks	*k = xcalloc(1, sizeof *k);
	char		*why = NULL;

	s->data = k;
	if (common_keymap_for_role(s, risks_may, cause) != 0) {
		free(k);
		s->data = NULL;
		return -1;
	}
	k->rows = 10;
	if (risks_reload(s, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
risks_vals_free(struct risks *k)
{
	size_t i;

	for (i = 0; i < nitems(k->vals); i++) {
		free(k->vals[i]);
		k->vals[i] = NULL;
	}
}

static void
risks_form_close(struct risks *k)
{
	editform_close(&k->form);
	k->mode = RM_NONE;
}

static void
risks_fini(struct screen *s)
{
	struct risks *k = s->data;

	mig_risks_free(&k->r);
	mig_risk_free(&k->theirs);
	risks_vals_free(k);
	free(k->order);
	risks_form_close(k);
	free(k);
	s->data = NULL;
}

/* The heat summary: impact 5..1 down, likelihood 1..5 across, counts in the cells. */
static void
risks_grid(struct risks *k, WINDOW *win, int y, int x)
{
	int n[6][6] = { { 0 } }, i, im, li;
	char num[16];
	attr_t a;

	for (i = 0; i < k->r.n; i++)
		if (k->r.v[i].impact >= 1 && k->r.v[i].impact <= 5 &&
		    k->r.v[i].likelihood >= 1 && k->r.v[i].likelihood <= 5)
			n[k->r.v[i].impact][k->r.v[i].likelihood]++;
	tui_text(win, y, x, _("impact \\ likelihood"), GRID_W + 4, tui_attr(TUI_PAL_HEADER));
	for (im = 5; im >= 1; im--) {
		snprintf(num, sizeof num, "%d", im);
		tui_cell(win, y + 6 - im, x, num, 3, TEXT_RIGHT, tui_attr(TUI_PAL_HEADER));
		for (li = 1; li <= 5; li++) {
			a = im * li >= 15 ? tui_attr(TUI_PAL_ERROR) : im * li >= 8 ?
			    tui_attr(TUI_PAL_WARN) : tui_attr(TUI_PAL_DIM);
			if (n[im][li] > 0)
				snprintf(num, sizeof num, "%d", n[im][li]);
			else
				snprintf(num, sizeof num, "·");
			tui_cell(win, y + 6 - im, x + 3 + 3 * li - 2, num, 3, TEXT_RIGHT, a);
		}
	}
	for (li = 1; li <= 5; li++) {
		snprintf(num, sizeof num, "%d", li);
		tui_cell(win, y + 6, x + 3 + 3 * li - 2, num, 3, TEXT_RIGHT, tui_attr(TUI_PAL_HEADER));
	}
}

static void
risks_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct risks	*k = s->data;
	char		 score[16];
	int		 i, line, lw, rows, writer = risks_may(s, ACTION_EDIT);
	attr_t		 a;

	if (k->form != NULL) {	/* the form under its title: what it is for */
		char *t = k->form_risk > 0 ? xasprintf("%s #%d", _(k->form->title), k->form_risk) :
		    xstrdup(_(k->form->title));

		tui_cell(win, y, x, t, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
		free(t);
		form_draw(k->form, win, y + 1, x, h - 1, w);
		return;
	}
	if (!k->loaded || h < 3)
		return;
	lw = w >= 100 ? w - GRID_W - 6 : w;
	if (lw < w)
		risks_grid(k, win, y, x + lw + 3);
	tui_cell(win, y, x + 1, _("due"), 10, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 12, "I×L", 5, TEXT_RIGHT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 18, _("system"), 14, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y, x + 33, _("kind"), 6, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_text(win, y, x + 40, _("title"), lw - 40, tui_attr(TUI_PAL_HEADER));
	rows = lw < w ? h - 1 : h - 9;
	if (rows < 1)
		rows = 1;
	k->rows = rows;
	if (lw == w && h >= 12)
		risks_grid(k, win, y + h - 8, x + 1);
	if (k->sel < k->top)
		k->top = k->sel;
	if (k->sel >= k->top + rows)
		k->top = k->sel - rows + 1;
	line = y + 1;
	for (i = k->top; i < k->r.n && line < y + 1 + rows; i++, line++) {
		const struct mig_risk *r = &k->r.v[k->order[i]];

		/* a writer's rows they may not change: dim (Enter and e say why) */
		a = i == k->sel ? tui_attr(TUI_PAL_SELECTED) : writer && !r->writable ?
		    tui_attr(TUI_PAL_DIM) : tui_attr(TUI_PAL_NORMAL);
		tui_blank(win, line, x, lw, a);
		snprintf(score, sizeof score, "%d×%d", r->impact, r->likelihood);
		tui_cell(win, line, x + 1, r->due, 10, TEXT_LEFT, a);
		tui_cell(win, line, x + 12, score, 5, TEXT_RIGHT,
		    i == k->sel ? a : r->impact * r->likelihood >= 15 ? tui_attr(TUI_PAL_ERROR) : a);
		tui_cell(win, line, x + 18, r->sys, 14, TEXT_LEFT, a);
		tui_cell(win, line, x + 33, mig_risk_kind_label(r->kind), 6, TEXT_LEFT, a);
		tui_text(win, line, x + 40, r->title, lw - 40, a);
	}
	tui_scroll_mark(win, y + 1, x, rows, lw, k->top, rows, k->r.n, k->sel);
	if (k->r.n == 0)
		tui_text(win, y + 1, x + 1, _("no open issues or risks"), lw - 1,
		    tui_attr(TUI_PAL_DIM));
}

static void
risks_status(struct screen *s, char *buf, size_t len)
{
	struct risks *k = s->data;

	if (k->form != NULL) {
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
		return;
	}
	snprintf(buf, len, "%s  %d / %d", k->by_score ? _("by impact x likelihood") :
	    _("by due date"), k->r.n ? k->sel + 1 : 0, k->r.n);
}

static const struct mig_risk *
risks_selected(struct risks *k)
{
	return k->r.n > 0 ? &k->r.v[k->order[k->sel]] : NULL;
}

static void
risks_open(struct screen *s)
{
	struct risks	*k = s->data;
	const struct mig_risk *r = risks_selected(k);
	struct mig_comments c;
	char		**lines, **wrapped, *title, *cause = NULL, *msg;
	int		 n = 0, i, nw, j, cap;

	if (mig_risk_comments_load(s->app->ctx, r->id, &c, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		memset(&c, 0, sizeof c);
	}
	nw = text_wrap(r->description[0] != '\0' ? r->description : "-", 70, &wrapped);
	cap = c.n + nw + 16;
	lines = xcalloc((size_t)cap, sizeof *lines);
	lines[n++] = xasprintf("%s: %s (%s)", _("system"), r->sys, r->dept);
	lines[n++] = xasprintf("%s: %s   %s: %s", _("kind"), mig_risk_kind_label(r->kind), _("status"),
	    mig_risk_status_label(r->status));
	lines[n++] = xasprintf("%s: %d   %s: %d", _("impact"), r->impact, _("likelihood"),
	    r->likelihood);
	lines[n++] = xasprintf("%s: %s   %s: %s", _("due"), r->due, _("step"), r->step);
	lines[n++] = xasprintf("%s: %s", _("owner"), r->owner);
	if (risks_may(s, ACTION_EDIT) && !r->writable) {
		msg = mig_refusal(s->app->ctx, r->sys_id);
		lines[n++] = xasprintf("(%s)", msg);
		free(msg);
	}
	lines[n++] = xstrdup("");
	lines[n++] = xasprintf("── %s", _("description"));
	for (j = 0; j < nw; j++)
		lines[n++] = xstrdup(wrapped[j]);
	text_wrap_free(wrapped, nw);
	lines[n++] = xstrdup("");
	lines[n++] = xasprintf("── %s (%d)", _("comments"), c.n);
	for (i = 0; i < c.n; i++)
		lines[n++] = xasprintf("%s  %s  %s", c.v[i].at, c.v[i].who, c.v[i].body);
	mig_risk_comments_free(&c);
	title = xasprintf("#%d %s", r->id, r->title);
	dialog_text(title, (const char *const *)lines, n);
	free(title);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* A write's outcome on the status line: a policy's refusal says whose system it is. */
static void
risks_report(struct screen *s, int ok, int sys, const char *sqlstate, const char *cause,
    const char *done)
{
	char *msg;

	if (ok)
		chrome_message(&s->app->msg, 0, "%s", done);
	else if (outcome_is(sqlstate, DB_SQLSTATE_DENIED) && sys > 0) {
		msg = mig_refusal(s->app->ctx, sys);
		chrome_message(&s->app->msg, 1, "%s", msg);
		free(msg);
	} else
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Refused"));
}

/* The value of the form's field name, newly allocated ("" when there is no such field). */
static char *
risks_val(struct risks *k, const char *name)
{
	int i = form_find(k->form, name);

	return i >= 0 ? form_get(k->form, i) : xstrdup("");
}

static int
risks_save_add(struct screen *s)
{
	struct risks	*k = s->data;
	char		*v[8], sqlstate[6] = "", *cause = NULL, *done, kind[32];
	static const char *const names[8] = { "system", "title", "kind", "impact",
	    "likelihood", "due", "step", "description" };
	int		 i, id, sys;

	for (i = 0; i < 8; i++)
		v[i] = risks_val(k, names[i]);
	sys = atoi(v[0]);
	id = mig_risk_code(s->app->ctx, MIG_RISK_KIND, v[2], kind, sizeof kind, &cause) != 0 ?
	    -1 : mig_risk_add(s->app->ctx, sys, v[1], kind, atoi(v[3]), atoi(v[4]), v[5],
	    atoi(v[6]), v[7], sqlstate, &cause);
	done = xasprintf("%s %d", _("added risk"), id);
	risks_report(s, id > 0, sys, sqlstate, cause, done);
	free(done);
	free(cause);
	for (i = 0; i < 8; i++)
		free(v[i]);
	if (id > 0)
		risks_form_close(k);
	return TUI_HANDLED | TUI_RELOAD;
}

/* The edit form's values into k->mine (with k->form_risk). */
static void
risks_take_form(struct risks *k)
{
	static const char *const names[8] = { "title", "kind", "status", "impact",
	    "likelihood", "due", "step", "description" };
	int i;

	risks_vals_free(k);
	for (i = 0; i < 8; i++)
		k->vals[i] = risks_val(k, names[i]);
	k->mine.id = k->form_risk;
	k->mine.title = k->vals[0];
	k->mine.kind = k->vals[1];
	k->mine.status = k->vals[2];
	k->mine.impact = atoi(k->vals[3]);
	k->mine.likelihood = atoi(k->vals[4]);
	k->mine.due = k->vals[5];
	k->mine.step_id = atoi(k->vals[6]);
	k->mine.description = k->vals[7];
}

/* r's values into the edit form. */
static void
risks_load_form(struct risks *k, const struct mig_risk *r)
{
	char num[16];

	form_set(k->form, form_find(k->form, "title"), r->title);
	form_set(k->form, form_find(k->form, "kind"), r->kind);
	form_set(k->form, form_find(k->form, "status"),
	    strcmp(r->status, "closed") == 0 ? "resolved" : r->status);
	snprintf(num, sizeof num, "%d", r->impact);
	form_set(k->form, form_find(k->form, "impact"), num);
	snprintf(num, sizeof num, "%d", r->likelihood);
	form_set(k->form, form_find(k->form, "likelihood"), num);
	form_set(k->form, form_find(k->form, "due"), r->due);
	if (r->step_id > 0) {
		snprintf(num, sizeof num, "%d", r->step_id);
		form_set_pick(k->form, form_find(k->form, "step"), num, r->step);
	}
	form_set(k->form, form_find(k->form, "description"), r->description);
}

static int
risks_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct risks	*k = arg;
	char		 sqlstate[6] = "", kind[32], status[32];
	int		 rc;

	/* the kind and status as the command line reads them (mig_risk_code) */
	*stale = 0;
	if (mig_risk_code(s->app->ctx, MIG_RISK_KIND, k->mine.kind, kind, sizeof kind,
	    cause) != 0 || mig_risk_code(s->app->ctx, MIG_RISK_STATUS, k->mine.status, status,
	    sizeof status, cause) != 0)
		return STORE_REFUSED;
	k->mine.kind = kind;
	k->mine.status = status;
	rc = mig_risk_update(s->app->ctx, &k->mine, &k->version, sqlstate, cause);
	k->mine.kind = k->vals[1];	/* kind and status are this call's */
	k->mine.status = k->vals[2];
	*stale = rc == STORE_STALE;
	if (rc == STORE_REFUSED && outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
		free(*cause);
		*cause = mig_refusal(s->app->ctx, k->form_sys);
	}
	return rc;
}

static int
risks_theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct risks	*k = arg;
	struct mig_risk	*t = &k->theirs;

	mig_risk_free(t);
	if (mig_risk_get(s->app->ctx, k->form_risk, t, cause) != STORE_OK)
		return -1;
	store_last_change(s->app->ctx, "mig_risk", k->form_risk, c->who, c->when);
	snprintf(k->imp[0], sizeof k->imp[0], "%d", t->impact);
	snprintf(k->imp[1], sizeof k->imp[1], "%d", k->mine.impact);
	snprintf(k->lik[0], sizeof k->lik[0], "%d", t->likelihood);
	snprintf(k->lik[1], sizeof k->lik[1], "%d", k->mine.likelihood);
	c->d[0] = (struct dialog_diff){ _("title"), t->title, k->mine.title };
	c->d[1] = (struct dialog_diff){ _("kind"), mig_risk_kind_label(t->kind),
	    mig_risk_kind_label(k->mine.kind) };
	c->d[2] = (struct dialog_diff){ _("status"), mig_risk_status_label(t->status),
	    mig_risk_status_label(k->mine.status) };
	c->d[3] = (struct dialog_diff){ _("impact"), k->imp[0], k->imp[1] };
	c->d[4] = (struct dialog_diff){ _("likelihood"), k->lik[0], k->lik[1] };
	c->d[5] = (struct dialog_diff){ _("due"), t->due, k->mine.due };
	c->d[6] = (struct dialog_diff){ _("description"), t->description,
	    k->mine.description };
	c->n = 7;
	return 0;
}

static void
risks_take(struct screen *s, void *arg, int load)
{
	struct risks *k = arg;

	(void)s;
	k->version = k->theirs.version;
	if (load)
		risks_load_form(k, &k->theirs);
}

static const struct editform_saver risks_saver = {
	.save = risks_try,
	.theirs = risks_theirs,
	.take = risks_take,
};

static int
risks_save_edit(struct screen *s)
{
	struct risks	*k = s->data;
	char		*cause = NULL, *done;
	int		 rc;

	risks_take_form(k);
	if (editform_save(s, &risks_saver, k, &rc, &cause) != EDITFORM_DONE) {
		free(cause);
		return TUI_HANDLED | TUI_RELOAD;
	}
	done = xasprintf("#%d: %s", k->form_risk, _("saved"));
	if (rc == STORE_OK) {
		chrome_message(&s->app->msg, 0, "%s", done);
		risks_form_close(k);
	} else
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Refused"));
	free(done);
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
risks_save_comment(struct screen *s)
{
	struct risks	*k = s->data;
	char		*body = form_get(k->form, 0), *cause = NULL, *done;
	char		 sqlstate[6] = "";
	int		 ok;

	ok = mig_risk_comment_add(s->app->ctx, k->form_risk, body, sqlstate, &cause) == 0;
	done = xasprintf("#%d: %s", k->form_risk, _("comment added"));
	risks_report(s, ok, k->form_sys, sqlstate, cause, done);
	free(done);
	free(cause);
	free(body);
	risks_form_close(k);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
risks_save_close(struct screen *s)
{
	struct risks	*k = s->data;
	char		*note = form_get(k->form, 0), *cause = NULL, *done, question[512];
	char		 sqlstate[6] = "";
	int		 ok, sys = 0, i;
	const char	*title = "";

	for (i = 0; i < k->r.n; i++)
		if (k->r.v[i].id == k->form_risk)
			title = k->r.v[i].title;
	snprintf(question, sizeof question, "#%d %s: %s %s", k->form_risk, title,
	    _("close it?"), _("It leaves the open list (risks list --all still shows it)."));
	if (!dialog_confirm(question)) {
		free(note);
		return TUI_HANDLED | TUI_REDRAW;
	}
	ok = mig_risk_close(s->app->ctx, k->form_risk, note, &sys, sqlstate, &cause) == 0;
	done = xasprintf("%s %d", _("closed risk"), k->form_risk);
	risks_report(s, ok, sys, sqlstate, cause, done);
	free(done);
	free(cause);
	free(note);
	risks_form_close(k);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
risks_save(struct screen *s)
{
	struct risks *k = s->data;

	k->form->want = FORM_WANT_NOTHING;
	switch (k->mode) {
	case RM_ADD:
		return risks_save_add(s);
	case RM_EDIT:
		return risks_save_edit(s);
	case RM_CLOSE:
		return risks_save_close(s);
	default:
		return risks_save_comment(s);
	}
}

/* e, c, x on an entry: its form, or why this member may not (the policy's reason). */
static int
risks_form_for(struct screen *s, enum action a)
{
	struct risks	*k = s->data;
	const struct mig_risk *r = risks_selected(k);
	char		*msg;

	if (r == NULL)
		return TUI_HANDLED;
	if (!r->writable) {
		msg = mig_refusal(s->app->ctx, r->sys_id);
		chrome_message(&s->app->msg, 1, "%s", msg);
		free(msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	k->form_risk = r->id;
	k->form_sys = r->sys_id;
	if (a == ACTION_EDIT) {
		k->mode = RM_EDIT;
		k->version = r->version;
		k->form = editform_open(N_("Edit the entry"), risks_edit_fields, risks_nedit_fields,
		    s->app->ctx);
		risks_load_form(k, r);
	} else if (a == ACTION_CLOSE) {
		k->mode = RM_CLOSE;
		k->form = editform_open(N_("Close the entry"), risks_close_fields,
		    risks_nclose_fields, NULL);
	} else {
		k->mode = RM_COMMENT;
		k->form = editform_open(N_("Add a comment"), risks_comment_fields, 1, NULL);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
risks_handle(struct screen *s, int key, enum action a)
{
	struct risks *k = s->data;

	if (k->form != NULL)
		return editform_key(s, &k->form, key, a, risks_save);
	switch (a) {
	case ACTION_NEW:
		k->mode = RM_ADD;
		k->form_risk = 0;
		k->form = editform_open(N_("New issue or risk"), risks_add_fields, risks_nadd_fields,
		    s->app->ctx);
		form_set(k->form, form_find(k->form, "kind"), "issue");
		form_set(k->form, form_find(k->form, "impact"), "3");
		form_set(k->form, form_find(k->form, "likelihood"), "3");
		break;
	case ACTION_EDIT:
	case ACTION_COMMENT:
	case ACTION_CLOSE:
		return risks_form_for(s, a);
	case ACTION_EXPORT_LINE:
		return sshline_show(s, "risks list --format csv", "risks.csv");
	case ACTION_UP:
		if (k->sel > 0)
			k->sel--;
		break;
	case ACTION_DOWN:
		if (k->sel < k->r.n - 1)
			k->sel++;
		break;
	case ACTION_HOME:
		k->sel = 0;
		break;
	case ACTION_END:
		k->sel = k->r.n > 0 ? k->r.n - 1 : 0;
		break;
	case ACTION_PAGE_UP: case ACTION_PAGE_DOWN:	/* a page of the list (tui_list_move) */
		tui_list_move(a, &k->sel, NULL, k->r.n, k->rows);
		break;
	case ACTION_SORT:
		k->by_score = !k->by_score;
		risks_sort(k);
		k->sel = 0;
		break;
	case ACTION_ENTER:
		if (k->r.n > 0)
			risks_open(s);
		break;
	default:
		return TUI_PASS;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
risks_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	return strcmp(table, "mig_risk") == 0 || strcmp(table, "mig_system") == 0 ||
	    strcmp(table, "mig_risk_comment") == 0 ?
	    TUI_RELOAD : TUI_PASS;
}

const struct screen_ops risks_ops = {
	.keys = risks_keys,			/* cut to the role's in init */
	.nkeys = nitems(risks_keys),
	.init = risks_init,
	.draw = risks_draw,			/* list and heat grid, or the open form */
	.handle = risks_handle,
	.reload = risks_reload,
	.on_notify = risks_on_notify,		/* mig_risk */
	.status = risks_status,			/* order and position */
	.fini = risks_fini,
};
