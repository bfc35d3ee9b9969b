/*
 * table — the list widget: a window of rows over a keyset-paged source (see table.h).
 */
#include "tui/table.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "tui/keymap.h"

/* Rows kept beyond the visible page on each side before the far end is dropped. */
#define TABLE_KEEP_PAGES	2
#define TABLE_MIN_PAGE		1

void
table_init(struct table *t, const struct table_column *cols, int ncols,
    const struct table_source *src)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols;
	t->src = *src;
	t->filter = xstrdup("");
	t->q.filter = t->filter;
	t->cap_typing = TABLE_CAP_TYPING;
	t->cap_set = TABLE_CAP;
	t->q.cap = t->cap_set;
	t->page = 20;
	t->pos = -1;
	t->total = -1;
	t->widths = xcalloc((size_t)ncols, sizeof *t->widths);
}

static void
table_clear_rows(struct table *t)
{
	int	 i;

	for (i = 0; i < t->nrows; i++)
		table_row_clear(&t->rows[i]);
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->top = t->sel = 0;
	t->at_start = t->at_end = 0;
}

void
table_free(struct table *t)
{
	table_clear_rows(t);
	free(t->filter);
	free(t->saved_filter);
	free(t->widths);
	free(t->error);
	memset(t, 0, sizeof *t);
}

static int
table_page(const struct table *t)
{
	return t->page > TABLE_MIN_PAGE ? t->page : TABLE_MIN_PAGE;
}

/* Call the source; on error keep the message for the status line. */
static int
table_fetch(struct table *t, const struct table_row *anchor, enum table_dir dir,
    int n, struct table_row **rows, char **cause)
{
	char	*why = NULL;
	int	 got;

	*rows = NULL;
	got = t->src.fetch(t->src.arg, &t->q, anchor, dir, n, rows, &why);
	if (got < 0) {
		free(t->error);
		t->error = xstrdup(why != NULL ? why : "");
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		free(*rows);
		*rows = NULL;
		return -1;
	}
	if (got > n)
		fatal("table source returned %d rows for %d", got, n);
	free(t->error);
	t->error = NULL;
	return got;
}

static void
table_count(struct table *t)
{
	char	*why = NULL;
	long	 n;

	t->q.cap = t->filtering ? t->cap_typing : t->cap_set;
	n = t->src.count != NULL ? t->src.count(t->src.arg, &t->q, &why) : -1;
	t->total = n;
	free(why);
}

static void
table_rank(struct table *t)
{
	char	*why = NULL;

	if (t->nrows == 0) {
		t->pos = -1;
		return;
	}
	if (t->at_start) {
		t->pos = t->sel;
		return;
	}
	if (t->src.rank == NULL) {
		t->pos = -1;
		return;
	}
	t->pos = t->src.rank(t->src.arg, &t->q, &t->rows[t->sel], &why);
	if (t->pos > t->q.cap)
		t->pos = -1;	/* past the cap: not counted */
	free(why);
}

/* Add got rows at the end (dir AFTER) or the front (dir BEFORE) of the window. */
static void
table_splice(struct table *t, struct table_row *add, int got, enum table_dir dir)
{
	t->rows = xreallocarray(t->rows, (size_t)(t->nrows + got), sizeof *t->rows);
	if (dir == TABLE_AFTER) {
		memcpy(t->rows + t->nrows, add, (size_t)got * sizeof *add);
	} else {
		memmove(t->rows + got, t->rows, (size_t)t->nrows * sizeof *t->rows);
		memcpy(t->rows, add, (size_t)got * sizeof *add);
		t->top += got;
		t->sel += got;
	}
	t->nrows += got;
	free(add);
}

/* Drop rows far from the selection so that only a few pages stay in memory. */
static void
table_trim(struct table *t)
{
	int	 keep = TABLE_KEEP_PAGES * table_page(t);
	int	 first = t->top - keep, last = t->top + table_page(t) + keep;
	int	 i;

	if (first > 0) {
		for (i = 0; i < first; i++)
			table_row_clear(&t->rows[i]);
		memmove(t->rows, t->rows + first,
		    (size_t)(t->nrows - first) * sizeof *t->rows);
		t->nrows -= first;
		t->top -= first;
		t->sel -= first;
		t->at_start = 0;
	}
	if (last < t->nrows) {
		for (i = last; i < t->nrows; i++)
			table_row_clear(&t->rows[i]);
		t->nrows = last;
		t->at_end = 0;
	}
}

