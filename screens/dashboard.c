/*
 * dashboard — the first screen after login: tiles of numbers from the database, chosen
 * by role (IT staff: the whole plan at a glance; a project lead: their department's
 * measures and systems; a trainer: sessions and attendance; the auditor: evaluations
 * waiting). Each tile's title carries the key that jumps to its screen, or says the
 * screen is coming. The numbers come from backend/store_dashboard.c. Tab focuses the
 * next tile (▶ in its title) and Enter says what its figures are (dash_about.h).
 */
#include "screens/dashboard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/store/store_dashboard.h"
#include "backend/lib/util.h"
#include "screens/dash_about.h"
#include "screens/screens.h"
#include "tui/app.h"

#define DASH_MAX_LINES	12

static const struct keymap_bind dash_keys[] = {
	{ "m", ACTION_GO_MEASURES, 1 },
	{ "g", ACTION_GO_SCHEDULE, 1 },
	{ "e", ACTION_GO_EVAL, 0 },
	{ "i", ACTION_GO_MIG, 1 },
	{ "r", ACTION_GO_RISKS, 0 },
	{ "v", ACTION_GO_VDI, 1 },
	{ "t", ACTION_GO_TRAINING, 1 },
	{ "s", ACTION_GO_STAFF, 1 },
	{ "a", ACTION_GO_AUDIT, 1 },
	{ "k", ACTION_GO_KEYS, 0 },
	{ "R", ACTION_RELOAD, 0 },
	{ "Tab", ACTION_NEXT_TILE, 0 },		/* said on the status line */
	{ "Enter", ACTION_ABOUT, 0 },
};

enum dash_role { DASH_ROLE_IT, DASH_ROLE_LEAD, DASH_ROLE_TRAINER, DASH_ROLE_AUDITOR };

struct dash_line {
	char	*text;
	int	 bar;		/* draw a bar of fraction before the text */
	double	 fraction;
	int	 warn;
};

struct dash_tile {
	char			*title;
	struct dash_line	 lines[DASH_MAX_LINES];
	int			 n;
	int			 focused;
};

struct dash {
	struct dashboard	 d;
	int			 loaded;
	enum dash_role		 role;
	unsigned		 moved;		/* tiles notified since the last reload */
	int			 focus;		/* the focused tile, in dash_layout's order */
	struct dashboard_req	 req;		/* what dash_reload_send asked for */
};

/* Each role's tiles: the left column, then the right; DASH_K__COUNT ends a column. */
static const struct {
	enum dash_kind	 left[3], right[4];
} dash_layout[] = {
	[DASH_ROLE_IT] = { { DASH_K_PLAN, DASH_K_EVAL, DASH_K__COUNT },
	    { DASH_K_MIG, DASH_K_VDI, DASH_K_DX, DASH_K__COUNT } },
	[DASH_ROLE_LEAD] = { { DASH_K_PLAN, DASH_K_EVAL, DASH_K__COUNT },
	    { DASH_K_MIG, DASH_K_DX, DASH_K__COUNT } },
	[DASH_ROLE_TRAINER] = { { DASH_K_SESSIONS, DASH_K__COUNT },
	    { DASH_K_DX, DASH_K__COUNT } },
	[DASH_ROLE_AUDITOR] = { { DASH_K_EVAL, DASH_K_PLAN, DASH_K__COUNT },
	    { DASH_K_MIG, DASH_K_DX, DASH_K__COUNT } },
};

static enum dash_role
dash_role_of(const struct identity *who)
{
	if (who == NULL)
		return DASH_ROLE_IT;
	if (strcmp(who->role, "lead") == 0)
		return DASH_ROLE_LEAD;
	if (strcmp(who->role, "trainer") == 0)
		return DASH_ROLE_TRAINER;
	if (strcmp(who->role, "auditor") == 0)
		return DASH_ROLE_AUDITOR;
	return DASH_ROLE_IT;
}

/* The tiles to read (those notified, or all), and whose: a lead's department, a
 * trainer's sessions. -1 with *cause when there is no database. */
