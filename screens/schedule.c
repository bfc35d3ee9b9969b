/*
 * schedule — `:schedule`: the plan's Gantt (backend/gantt.c draws it as text; this
 * screen shows it in a window). Rows = measures (`a` adds their actions), columns =
 * fiscal years 2026-2031, or with `m` the months of one year (`[` `]` change it). The
 * label column stays put while Left/Right scroll the grid a column at a time, so it
 * reads at 80 columns; bars keep their own fill per phase (monochrome) and get a colour
 * per phase where there is colour. Changes to phases, milestones or measures reload it.
 *
 * Editing: Up/Down put the cursor on a row, Tab selects the next bar of the row (drawn
 * reversed); `<` `>` move the whole bar a fiscal year (a month in the month view), `{`
 * `}` end it a year (month) earlier or later. Each save carries the bar's version: a
 * stale one opens the conflict dialog; the database refuses members who may not change
 * the measure and bars outside FY2026-FY2031 (sql/060), and audits the rest.
 */
#include "screens/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/fy.h"
#include "backend/cmd/gantt.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_plan.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"

#define SCHED_WIDTH_YEARS	104	/* 26 label + 6 years of 12 columns + separators */
#define SCHED_WIDTH_MONTHS	92	/* 32 label + 12 months of 4 */

static const char *const sched_tables[] = { "measure", "measure_phase", "milestone", "action" };

static const struct keymap_bind sched_keys[] = {
	{ "Tab", ACTION_NEXT_BAR, 1 },
	{ "<", ACTION_EARLIER, 1 },
	{ ">", ACTION_LATER, 1 },
	{ "{", ACTION_SHRINK, 1 },
	{ "}", ACTION_EXTEND, 1 },
	{ "m", ACTION_MONTHS, 0 },
	{ "a", ACTION_ACTIONS, 0 },
	{ "[", ACTION_PREV_YEAR, 0 },
	{ "]", ACTION_NEXT_YEAR, 0 },
	{ "R", ACTION_RELOAD, 0 },
};

/* A body row of the chart: a measure (action_id 0) or one of its actions. */
struct sched_row {
	int	 measure_id, action_id;
};

struct sched {
	struct plan_catalogue	 cat;
	int			 loaded;
	int			 months;	/* months of fy instead of years */
	int			 actions;
	int			 fy;
	int			 left;		/* grid columns scrolled off to the left */
	int			 top;		/* first body row shown */
	int			 page;		/* body rows shown (the last draw's) */
	struct sched_row	*rows;		/* the chart's body rows, in its order */
	int			 nrows;
	int			 cur;		/* the cursor's row */
	int			 bar;		/* the selected bar among the row's */
	int			 bar_id;	/* its phase id, kept across reloads */
	struct gantt_opts	 opts;		/* as the lines were made */
	char			**lines;
	int			 nlines;
	int			 label;		/* width of the fixed label column */
	int			 width;		/* width the lines were made for (0: again) */
	int			 drawn_w;	/* window width at that time */
};

static void
sched_layout(struct screen *s, int w)
{
	struct sched	*st = s->data;
	struct gantt_opts o;
	char		*cause = NULL;

	gantt_free(st->lines, st->nlines);
	st->lines = NULL;
	st->nlines = 0;
	memset(&o, 0, sizeof o);
	o.width = st->months ? SCHED_WIDTH_MONTHS : SCHED_WIDTH_YEARS;
	if (w > o.width)
		o.width = w;
	o.fy_first = PLAN_FY_FIRST;
	o.fy_last = PLAN_FY_LAST;
	o.months_fy = st->months ? st->fy : 0;
	o.actions = st->actions;
	o.legend = 1;
	o.lang = i18n_lang();
	if (fy_date_parse(app_today(s->app), &o.today, &cause) != 0) {
		free(cause);
		o.today.year = 0;
	}
	st->nlines = gantt_text(&st->cat, &o, &st->lines);
	st->width = o.width;
	st->opts = o;
	/* the label column: as gantt.c lays it out */
	{
		int ncols = st->months ? 12 : PLAN_FY_LAST - PLAN_FY_FIRST + 1;
		int cw = (o.width - 24) / ncols - 1;

		cw = cw > 12 ? 12 : cw < 2 ? 2 : cw;
		st->label = o.width - ncols * (cw + 1);
	}
}

