/*
 * schedule — `:schedule`: the plan's Gantt (backend/gantt.c draws it as text; this
 * screen shows it in a window). Rows = measures (`a` adds their actions), columns =
 * fiscal years 2026-2031, or with `m` the months of one year (`[` `]` change it). The
 * label column stays put while Left/Right scroll the grid a column at a time, so it
 * reads at 80 columns; bars keep their own fill per phase (monochrome) and get a colour
 * per phase where there is colour. Changes to phases, milestones or measures reload it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/fy.h"
#include "backend/gantt.h"
#include "backend/i18n.h"
#include "backend/store_plan.h"
#include "backend/util.h"
#include "screens/screens.h"
#include "tui/app.h"

#define SCHED_WIDTH_YEARS	104	/* 26 label + 6 years of 12 columns + separators */
#define SCHED_WIDTH_MONTHS	92	/* 32 label + 12 months of 4 */

static const char *const sched_tables[] = { "measure", "measure_phase", "milestone", "action" };

static const struct keymap_bind sched_keys[] = {
	{ "R", ACTION_RELOAD, 0 },
};

struct sched {
	struct plan_catalogue	 cat;
	int			 loaded;
	int			 months;	/* months of fy instead of years */
	int			 actions;
	int			 fy;
	int			 left;		/* grid columns scrolled off to the left */
	int			 top;		/* first body row shown */
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
	/* the label column: as gantt.c lays it out */
	{
		int ncols = st->months ? 12 : PLAN_FY_LAST - PLAN_FY_FIRST + 1;
		int cw = (o.width - 24) / ncols - 1;

		cw = cw > 12 ? 12 : cw < 2 ? 2 : cw;
		st->label = o.width - ncols * (cw + 1);
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
	return 0;
}

static int
sched_init(struct screen *s, char **cause)
{
	struct sched	*st = xcalloc(1, sizeof *st);
	struct fy_date	 d;
	char		*why = NULL;

	(void)cause;
	s->data = st;
	st->fy = s->app->fy;
	if (st->fy == 0) {
		st->fy = PLAN_FY_FIRST;
		if (fy_date_parse(app_today(s->app), &d, &why) == 0)
			st->fy = fy_of_date(d.year, d.month, d.day);
		free(why);
		why = NULL;
	}
	if (st->fy < PLAN_FY_FIRST)
		st->fy = PLAN_FY_FIRST;
	if (st->fy > PLAN_FY_LAST)
		st->fy = PLAN_FY_LAST;
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

/* Draw columns [from, from + cols) of line at (y, x), character by character. */
static void
sched_slice(WINDOW *win, int y, int x, const char *line, int from, int cols, int colour)
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
			tui_text(win, y, x + col - from, ch, w, colour ?
			    tui_attr(sched_pal(ch)) : tui_attr(TUI_PAL_NORMAL));
		else if (col < from && col + w > from)	/* half a wide character */
			tui_text(win, y, x, " ", 1, tui_attr(TUI_PAL_NORMAL));
		col += w;
		line += len;
	}
}

static void
sched_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct sched	*st = s->data;
	int		 i, row, gridw, maxleft, body;

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
	for (i = 0, row = 0; i < st->nlines && row < body; i++) {
		const char *line = st->lines[i];
		int fixed = i >= 1 && i < st->nlines - 1;	/* header, rows: label stays */

		if (i >= 3 && i < st->nlines - 2 && i - 3 < st->top)
			continue;	/* scrolled off the top */
		tui_blank(win, y + row, x, w, tui_attr(TUI_PAL_NORMAL));
		if (fixed) {
			sched_slice(win, y + row, x, line, 0, st->label, 0);
			sched_slice(win, y + row, x + st->label, line, st->label + st->left, gridw, 1);
		} else
			sched_slice(win, y + row, x, line, 0, w, i > 0);
		row++;
	}
	tui_text(win, y + h - 1, x, st->months ?
	    plan_tr("←→ scroll  m years  [ ] year  a actions  R reload") :
	    plan_tr("←→ scroll  m months  a actions  R reload"), w, tui_attr(TUI_PAL_DIM));
}

static int
sched_handle(struct screen *s, int key, enum action a)
{
	struct sched	*st = s->data;
	int		 step = st->months ? 4 : 13;

	switch (a) {
	case ACTION_LEFT:
		st->left = st->left >= step ? st->left - step : 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_RIGHT:
		st->left += step;	/* clamped when drawn */
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_UP:
		if (st->top > 0)
			st->top--;
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_DOWN:
		if (st->top + 1 < st->nlines - 5)
			st->top++;
		return TUI_HANDLED | TUI_REDRAW;
	default:
		break;
	}
	switch (key) {
	case 'm':
		st->months = !st->months;
		break;
	case 'a':
		st->actions = !st->actions;
		break;
	case '[':
		if (!st->months || st->fy <= PLAN_FY_FIRST)
			return TUI_HANDLED;
		st->fy--;
		break;
	case ']':
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
	.keys = sched_keys,			/* R reload; m a [ ] handled by key */
	.nkeys = nitems(sched_keys),
	.init = sched_init,			/* first load */
	.draw = sched_draw,			/* the Gantt, label fixed, grid scrolled */
	.handle = sched_handle,			/* scroll, months, actions, year */
	.reload = sched_reload,			/* F5, reconnect, NOTIFY */
	.on_notify = sched_on_notify,		/* phases, milestones, measures, actions */
	.status = sched_status,			/* measures shown */
	.fini = sched_fini,
};