/* Keep the selection on screen. */
static void
table_scroll(struct table *t)
{
	int	 page = table_page(t);

	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + page)
		t->top = t->sel - page + 1;
	if (t->top > t->nrows - page && t->at_end)
		t->top = t->nrows - page;
	if (t->top < 0)
		t->top = 0;
}

int
table_home(struct table *t, char **cause)
{
	struct table_row	*add;
	int			 got;

	got = table_fetch(t, NULL, TABLE_AFTER, table_page(t) * 2, &add, cause);
	if (got < 0)
		return -1;
	table_clear_rows(t);
	table_splice(t, add, got, TABLE_AFTER);
	t->at_start = 1;
	t->at_end = got < table_page(t) * 2;
	t->pos = got > 0 ? 0 : -1;
	return 0;
}

int
table_end(struct table *t, char **cause)
{
	struct table_row	*add;
	int			 got;

	got = table_fetch(t, NULL, TABLE_BEFORE, table_page(t) * 2, &add, cause);
	if (got < 0)
		return -1;
	table_clear_rows(t);
	table_splice(t, add, got, TABLE_AFTER);
	t->at_end = 1;
	t->at_start = got < table_page(t) * 2;
	t->sel = got > 0 ? got - 1 : 0;
	table_scroll(t);
	if (got == 0)
		t->pos = -1;
	else if (t->total >= 0 && t->total <= t->q.cap)
		t->pos = t->total - 1;
	else
		table_rank(t);
	return 0;
}

int
table_reset(struct table *t, char **cause)
{
	table_count(t);
	return table_home(t, cause);
}

int
table_reload(struct table *t, char **cause)
{
	struct table_row	 anchor, *before, *after;
	int			 nb, na, above;

	if (t->nrows == 0)
		return table_reset(t, cause);
	/* Copy the selected row: it is the anchor while the window is replaced. */
	anchor = t->rows[t->sel];
	above = t->sel - t->top;
	nb = table_fetch(t, &anchor, TABLE_BEFORE, above + 1, &before, cause);
	if (nb < 0)
		return -1;
	na = table_fetch(t, nb > 0 ? &before[nb - 1] : NULL, TABLE_AFTER,
	    table_page(t) * 2, &after, cause);
	if (na < 0) {
		while (nb > 0)
			table_row_clear(&before[--nb]);
		free(before);
		return -1;
	}
	table_clear_rows(t);
	table_splice(t, before, nb, TABLE_AFTER);
	table_splice(t, after, na, TABLE_AFTER);
	t->at_start = nb < above + 1;
	t->at_end = na < table_page(t) * 2;
	t->sel = na > 0 ? nb : nb - 1;
	if (t->sel < 0)
		t->sel = 0;
	t->top = t->sel - above > 0 ? t->sel - above : 0;
	table_scroll(t);
	table_count(t);
	table_rank(t);
	return 0;
}

int
table_move(struct table *t, int delta, char **cause)
{
	struct table_row	*add;
	int			 target, got, old = t->sel;

	if (t->nrows == 0)
		return 0;
	target = t->sel + delta;
	if (target >= t->nrows && !t->at_end) {
		got = table_fetch(t, &t->rows[t->nrows - 1], TABLE_AFTER,
		    target - t->nrows + 1 + table_page(t), &add, cause);
		if (got < 0)
			return -1;
		t->at_end = got < target - t->nrows + 1 + table_page(t);
		table_splice(t, add, got, TABLE_AFTER);
	}
	if (target < 0 && !t->at_start) {
		int want = -target + table_page(t);

		got = table_fetch(t, &t->rows[0], TABLE_BEFORE, want, &add, cause);
		if (got < 0)
			return -1;
		t->at_start = got < want;
		table_splice(t, add, got, TABLE_BEFORE);
		target += got;
		old += got;
	}
	if (target >= t->nrows)
		target = t->nrows - 1;
	if (target < 0)
		target = 0;
	t->sel = target;
	if (delta > 1 || delta < -1)
		t->top += t->sel - old;	/* page keys scroll with the selection */
	table_scroll(t);
	if (t->pos >= 0)
		t->pos += t->sel - old;
	table_trim(t);
	return 0;
}

