/*
 * mig — the standardisation migration board (`:mig`): the 20 systems x the procedure's
 * steps, one cell per step (● 完了済み ◐ 作業中 ○ 未着手 － 対象外: distinct shapes, so
 * the board reads in monochrome; colour only adds to it), the completion rate per row
 * and overall, ! where a step is overdue. Left/Right move along the steps, Enter shows
 * the step, 1-4 set its status with the version of the cell as it was read (another
 * person's change since opens the conflict dialog). Rows this member may not write (the
 * database's rs_mig_writable) are drawn dim and say so before anyone tries; the database
 * still decides, and its refusal is shown in words. Data from backend/store/store_mig.c.
 */
#include "screens/mig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/store/outcome.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/mig_step.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"

#define NAME_W	18
#define PCT_W	7

/* The keys of the board and its detail (screens/mig_detail.c) beyond the generic ones
 * (Left/Right h/l move along the steps): `?` lists them all. */
static const struct keymap_bind mig_keys[] = {
	{ "Enter", ACTION_ENTER, 1 },		/* the step: dates, note, history */
	{ "1", ACTION_SET_DONE, 1 },
	{ "2", ACTION_SET_DOING, 1 },
	{ "3", ACTION_SET_TODO, 1 },
	{ "4", ACTION_SET_NA, 1 },
	{ "o", ACTION_ONLY_MINE, 0 },
	{ "d", ACTION_DETAIL, 0 },		/* the system's detail */
	{ "e", ACTION_EDIT, 0 },		/* the system's fields (in its detail) */
	{ "f /", ACTION_SEARCH, 0 },
	{ "r", ACTION_GO_RISKS, 0 },
	{ "R", ACTION_RELOAD, 0 },
	{ "c", ACTION_CELL_EDIT, 0 },		/* the step's dates, owner, note */
	{ "+", ACTION_STEP_ADD, 0 },		/* the step list (IT staff) */
	{ "N", ACTION_STEP_RENAME, 0 },
	{ "M", ACTION_STEP_MOVE, 0 },
	{ "X", ACTION_STEP_RETIRE, 0 },
	{ "U", ACTION_STEP_RESTORE, 0 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },	/* the export / import as ssh lines */
};

/* The board's filter: by owner department, current vendor, or a step in a status. */
enum mig_fkind { MF_NONE, MF_DEPT, MF_VENDOR, MF_STATUS };

struct mig {
	struct mig_board	 b;
	int			 loaded;
	int			 row, col;	/* selection: system, step */
	int			 top;		/* first system shown */
	int			 page;		/* systems shown (the last draw's) */
	int			 only_mine;	/* o: only the systems this member may write */
	enum mig_fkind		 fkind;		/* f: the filter */
	char			*fvalue;	/* department or vendor name */
	enum mig_st		 fst;		/* MF_STATUS: rows with a step in this status */
	char			*title;		/* the title bar with the filter */
	struct mig_detail	*detail;	/* d: one system's detail, when open */
	struct mig_step		*step;		/* Enter: the step view, or + a new step */
	int			 full_due;	/* notified of more than mig_status */
	int			 cells_due[MIG_BOARD_CELLS_MAX][2];	/* mig_status keys */
	int			 ncells_due;	/* -1: more than fit, every status */
	int			 cells_sent[MIG_BOARD_CELLS_MAX][2];	/* mig_reload_send's */
	int			 nsent;
	struct fy_date		 sent_today;	/* ... and the day they count as of */
};

/* The selection back on the board (it may have lost systems or steps). */
static void
mig_clamp(struct mig *m)
{
	if (m->row >= m->b.nsys)
		m->row = m->b.nsys > 0 ? m->b.nsys - 1 : 0;
	if (m->col >= m->b.nstep)
		m->col = m->b.nstep > 0 ? m->b.nstep - 1 : 0;
}

