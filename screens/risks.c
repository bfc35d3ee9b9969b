/*
 * risks — the migration's open issues and risks across systems (`:risks`): the list,
 * by due date (s: by impact x likelihood), and a heat summary (impact x likelihood, a
 * 5 x 5 grid of counts; the high corner drawn bold/red, readable in monochrome by its
 * numbers). Enter shows one item. Data from backend/store_risk.c.
 */
#include "screens/risks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/store/outcome.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"
#include "screens/editform.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

#define GRID_W	22	/* "影響度 5 " + 5 cells of 3 */

static const struct keymap_bind risks_keys[] = {
	{ "Enter", ACTION_ENTER, 1 },
	{ "s", ACTION_SORT, 1 },
	{ "i", ACTION_GO_MIG, 1 },
	{ "c", ACTION_NEW, 0 },
};

static const struct form_field_def comment_fields[] = {
	{ .name = "body", .label = N_("comment"), .type = FORM_MULTILINE, .required = 1,
	    .maxlen = 4000, .rows = 4 },
};

struct risks {
	struct mig_risks r;
	int		 loaded;
	int		 by_score;	/* sorted by impact x likelihood instead of due date */
	int		*order;
	int		 sel, top;
	struct form	*form;		/* c: a comment on the selected item */
	int		 form_risk;	/* the item it is for */
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

	(void)cause;
	s->data = k;
	if (risks_reload(s, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
risks_fini(struct screen *s)
{
	struct risks *k = s->data;

	mig_risks_free(&k->r);
	free(k->order);
	editform_close(&k->form);
	free(k);
	s->data = NULL;
}

static const char *
kind_label(const char *kind)
{
	if (strcmp(kind, "issue") == 0)
		return _("issue");
	if (strcmp(kind, "risk") == 0)
		return _("risk");
	return _("question");
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
	int		 i, line, lw, rows;
	attr_t		 a;

	if (k->form != NULL) {
		form_draw(k->form, win, y, x, h, w);
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
	if (lw == w && h >= 12)
		risks_grid(k, win, y + h - 8, x + 1);
	if (k->sel < k->top)
		k->top = k->sel;
	if (k->sel >= k->top + rows)
		k->top = k->sel - rows + 1;
	line = y + 1;
	for (i = k->top; i < k->r.n && line < y + 1 + rows; i++, line++) {
		const struct mig_risk *r = &k->r.v[k->order[i]];

		a = i == k->sel ? tui_attr(TUI_PAL_SELECTED) : tui_attr(TUI_PAL_NORMAL);
		tui_blank(win, line, x, lw, a);
		snprintf(score, sizeof score, "%d×%d", r->impact, r->likelihood);
		tui_cell(win, line, x + 1, r->due, 10, TEXT_LEFT, a);
		tui_cell(win, line, x + 12, score, 5, TEXT_RIGHT,
		    i == k->sel ? a : r->impact * r->likelihood >= 15 ? tui_attr(TUI_PAL_ERROR) : a);
		tui_cell(win, line, x + 18, r->sys, 14, TEXT_LEFT, a);
		tui_cell(win, line, x + 33, kind_label(r->kind), 6, TEXT_LEFT, a);
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

static void
risks_open(struct screen *s)
{
	struct risks	*k = s->data;
	const struct mig_risk *r = &k->r.v[k->order[k->sel]];
	struct mig_comments c;
	char		**lines, *title, *cause = NULL;
	int		 n = 0, i;

	if (mig_risk_comments_load(s->app->ctx, r->id, &c, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		memset(&c, 0, sizeof c);
	}
	lines = xcalloc((size_t)c.n + 10, sizeof *lines);

	lines[n++] = xasprintf("%s: %s (%s)", _("system"), r->sys, r->dept);
	lines[n++] = xasprintf("%s: %s   %s: %s", _("kind"), kind_label(r->kind), _("status"),
	    r->status);
	lines[n++] = xasprintf("%s: %d   %s: %d", _("impact"), r->impact, _("likelihood"),
	    r->likelihood);
	lines[n++] = xasprintf("%s: %s   %s: %s", _("due"), r->due, _("step"), r->step);
	lines[n++] = xasprintf("%s: %s", _("owner"), r->owner);
	lines[n++] = xstrdup("");
	lines[n++] = xasprintf("── %s (%d)   %s", _("comments"), c.n, _("c: add a comment"));
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

static int
risks_comment_save(struct screen *s)
{
	struct risks	*k = s->data;
	char		*body = form_get(k->form, 0), *cause = NULL, *msg;
	char		 sqlstate[6] = "";
	int		 i, sys = 0;

	k->form->want = FORM_WANT_NOTHING;
	for (i = 0; i < k->r.n; i++)
		if (k->r.v[i].id == k->form_risk)
			sys = k->r.v[i].sys_id;
	if (mig_risk_comment_add(s->app->ctx, k->form_risk, body, sqlstate, &cause) == 0)
		chrome_message(&s->app->msg, 0, "#%d: %s", k->form_risk, _("comment added"));
	else if (outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
		msg = mig_refusal(s->app->ctx, sys);
		chrome_message(&s->app->msg, 1, "%s", msg);
		free(msg);
	} else
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
	free(cause);
	free(body);
	editform_close(&k->form);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
risks_handle(struct screen *s, int key, enum action a)
{
	struct risks *k = s->data;

	if (k->form != NULL)
		return editform_key(s, &k->form, key, a, risks_comment_save);
	switch (a) {
	case ACTION_NEW:
		if (k->r.n == 0)
			break;
		k->form_risk = k->r.v[k->order[k->sel]].id;
		k->form = editform_open(N_("Add a comment"), comment_fields, 1, NULL);
		break;
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
		tui_list_move(a, &k->sel, NULL, k->r.n, LINES - 14);
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
	.keys = risks_keys,			/* Enter, s sort, i board */
	.nkeys = nitems(risks_keys),
	.init = risks_init,
	.draw = risks_draw,			/* list and heat grid */
	.handle = risks_handle,
	.reload = risks_reload,
	.on_notify = risks_on_notify,		/* mig_risk */
	.status = risks_status,			/* order and position */
	.fini = risks_fini,
};