int
table_sort(struct table *t, int col, int desc, char **cause)
{
	if (col < 0 || col >= t->ncols)
		return 0;
	t->q.sort = col;
	t->q.desc = desc;
	return table_reset(t, cause);
}

int
table_set_filter(struct table *t, const char *filter, char **cause)
{
	free(t->filter);
	t->filter = xstrdup(filter != NULL ? filter : "");
	t->q.filter = t->filter;
	return table_reset(t, cause);
}

const struct table_row *
table_selected(const struct table *t)
{
	if (t->nrows == 0)
		return NULL;
	return &t->rows[t->sel];
}

/* The filter without its last character (by character, not byte). */
static void
table_filter_backspace(struct table *t)
{
	char		*f = xstrdup(t->filter);
	size_t		 len = strlen(f), i = 0, last = 0;
	mbstate_t	 ps;

	memset(&ps, 0, sizeof ps);
	while (i < len) {
		size_t n = mbrlen(f + i, len - i, &ps);

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			n = 1;
		last = i;
		i += n;
	}
	f[last] = '\0';
	table_set_filter(t, f, NULL);
	free(f);
}

static void
table_filter_append(struct table *t, int key)
{
	char		 mb[MB_LEN_MAX + 1];
	mbstate_t	 ps;
	size_t		 n;
	char		*f;

	memset(&ps, 0, sizeof ps);
	n = wcrtomb(mb, (wchar_t)key, &ps);
	if (n == (size_t)-1)
		return;
	mb[n] = '\0';
	f = xasprintf("%s%s", t->filter, mb);
	table_set_filter(t, f, NULL);
	free(f);
}

