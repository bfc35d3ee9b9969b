/*
 * gantt — the schedule as text lines (see gantt.h). A row is built in a cell array
 * (one cell per column, a wide character's second cell marked as its continuation),
 * then joined into a string.
 */
#include "backend/cmd/gantt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/store/store_plan.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

/*
 * A fill per phase: the plan's own phase names get fixed fills (as SCREENS.md draws
 * them), any other name the next free one in order of first appearance.
 */
static const char *const known[] = { "実施", "調査・検討", "調査・検討・実施", "検討" };
static const char *const fills[] = { "█", "▒", "▓", "░", "#", "=", "*", "+", "/", "~" };

struct cell {
	char	s[8];
	int	cont;	/* second column of a wide character */
};

struct row {
	struct cell	*c;
	int		 n;
};

struct layout {
	int	ncols;		/* years or 12 months */
	int	cw;		/* columns per year/month */
	int	label;		/* width of the label column */
	int	first;		/* first fiscal year shown (year view) */
	int	months_fy;
};

int
gantt_phase_index(const struct plan_catalogue *c, const char *phase)
{
	size_t k;
	int i, j, idx = (int)nitems(known);

	for (k = 0; k < nitems(known); k++)
		if (strcmp(phase, known[k]) == 0)
			return (int)k;
	for (i = 0; i < c->nphases; i++) {
		for (k = 0; k < nitems(known); k++)
			if (strcmp(c->phases[i].phase, known[k]) == 0)
				break;
		if (k < nitems(known))
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(c->phases[j].phase, c->phases[i].phase) == 0)
				break;
		if (j < i)
			continue;	/* seen before */
		if (strcmp(c->phases[i].phase, phase) == 0)
			return idx;
		idx++;
	}
	return idx;
}

const char *
gantt_fill(int index)
{
	return fills[(size_t)index % nitems(fills)];
}

static void
row_init(struct row *r, int n)
{
	int i;

	r->n = n;
	r->c = xcalloc((size_t)n, sizeof *r->c);
	for (i = 0; i < n; i++)
		strcpy(r->c[i].s, " ");
}

/* Put an already sanitised string at column x, clipped at xmax (exclusive). */
static void
row_put(struct row *r, int x, int xmax, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t len;
	int w;

	memset(&st, 0, sizeof st);
	if (xmax > r->n)
		xmax = r->n;
	while (*s != '\0' && x < xmax) {
		len = mbrtowc(&wc, s, strlen(s), &st);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0 || len >= sizeof r->c[0].s)
			break;
		w = text_cp_width(wc);
		if (w == 0) {	/* a combining mark: keep it with the cell before */
			if (x > 0 && strlen(r->c[x - 1].s) + len < sizeof r->c[0].s)
				strncat(r->c[x - 1].s, s, len);
			s += len;
			continue;
		}
		if (x + w > xmax)
			break;
		if (r->c[x].cont && x > 0)	/* overwriting half of a wide character */
			strcpy(r->c[x - 1].s, " ");
		memcpy(r->c[x].s, s, len);
		r->c[x].s[len] = '\0';
		r->c[x].cont = 0;
		if (w == 2) {
			r->c[x + 1].cont = 1;
			r->c[x + 1].s[0] = '\0';
		} else if (x + 1 < r->n && r->c[x + 1].cont) {
			r->c[x + 1].cont = 0;
			strcpy(r->c[x + 1].s, " ");
		}
		x += w;
		s += len;
	}
}