static int
mig_reload(struct screen *s, char **cause)
{
	struct mig	*m = s->data;
	struct mig_board fresh;
	struct fy_date	 today;
	int		 same = 0;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (fy_date_parse(app_today(s->app), &today, cause) != 0)
		return -1;
	if (s->reload_due && m->loaded && !m->full_due && m->ncells_due > 0) {
		/* the cells notified: one row each, in one round trip */
		same = mig_board_cells(s->app->ctx, &today, &m->b,
		    (const int (*)[2])m->cells_due, m->ncells_due, cause);
		if (same < 0)
			return -1;
	} else if (s->reload_due && m->loaded && !m->full_due) {
		/* only statuses moved: one statement, not the systems' and steps' three */
		if (mig_board_statuses(s->app->ctx, &today, &m->b, cause) != 0)
			return -1;
	} else {
		if (mig_board_load(s->app->ctx, &today, &fresh, cause) != 0)
			return -1;	/* the last board stays on screen */
		mig_board_free(&m->b);
		m->b = fresh;
	}
	m->loaded = 1;
	m->full_due = 0;
	m->ncells_due = 0;
	mig_clamp(m);
	if (m->detail != NULL)
		return mig_detail_reload(s, m->detail, cause);
	if (m->step != NULL)
		return mig_step_reload(s, m->step, cause);
	return same;	/* 1: no cell moved, nothing to draw */
}

/*
 * A notified reload of some cells (the board alone on screen) without waiting
 * (screen_ops.reload_send): the cells notified so far are asked for, those notified
 * from now on wait for the next reload. Anything else (more cells than fit, more than
 * statuses moved, the detail open) is read at once as mig_reload does.
 */
static int
mig_reload_send(struct screen *s, char **cause)
{
	struct mig	*m = s->data;

	if (!(s->reload_due && m->loaded && !m->full_due && m->ncells_due > 0 &&
	    m->detail == NULL && m->step == NULL && s->app->ctx != NULL))
		return mig_reload(s, cause);
	if (fy_date_parse(app_today(s->app), &m->sent_today, cause) != 0 ||
	    mig_board_cells_send(s->app->ctx, (const int (*)[2])m->cells_due, m->ncells_due,
	    cause) != 0)
		return -1;
	memcpy(m->cells_sent, m->cells_due, sizeof m->cells_sent);
	m->nsent = m->ncells_due;
	m->ncells_due = 0;
	return SCREEN_RELOAD_SENT;
}

static int
mig_reload_recv(struct screen *s, char **cause)
{
	struct mig	*m = s->data;
	int		 same;

	same = mig_board_cells_recv(s->app->ctx, &m->sent_today, &m->b,
	    (const int (*)[2])m->cells_sent, m->nsent, cause);
	if (same < 0)
		m->full_due = 1;	/* the next reload reads the whole board */
	mig_clamp(m);
	return same;
}