static int
table_filter_key(struct table *t, int key)
{
	if (key == KEYMAP_ESC) {
		t->filtering = 0;
		table_set_filter(t, t->saved_filter != NULL ? t->saved_filter : "", NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == '\r') {
		t->filtering = 0;
		if (t->total > t->q.cap || t->pos < 0) {	/* now count past the typing cap */
			table_count(t);
			table_rank(t);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == KEYMAP_KEY(KEY_BACKSPACE)) {
		if (*t->filter != '\0')
			table_filter_backspace(t);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == KEYMAP_CTRL('u')) {
		table_set_filter(t, "", NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key >= 0x20 && key != 0x7f && !(key & (KEYMAP_SPECIAL | KEYMAP_META_BIT)) &&
	    !(key >= 0x80 && key < 0xa0)) {
		table_filter_append(t, key);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_PASS;	/* arrows etc. still move while filtering */
}

int
table_key(struct table *t, int key, int action)
{
	int	 page = table_page(t), col, rc = 0;

	if (t->filtering) {
		int flags = table_filter_key(t, key);

		if (flags != TUI_PASS)
			return flags;
	}
	switch (action) {
	case ACTION_UP:
		rc = table_move(t, -1, NULL);
		break;
	case ACTION_DOWN:
		rc = table_move(t, 1, NULL);
		break;
	case ACTION_PAGE_UP:
		rc = table_move(t, -page, NULL);
		break;
	case ACTION_PAGE_DOWN:
		rc = table_move(t, page, NULL);
		break;
	case ACTION_HOME:
		rc = table_home(t, NULL);
		break;
	case ACTION_END:
		rc = table_end(t, NULL);
		break;
	case ACTION_SORT:
		col = t->q.sort;
		do
			col = (col + 1) % t->ncols;
		while (!t->cols[col].sortable && col != t->q.sort);
		rc = table_sort(t, col, 0, NULL);
		break;
	case ACTION_SORT_REVERSE:
		rc = table_sort(t, t->q.sort, !t->q.desc, NULL);
		break;
	case ACTION_SEARCH:
		free(t->saved_filter);
		t->saved_filter = xstrdup(t->filter);
		t->filtering = 1;
		break;
	default:
		return TUI_PASS;
	}
	(void)rc;	/* the error, if any, is in t->error for the status line */
	return TUI_HANDLED | TUI_REDRAW;
}

void
table_format_count(long n, char *buf, size_t len)
{
	char	 digits[32], out[48];
	int	 nd, i, o = 0;

	if (n < 0) {
		snprintf(buf, len, "?");
		return;
	}
	nd = snprintf(digits, sizeof digits, "%ld", n);
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
}

void
table_status(const struct table *t, char *buf, size_t len)
{
	char	 pos[32], total[32];

	if (t->nrows == 0)
		snprintf(pos, sizeof pos, "0");
	else
		table_format_count(t->pos >= 0 ? t->pos + 1 : -1, pos, sizeof pos);
	table_format_count(t->total > t->q.cap ? t->q.cap : t->total, total, sizeof total);
	if (t->total > t->q.cap && strlen(total) + 1 < sizeof total)
		strcat(total, "+");
	if (t->filtering || *t->filter != '\0')
		snprintf(buf, len, "%s / %s  /%s%s", pos, total, t->filter,
		    t->filtering ? "_" : "");
	else
		snprintf(buf, len, "%s / %s", pos, total);
}

void
table_layout(struct table *t, int w)
{
	int	 i, r, used = 0, flex = -1;

	for (i = 0; i < t->ncols; i++) {
		const struct table_column *c = &t->cols[i];
		int wd = c->width;

		if (wd <= 0) {
			wd = text_width(_(c->title)) + 1;	/* room for the sort mark */
			for (r = 0; r < t->nrows; r++) {
				const char *s = i < t->rows[r].ncells ?
				    t->rows[r].cells[i] : NULL;
				int cw = s != NULL ? text_width(s) : 0;

				if (cw > wd)
					wd = cw;
			}
			if (wd < c->min)
				wd = c->min;
			if (c->max > 0 && wd > c->max)
				wd = c->max;
		}
		if (c->flex && flex < 0)
			flex = i;
		t->widths[i] = wd;
		used += wd + (i > 0);
	}
	used += 1;	/* the selection gutter */
	if (flex >= 0) {
		int wd = t->widths[flex] + (w - used);
		int floor = t->cols[flex].min > 0 ? t->cols[flex].min : 1;

		t->widths[flex] = wd > floor ? wd : floor;
	}
}

void
table_draw(struct table *t, WINDOW *win, int y, int x, int h, int w)
{
	int	 i, r, cx;
	attr_t	 hdr = tui_attr(TUI_PAL_HEADER);

	if (h < 1 || w < 2)
		return;
	t->page = h - 1 > 0 ? h - 1 : 1;
	table_scroll(t);
	table_layout(t, w);

	tui_blank(win, y, x, w, hdr);
	cx = x + 1;
	for (i = 0; i < t->ncols && cx < x + w; i++) {
		char	*title;
		int	 cw = t->widths[i];

		if (cx + cw > x + w)
			cw = x + w - cx;
		if (i == t->q.sort)
			title = xasprintf("%s%s", _(t->cols[i].title),
			    t->q.desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2");	/* ▼ ▲ */
		else
			title = xstrdup(_(t->cols[i].title));
		tui_cell(win, y, cx, title, cw, t->cols[i].align, hdr);
		free(title);
		cx += cw + 1;
	}

	for (r = 0; r < h - 1; r++) {
		int	 idx = t->top + r;
		attr_t	 a;

		if (idx >= t->nrows) {
			tui_blank(win, y + 1 + r, x, w, tui_attr(TUI_PAL_NORMAL));
			continue;
		}
		if (idx == t->sel)
			a = tui_attr(TUI_PAL_SELECTED);
		else if (t->rows[idx].mark)
			a = tui_attr(TUI_PAL_WARN);
		else
			a = tui_attr(TUI_PAL_NORMAL);
		tui_blank(win, y + 1 + r, x, w, a);
		tui_cell(win, y + 1 + r, x, idx == t->sel ? "\xe2\x96\xb6" : " ", 1,
		    TEXT_LEFT, a);	/* ▶ */
		cx = x + 1;
		for (i = 0; i < t->ncols && cx < x + w; i++) {
			int cw = t->widths[i];
			const char *s = i < t->rows[idx].ncells ?
			    t->rows[idx].cells[i] : NULL;

			if (cx + cw > x + w)
				cw = x + w - cx;
			tui_cell(win, y + 1 + r, cx, s != NULL ? s : "", cw,
			    t->cols[i].align, a);
			cx += cw + 1;
		}
	}
}