/* The body rows as gantt_text lays them out; the cursor follows bar_id. */
static void
sched_rows(struct sched *st)
{
	int i, j, n = 0;

	free(st->rows);
	st->rows = xcalloc((size_t)(st->cat.nmeasures + st->cat.nactions + 1), sizeof *st->rows);
	for (i = 0; i < st->cat.nmeasures; i++) {
		st->rows[n++].measure_id = st->cat.measures[i].id;
		for (j = 0; st->actions && j < st->cat.nactions; j++)
			if (st->cat.actions[j].measure_id == st->cat.measures[i].id) {
				st->rows[n].measure_id = st->cat.measures[i].id;
				st->rows[n++].action_id = st->cat.actions[j].id;
			}
	}
	st->nrows = n;
	if (st->cur >= n)
		st->cur = n > 0 ? n - 1 : 0;
}

/* The bars drawn in row r (as gantt.c's body_row picks them): indexes into cat.phases. */
static int
sched_bars(const struct sched *st, int r, int *out, int max)
{
	const struct sched_row *row;
	int i, n = 0, own = 0;

	if (r < 0 || r >= st->nrows)
		return 0;
	row = &st->rows[r];
	for (i = 0; i < st->cat.nphases; i++)
		if (st->cat.phases[i].measure_id == row->measure_id &&
		    st->cat.phases[i].action_id == row->action_id)
			own++;
	for (i = 0; i < st->cat.nphases && n < max; i++) {
		const struct plan_phase *ph = &st->cat.phases[i];

		if (ph->measure_id == row->measure_id && (ph->action_id == row->action_id ||
		    (row->action_id == 0 && own == 0)))
			out[n++] = i;
	}
	return n;
}

/* The selected bar, or NULL when the cursor's row has none. */
static const struct plan_phase *
sched_selected(struct sched *st)
{
	int idx[32], n = sched_bars(st, st->cur, idx, (int)nitems(idx));

	if (n == 0)
		return NULL;
	if (st->bar >= n)
		st->bar = n - 1;
	return &st->cat.phases[idx[st->bar]];
}

/* Put the cursor back on the bar with id bar_id (after a reload). */
static void
sched_find_bar(struct sched *st)
{
	int r, k, n, idx[32];

	for (r = 0; st->bar_id != 0 && r < st->nrows; r++) {
		n = sched_bars(st, r, idx, (int)nitems(idx));
		for (k = 0; k < n; k++)
			if (st->cat.phases[idx[k]].id == st->bar_id) {
				st->cur = r;
				st->bar = k;
				return;
			}
	}
}

static int
sched_reload(struct screen *s, char **cause)
{
	struct sched	*st = s->data;
	struct plan_catalogue fresh;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (plan_load(s->app->ctx, 0, NULL, st->fy, &fresh, cause) != 0)
		return -1;	/* the last chart stays on screen */
	plan_free(&st->cat);
	st->cat = fresh;
	st->loaded = 1;
	st->width = 0;		/* lay out again on the next draw */
	sched_rows(st);
	sched_find_bar(st);
	return 0;
}