static int
dash_ask(struct screen *s, unsigned *tiles, int *dept, int *trainer, char **cause)
{
	struct dash	*st = s->data;
	struct app	*app = s->app;

	*tiles = s->reload_due && st->loaded && st->moved ? st->moved : DASH_T_ALL;
	*dept = *trainer = 0;
	if (st->role == DASH_ROLE_LEAD && app->who != NULL)
		*dept = app->who->dept_id;
	if (st->role == DASH_ROLE_TRAINER && app->who != NULL)
		*trainer = app->who->staff_id;
	if (app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	return 0;
}

/* The numbers read into fresh (which began as a copy of st->d) become the shown ones;
 * 1 if none moved (a notified reload after a write that changed nothing this member
 * sees: no redraw). */
static int
dash_take(struct dash *st, struct dashboard *fresh)
{
	int	 same = st->loaded && memcmp(fresh, &st->d, sizeof *fresh) == 0;

	st->d = *fresh;
	free(fresh);
	st->loaded = 1;
	return same;
}

static int
dash_reload(struct screen *s, char **cause)
{
	struct dash	*st = s->data;
	struct app	*app = s->app;
	struct dashboard *fresh;
	unsigned	 tiles;
	int		 dept, trainer;

	if (dash_ask(s, &tiles, &dept, &trainer, cause) != 0)
		return -1;
	/* into a copy: on failure the last numbers stay on screen */
	fresh = xmalloc(sizeof *fresh);
	*fresh = st->d;
	if (store_dashboard_load(app->ctx, app_today(app), app->fy, dept, trainer, tiles,
	    fresh, cause) != 0) {
		free(fresh);
		return -1;
	}
	st->moved = 0;
	return dash_take(st, fresh);
}

/* A notified reload without waiting (screen_ops.reload_send): the tiles notified so far
 * are asked for; those notified from now on wait for the next. */
static int
dash_reload_send(struct screen *s, char **cause)
{
	struct dash	*st = s->data;
	struct app	*app = s->app;
	unsigned	 tiles;
	int		 dept, trainer;

	if (dash_ask(s, &tiles, &dept, &trainer, cause) != 0 ||
	    store_dashboard_send(app->ctx, app_today(app), app->fy, dept, trainer, tiles,
	    &st->req, cause) != 0)
		return -1;
	st->moved = 0;
	return st->req.n > 0 ? SCREEN_RELOAD_SENT : 0;
}

static int
dash_reload_recv(struct screen *s, char **cause)
{
	struct dash	*st = s->data;
	struct dashboard *fresh = xmalloc(sizeof *fresh);

	*fresh = st->d;
	if (store_dashboard_recv(s->app->ctx, &st->req, fresh, cause) != 0) {
		free(fresh);
		if (st->req.tiles != DASH_T_ALL)
			st->moved |= st->req.tiles;	/* still to be read */
		return -1;
	}
	return dash_take(st, fresh);
}

static int
dash_init(struct screen *s, char **cause)
{
	struct dash	*st = xcalloc(1, sizeof *st);
	char		*why = NULL;

	st->role = dash_role_of(s->app->who);
	s->data = st;
	(void)cause;
	/* no data yet (database down) is not a reason to refuse the screen */
	if (dash_reload(s, &why) < 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
dash_fini(struct screen *s)
{
	free(s->data);
	s->data = NULL;
}

static void
dash_add(struct dash_tile *t, int warn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
dash_add(struct dash_tile *t, int warn, const char *fmt, ...)
{
	va_list	 ap;

	if (t->n == DASH_MAX_LINES)
		return;
	va_start(ap, fmt);
	t->lines[t->n].text = xvasprintf(fmt, ap);
	va_end(ap);
	t->lines[t->n].warn = warn;
	t->lines[t->n].bar = 0;
	t->n++;
}

static void
dash_add_bar(struct dash_tile *t, double fraction, const char *text)
{
	if (t->n == DASH_MAX_LINES)
		return;
	t->lines[t->n].text = xstrdup(text);
	t->lines[t->n].bar = 1;
	t->lines[t->n].fraction = fraction;
	t->lines[t->n].warn = 0;
	t->n++;
}

/* "[k] Title" and " (coming)" when the screen it opens is not written yet. */
static void
dash_title(struct screen *s, struct dash_tile *t, enum action go, const char *title)
{
	const struct screen_info	*info;
	char				 keys[64] = "";

	info = screen_for_action(s->app->screens, s->app->nscreens, go);
	keymap_keys_for(&s->keymap, go, keys, sizeof keys);
	t->title = xasprintf("%s%s%s%s%s", *keys ? "[" : "", keys, *keys ? "] " : "",
	    title, info == NULL || info->ops == NULL ? _(" (coming)") : "");
	t->n = 0;
}

static void
dash_tile_free(struct dash_tile *t)
{
	int	 i;

	for (i = 0; i < t->n; i++)
		free(t->lines[i].text);
	free(t->title);
	memset(t, 0, sizeof *t);
}

static const char *const dash_status_label[DASH_NSTATUS] = {
	N_("Not started"), N_("Studying"), N_("In progress"), N_("Done"), N_("Reviewing"),
};

/* Plan progress: each part, then its measures by status (zero counts left out). */
static void
dash_tile_plan(struct screen *s, struct dash *st, struct dash_tile *t, const char *title)
{
	int	 i, k, order[DASH_NSTATUS] = { DASH_IN_PROGRESS, DASH_STUDYING,
	    DASH_NOT_STARTED, DASH_REVIEWING, DASH_DONE };

	dash_title(s, t, ACTION_GO_MEASURES, title);
	for (i = 0; i < st->d.nparts; i++) {
		char	*line = xstrdup(" "), *tmp;
		int	 any = 0;

		for (k = 0; k < DASH_NSTATUS; k++)
			any += st->d.parts[i].by_status[k];
		if (any == 0 && st->role == DASH_ROLE_LEAD) {
			free(line);
			continue;	/* a lead sees only parts with their measures */
		}
		any = 0;
		dash_add(t, 0, "%s", st->d.parts[i].title);
		for (k = 0; k < DASH_NSTATUS; k++) {
			int n = st->d.parts[i].by_status[order[k]];

			if (n == 0)
				continue;
			tmp = xasprintf("%s %s %d", line, _(dash_status_label[order[k]]), n);
			free(line);
			line = tmp;
			any = 1;
		}
		dash_add(t, 0, "%s", any ? line : _("  (no measures)"));
		free(line);
	}
	if (st->d.nparts == 0)
		dash_add(t, 0, "%s", _("No measures visible"));
}

static void
dash_tile_eval(struct screen *s, struct dash *st, struct dash_tile *t)
{
	char	 fy[FY_BUFSIZE], *title;

	title = xasprintf(_("Evaluation (%s)"), fy_format(s->app->fy, i18n_lang(), fy, sizeof fy));
	dash_title(s, t, ACTION_GO_EVAL, title);
	free(title);
	dash_add(t, 0, _("1st evaluation submitted %d/%d  2nd evaluation %d/%d"),
	    st->d.e1_submitted, st->d.measures, st->d.e2_submitted, st->d.measures);
	if (st->role == DASH_ROLE_LEAD)
		dash_add(t, st->d.e1_missing > 0,
		    _("Your measures without a 1st evaluation: %d"), st->d.e1_missing);
	else if (st->role == DASH_ROLE_AUDITOR) {
		dash_add(t, 0, _("Waiting for the 2nd evaluation: %d"),
		    st->d.e1_submitted - st->d.e2_submitted);
		dash_add(t, 0, _("Waiting for the CIO adviser's comment: %d"), st->d.cio_pending);
	} else
		dash_add(t, 0, _("Published %d"), st->d.published);
	if (st->d.nphases > 0) {
		char	*line = xstrdup(_("This year:")), *tmp;
		int	 i;

		for (i = 0; i < st->d.nphases; i++) {
			tmp = xasprintf("%s %s %d", line, st->d.phases[i].phase,
			    st->d.phases[i].measures);
			free(line);
			line = tmp;
		}
		dash_add(t, 0, "%s", line);
		free(line);
	}
}

static void
dash_tile_mig(struct screen *s, struct dash *st, struct dash_tile *t, const char *title)
{
	char	*pct;
	double	 rate = store_dashboard_mig_rate(&st->d);

	dash_title(s, t, ACTION_GO_MIG, title);
	pct = xasprintf("%s %5.1f%%", _("Done"), rate);
	dash_add_bar(t, rate / 100.0, pct);
	free(pct);
	dash_add(t, 0, _("In progress %d systems / not started %d / done %d"),
	    st->d.sys_doing, st->d.sys_todo, st->d.sys_done);
	dash_add(t, st->d.steps_overdue > 0 || st->d.risks_open > 0,
	    _("Overdue steps %d   Open risks %d"), st->d.steps_overdue, st->d.risks_open);
	if (st->d.special_support > 0)
		dash_add(t, 0, _("Special migration support: %d systems"), st->d.special_support);
}

static void
dash_tile_vdi(struct screen *s, struct dash *st, struct dash_tile *t)
{
	dash_title(s, t, ACTION_GO_VDI, _("Telework VDI"));
	dash_add(t, st->d.vdi_expiring > 0,
	    _("Active %d  Requested %d  Expiring in 30 days %d"),
	    st->d.vdi_active, st->d.vdi_requested, st->d.vdi_expiring);
}

static void
dash_tile_dx(struct screen *s, struct dash *st, struct dash_tile *t)
{
	char	*label;
	double	 f = st->d.dx_target > 0 ? (double)st->d.dx_certified / st->d.dx_target : 0;

	dash_title(s, t, ACTION_GO_TRAINING, _("DX leader development"));
	label = xasprintf(_("Certified %d / target %d"), st->d.dx_certified, st->d.dx_target);
	dash_add(t, 0, "%s", label);
	free(label);
	label = xasprintf("%3.0f%%", f * 100);
	dash_add_bar(t, f, label);
	free(label);
	dash_add(t, 0, _("In training %d   Sessions this month %d"), st->d.dx_in_training,
	    st->d.sessions_month);
}

static void
dash_tile_sessions(struct screen *s, struct dash *st, struct dash_tile *t)
{
	int	 i;

	dash_title(s, t, ACTION_GO_TRAINING, _("Upcoming sessions (14 days)"));
	for (i = 0; i < st->d.nupcoming; i++) {
		const struct dash_session *se = &st->d.upcoming[i];

		dash_add(t, 0, "%s %s", se->starts + 5, se->course);
		dash_add(t, 0, _("   %s  enrolled %d"), se->place, se->enrolled);
	}
	if (st->d.nupcoming == 0)
		dash_add(t, 0, "%s", _("No sessions in the next 14 days"));
	dash_add(t, st->d.unmarked_sessions > 0, _("Attendance not marked: %d sessions, %d people"),
	    st->d.unmarked_sessions, st->d.unmarked_people);
}

/* The tile of kind for this role, its title marked when focused. */
static void
dash_tile(struct screen *s, struct dash *st, struct dash_tile *t, enum dash_kind kind,
    int focused)
{
	int	 lead = st->role == DASH_ROLE_LEAD;
	char	*title;

	switch (kind) {
	case DASH_K_PLAN:
		dash_tile_plan(s, st, t, lead ? _("Your department's measures") :
		    _("Plan progress"));
		break;
	case DASH_K_EVAL:
		dash_tile_eval(s, st, t);
		break;
	case DASH_K_MIG:
		dash_tile_mig(s, st, t, lead ? _("Your department's systems") :
		    _("Standardisation migration"));
		break;
	case DASH_K_VDI:
		dash_tile_vdi(s, st, t);
		break;
	case DASH_K_DX:
		dash_tile_dx(s, st, t);
		break;
	default:
		dash_tile_sessions(s, st, t);
		break;
	}
	t->focused = focused;
	if (focused) {
		title = xasprintf("\xe2\x96\xb6 %s", t->title);	/* ▶ */
		free(t->title);
		t->title = title;
	}
}

/* The number of tiles of the role, and the kind of the n-th. */
static int
dash_tiles(enum dash_role role, int n, enum dash_kind *kind)
{
	const enum dash_kind *col[2] = { dash_layout[role].left, dash_layout[role].right };
	int	 c, i, k = 0;

	for (c = 0; c < 2; c++)
		for (i = 0; col[c][i] != DASH_K__COUNT; i++, k++)
			if (k == n)
				*kind = col[c][i];
	return k;
}

/* Draw a tile in a box at (y, x), at most maxh lines; returns the lines used. */
static int
dash_draw_tile(WINDOW *win, const struct dash_tile *t, int y, int x, int maxh, int w)
{
	int	 h = t->n + 2, i, bw;

	if (h > maxh)
		h = maxh;
	if (h < 3 || w < 10)
		return 0;
	tui_box(win, y, x, h, w, t->title, tui_attr(t->focused ? TUI_PAL_HEADER : TUI_PAL_BORDER));
	for (i = 0; i < h - 2; i++) {
		const struct dash_line *l = &t->lines[i];
		attr_t a = tui_attr(l->warn ? TUI_PAL_WARN : TUI_PAL_NORMAL);

		if (l->bar) {
			bw = (w - 4) * 3 / 5;
			tui_bar(win, y + 1 + i, x + 2, bw, l->fraction);
			tui_cell(win, y + 1 + i, x + 3 + bw, l->text, w - 5 - bw, TEXT_LEFT, a);
		} else
			tui_cell(win, y + 1 + i, x + 2, l->text, w - 4, TEXT_LEFT, a);
	}
	return h;
}

/* Stack tiles down a column; returns the lines used. */
static int
dash_column(WINDOW *win, struct dash_tile *tiles, int n, int y, int x, int h, int w)
{
	int	 i, used = 0;

	for (i = 0; i < n && used < h; i++)
		used += dash_draw_tile(win, &tiles[i], y + used, x, h - used, w);
	return used;
}

static void
dash_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct dash	*st = s->data;
	struct dash_tile left[3], right[3];
	int		 nl = 0, nr = 0, i, lw = w / 2;

	memset(left, 0, sizeof left);
	memset(right, 0, sizeof right);
	if (!st->loaded) {
		tui_text(win, y + 1, x + 2, _("No data: the database is not reachable."), w - 4,
		    tui_attr(TUI_PAL_ERROR));
		return;
	}
	for (i = 0; dash_layout[st->role].left[i] != DASH_K__COUNT; i++)
		dash_tile(s, st, &left[nl++], dash_layout[st->role].left[i], st->focus == i);
	for (i = 0; dash_layout[st->role].right[i] != DASH_K__COUNT; i++)
		dash_tile(s, st, &right[nr++], dash_layout[st->role].right[i],
		    st->focus == nl + i);
	if (w >= 70) {
		dash_column(win, left, nl, y, x, h, lw);
		dash_column(win, right, nr, y, x + lw, h, w - lw);
	} else {	/* narrow: one column */
		int used = dash_column(win, left, nl, y, x, h, w);

		dash_column(win, right, nr, y + used, x, h - used, w);
	}
	for (i = 0; i < nl; i++)
		dash_tile_free(&left[i]);
	for (i = 0; i < nr; i++)
		dash_tile_free(&right[i]);
}

static int
dash_handle(struct screen *s, int key, enum action a)
{
	struct dash	*st = s->data;
	struct dash_tile t;
	enum dash_kind	 kind = DASH_K_PLAN;
	int		 n = dash_tiles(st->role, st->focus, &kind);

	(void)key;
	if (a == ACTION_NEXT_TILE) {
		st->focus = n > 0 ? (st->focus + 1) % n : 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_ABOUT && st->loaded) {
		memset(&t, 0, sizeof t);
		dash_tile(s, st, &t, kind, 0);	/* its title as shown */
		dash_about(s, kind, t.title);
		dash_tile_free(&t);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_PASS;	/* jumps, reload, help: the generic handling */
}

/* How to reach the figures' definitions, at 80x24 where the key bar has no room. */
static void
dash_status(struct screen *s, char *buf, size_t len)
{
	char	 tab[32], enter[32];

	keymap_keys_for(&s->keymap, ACTION_NEXT_TILE, tab, sizeof tab);
	keymap_keys_for(&s->keymap, ACTION_ABOUT, enter, sizeof enter);
	snprintf(buf, len, _("%s next tile  %s about the figures"), tab, enter);
}

static int
dash_on_notify(struct screen *s, const char *table, const char *key)
{
	struct dash	*st = s->data;
	unsigned	 tiles = store_dashboard_tiles_of(table);

	(void)key;
	if (tiles == 0)
		return TUI_PASS;
	st->moved |= tiles;	/* only these are read again (see reload_due) */
	return TUI_RELOAD;
}

const struct screen_ops dashboard_ops = {
	.keys = dash_keys,			/* tile jumps */
	.nkeys = nitems(dash_keys),
	.init = dash_init,			/* role, first load */
	.draw = dash_draw,			/* tiles in two columns */
	.handle = dash_handle,			/* everything passes to the generic keys */
	.reload = dash_reload,			/* F5, reconnect */
	.reload_send = dash_reload_send,	/* notified: keys go on meanwhile */
	.reload_recv = dash_reload_recv,
	.on_notify = dash_on_notify,		/* the tiles a table's change moves */
	.status = dash_status,			/* Tab and Enter: the tiles' figures */
	.fini = dash_fini,
};
