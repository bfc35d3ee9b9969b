/*
 * mig_step — the board's step view and the step list's administration (see mig_step.h).
 * Every write is the store function the command calls: mig_cell_edit (`mig cell`),
 * mig_step_add / mig_step_update (`mig steps add|rename|move|retire|restore`).
 */
#include "screens/mig_step.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"
#include "backend/store/outcome.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_staff.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

enum ms_form { MS_NONE, MS_CELL, MS_ADD, MS_RENAME, MS_MOVE };

struct mig_step {
	int			 sys_id, step_id, writable, nsys;
	int			 step_version;	/* the step's as read: a rename, move, retire carry it */
	char			*sys, *dept, *phase, *step;
	char			*title;
	char			**lines;	/* the view, unwrapped */
	int			 n;
	struct tui_view		 v;		/* the wrapped lines' scroll */
	int			 add_only;	/* `+` from the board: the form is all */
	struct mig_cell_fields	 cell;		/* as read: the form's values, its version */
	struct form		*form;
	enum ms_form		 kind;
	/* a cell save: yours, theirs (after a stale save) and who */
	char			*mine[4];
	struct mig_cell_fields	 theirs;
	struct mig_cell_now	 now;
	int			 version;
};

enum { CF_FROM, CF_TO, CF_OWNER, CF_NOTE };