static int
sched_init(struct screen *s, char **cause)
{
	struct sched	*st = xcalloc(1, sizeof *st);
	char		*why = NULL;

	(void)cause;
	s->data = st;
	st->fy = common_fy(s, PLAN_FY_FIRST, PLAN_FY_LAST);
	if (sched_reload(s, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
sched_fini(struct screen *s)
{
	struct sched	*st = s->data;

	gantt_free(st->lines, st->nlines);
	plan_free(&st->cat);
	free(st->rows);
	free(st);
}

/* The colour role of a bar's fill character; TUI_PAL_NORMAL for anything else. */
static enum tui_pal
sched_pal(const char *ch)
{
	static const enum tui_pal pals[] = { TUI_PAL_OK, TUI_PAL_WARN, TUI_PAL_HEADER,
		TUI_PAL_BORDER };
	size_t	 i;

	for (i = 0; i < nitems(pals); i++)
		if (strcmp(ch, gantt_fill((int)i)) == 0)
			return pals[i];
	if (strcmp(ch, "┆") == 0 || strcmp(ch, "▲") == 0)
		return TUI_PAL_ERROR;
	return TUI_PAL_NORMAL;
}

/*
 * Draw columns [from, from + cols) of line at (y, x), character by character; the line's
 * columns [hl0, hl1) reversed (the selected bar).
 */
static void
sched_slice(WINDOW *win, int y, int x, const char *line, int from, int cols, int colour,
    int hl0, int hl1)
{
	mbstate_t	 ms;
	wchar_t		 wc;
	int		 col = 0, w;
	size_t		 len;
	char		 ch[8];

	memset(&ms, 0, sizeof ms);
	while (*line != '\0' && col < from + cols) {
		len = mbrtowc(&wc, line, strlen(line), &ms);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0 || len >= sizeof ch)
			break;
		w = text_cp_width(wc);
		memcpy(ch, line, len);
		ch[len] = '\0';
		if (col >= from && col + w <= from + cols)
			tui_text(win, y, x + col - from, ch, w, col >= hl0 && col < hl1 ?
			    tui_attr(TUI_PAL_SELECTED) : colour ? tui_attr(sched_pal(ch)) :
			    tui_attr(TUI_PAL_NORMAL));
		else if (col < from && col + w > from)	/* half a wide character */
			tui_text(win, y, x, " ", 1, tui_attr(TUI_PAL_NORMAL));
		col += w;
		line += len;
	}
}

/* A bar's span as text: "令和8年度〜令和9年度", months added where given. */
static char *
sched_span(int fy_from, int month_from, int fy_to, int month_to)
{
	char	 a[FY_BUFSIZE], b[FY_BUFSIZE], *f, *t, *r;

	fy_format(fy_from, i18n_lang(), a, sizeof a);
	fy_format(fy_to, i18n_lang(), b, sizeof b);
	f = month_from ? xasprintf(plan_tr("%s month %d"), a, month_from) : xstrdup(a);
	t = month_to ? xasprintf(plan_tr("%s month %d"), b, month_to) : xstrdup(b);
	r = xasprintf("%s〜%s", f, t);
	free(f);
	free(t);
	return r;
}

static void
sched_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct sched	*st = s->data;
	const struct plan_phase *sel;
	int		 i, row, gridw, maxleft, body, vis, hl0 = -1, hl1 = -1;
	char		*hint, *span;

	if (!st->loaded) {
		tui_text(win, y + 1, x + 2, _("No data: the database is not reachable."), w - 4,
		    tui_attr(TUI_PAL_ERROR));
		return;
	}
	if (st->width == 0 || st->drawn_w != w) {
		sched_layout(s, w);
		st->drawn_w = w;
	}
	gridw = w - st->label;
	maxleft = st->width - st->label - gridw;
	if (maxleft < 0)
		maxleft = 0;
	if (st->left > maxleft)
		st->left = maxleft;
	body = h - 1;			/* the hint line */
	/* body rows that fit beside the header and the lines after the rows */
	vis = body - 3 - (st->nlines - 3 - st->nrows);
	if (vis < 1)
		vis = 1;
	st->page = vis;
	if (st->cur < st->top)
		st->top = st->cur;
	if (st->cur >= st->top + vis)
		st->top = st->cur - vis + 1;
	if ((sel = sched_selected(st)) != NULL && gantt_bar_span(&st->opts, sel, &hl0, &hl1) != 0)
		hl0 = hl1 = -1;
	for (i = 0, row = 0; i < st->nlines && row < body; i++) {
		const char *line = st->lines[i];
		int fixed = i >= 1 && i < st->nlines - 1;	/* header, rows: label stays */
		int cursor = i - 3 == st->cur && i >= 3 && i < 3 + st->nrows;

		if (i >= 3 && i < 3 + st->nrows && i - 3 < st->top)
			continue;	/* scrolled off the top */
		tui_blank(win, y + row, x, w, tui_attr(TUI_PAL_NORMAL));
		if (fixed) {
			sched_slice(win, y + row, x, line, 0, st->label, 0, cursor ? 0 : -1,
			    cursor ? st->label - 1 : -1);
			sched_slice(win, y + row, x + st->label, line, st->label + st->left, gridw, 1,
			    cursor ? hl0 : -1, cursor ? hl1 : -1);
		} else
			sched_slice(win, y + row, x, line, 0, w, i > 0, -1, -1);
		row++;
	}
	hint = xstrdup(st->months ?
	    plan_tr("←→ scroll  m years  [ ] year  a actions  R reload") :
	    plan_tr("←→ scroll  m months  a actions  R reload"));
	if (sel != NULL) {
		char *t = hint;

		span = sched_span(sel->fy_from, sel->month_from, sel->fy_to, sel->month_to);
		hint = xasprintf("▶ %s %s  %s", sel->phase, span, t);
		free(t);
		free(span);
	}
	tui_text(win, y + h - 1, x, hint, w, tui_attr(TUI_PAL_DIM));
	free(hint);
}

/* Their saved bar against yours: the conflict dialog. */
static enum dialog_conflict_choice
sched_conflict(struct screen *s, const struct plan_phase *t, const struct plan_phase *mine)
{
	struct dialog_diff	 d[2];
	char			 who[64], when[32], *a, *b;
	enum dialog_conflict_choice c;

	store_last_change(s->app->ctx, "measure_phase", t->id, who, when);
	a = sched_span(t->fy_from, t->month_from, t->fy_to, t->month_to);
	b = sched_span(mine->fy_from, mine->month_from, mine->fy_to, mine->month_to);
	d[0].field = plan_tr("Phase");
	d[0].theirs = t->phase;
	d[0].yours = mine->phase;
	d[1].field = plan_tr("Period");
	d[1].theirs = a;
	d[1].yours = b;
	c = dialog_conflict(who, when, d, 2);
	free(a);
	free(b);
	return c;
}

/* Fiscal month index of a bar's start/end (fy * 12 + April 0 .. March 11). */
static int
sched_abs(int fy, int month, int dflt)
{
	return fy * 12 + (month ? (month + 8) % 12 : dflt);
}

/*
 * `<` `>` `{` `}`: the selected bar moved (move 1) or its end moved (move 0) by d years,
 * or d months in the month view; saved with the version read. 0 with a message, or the
 * refusal in the status line.
 */
static int
sched_edit(struct screen *s, struct sched *st, int move, int d)
{
	const struct plan_phase *sel = sched_selected(st);
	struct plan_phase mine, cur;
	enum dialog_conflict_choice c;
	char	*cause = NULL, *span;
	int	 a0, a1, rc = -1, tries;

	if (sel == NULL) {
		chrome_message(&s->app->msg, 1, "%s", plan_tr("no bar on this row"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	mine = *sel;
	if (!st->months) {
		mine.fy_from += move ? d : 0;
		mine.fy_to += d;
	} else {
		a0 = sched_abs(sel->fy_from, sel->month_from, 0) + (move ? d : 0);
		a1 = sched_abs(sel->fy_to, sel->month_to, 11) + d;
		mine.fy_from = a0 / 12;
		mine.month_from = (a0 % 12 + 3) % 12 + 1;
		mine.fy_to = a1 / 12;
		mine.month_to = (a1 % 12 + 3) % 12 + 1;
	}
	if (sched_abs(mine.fy_to, mine.month_to, 11) < sched_abs(mine.fy_from, mine.month_from, 0)) {
		chrome_message(&s->app->msg, 1, "%s", plan_tr("the bar cannot be shorter"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	st->bar_id = sel->id;
	for (tries = 0; tries < 2; tries++) {
		free(cause);
		cause = NULL;
		rc = plan_phase_set(s->app->ctx, mine.id, mine.fy_from, mine.fy_to, mine.month_from,
		    mine.month_to, mine.version, &cause);
		if (rc != STORE_STALE || plan_phase_get(s->app->ctx, mine.id, &cur, NULL) != 0)
			break;
		c = sched_conflict(s, &cur, &mine);
		if (c == DIALOG_OVERWRITE)
			mine.version = cur.version;
		else {		/* reload: the screen shows theirs once reloaded */
			free(cause);
			cause = xstrdup(c == DIALOG_RELOAD ? _("Their version is loaded") :
			    _("Not saved: someone else changed this record"));
			rc = 1;
		}
		free(cur.phase);
		if (rc == 1)
			break;
	}
	if (rc != 0) {
		chrome_message(&s->app->msg, rc < 0, "%s", cause);
		free(cause);
		return TUI_HANDLED | TUI_RELOAD;
	}
	span = sched_span(mine.fy_from, mine.month_from, mine.fy_to, mine.month_to);
	chrome_message(&s->app->msg, 0, "%s %s: %s", plan_tr("updated"), mine.phase, span);
	free(span);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
sched_handle(struct screen *s, int key, enum action a)
{
	struct sched	*st = s->data;
	int		 step = st->months ? 4 : 13;

	(void)key;	/* the keymap gave the action */
	switch (a) {
	case ACTION_NEXT_BAR: {
		int idx[32], n = sched_bars(st, st->cur, idx, (int)nitems(idx));

		st->bar = n > 0 ? (st->bar + 1) % n : 0;
		st->bar_id = n > 0 ? st->cat.phases[idx[st->bar]].id : 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	case ACTION_EARLIER:
		return sched_edit(s, st, 1, -1);
	case ACTION_LATER:
		return sched_edit(s, st, 1, 1);
	case ACTION_SHRINK:
		return sched_edit(s, st, 0, -1);
	case ACTION_EXTEND:
		return sched_edit(s, st, 0, 1);
	case ACTION_LEFT:
		st->left = st->left >= step ? st->left - step : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_RIGHT:
		st->left += step;	/* clamped when drawn */
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_UP:
	case ACTION_DOWN:
	case ACTION_HOME:
	case ACTION_END:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN: {
		int to = st->cur;

		tui_list_move(a, &to, NULL, st->nrows, st->page);	/* a page: the rows shown */
		if (to == st->cur)
			return TUI_HANDLED;
		st->cur = to;
		st->bar = 0;
		st->bar_id = sched_selected(st) != NULL ? sched_selected(st)->id : 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	case ACTION_MONTHS:
		st->months = !st->months;
		break;
	case ACTION_ACTIONS:
		st->actions = !st->actions;
		sched_rows(st);
		sched_find_bar(st);
		break;
	case ACTION_PREV_YEAR:
		if (!st->months || st->fy <= PLAN_FY_FIRST)
			return TUI_HANDLED;
		st->fy--;
		break;
	case ACTION_NEXT_YEAR:
		if (!st->months || st->fy >= PLAN_FY_LAST)
			return TUI_HANDLED;
		st->fy++;
		break;
	default:
		return TUI_PASS;
	}
	st->left = 0;
	st->width = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int
sched_on_notify(struct screen *s, const char *table, const char *key)
{
	size_t	 i;

	(void)s;
	(void)key;
	for (i = 0; i < nitems(sched_tables); i++)
		if (strcmp(table, sched_tables[i]) == 0)
			return TUI_RELOAD;
	return TUI_PASS;
}

static void
sched_status(struct screen *s, char *buf, size_t len)
{
	struct sched	*st = s->data;
	char		 f[FY_BUFSIZE];

	snprintf(buf, len, "%s %d", st->months ? fy_format(st->fy, i18n_lang(), f, sizeof f) :
	    "", st->cat.nmeasures);
}

const struct screen_ops schedule_ops = {
	.keys = sched_keys,			/* Tab < > { }, m a [ ], R reload */
	.nkeys = nitems(sched_keys),
	.init = sched_init,			/* first load */
	.draw = sched_draw,			/* the Gantt, label fixed, grid scrolled */
	.handle = sched_handle,			/* cursor, bar edits, scroll, months, year */
	.reload = sched_reload,			/* F5, reconnect, NOTIFY */
	.on_notify = sched_on_notify,		/* phases, milestones, measures, actions */
	.status = sched_status,			/* measures shown */
	.fini = sched_fini,
};