static char *
row_join(struct row *r)
{
	size_t cap = (size_t)r->n * 8 + 1, len = 0;
	char *out = xmalloc(cap);
	int i;

	for (i = 0; i < r->n; i++) {
		size_t l = strlen(r->c[i].s);

		memcpy(out + len, r->c[i].s, l);
		len += l;
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	free(r->c);
	r->c = NULL;
	return out;
}

/* Column where month index m (0 = April) of fiscal year fy starts, or -1 if not shown. */
static int
x_of(const struct layout *l, int fy, int m)
{
	if (l->months_fy != 0) {
		if (fy != l->months_fy)
			return fy < l->months_fy ? l->label : -1;
		return l->label + m * (l->cw + 1) + 1;
	}
	if (fy < l->first)
		return l->label;
	if (fy >= l->first + l->ncols)
		return -1;
	return l->label + (fy - l->first) * (l->cw + 1) + 1 + m * l->cw / 12;
}

/* End column (exclusive) of month m of fiscal year fy. */
static int
x_end(const struct layout *l, int fy, int m)
{
	int total = l->label + l->ncols * (l->cw + 1);

	if (l->months_fy != 0) {
		if (fy > l->months_fy)
			return total;
		if (fy < l->months_fy)
			return -1;
		return l->label + (m + 1) * (l->cw + 1);
	}
	if (fy >= l->first + l->ncols)
		return total;
	if (fy < l->first)
		return -1;
	if (m == 11)
		return l->label + (fy - l->first + 1) * (l->cw + 1);
	return l->label + (fy - l->first) * (l->cw + 1) + 1 + (m + 1) * l->cw / 12;
}

static int
month_index(int month)
{
	return (month + 8) % 12;	/* April 0 .. March 11 */
}

/*
 * Where a label span wide goes in [x0, x1): centred, or the nearest place that keeps
 * clear of milestone marks (marks[x] non-zero), so neither hides the other.
 */
static int
label_start(const char *marks, int x0, int x1, int span)
{
	int mid = x0 + (x1 - x0 - span) / 2, d, s, x, clear;

	for (d = 0; d <= x1 - x0; d++) {
		for (s = mid - d; s <= mid + d; s += d > 0 ? 2 * d : 1) {
			if (s < x0 || s + span > x1)
				continue;
			for (x = s, clear = 1; x < s + span; x++)
				if (marks[x])
					clear = 0;
			if (clear)
				return s;
		}
	}
	return mid;
}

static void
draw_bar(struct row *r, const struct layout *l, const struct plan_catalogue *c,
    const struct plan_phase *ph, const char *marks)
{
	int x0 = x_of(l, ph->fy_from, ph->month_from ? month_index(ph->month_from) : 0);
	int x1 = x_end(l, ph->fy_to, ph->month_to ? month_index(ph->month_to) : 11);
	const char *fill = gantt_fill(gantt_phase_index(c, ph->phase));
	char *name, *cell;
	int x, w, tw;

	if (x0 < 0 || x1 <= x0)
		return;
	for (x = x0; x < x1; x++)
		row_put(r, x, x1, fill);
	w = x1 - x0;
	name = text_sanitize(ph->phase);
	tw = text_width(name);
	if (w >= tw + 2) {
		cell = xasprintf(" %s ", name);
		row_put(r, label_start(marks, x0, x1, tw + 2), x1, cell);
		free(cell);
	} else if (w >= tw)
		row_put(r, label_start(marks, x0, x1, tw), x1, name);
	else if (w >= 3) {	/* the name shortened with "…", the fill at both ends */
		size_t len;

		cell = text_cell(name, w - 2, TEXT_LEFT);
		len = strlen(cell);
		while (len > 0 && cell[len - 1] == ' ')
			cell[--len] = '\0';
		row_put(r, x0 + 1, x1 - 1, cell);
		free(cell);
	}
	free(name);
}

/* Draw the row's milestones; with draw 0 only note their columns in marks. */
static void
draw_milestones(struct row *r, const struct layout *l, const struct plan_catalogue *c,
    int measure_id, int action_id, char *marks, int draw)
{
	int i, x;

	for (i = 0; i < c->nmilestones; i++) {
		const struct plan_milestone *ms = &c->milestones[i];

		if (ms->measure_id != measure_id || ms->action_id != action_id)
			continue;
		x = x_of(l, fy_of_date(ms->year, ms->month, ms->day), month_index(ms->month));
		if (x >= l->label && x < r->n && (l->months_fy == 0 ||
		    fy_of_date(ms->year, ms->month, ms->day) == l->months_fy)) {
			marks[x] = 1;
			if (draw)
				row_put(r, x, r->n, ms->done ? "◇" : "◆");
		}
	}
}

static void
grid_row(struct row *r, const struct layout *l, int width, const char *label)
{
	char *cell = text_cell(label, l->label - 1, TEXT_LEFT);	/* a space before │ */
	int i;

	row_init(r, width);
	row_put(r, 0, l->label, cell);
	free(cell);
	for (i = 0; i < l->ncols; i++)
		row_put(r, l->label + i * (l->cw + 1), width, "│");
}

static void
today_mark(struct row *r, int x)
{
	if (x > 0 && x < r->n && strcmp(r->c[x].s, " ") == 0 && !r->c[x].cont)
		row_put(r, x, r->n, "┆");
}

static void
push(char ***lines, int *n, char *s)
{
	*lines = xreallocarray(*lines, (size_t)*n + 1, sizeof **lines);
	(*lines)[(*n)++] = s;
}

static void
header(const struct layout *l, const struct gantt_opts *o, char ***lines, int *n)
{
	static const char *const mon_en[] = { "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
		"Nov", "Dec", "Jan", "Feb", "Mar" };
	int ja = strcmp(o->lang, "ja") == 0, i;
	char a[FY_BUFSIZE], b[FY_BUFSIZE], lab[64], *s;
	struct row r;

	if (o->months_fy != 0 && ja)
		s = xasprintf(" %s  %s(%d) %s", plan_tr("Schedule"),
		    fy_format(o->months_fy, o->lang, a, sizeof a), o->months_fy, plan_tr("by month"));
	else if (o->months_fy != 0)
		s = xasprintf(" %s  FY%d %s", plan_tr("Schedule"), o->months_fy, plan_tr("by month"));
	else if (ja)
		s = xasprintf(" %s  %s(%d)〜%s(%d)", plan_tr("Schedule"),
		    fy_format(o->fy_first, o->lang, a, sizeof a), o->fy_first,
		    fy_format(o->fy_last, o->lang, b, sizeof b), o->fy_last);
	else
		s = xasprintf(" %s  FY%d-FY%d", plan_tr("Schedule"), o->fy_first, o->fy_last);
	row_init(&r, o->width);
	row_put(&r, 0, o->width, s);
	free(s);
	push(lines, n, row_join(&r));

	grid_row(&r, l, o->width, plan_tr("Measure"));
	for (i = 0; i < l->ncols; i++) {
		if (o->months_fy != 0) {
			if (ja)
				snprintf(lab, sizeof lab, l->cw >= 4 ? "%d月" : "%d", (i + 3) % 12 + 1);
			else
				snprintf(lab, sizeof lab, "%s", mon_en[i]);
		} else {
			int fy = l->first + i;

			if (ja) {
				fy_format(fy, "ja", a, sizeof a);
				if (text_width(a) > l->cw)
					snprintf(a, sizeof a, "R%d %d", fy - 2018, fy);
				if (text_width(a) > l->cw)
					snprintf(a, sizeof a, "R%d", fy - 2018);
			} else {
				snprintf(a, sizeof a, "FY%d", fy);
				if (text_width(a) > l->cw)
					snprintf(a, sizeof a, "%d", fy);
			}
			snprintf(lab, sizeof lab, "%s", a);
		}
		s = text_cell(lab, l->cw, TEXT_CENTER);
		row_put(&r, l->label + i * (l->cw + 1) + 1, o->width, s);
		free(s);
	}
	push(lines, n, row_join(&r));

	row_init(&r, o->width);
	for (i = 0; i < l->label; i++)
		row_put(&r, i, o->width, "─");
	for (i = l->label; i < l->label + l->ncols * (l->cw + 1); i++)
		row_put(&r, i, o->width, (i - l->label) % (l->cw + 1) == 0 ? "┼" : "─");
	push(lines, n, row_join(&r));
}

static void
body_row(const struct plan_catalogue *c, const struct layout *l, const struct gantt_opts *o,
    int tx, const char *label, int measure_id, int action_id, char ***lines, int *n)
{
	struct row r;
	char *marks = xcalloc((size_t)o->width + 1, 1);
	int i, own = 0;

	grid_row(&r, l, o->width, label);
	today_mark(&r, tx);
	draw_milestones(&r, l, c, measure_id, action_id, marks, 0);
	for (i = 0; i < c->nphases; i++)
		if (c->phases[i].measure_id == measure_id && c->phases[i].action_id == action_id)
			own++;
	for (i = 0; i < c->nphases; i++) {
		const struct plan_phase *ph = &c->phases[i];

		/* a measure without bars of its own shows its actions' */
		if (ph->measure_id == measure_id && (ph->action_id == action_id ||
		    (action_id == 0 && own == 0)))
			draw_bar(&r, l, c, ph, marks);
	}
	draw_milestones(&r, l, c, measure_id, action_id, marks, 1);
	free(marks);
	push(lines, n, row_join(&r));
}

/* The columns of o's chart; the width it is drawn at into *width. */
static void
layout_make(const struct gantt_opts *o, struct layout *lp, int *width)
{
	struct layout l;

	*width = o->width < GANTT_MIN_WIDTH ? GANTT_MIN_WIDTH : o->width;
	memset(&l, 0, sizeof l);
	l.months_fy = o->months_fy;
	l.first = o->fy_first;
	l.ncols = o->months_fy != 0 ? 12 : o->fy_last - o->fy_first + 1;
	if (l.ncols < 1)
		l.ncols = 1;
	l.cw = (*width - 24) / l.ncols - 1;
	if (l.cw > 12)
		l.cw = 12;
	if (l.cw < 2)
		l.cw = 2;
	l.label = *width - l.ncols * (l.cw + 1);
	if (l.label < 8)
		l.label = 8;
	if (*width < l.label + l.ncols * (l.cw + 1))
		*width = l.label + l.ncols * (l.cw + 1);
	*lp = l;
}

int
gantt_bar_span(const struct gantt_opts *o, const struct plan_phase *ph, int *x0, int *x1)
{
	struct layout l;
	int width;

	layout_make(o, &l, &width);
	*x0 = x_of(&l, ph->fy_from, ph->month_from ? month_index(ph->month_from) : 0);
	*x1 = x_end(&l, ph->fy_to, ph->month_to ? month_index(ph->month_to) : 11);
	return *x0 >= 0 && *x1 > *x0 ? 0 : -1;
}

int
gantt_text(const struct plan_catalogue *c, const struct gantt_opts *o, char ***lines)
{
	struct layout l;
	struct row r;
	char datebuf[FY_BUFSIZE], *s;
	int n = 0, i, j, tx = -1;
	struct gantt_opts oo = *o;

	*lines = NULL;
	layout_make(o, &l, &oo.width);

	if (o->today.year != 0) {
		int fy = fy_of_date(o->today.year, o->today.month, o->today.day);

		if (o->months_fy == 0 || o->months_fy == fy) {
			tx = x_of(&l, fy, month_index(o->today.month));
			if (tx >= 0 && o->months_fy != 0)
				tx += (o->today.day - 1) * l.cw / 31;
			if (tx >= 0 && (fy < l.first || (o->months_fy == 0 && fy >= l.first + l.ncols)))
				tx = -1;
		}
	}
	header(&l, &oo, lines, &n);
	for (i = 0; i < c->nmeasures; i++) {
		const struct plan_measure *m = &c->measures[i];

		s = xasprintf("%s %s", m->code, m->name);
		body_row(c, &l, &oo, tx, s, m->id, 0, lines, &n);
		free(s);
		for (j = 0; o->actions && j < c->nactions; j++) {
			if (c->actions[j].measure_id != m->id)
				continue;
			s = xasprintf("  %s-%d %s", m->code, c->actions[j].seq, c->actions[j].title);
			body_row(c, &l, &oo, tx, s, m->id, c->actions[j].id, lines, &n);
			free(s);
		}
	}
	if (tx >= 0) {
		row_init(&r, oo.width);
		fy_date_format(&o->today, FY_DATE_ISO, datebuf, sizeof datebuf);
		s = xasprintf("▲ %s %s", plan_tr("today"), datebuf);
		if (tx + text_width(s) <= oo.width)
			row_put(&r, tx, oo.width, s);
		else {
			free(s);
			s = xasprintf("%s %s ▲", plan_tr("today"), datebuf);
			row_put(&r, tx + 1 - text_width(s), oo.width, s);
		}
		free(s);
		push(lines, &n, row_join(&r));
	}
	if (o->legend) {
		char *leg = xstrdup(plan_tr("Legend:")), **wl;
		int k, nw;

		for (i = 0; i < c->nphases; i++) {
			for (j = 0; j < i; j++)
				if (strcmp(c->phases[j].phase, c->phases[i].phase) == 0)
					break;
			if (j < i)
				continue;	/* named already */
			s = xasprintf("%s  %s %s", leg, gantt_fill(gantt_phase_index(c,
			    c->phases[i].phase)), c->phases[i].phase);
			free(leg);
			leg = s;
		}
		s = xasprintf("%s  ◆ %s", leg, plan_tr("milestone"));
		free(leg);
		nw = text_wrap(s, oo.width, &wl);
		for (k = 0; k < nw; k++)
			push(lines, &n, xstrdup(wl[k]));
		text_wrap_free(wl, nw);
		free(s);
	}
	return n;
}

void
gantt_free(char **lines, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
