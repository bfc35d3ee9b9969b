/*
 * depts — departments as a tree (each 部 with its 課 under it), the 情報主管部門 flag
 * (◎) and the number of active staff; rename with a form (the audit trail keeps the
 * old name, see :audit with "department key:ID"). A stale rename opens the conflict
 * dialog.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/i18n.h"
#include "backend/store_staff.h"
#include "backend/util.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"

static const struct keymap_bind depts_keys[] = {
	{ "e", ACTION_EDIT, 1 },
	{ "/", ACTION_SEARCH, 1 },
};

static const struct table_column depts_cols[DEPT_NCOLS] = {
	[DEPT_C_NAME] = { .title = N_("Department"), .min = 20, .flex = 1 },
	[DEPT_C_CODE] = { .title = N_("Code"), .min = 6, .max = 14 },
	[DEPT_C_IT] = { .title = N_("IT"), .width = 4, .align = TEXT_CENTER },
	[DEPT_C_STAFF] = { .title = N_("Staff"), .min = 5, .max = 8, .align = TEXT_RIGHT },
};

static const struct form_field_def rename_fields[] = {
	{ .name = "name", .label = N_("Name"), .type = FORM_TEXT, .required = 1, .maxlen = 100 },
};

struct depts_scr {
	struct table	 t;
	struct form	*form;
	int		 id;		/* department being renamed */
	int		 version;
	char		 old[404];
};

static int
depts_init(struct screen *s, char **cause)
{
	struct depts_scr	*st = xcalloc(1, sizeof *st);
	struct table_source	 src = store_dept_source;
	char			*why = NULL;

	(void)cause;
	src.arg = s->app->ctx;
	table_init(&st->t, depts_cols, DEPT_NCOLS, &src);
	s->data = st;
	if (s->app->ctx != NULL && table_reset(&st->t, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
depts_form_close(struct depts_scr *st)
{
	if (st->form != NULL) {
		form_free(st->form);
		free(st->form);
		st->form = NULL;
	}
}

static void
depts_fini(struct screen *s)
{
	struct depts_scr	*st = s->data;

	depts_form_close(st);
	table_free(&st->t);
	free(st);
	s->data = NULL;
}

static int
depts_save(struct screen *s)
{
	struct depts_scr	*st = s->data;
	char			*v = form_get(st->form, 0), *cause = NULL, theirs[404];
	char			 who[64], when[32];
	int			 rc, ver;

	rc = store_dept_rename(s->app->ctx, st->id, st->version, v, &cause);
	if (rc == STORE_STALE && store_dept_get(s->app->ctx, st->id, theirs, &ver, NULL) == 0) {
		struct dialog_diff d = { _("Name"), theirs, v };

		store_last_change(s->app->ctx, "department", st->id, who, when);
		switch (dialog_conflict(who, when, &d, 1)) {
		case DIALOG_RELOAD:
			st->version = ver;
			form_set(st->form, 0, theirs);
			free(v);
			free(cause);
			return TUI_HANDLED | TUI_RELOAD;
		case DIALOG_OVERWRITE:
			st->version = ver;
			free(cause);
			cause = NULL;
			rc = store_dept_rename(s->app->ctx, st->id, st->version, v, &cause);
			break;
		default:
			break;
		}
	}
	if (people_report(s, rc, _("Renamed"), cause) == 0 || rc == STORE_REFUSED)
		depts_form_close(st);
	free(v);
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
depts_handle(struct screen *s, int key, enum action a)
{
	struct depts_scr	*st = s->data;
	const struct table_row	*row;
	char			*cause = NULL;
	int			 flags;

	if (st->form != NULL) {
		flags = form_key(st->form, key, a);
		if (st->form->want == FORM_WANT_DISCARD) {
			depts_form_close(st);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (st->form->want == FORM_WANT_SAVE)
			return depts_save(s);
		if (a == ACTION_QUIT || a == ACTION_HELP)
			return flags;
		return flags | TUI_HANDLED | TUI_REDRAW;
	}
	if (!st->t.filtering && (a == ACTION_EDIT || a == ACTION_ENTER)) {
		if ((row = table_selected(&st->t)) == NULL)
			return TUI_HANDLED;
		st->id = store_dept_key_id(row->key);
		if (store_dept_get(s->app->ctx, st->id, st->old, &st->version, &cause) != 0) {
			chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
			free(cause);
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->form = xcalloc(1, sizeof *st->form);
		form_init(st->form, N_("Rename the department"), rename_fields, 1);
		form_set(st->form, 0, st->old);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return table_key(&st->t, key, a);
}

static void
depts_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct depts_scr	*st = s->data;

	if (st->form != NULL)
		form_draw(st->form, win, y, x, h, w);
	else
		table_draw(&st->t, win, y, x, h, w);
}

static int
depts_reload(struct screen *s, char **cause)
{
	struct depts_scr	*st = s->data;

	return table_reload(&st->t, cause);
}

static int
depts_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	if (strcmp(table, "department") == 0 || strcmp(table, "staff") == 0)
		return TUI_RELOAD;
	return TUI_PASS;
}

static void
depts_status(struct screen *s, char *buf, size_t len)
{
	struct depts_scr	*st = s->data;

	if (st->form != NULL)
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
	else
		table_status(&st->t, buf, len);
}

const struct screen_ops depts_ops = {
	.keys = depts_keys,
	.nkeys = nitems(depts_keys),
	.init = depts_init,
	.draw = depts_draw,
	.handle = depts_handle,
	.reload = depts_reload,
	.on_notify = depts_on_notify,
	.status = depts_status,
	.fini = depts_fini,
};