static const struct form_field_def cell_fields[] = {
	[CF_FROM] = { .name = "from", .label = N_("Planned start"), .type = FORM_DATE },
	[CF_TO] = { .name = "to", .label = N_("Planned end"), .type = FORM_DATE },
	[CF_OWNER] = { .name = "owner", .label = N_("Owner"), .type = FORM_PICKER,
	    .search = store_staff_login_search },
	[CF_NOTE] = { .name = "note", .label = N_("Note"), .type = FORM_MULTILINE,
	    .maxlen = 2000, .rows = 5 },
};
static const struct form_field_def add_fields[] = {
	{ .name = "phase", .label = N_("Phase"), .type = FORM_TEXT, .required = 1, .maxlen = 100 },
	{ .name = "name", .label = N_("Step name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
	{ .name = "seq", .label = N_("Number (empty: after the last)"), .type = FORM_INT,
	    .min = 1, .max = 99999 },
};
static const struct form_field_def rename_fields[] = {
	{ .name = "name", .label = N_("Step name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
};
static const struct form_field_def move_fields[] = {
	{ .name = "seq", .label = N_("New number"), .type = FORM_INT, .required = 1, .min = 1,
	    .max = 99999 },
};

int
mig_step_allowed(const struct screen *s, enum action a)
{
	const char *role = s->app->who != NULL ? s->app->who->role : "";
	int admin = strcmp(role, "admin") == 0;

	switch (a) {
	case ACTION_STEP_ADD:
	case ACTION_STEP_RENAME:
	case ACTION_STEP_MOVE:
	case ACTION_STEP_RETIRE:
	case ACTION_STEP_RESTORE:
		return admin;		/* the policy on mig_step */
	case ACTION_CELL_EDIT:
	case ACTION_SET_DONE:
	case ACTION_SET_DOING:
	case ACTION_SET_TODO:
	case ACTION_SET_NA:
		return admin || strcmp(role, "lead") == 0;	/* rs_mig_writable */
	default:
		return 1;
	}
}

static void
ms_lines_free(struct mig_step *st)
{
	int i;

	for (i = 0; i < st->n; i++)
		free(st->lines[i]);
	free(st->lines);
	st->lines = NULL;
	st->n = 0;
}

static void
ms_add(struct mig_step *st, char *line)
{
	st->lines = xreallocarray(st->lines, (size_t)st->n + 1, sizeof *st->lines);
	st->lines[st->n++] = line;
}

/* The view's lines from the cell and the history as they are now. */
static int
ms_build(struct screen *s, struct mig_step *st, char **cause)
{
	struct mig_hists h;
	char keyname[32];
	enum mig_st o, nw;
	int i;

	struct mig_refs steps;

	mig_cell_free(&st->cell);
	if (mig_cell_load(s->app->ctx, st->sys_id, st->step_id, &st->cell, cause) != 0)
		return -1;
	if (mig_steps_load(s->app->ctx, 1, &steps, cause) != 0)
		return -1;
	for (i = 0; i < steps.n; i++)
		if (steps.v[i].id == st->step_id)
			st->step_version = steps.v[i].version;
	mig_refs_free(&steps);
	if (mig_history_load(s->app->ctx, st->sys_id, &h, cause) != 0)
		return -1;
	ms_lines_free(st);
	ms_add(st, xasprintf("%s: %s (%s)", _("system"), st->sys, st->dept));
	ms_add(st, xasprintf("%s: %s / %s", _("step"), st->phase, st->step));
	ms_add(st, xasprintf("%s: %s %s", _("status"), mig_st_symbol(st->cell.st),
	    mig_st_label(st->cell.st)));
	ms_add(st, xasprintf("%s: %s - %s   %s: %s", _("planned"), st->cell.ps, st->cell.pe,
	    _("actual end"), st->cell.ae));
	ms_add(st, xasprintf("%s: %s%s%s%s", _("owner"), st->cell.owner_name,
	    st->cell.owner[0] ? " (" : "", st->cell.owner, st->cell.owner[0] ? ")" : ""));
	ms_add(st, xasprintf("%s: %s", _("note"), st->cell.note));
	ms_add(st, xstrdup(""));
	if (st->writable && mig_step_allowed(s, ACTION_CELL_EDIT)) {
		ms_add(st, xstrdup(_("1 completed  2 in progress  3 not started  4 not applicable")));
		keymap_keys_for(&s->keymap, ACTION_CELL_EDIT, keyname, sizeof keyname);
		ms_add(st, xasprintf("%s %s", keyname,
		    _("planned dates, owner and note")));
	} else
		ms_add(st, xstrdup(_("read only: you may change only your own department's systems")));
	if (mig_step_allowed(s, ACTION_STEP_RENAME))
		ms_add(st, xstrdup(_("N rename  M move  X retire this step (step list: IT staff)")));
	ms_add(st, xstrdup(""));
	for (i = 0; i < h.n; i++) {
		if (strcmp(h.v[i].step, st->step) != 0)
			continue;
		o = nw = MIG_TODO;
		mig_st_parse(h.v[i].old_st, &o);
		mig_st_parse(h.v[i].new_st, &nw);
		ms_add(st, xasprintf("%s  %s -> %s  %s  %s", h.v[i].at,
		    h.v[i].old_st[0] ? mig_st_label(o) : "", mig_st_label(nw), h.v[i].who,
		    h.v[i].note));
	}
	mig_hists_free(&h);
	return 0;
}

struct mig_step *
mig_step_open(struct screen *s, const struct mig_step_at *at, char **cause)
{
	struct mig_step *st = xcalloc(1, sizeof *st);

	st->sys_id = at->sys_id;
	st->step_id = at->step_id;
	st->writable = at->writable;
	st->nsys = at->nsys;
	st->sys = xstrdup(at->sys);
	st->dept = xstrdup(at->dept);
	st->phase = xstrdup(at->phase);
	st->step = xstrdup(at->step);
	st->title = xasprintf("%s › %s", at->sys, at->step);
	if (ms_build(s, st, cause) != 0) {
		mig_step_close(st);
		return NULL;
	}
	return st;
}

struct mig_step *
mig_step_open_add(struct screen *s)
{
	struct mig_step *st = xcalloc(1, sizeof *st);

	(void)s;
	st->add_only = 1;
	st->title = xstrdup(_("New step"));
	st->kind = MS_ADD;
	st->form = editform_open(N_("New step"), add_fields, (int)nitems(add_fields), NULL);
	return st;
}

static void
ms_mine_free(struct mig_step *st)
{
	size_t i;

	for (i = 0; i < nitems(st->mine); i++) {
		free(st->mine[i]);
		st->mine[i] = NULL;
	}
}

void
mig_step_close(struct mig_step *st)
{
	if (st == NULL)
		return;
	editform_close(&st->form);
	ms_lines_free(st);
	ms_mine_free(st);
	mig_cell_free(&st->cell);
	mig_cell_free(&st->theirs);
	free(st->sys);
	free(st->dept);
	free(st->phase);
	free(st->step);
	free(st->title);
	free(st);
}

int
mig_step_reload(struct screen *s, struct mig_step *st, char **cause)
{
	if (st->add_only || st->form != NULL)
		return 0;	/* the form keeps what is typed */
	return ms_build(s, st, cause);
}

/* --- the cell's form: save with the version read, the conflict dialog when stale --- */

static int
cell_save_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct mig_step *st = arg;
	enum store_rc rc = mig_cell_edit(s->app->ctx, st->sys_id, st->step_id, st->mine[CF_FROM],
	    st->mine[CF_TO], st->mine[CF_OWNER], st->mine[CF_NOTE], &st->version, &st->now,
	    cause);

	*stale = rc == STORE_STALE;
	return (int)rc;
}

static int
cell_theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct mig_step *st = arg;

	mig_cell_free(&st->theirs);
	if (mig_cell_load(s->app->ctx, st->sys_id, st->step_id, &st->theirs, cause) != 0)
		return -1;
	snprintf(c->who, sizeof c->who, "%s", st->now.who[0] ? st->now.who : "?");
	snprintf(c->when, sizeof c->when, "%s", st->now.when[0] ? st->now.when : "?");
	c->d[0] = (struct dialog_diff){ _("Planned start"), st->theirs.ps, st->mine[CF_FROM] };
	c->d[1] = (struct dialog_diff){ _("Planned end"), st->theirs.pe, st->mine[CF_TO] };
	c->d[2] = (struct dialog_diff){ _("Owner"), st->theirs.owner, st->mine[CF_OWNER] };
	c->d[3] = (struct dialog_diff){ _("Note"), st->theirs.note, st->mine[CF_NOTE] };
	c->n = 4;
	return 0;
}

static void
cell_form_load(struct mig_step *st, const struct mig_cell_fields *c)
{
	form_set(st->form, CF_FROM, c->ps);
	form_set(st->form, CF_TO, c->pe);
	if (c->owner[0] != '\0')
		form_set_pick(st->form, CF_OWNER, c->owner, c->owner);
	else
		form_set_pick(st->form, CF_OWNER, NULL, NULL);
	form_set(st->form, CF_NOTE, c->note);
}

static void
cell_take(struct screen *s, void *arg, int load)
{
	struct mig_step *st = arg;

	(void)s;
	st->version = st->theirs.version;
	if (load)
		cell_form_load(st, &st->theirs);
}

static const struct editform_saver cell_saver = {
	.save = cell_save_try,
	.theirs = cell_theirs,
	.take = cell_take,
};

static int
cell_save(struct screen *s, struct mig_step *st)
{
	char *cause = NULL;
	int rc, i;

	ms_mine_free(st);
	for (i = 0; i < 4; i++)
		st->mine[i] = form_get(st->form, i);
	if (editform_save(s, &cell_saver, st, &rc, &cause) == EDITFORM_DONE) {
		if (rc == STORE_OK) {
			chrome_message(&s->app->msg, 0, "%s › %s: %s", st->sys, st->step, _("saved"));
			editform_close(&st->form);
			st->kind = MS_NONE;
			free(cause);
			cause = NULL;
			if (ms_build(s, st, &cause) != 0)
				chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		} else	/* the form stays with what was typed */
			chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
	}
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

/* --- the step list: the same writes and messages as `mig steps` --- */

static void
steps_failed(struct screen *s, const char *sqlstate, const char *cause)
{
	if (outcome_is(sqlstate, DB_SQLSTATE_DENIED))
		chrome_message(&s->app->msg, 1, "%s",
		    _("permission denied: only IT staff (admin) edit the step list"));
	else if (outcome_is(sqlstate, DB_SQLSTATE_UNIQUE))
		chrome_message(&s->app->msg, 1, "%s",
		    _("a step with this name or number exists already"));
	else if (outcome_is(sqlstate, DB_SQLSTATE_STALE))	/* reloaded: try again on it */
		chrome_message(&s->app->msg, 1, "%s",
		    _("Not saved: someone else changed this record"));
	else
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
}

static int
steps_save(struct screen *s, struct mig_step *st)
{
	char sqlstate[6] = "", *cause = NULL, *v[3] = { NULL, NULL, NULL };
	int i, r;

	for (i = 0; i < st->form->n && i < 3; i++)
		v[i] = form_get(st->form, i);
	if (st->kind == MS_ADD)
		r = mig_step_add(s->app->ctx, v[0], v[1], v[2][0] ? atoi(v[2]) : 0, sqlstate,
		    &cause) < 0 ? -1 : 0;
	else if (st->kind == MS_RENAME)
		r = mig_step_update(s->app->ctx, st->step_id, v[0], 0, -1, st->step_version,
		    sqlstate, &cause);
	else
		r = mig_step_update(s->app->ctx, st->step_id, NULL, atoi(v[0]), -1,
		    st->step_version, sqlstate, &cause);
	if (r != 0)
		steps_failed(s, sqlstate, cause);	/* the form stays */
	else {
		chrome_message(&s->app->msg, 0, "%s: %s", st->kind == MS_ADD ? _("added step") :
		    _("saved"), st->kind == MS_ADD ? v[1] : st->kind == MS_RENAME ? v[0] :
		    st->step);
		if (st->kind == MS_RENAME) {
			free(st->step);
			st->step = xstrdup(v[0]);
		}
		editform_close(&st->form);
		st->kind = MS_NONE;
	}
	for (i = 0; i < 3; i++)
		free(v[i]);
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
ms_retire(struct screen *s, struct mig_step *st)
{
	char sqlstate[6] = "", *cause = NULL, *q;
	int ok;

	q = xasprintf(_("Retire the step %s? It leaves the board of all %d systems; its statuses "
	    "and history are kept, and U brings it back."), st->step, st->nsys);
	ok = dialog_confirm(q);
	free(q);
	if (!ok) {
		chrome_message(&s->app->msg, 0, "%s", _("Not retired"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (mig_step_update(s->app->ctx, st->step_id, NULL, 0, 1, st->step_version, sqlstate,
	    &cause) != 0) {
		steps_failed(s, sqlstate, cause);
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	chrome_message(&s->app->msg, 0, "%s: %s", _("retired"), st->step);
	return TUI_HANDLED | TUI_RELOAD;
}

/* Retired steps whose name holds query, as picks (id: the step's id). */
static int
retired_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	struct mig_refs steps;
	int i, k = 0;

	*out = NULL;
	if (mig_steps_load(db, 1, &steps, cause) != 0)
		return -1;
	*out = xcalloc((size_t)steps.n + 1, sizeof **out);
	for (i = 0; i < steps.n && k < n; i++) {
		if (!steps.v[i].retired || (query[0] != '\0' && strstr(steps.v[i].name, query) ==
		    NULL))
			continue;
		(*out)[k].id = xasprintf("%d", steps.v[i].id);
		(*out)[k++].label = xasprintf("%d %s / %s", steps.v[i].seq, steps.v[i].dept,
		    steps.v[i].name);
	}
	mig_refs_free(&steps);
	return k;
}

int
mig_step_restore(struct screen *s)
{
	struct form_pick pick = { NULL, NULL };
	char sqlstate[6] = "", *cause = NULL;

	if (dialog_pick(_("Restore a retired step"), "", retired_search, s->app->ctx, &pick) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	/* picked from the list just read: no older version to carry */
	if (mig_step_update(s->app->ctx, atoi(pick.id), NULL, 0, 0, -1, sqlstate, &cause) != 0)
		steps_failed(s, sqlstate, cause);
	else
		chrome_message(&s->app->msg, 0, "%s: %s", _("restored"), pick.label);
	free(cause);
	free(pick.id);
	free(pick.label);
	return TUI_HANDLED | TUI_RELOAD;
}

/* --- the view's keys and drawing --- */

static int
ms_open_form(struct screen *s, struct mig_step *st, enum action a)
{
	char *msg;

	if (a == ACTION_CELL_EDIT) {
		if (!st->writable) {
			msg = mig_refusal(s->app->ctx, st->sys_id);
			chrome_message(&s->app->msg, 1, "%s", msg);
			free(msg);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->kind = MS_CELL;
		st->version = st->cell.version;	/* what the user sees in the form */
		st->form = editform_open(N_("Planned dates, owner and note"), cell_fields,
		    (int)nitems(cell_fields), s->app->ctx);
		cell_form_load(st, &st->cell);
	} else if (a == ACTION_STEP_RENAME) {
		st->kind = MS_RENAME;
		st->form = editform_open(N_("Rename the step"), rename_fields, 1, NULL);
		form_set(st->form, 0, st->step);
	} else {
		st->kind = MS_MOVE;
		st->form = editform_open(N_("Move the step"), move_fields, 1, NULL);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

int
mig_step_key(struct screen *s, struct mig_step *st, int key, enum action a, int *done)
{
	int flags;

	*done = 0;
	if (st->form != NULL) {
		flags = form_key(st->form, key, a);
		if (st->form->want == FORM_WANT_DISCARD) {
			editform_close(&st->form);
			st->kind = MS_NONE;
			*done = st->add_only;
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (st->form->want == FORM_WANT_SAVE) {
			st->form->want = FORM_WANT_NOTHING;
			flags = st->kind == MS_CELL ? cell_save(s, st) : steps_save(s, st);
			*done = st->add_only && st->form == NULL;
			return flags;
		}
		if (a == ACTION_QUIT || a == ACTION_HELP)
			return flags;
		return flags | TUI_HANDLED | TUI_REDRAW;
	}
	if (tui_view_move(&st->v, a))	/* a line, a page (PgUp/PgDn), first, last */
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case ACTION_CELL_EDIT:
	case ACTION_STEP_RENAME:
	case ACTION_STEP_MOVE:
		if (!keymap_binds(&s->keymap, a))
			break;
		return ms_open_form(s, st, a);
	case ACTION_STEP_RETIRE:
		if (!keymap_binds(&s->keymap, a))
			break;
		if ((flags = ms_retire(s, st)) & TUI_RELOAD)
			*done = 1;	/* the step is no longer on the board */
		return flags;
	case ACTION_BACK:
		*done = 1;
		break;
	case ACTION_HELP:	/* the help, then back here: ? never closes the view */
	case ACTION_COMMAND:
	case ACTION_QUIT:
	case ACTION_REDRAW:
	case ACTION_RELOAD:
		return TUI_PASS;
	default:
		break;
	}
	if (a == ACTION_NONE || a == ACTION_ENTER || a == ACTION_LEFT || a == ACTION_RIGHT ||
	    a == ACTION_SEARCH || (a >= ACTION_CELL_EDIT && a <= ACTION_STEP_RESTORE))
		beep();		/* not this view's: said, not swallowed */
	return TUI_HANDLED | TUI_REDRAW;
}

void
mig_step_draw(struct mig_step *st, WINDOW *win, int y, int x, int h, int w)
{
	char **wrapped = NULL, **part;
	int i, j, np, total = 0;

	if (st->form != NULL) {
		form_draw(st->form, win, y, x, h, w);
		return;
	}
	for (i = 0; i < st->n; i++) {
		np = text_wrap(st->lines[i], w > 4 ? w - 2 : 2, &part);
		if (np == 0) {
			wrapped = xreallocarray(wrapped, (size_t)total + 1, sizeof *wrapped);
			wrapped[total++] = xstrdup("");
		}
		for (j = 0; j < np; j++) {
			wrapped = xreallocarray(wrapped, (size_t)total + 1, sizeof *wrapped);
			wrapped[total++] = xstrdup(part[j]);
		}
		text_wrap_free(part, np);
	}
	tui_view_fit(&st->v, h, total);
	for (i = 0; i < st->v.shown && st->v.top + i < total; i++)
		tui_text(win, y + i, x + 1, wrapped[st->v.top + i], w - 2,
		    tui_attr(TUI_PAL_NORMAL));
	tui_view_mark(&st->v, win, y, x, h, w);
	for (i = 0; i < total; i++)
		free(wrapped[i]);
	free(wrapped);
}

void
mig_step_status(struct mig_step *st, char *buf, size_t len)
{
	if (st->form != NULL)
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
	else
		snprintf(buf, len, "%s", _("q back"));	/* the position: tui_view_mark */
}

const char *
mig_step_title(struct mig_step *st)
{
	if (st->form != NULL) {
		free(st->title);
		st->title = st->add_only ? xstrdup(_(st->form->title)) :
		    xasprintf("%s › %s: %s", st->sys, st->step, _(st->form->title));
	} else if (!st->add_only) {
		free(st->title);
		st->title = xasprintf("%s › %s", st->sys, st->step);
	}
	return st->title;
}

int
mig_step_editing(const struct mig_step *st)
{
	return st->form != NULL;
}

/* E: the board's export and import as the ssh command lines that do them. */
int
mig_step_export_lines(struct screen *s)
{
	static const char *const c[] = { "mig export --csv --bom > mig.csv",
	    "mig export --csv --cp932 > mig-sjis.csv", "mig import --check - < mig.csv",
	    "mig import - < mig.csv" };

	common_ssh_lines(s, _("Export and import over ssh"), c, (int)nitems(c));
	return TUI_HANDLED | TUI_REDRAW;
}