static int
mig_init(struct screen *s, char **cause)
{
	struct mig	*m = xcalloc(1, sizeof *m);
	char		*why = NULL;

	(void)cause;
	s->data = m;
	(void)common_keymap_for_role(s, mig_step_allowed, NULL);
	if (mig_reload(s, &why) < 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
mig_fini(struct screen *s)
{
	struct mig *m = s->data;

	mig_board_free(&m->b);
	mig_detail_close(m->detail);
	mig_step_close(m->step);
	free(m->fvalue);
	free(m->title);
	free(m);
	s->data = NULL;
}

/* Width of one step cell: 2 when the board fits so, else 1 (－ becomes -). */
static int
cell_width(const struct mig_board *b, int w)
{
	int gaps = 0, j;

	for (j = 1; j < b->nstep; j++)
		if (strcmp(b->steps[j].phase, b->steps[j - 1].phase) != 0)
			gaps++;
	return 1 + NAME_W + 1 + 2 * b->nstep + gaps + 1 + PCT_W + 2 + 10 <= w ? 2 : 1;
}

static const char *
cell_symbol(enum mig_st st, int cw)
{
	if (st == MIG_NA && cw == 1)
		return "-";
	return mig_st_symbol(st);
}

static attr_t
cell_attr(enum mig_st st)
{
	switch (st) {
	case MIG_DONE:
		return tui_attr(TUI_PAL_OK);
	case MIG_DOING:
		return tui_attr(TUI_PAL_WARN);
	case MIG_NA:
		return tui_attr(TUI_PAL_DIM);
	default:
		return tui_attr(TUI_PAL_NORMAL);
	}
}

static int
visible(const struct mig *m, int i)
{
	const struct mig_board_sys *sy = &m->b.sys[i];
	int j;

	if (m->only_mine && !sy->writable)
		return 0;
	switch (m->fkind) {
	case MF_DEPT:
		return strcmp(sy->dept, m->fvalue) == 0;
	case MF_VENDOR:
		return strcmp(sy->vendor, m->fvalue) == 0;
	case MF_STATUS:
		for (j = 0; j < m->b.nstep; j++)
			if (mig_board_cell(&m->b, i, j)->st == m->fst)
				return 1;
		return 0;
	default:
		return 1;
	}
}

static int
any_visible(const struct mig *m)
{
	int i;

	for (i = 0; i < m->b.nsys; i++)
		if (visible(m, i))
			return 1;
	return 0;
}

static void
mig_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct mig	*m = s->data;
	const struct mig_board *b = &m->b;
	char		 pct[16], num[16], legend[160];
	int		 cw, i, j, cx, line, rows, shown, mx, nvis, vtop, vsel;
	attr_t		 a;

	if (m->detail != NULL) {
		mig_detail_draw(m->detail, win, y, x, h, w);
		return;
	}
	if (m->step != NULL) {
		mig_step_draw(m->step, win, y, x, h, w);
		return;
	}
	if (!m->loaded || h < 4)
		return;
	cw = cell_width(b, w);
	snprintf(legend, sizeof legend, "%s %s  %s %s  %s %s  %s %s   ! %s",
	    _("completed"), mig_st_symbol(MIG_DONE), _("in progress"), mig_st_symbol(MIG_DOING),
	    _("not started"), mig_st_symbol(MIG_TODO), _("not applicable"),
	    cell_symbol(MIG_NA, cw), _("overdue"));
	tui_text(win, y, x + 1, legend, w - 1, tui_attr(TUI_PAL_DIM));
	/* header: system, the phases over their steps, rate, department */
	tui_cell(win, y + 1, x + 1, _("system"), NAME_W, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	mx = x + 1 + NAME_W + 1;
	cx = mx;
	for (j = 0; j < b->nstep; j++) {
		int k;

		if (j > 0 && strcmp(b->steps[j].phase, b->steps[j - 1].phase) != 0)
			cx++;
		if (j == 0 || strcmp(b->steps[j].phase, b->steps[j - 1].phase) != 0) {
			/* the phase's name over its own steps only */
			for (k = j; k < b->nstep && strcmp(b->steps[k].phase, b->steps[j].phase) == 0;
			    k++)
				;
			tui_text(win, y + 1, cx, b->steps[j].phase, (k - j) * cw,
			    tui_attr(TUI_PAL_HEADER));
		}
		cx += cw;
	}
	tui_cell(win, y + 1, cx + 1, _("completion %"), PCT_W, TEXT_RIGHT,
	    tui_attr(TUI_PAL_HEADER));
	tui_text(win, y + 1, cx + 1 + PCT_W + 2, _("owner department"), x + w - (cx + PCT_W + 3),
	    tui_attr(TUI_PAL_HEADER));
	rows = h - 3;	/* legend, header, overall */
	if (m->row < m->top)
		m->top = m->row;
	shown = 0;
	for (i = m->top; i < m->row; i++)
		shown += visible(m, i);
	while (shown >= rows && m->top < m->row) {
		shown -= visible(m, m->top);
		m->top++;
	}
	line = y + 2;
	for (i = m->top; i < b->nsys && line < y + 2 + rows; i++) {
		const struct mig_board_sys *sy = &b->sys[i];

		if (!visible(m, i))
			continue;
		a = sy->writable ? tui_attr(TUI_PAL_NORMAL) : tui_attr(TUI_PAL_DIM);
		tui_text(win, line, x, i == m->row ? "▶" : " ", 1, tui_attr(TUI_PAL_NORMAL));
		tui_cell(win, line, x + 1, sy->name, NAME_W, TEXT_LEFT,
		    i == m->row ? tui_attr(TUI_PAL_SELECTED) : a);
		cx = mx;
		for (j = 0; j < b->nstep; j++) {
			const struct mig_cell *c = mig_board_cell(b, i, j);
			attr_t ca = cell_attr(c->st);

			if (j > 0 && strcmp(b->steps[j].phase, b->steps[j - 1].phase) != 0)
				cx++;
			if (c->overdue)
				ca = tui_attr(TUI_PAL_ERROR);
			if (i == m->row && j == m->col)
				ca = tui_attr(TUI_PAL_SELECTED);
			tui_cell(win, line, cx, cell_symbol(c->st, cw), cw, TEXT_LEFT, ca);
			cx += cw;
		}
		snprintf(pct, sizeof pct, "%s%%", mig_rate_format(mig_rate_completion(&sy->count),
		    num, sizeof num));
		tui_cell(win, line, cx + 1, pct, PCT_W, TEXT_RIGHT, a);
		tui_text(win, line, cx + 1 + PCT_W, sy->count.overdue > 0 ? " !" : "  ", 2,
		    tui_attr(TUI_PAL_ERROR));
		tui_text(win, line, cx + 1 + PCT_W + 2, sy->dept, x + w - (cx + PCT_W + 3), a);
		line++;
	}
	snprintf(pct, sizeof pct, "%s%%", mig_rate_format(mig_rate_completion(&b->total), num,
	    sizeof num));
	/* the position among the rows shown (the filter's), ▲▼ when there are more */
	for (i = 0, nvis = 0, vtop = -1, vsel = 0; i < b->nsys; i++)
		if (visible(m, i)) {
			if (i >= m->top && vtop < 0)
				vtop = nvis;
			vsel += i < m->row;
			nvis++;
		}
	tui_scroll_mark(win, y + 2, x, rows, w, vtop < 0 ? 0 : vtop, rows, nvis, vsel);
	m->page = rows;
	tui_cell(win, y + h - 1, x + 1, _("all systems"), NAME_W, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	tui_cell(win, y + h - 1, cx + 1, pct, PCT_W, TEXT_RIGHT, tui_attr(TUI_PAL_HEADER));
	tui_text(win, y + h - 1, cx + 1 + PCT_W, b->total.overdue > 0 ? " !" : "", 2,
	    tui_attr(TUI_PAL_ERROR));
}

static void
mig_status(struct screen *s, char *buf, size_t len)
{
	struct mig *m = s->data;
	const struct mig_board *b = &m->b;

	buf[0] = '\0';
	if (m->detail != NULL || m->step != NULL) {
		if (s->app->msg.text == NULL && m->detail != NULL)
			mig_detail_status(m->detail, buf, len);
		else if (s->app->msg.text == NULL)
			mig_step_status(m->step, buf, len);
		return;
	}
	/* a message (a refusal) gets the whole line */
	if (!m->loaded || !any_visible(m) || b->nsys == 0 || b->nstep == 0 || s->app->msg.text != NULL)
		return;
	snprintf(buf, len, "%s%s: %s", b->sys[m->row].writable ? "" : _("[read only] "),
	    b->steps[m->col].name,
	    mig_st_label(mig_board_cell(b, m->row, m->col)->st));
}

/* Enter: the step view (dates, owner, the whole note, history; c edits; N M X for IT). */
static void
mig_open_step(struct screen *s)
{
	struct mig	*m = s->data;
	const struct mig_board_sys *sy = &m->b.sys[m->row];
	const struct mig_board_step *st = &m->b.steps[m->col];
	struct mig_step_at at = { sy->id, st->id, sy->name, sy->dept, st->phase, st->name,
	    sy->writable, m->b.nsys };
	char		*cause = NULL;

	if ((m->step = mig_step_open(s, &at, &cause)) == NULL) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
	}
}

/*
 * One cell read again after a write from the board (mig_board_cells, as a notification
 * of it would): TUI_REDRAW, or TUI_RELOAD (the whole board) when it could not be read.
 */
static int
mig_cell_reload(struct screen *s, int sys_id, int step_id)
{
	struct mig	*m = s->data;
	const int	 ids[1][2] = { { sys_id, step_id } };
	struct fy_date	 today;
	char		*cause = NULL;

	if (fy_date_parse(app_today(s->app), &today, &cause) == 0 &&
	    mig_board_cells(s->app->ctx, &today, &m->b, ids, 1, &cause) >= 0)
		return TUI_REDRAW;
	free(cause);
	return TUI_RELOAD;
}

/* Their status of the cell against the one key pressed: the conflict dialog. */
static enum dialog_conflict_choice
mig_conflict(const struct mig_board_step *step, enum mig_st mine,
    const struct mig_cell_now *now)
{
	struct dialog_diff d[1];

	d[0] = (struct dialog_diff){ step->name, mig_st_label(now->st), mig_st_label(mine) };
	return dialog_conflict(now->who[0] != '\0' ? now->who : "?",
	    now->when[0] != '\0' ? now->when : "?", d, 1);
}

/*
 * 1-4: set the selected step's status, carrying the version of the cell on screen (what
 * the user decided from). Someone else's change since: the conflict dialog says who
 * changed it to what; reload shows theirs, overwrite writes over it having seen it.
 * The database decides who may write; the screen explains. Then only that cell is read
 * again (a refusal reads the whole board: who may write what has changed).
 */
static int
mig_set_status(struct screen *s, enum mig_st st)
{
	struct mig	*m = s->data;
	const struct mig_board_sys *sy = &m->b.sys[m->row];
	const struct mig_board_step *step = &m->b.steps[m->col];
	struct mig_cell_now now;
	char		*cause = NULL, *msg;
	int		 version = mig_board_cell(&m->b, m->row, m->col)->version;
	int		 sys_id = sy->id, step_id = step->id, tries;
	enum store_rc	 rc = STORE_FAILED;

	if (!sy->writable) {
		msg = mig_refusal(s->app->ctx, sy->id);
		chrome_message(&s->app->msg, 1, "%s", msg);
		free(msg);
		return TUI_HANDLED | TUI_REDRAW;
	}
	for (tries = 0; tries < 2; tries++) {
		rc = mig_cell_set(s->app->ctx, sys_id, step_id, st, &version, app_today(s->app),
		    &now, &cause);
		if (rc != STORE_STALE || tries == 1)
			break;
		free(cause);
		cause = NULL;
		switch (mig_conflict(step, st, &now)) {
		case DIALOG_OVERWRITE:
			version = now.version;	/* theirs, seen: write over it */
			continue;
		case DIALOG_RELOAD:
			chrome_message(&s->app->msg, 0, "%s", _("Their version is loaded"));
			break;
		default:
			chrome_message(&s->app->msg, 1, "%s",
			    _("Not saved: someone else changed this record"));
			break;
		}
		return TUI_HANDLED | mig_cell_reload(s, sys_id, step_id);
	}
	switch (rc) {
	case STORE_OK:
		chrome_message(&s->app->msg, 0, "%s › %s: %s", sy->name, step->name,
		    mig_st_label(st));
		return TUI_HANDLED | mig_cell_reload(s, sys_id, step_id);
	case STORE_REFUSED:
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return TUI_HANDLED | TUI_RELOAD;
	default:	/* stale twice, or failed */
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return TUI_HANDLED | TUI_RELOAD;
	}
}

static void
mig_step_row(struct mig *m, int delta)
{
	int i = m->row;

	do
		i += delta;
	while (i >= 0 && i < m->b.nsys && !visible(m, i));
	if (i >= 0 && i < m->b.nsys)
		m->row = i;
}

/* The filter picker's choices, as the user types: clear, departments, vendors, statuses. */
static int
mig_filter_search(void *arg, const char *query, int n, struct form_pick **out, char **cause)
{
	const struct mig *m = arg;
	struct form_pick *v;
	char	*label, *id;
	int	 cap = 2 + 2 * m->b.nsys + MIG_NST, k = 0, i, j, pass;

	(void)cause;
	v = xcalloc((size_t)cap + 1, sizeof *v);
	for (pass = 0; pass < 4; pass++) {
		int lim = pass == 0 ? 1 : pass == 3 ? MIG_NST : m->b.nsys;

		for (i = 0; i < lim && k < n; i++) {
			const char *name = pass == 1 ? m->b.sys[i].dept :
			    pass == 2 ? m->b.sys[i].vendor : "";

			if ((pass == 1 || pass == 2) && name[0] == '\0')
				continue;
			for (j = 0; (pass == 1 || pass == 2) && j < i; j++)
				if (strcmp(pass == 1 ? m->b.sys[j].dept : m->b.sys[j].vendor,
				    name) == 0)
					break;
			if ((pass == 1 || pass == 2) && j < i)
				continue;	/* listed already */
			if (pass == 0) {
				label = xstrdup(_("clear the filter"));
				id = xstrdup("-");
			} else if (pass == 3) {
				label = xasprintf(_("status: a step %s"), mig_st_label((enum mig_st)i));
				id = xasprintf("s%d", i);
			} else {
				label = xasprintf("%s: %s", pass == 1 ? _("owner department") : _("vendor"),
				    name);
				id = xasprintf("%c%s", pass == 1 ? 'd' : 'v', name);
			}
			if (query[0] != '\0' && strstr(label, query) == NULL) {
				free(label);
				free(id);
				continue;
			}
			v[k].id = id;
			v[k].label = label;
			k++;
		}
	}
	*out = v;
	return k;
}

static int
mig_filter_pick(struct screen *s)
{
	struct mig	*m = s->data;
	struct form_pick got;

	if (dialog_pick(_("Filter the board"), "", mig_filter_search, m, &got) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	free(m->fvalue);
	m->fvalue = NULL;
	m->fkind = MF_NONE;
	if (got.id[0] == 'd' || got.id[0] == 'v') {
		m->fkind = got.id[0] == 'd' ? MF_DEPT : MF_VENDOR;
		m->fvalue = xstrdup(got.id + 1);
	} else if (got.id[0] == 's') {
		m->fkind = MF_STATUS;
		m->fst = (enum mig_st)atoi(got.id + 1);
		m->fvalue = xstrdup(got.label);
	}
	free(m->title);
	m->title = xasprintf("%s  [%s: %s]", _(s->info->title), _("filter"), got.label);
	free(got.id);
	free(got.label);
	m->top = 0;
	if (!visible(m, m->row)) {
		m->row = 0;
		if (!visible(m, 0))
			mig_step_row(m, 1);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* d: the selected system's detail; e: the same with its form open (as e there). */
static int
mig_open_detail(struct screen *s, int edit)
{
	struct mig	*m = s->data;
	char		*cause = NULL;
	int		 done;

	m->detail = mig_detail_open(s, m->b.sys[m->row].id, m->b.sys[m->row].writable, &cause);
	if (m->detail == NULL) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
	} else if (edit)
		return mig_detail_key(s, m->detail, KEYMAP_NONE, ACTION_EDIT, &done);
	return TUI_HANDLED | TUI_REDRAW;
}

static const char *
mig_title(struct screen *s)
{
	struct mig	*m = s->data;

	if (m->detail != NULL)
		return mig_detail_title(m->detail);
	if (m->step != NULL)
		return mig_step_title(m->step);
	return m->fkind == MF_NONE ? NULL : m->title;
}

static int
mig_handle(struct screen *s, int key, enum action a)
{
	struct mig *m = s->data;
	int flags, done, i;

	if (m->detail != NULL) {
		flags = mig_detail_key(s, m->detail, key, a, &done);
		if (done) {
			mig_detail_close(m->detail);
			m->detail = NULL;
		}
		return flags;
	}
	if (m->step != NULL) {
		switch (mig_step_editing(m->step) ? ACTION_NONE : a) {
		/* 1-4 in the view: the cell's status, the view then anew */
		case ACTION_SET_DONE:
		case ACTION_SET_DOING:
		case ACTION_SET_TODO:
		case ACTION_SET_NA:
			flags = mig_set_status(s, a == ACTION_SET_DONE ? MIG_DONE :
			    a == ACTION_SET_DOING ? MIG_DOING : a == ACTION_SET_TODO ? MIG_TODO :
			    MIG_NA);
			if (mig_step_reload(s, m->step, NULL) != 0)
				flags |= TUI_RELOAD;
			return flags;
		default:
			break;
		}
		flags = mig_step_key(s, m->step, key, a, &done);
		if (done) {
			mig_step_close(m->step);
			m->step = NULL;
		}
		if (flags & TUI_RELOAD)
			m->full_due = 1;	/* the step list or a cell changed: all again */
		return flags;
	}
	if ((a == ACTION_STEP_ADD || a == ACTION_STEP_RESTORE || a == ACTION_CELL_EDIT ||
	    a == ACTION_STEP_RENAME || a == ACTION_STEP_MOVE || a == ACTION_STEP_RETIRE) &&
	    !keymap_binds(&s->keymap, a))
		return TUI_HANDLED;	/* by name (:step-add): not this member's to do */
	if (a == ACTION_STEP_ADD) {
		m->step = mig_step_open_add(s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_STEP_RESTORE) {
		m->full_due = 1;
		return mig_step_restore(s);
	}
	if (a == ACTION_EXPORT_LINE)
		return mig_step_export_lines(s);
	if (!m->loaded || m->b.nsys == 0 || m->b.nstep == 0)
		return TUI_PASS;
	if (a == ACTION_SEARCH)
		return mig_filter_pick(s);
	if (!any_visible(m))
		return a == ACTION_UP || a == ACTION_DOWN ? TUI_HANDLED : TUI_PASS;
	switch (a) {
	case ACTION_DETAIL:
		return mig_open_detail(s, 0);
	case ACTION_EDIT:	/* the detail with its form open */
		return mig_open_detail(s, 1);
	case ACTION_SET_DONE:
		return mig_set_status(s, MIG_DONE);
	case ACTION_SET_DOING:
		return mig_set_status(s, MIG_DOING);
	case ACTION_SET_TODO:
		return mig_set_status(s, MIG_TODO);
	case ACTION_SET_NA:
		return mig_set_status(s, MIG_NA);
	case ACTION_CELL_EDIT:	/* c on the board: the view with the form open */
	case ACTION_STEP_RENAME:
	case ACTION_STEP_MOVE:
	case ACTION_STEP_RETIRE:
		mig_open_step(s);
		if (m->step == NULL)
			return TUI_HANDLED | TUI_REDRAW;
		return mig_handle(s, key, a);
	default:
		break;
	}
	if (a == ACTION_ONLY_MINE) {
		m->only_mine = !m->only_mine;
		if (!visible(m, m->row))
			mig_step_row(m, 1);
		if (!visible(m, m->row))
			mig_step_row(m, -1);
		m->top = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (a) {
	case ACTION_UP: case ACTION_DOWN: case ACTION_PAGE_UP: case ACTION_PAGE_DOWN:
		for (i = 0; i < (a == ACTION_UP || a == ACTION_DOWN || m->page < 1 ? 1 : m->page); i++)
			mig_step_row(m, a == ACTION_UP || a == ACTION_PAGE_UP ? -1 : 1);	/* a page: those shown */
		break;
	case ACTION_LEFT:
		if (m->col > 0)
			m->col--;
		break;
	case ACTION_RIGHT:
		if (m->col < m->b.nstep - 1)
			m->col++;
		break;
	case ACTION_HOME:
		m->col = 0;
		break;
	case ACTION_END:
		m->col = m->b.nstep - 1;
		break;
	case ACTION_ENTER:
		mig_open_step(s);
		break;
	default:
		return TUI_PASS;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
mig_on_notify(struct screen *s, const char *table, const char *key)
{
	struct mig	*m = s->data;

	if (strcmp(table, "mig_status") == 0) {	/* key "system_id,step_id" */
		int sys, step, i;

		if (m->ncells_due < 0 || sscanf(key, "%d,%d", &sys, &step) != 2) {
			m->ncells_due = -1;
			return TUI_RELOAD;
		}
		for (i = 0; i < m->ncells_due; i++) {
			if (m->cells_due[i][0] == sys && m->cells_due[i][1] == step)
				return TUI_RELOAD;
		}
		if (m->ncells_due == MIG_BOARD_CELLS_MAX)
			m->ncells_due = -1;
		else {
			m->cells_due[m->ncells_due][0] = sys;
			m->cells_due[m->ncells_due++][1] = step;
		}
		return TUI_RELOAD;
	}
	if (strcmp(table, "mig_system") == 0 || strcmp(table, "mig_step") == 0 ||
	    strcmp(table, "mig_risk") == 0) {
		m->full_due = 1;
		return TUI_RELOAD;
	}
	return TUI_PASS;
}

const struct screen_ops mig_ops = {
	.keys = mig_keys,			/* every key it takes */
	.nkeys = nitems(mig_keys),
	.init = mig_init,			/* first load (a failure leaves an empty board) */
	.draw = mig_draw,			/* the matrix */
	.handle = mig_handle,			/* moves, 1-4 status, o only mine, d e */
	.reload = mig_reload,			/* F5, reconnect, NOTIFY */
	.reload_send = mig_reload_send,		/* notified cells: keys go on meanwhile */
	.reload_recv = mig_reload_recv,
	.on_notify = mig_on_notify,		/* mig_status, mig_system, mig_step */
	.status = mig_status,			/* the selected cell */
	.fini = mig_fini,
	.title = mig_title,			/* the filter, or the system shown */
};
