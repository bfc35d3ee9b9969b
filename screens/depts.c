/*
 * depts — departments as a tree (each 部 with its 課 under it), the 情報主管部門 flag
 * (◎) and the number of active staff; `n` adds one (under the selected one by default)
 * and `e` renames with a form (the audit trail keeps the old name, see :audit with
 * "department key:ID"), through the store calls of `depts add` and `depts rename`; a
 * stale rename opens the conflict dialog. Both keys are shown to administrators only
 * (the department policy); `E` shows the `ssh ... depts list` line.
 */
#include "screens/depts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_staff_io.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/form.h"
#include "tui/table.h"

static const struct keymap_bind depts_keys[] = {
	{ "n", ACTION_NEW, 1 },
	{ "e", ACTION_EDIT, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
	{ "/", ACTION_SEARCH, 1 },
};

/* Departments are the administrators' (the department policy). */
static int
depts_may(const struct screen *s, enum action a)
{
	const char *role = common_role(s);

	return (a != ACTION_NEW && a != ACTION_EDIT) || people_role_in(role, "admin");
}

static const struct table_column depts_cols[DEPT_NCOLS] = {
	[DEPT_C_NAME] = { .title = N_("Department"), .min = 20, .flex = 1 },
	[DEPT_C_CODE] = { .title = N_("Code"), .min = 6, .max = 14 },
	[DEPT_C_IT] = { .title = N_("IT"), .width = 4, .align = TEXT_CENTER },
	[DEPT_C_STAFF] = { .title = N_("Staff"), .min = 5, .max = 8, .align = TEXT_RIGHT },
};

static const struct form_field_def rename_fields[] = {
	{ .name = "name", .label = N_("Name"), .type = FORM_TEXT, .required = 1, .maxlen = 100 },
};

/* `n`: as `depts add CODE NAME [PARENT]`. */
enum { DA_CODE, DA_NAME, DA_PARENT, DA_N };
static const struct form_field_def add_fields[DA_N] = {
	[DA_CODE] = { .name = "code", .label = N_("Code"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 20 },
	[DA_NAME] = { .name = "name", .label = N_("Department name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 100 },
	[DA_PARENT] = { .name = "parent", .label = N_("Under (empty: a top-level department)"),
	    .type = FORM_PICKER, .search = store_dept_search },
};

struct depts_scr {
	struct table	 t;
	struct form	*form;
	int		 id;		/* department being renamed */
	int		 version;
	char		 old[404];
	char		*mine;		/* the name being saved */
	char		 theirs[404];	/* the other person's name, after a stale save */
	int		 their_version;
	int		 adding;	/* the form is `n`'s */
};

static int
depts_init(struct screen *s, char **cause)
{
	struct depts_scr	*st = xcalloc(1, sizeof *st);
	struct table_source	 src = store_dept_source;

	src.arg = s->app->ctx;
	s->data = st;
	if (common_keymap_for_role(s, depts_may, cause) != 0)
		return -1;
	common_table(s, &st->t, depts_cols, DEPT_NCOLS, &src, 0, 0);
	return 0;
}

static void
depts_fini(struct screen *s)
{
	struct depts_scr	*st = s->data;

	editform_close(&st->form);
	table_free(&st->t);
	free(st);
	s->data = NULL;
}

static int
depts_save_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct depts_scr	*st = arg;
	int			 rc = store_dept_rename(s->app->ctx, st->id, st->version, st->mine,
	    cause);

	*stale = rc == STORE_STALE;
	return rc;
}

static int
depts_theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct depts_scr	*st = arg;

	if (store_dept_get(s->app->ctx, st->id, st->theirs, &st->their_version, cause) != 0)
		return -1;
	store_last_change(s->app->ctx, "department", st->id, c->who, c->when);
	c->d[0] = (struct dialog_diff){ _("Name"), st->theirs, st->mine };
	c->n = 1;
	return 0;
}

static void
depts_take_theirs(struct screen *s, void *arg, int load)
{
	struct depts_scr	*st = arg;

	(void)s;

	st->version = st->their_version;
	if (load)
		form_set(st->form, 0, st->theirs);
}

static const struct editform_saver depts_saver = {
	.save = depts_save_try,
	.theirs = depts_theirs,
	.take = depts_take_theirs,
};

/* `n` saved: the store call `depts add` makes (the parent by its code). */
static int
depts_save_add(struct screen *s)
{
	struct depts_scr	*st = s->data;
	char			*v[DA_N], *cause = NULL, parent[64] = "", *msg;
	int			 i, rc = STORE_OK;

	for (i = 0; i < DA_N; i++)
		v[i] = form_get(st->form, i);
	if (*v[DA_PARENT] != '\0' && store_dept_code(s->app->ctx, atoi(v[DA_PARENT]), parent,
	    &cause) != 0)
		rc = STORE_FAILED;
	if (rc == STORE_OK)
		rc = store_dept_add(s->app->ctx, v[DA_CODE], v[DA_NAME], parent, &cause);
	if (rc == STORE_NOT_FOUND && cause == NULL)
		cause = xstrdup(_("no parent department with that code"));
	msg = xasprintf("%s: %s %s", _("Department added"), v[DA_CODE], v[DA_NAME]);
	if (people_report(s, rc, msg, cause) == 0 || rc == STORE_REFUSED)
		editform_close(&st->form);
	free(msg);
	free(cause);
	for (i = 0; i < DA_N; i++)
		free(v[i]);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
depts_save(struct screen *s)
{
	struct depts_scr	*st = s->data;
	char			*cause = NULL;
	int			 rc;

	if (st->adding)
		return depts_save_add(s);
	st->mine = form_get(st->form, 0);
	if (editform_save(s, &depts_saver, st, &rc, &cause) == EDITFORM_DONE &&
	    (people_report(s, rc, _("Renamed"), cause) == 0 || rc == STORE_REFUSED))
		editform_close(&st->form);
	free(st->mine);
	st->mine = NULL;
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
depts_handle(struct screen *s, int key, enum action a)
{
	struct depts_scr	*st = s->data;
	const struct table_row	*row;
	char			*cause = NULL;

	if (st->form != NULL)
		return editform_key(s, &st->form, key, a, depts_save);
	if (people_hidden(s, a))
		return TUI_HANDLED;
	if (!st->t.filtering && a == ACTION_EXPORT_LINE) {
		static const char *const w[] = { "depts", "list", "--csv", NULL };

		people_export(s, w);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!st->t.filtering && a == ACTION_NEW) {
		st->form = editform_open(N_("Add a department"), add_fields, DA_N, s->app->ctx);
		st->adding = 1;
		if ((row = table_selected(&st->t)) != NULL && row->cells[DEPT_C_NAME] != NULL) {
			char	 id[16];

			snprintf(id, sizeof id, "%d", store_dept_key_id(row->key));
			form_set_pick(st->form, DA_PARENT, id, row->cells[DEPT_C_NAME]);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (!st->t.filtering && (a == ACTION_EDIT || (a == ACTION_ENTER &&
	    !people_hidden(s, ACTION_EDIT)))) {
		if ((row = table_selected(&st->t)) == NULL)
			return TUI_HANDLED;
		st->id = store_dept_key_id(row->key);
		if (store_dept_get(s->app->ctx, st->id, st->old, &st->version, &cause) != 0) {
			chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
			free(cause);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->form = editform_open(N_("Rename the department"), rename_fields, 1, NULL);
		st->adding = 0;
		form_set(st->form, 0, st->old);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return table_key(&st->t, key, a);
}

static void
depts_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct depts_scr	*st = s->data;

	editform_draw(st->form, &st->t, win, y, x, h, w);
}

static int
depts_reload(struct screen *s, char **cause)
{
	struct depts_scr	*st = s->data;

	return table_reload(&st->t, cause);
}

static void
depts_status(struct screen *s, char *buf, size_t len)
{
	struct depts_scr	*st = s->data;

	editform_status(st->form, &st->t, buf, len);
}

const struct screen_ops depts_ops = {
	.keys = depts_keys,
	.nkeys = nitems(depts_keys),
	.init = depts_init,
	.draw = depts_draw,
	.handle = depts_handle,
	.reload = depts_reload,
	.on_notify = people_on_notify,
	.status = depts_status,
	.fini = depts_fini,
};
