/*
 * staff — the staff list (filter as you type by login or kana prefix, or part of the
 * name), a form to add and one to edit (login, names and kana checked by staff_check
 * with the message beside the field), a department picker to move someone, and
 * deactivation after a confirm: what `staff add/set/move/deactivate` do, through the same
 * store calls. The keys that change a record are shown to administrators only (K to
 * them and the auditor); whether a change is allowed stays the database's call: a
 * refusal comes back as a message on the status line. `E` shows the `ssh ... staff
 * list` line for the list as filtered. A save carries the version it
 * read; a stale one opens the conflict dialog with the other person's values.
 */
#include "screens/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/cmd/staff_check.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"

static const struct keymap_bind staff_keys[] = {
	{ "n", ACTION_NEW, 1 },
	{ "e", ACTION_EDIT, 1 },
	{ "m", ACTION_MOVE, 1 },
	{ "D", ACTION_DEACTIVATE, 1 },
	{ "K", ACTION_KEYS_OF, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
	{ "/", ACTION_SEARCH, 1 },
};

/* Staff records are the administrators' (the staff policy); anyone's keys are seen by
 * administrators and the auditor. */
static int
staff_may(const struct screen *s, enum action a)
{
	const char *role = common_role(s);

	switch (a) {
	case ACTION_NEW:
	case ACTION_EDIT:
	case ACTION_MOVE:
	case ACTION_DEACTIVATE:
		return people_role_in(role, "admin");
	case ACTION_KEYS_OF:
		return people_role_in(role, "admin auditor");
	default:
		return 1;
	}
}

static const struct table_column staff_cols[STAFF_NCOLS] = {
	[STAFF_C_LOGIN] = { .title = N_("Login"), .min = 8, .max = 14 },
	[STAFF_C_NAME] = { .title = N_("Name"), .min = 10, .max = 20 },
	[STAFF_C_KANA] = { .title = N_("Kana"), .min = 10, .flex = 1 },
	[STAFF_C_DEPT] = { .title = N_("Department"), .min = 10, .max = 20 },
	[STAFF_C_ROLE] = { .title = N_("Role"), .min = 8, .max = 14 },
	[STAFF_C_ACTIVE] = { .title = N_("Off"), .width = 3, .align = TEXT_CENTER },
};

static const struct form_choice role_choices[] = {
	{ "readonly", N_("Read only") },
	{ "lead", N_("Project lead") },
	{ "trainer", N_("Trainer") },
	{ "auditor", N_("Auditor") },
	{ "admin", N_("Administrator") },
};

static const struct form_choice yesno_choices[] = {
	{ "no", N_("No") },
	{ "yes", N_("Yes") },
};

static int
check_login(const char *v, char **cause)
{
	return staff_check(v, NULL, NULL, NULL, cause);
}

static int
check_name(const char *v, char **cause)
{
	return staff_check(NULL, v, NULL, NULL, cause);
}

static int
check_kana(const char *v, char **cause)
{
	return staff_check(NULL, NULL, v, NULL, cause);
}

enum { F_LOGIN, F_NAME, F_KANA, F_DEPT, F_ROLE, F_MANAGER, F_N };

static const struct form_field_def staff_fields[F_N] = {
	[F_LOGIN] = { .name = "login", .label = N_("Login"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 32, .validate = check_login },
	[F_NAME] = { .name = "name", .label = N_("Name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 100, .validate = check_name },
	[F_KANA] = { .name = "kana", .label = N_("Kana"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 100, .validate = check_kana },
	[F_DEPT] = { .name = "dept", .label = N_("Department"), .type = FORM_PICKER,
	    .required = 1, .search = store_dept_search },
	[F_ROLE] = { .name = "role", .label = N_("Role"), .type = FORM_CHOICE, .required = 1,
	    .choices = role_choices, .nchoices = nitems(role_choices) },
	[F_MANAGER] = { .name = "manager", .label = N_("Manager"), .type = FORM_CHOICE,
	    .choices = yesno_choices, .nchoices = nitems(yesno_choices) },
};

struct staff_scr {
	struct table	 t;
	struct form	*form;		/* open while adding or editing */
	struct staff_rec rec;		/* the record the form edits (id 0: new) */
	struct staff_rec mine;		/* the form's values being saved */
	struct staff_rec theirs;	/* the other person's record, after a stale save */
};

/* The store's rows with the role shown by its label. */
static int
staff_fetch_labels(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	int	 got = store_staff_source.fetch(arg, q, anchor, dir, n, rows, cause), i;

	for (i = 0; i < got; i++) {
		const char *code = (*rows)[i].cells[STAFF_C_ROLE];

		char *label;

		if (code == NULL)
			continue;
		label = xstrdup(label_role(code));	/* may be code itself */
		table_row_set(&(*rows)[i], STAFF_C_ROLE, label);
		free(label);
	}
	return got;
}

static int
staff_init(struct screen *s, char **cause)
{
	struct staff_scr	*st = xcalloc(1, sizeof *st);
	struct table_source	 src = store_staff_source;

	src.arg = s->app->ctx;
	src.fetch = staff_fetch_labels;
	s->data = st;
	if (common_keymap_for_role(s, staff_may, cause) != 0)
		return -1;
	/* by kana, the order the source keeps */
	common_table(s, &st->t, staff_cols, STAFF_NCOLS, &src, STAFF_C_KANA, 0);
	return 0;
}

static void
staff_fini(struct screen *s)
{
	struct staff_scr	*st = s->data;

	editform_close(&st->form);
	table_free(&st->t);
	free(st);
	s->data = NULL;
}

static void
staff_form_load(struct staff_scr *st, const struct staff_rec *r)
{
	char	 id[16];

	form_set(st->form, F_LOGIN, r->login);
	form_set(st->form, F_NAME, r->name);
	form_set(st->form, F_KANA, r->kana);
	snprintf(id, sizeof id, "%d", r->dept_id);
	if (r->dept_id != 0)
		form_set_pick(st->form, F_DEPT, id, r->dept_name);
	form_set(st->form, F_ROLE, r->role);
	form_set(st->form, F_MANAGER, r->is_manager ? "yes" : "no");
}

static void
staff_form_open(struct screen *s, const struct staff_rec *r)
{
	struct staff_scr	*st = s->data;

	editform_close(&st->form);
	st->form = editform_open(r->id == 0 ? N_("New staff member") : N_("Edit staff member"),
	    staff_fields, F_N, s->app->ctx);
	st->rec = *r;
	staff_form_load(st, r);
	if (r->id != 0)
		st->form->cur = F_NAME;	/* the login never changes */
}

/* The form's values into rec (keeping id and version). */
static void
staff_form_take(struct staff_scr *st, struct staff_rec *r)
{
	char	*v;

	*r = st->rec;
	if (r->id == 0) {
		v = form_get(st->form, F_LOGIN);
		snprintf(r->login, sizeof r->login, "%s", v);
		free(v);
	}
	v = form_get(st->form, F_NAME);
	snprintf(r->name, sizeof r->name, "%s", v);
	free(v);
	v = form_get(st->form, F_KANA);
	snprintf(r->kana, sizeof r->kana, "%s", v);
	free(v);
	v = form_get(st->form, F_DEPT);
	r->dept_id = atoi(v);
	free(v);
	v = form_get(st->form, F_ROLE);
	snprintf(r->role, sizeof r->role, "%s", v);
	free(v);
	v = form_get(st->form, F_MANAGER);
	r->is_manager = strcmp(v, "yes") == 0;
	free(v);
}

static int
staff_save_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct staff_scr	*st = arg;
	int			 rc = store_staff_save(s->app->ctx, &st->mine, cause);

	*stale = rc == STORE_STALE;
	return rc;
}

/* Their saved record against the form's, for the conflict dialog. */
static int
staff_theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct staff_scr	*st = arg;
	struct staff_rec	*yours = &st->mine, *theirs = &st->theirs;

	if (store_staff_get(s->app->ctx, yours->id, theirs, cause) != 0)
		return -1;
	store_last_change(s->app->ctx, "staff", yours->id, c->who, c->when);
	c->d[0] = (struct dialog_diff){ _("Name"), theirs->name, yours->name };
	c->d[1] = (struct dialog_diff){ _("Kana"), theirs->kana, yours->kana };
	c->d[2] = (struct dialog_diff){ _("Department"), theirs->dept_name,
	    theirs->dept_id == yours->dept_id ? theirs->dept_name : yours->dept_name };
	c->d[3] = (struct dialog_diff){ _("Role"), label_role(theirs->role),
	    label_role(yours->role) };
	c->d[4] = (struct dialog_diff){ _("Manager"), theirs->is_manager ? _("Yes") : _("No"),
	    yours->is_manager ? _("Yes") : _("No") };
	c->n = 5;
	return 0;
}

static void
staff_take_theirs(struct screen *s, void *arg, int load)
{
	struct staff_scr	*st = arg;

	(void)s;

	if (load) {
		st->rec = st->theirs;
		staff_form_load(st, &st->theirs);
	} else {
		st->mine.version = st->theirs.version;
		st->rec.version = st->theirs.version;
	}
}

static const struct editform_saver staff_saver = {
	.save = staff_save_try,
	.theirs = staff_theirs,
	.take = staff_take_theirs,
};

static int
staff_save(struct screen *s)
{
	struct staff_scr	*st = s->data;
	char			*cause = NULL;
	int			 rc;

	staff_form_take(st, &st->mine);
	if (editform_save(s, &staff_saver, st, &rc, &cause) != EDITFORM_DONE)
		return TUI_HANDLED | TUI_RELOAD;
	if (people_report(s, rc, _("Saved"), cause) == 0)
		editform_close(&st->form);
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
staff_selected(struct screen *s, struct staff_rec *r)
{
	struct staff_scr	*st = s->data;
	const struct table_row	*row = table_selected(&st->t);
	char			*cause = NULL;

	if (row == NULL)
		return -1;
	if (store_staff_get(s->app->ctx, atoi(row->key), r, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause :
		    _("The record is no longer there"));
		free(cause);
		return -1;
	}
	return 0;
}

static int
staff_move(struct screen *s)
{
	struct staff_rec	 r;
	struct form_pick	 pick;
	char			*cause = NULL;
	int			 rc;

	if (staff_selected(s, &r) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (dialog_pick(_("Move to department"), "", store_dept_search, s->app->ctx,
	    &pick) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	rc = store_staff_move(s->app->ctx, r.id, r.version, atoi(pick.id), &cause);
	people_report(s, rc, _("Moved"), cause);
	free(cause);
	free(pick.id);
	free(pick.label);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
staff_deactivate(struct screen *s)
{
	struct staff_rec	 r;
	char			*q, *cause = NULL;
	int			 rc, yes;

	if (staff_selected(s, &r) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	if (!r.active) {
		chrome_message(&s->app->msg, 1, "%s", _("Already deactivated"));
		return TUI_HANDLED | TUI_REDRAW;
	}
	q = xasprintf(_("Deactivate %s (%s)? Their SSH keys and VDI accounts are revoked and "
	    "their sessions end."), r.name, r.login);
	yes = dialog_confirm(q);
	free(q);
	if (!yes)
		return TUI_HANDLED | TUI_REDRAW;
	rc = store_staff_deactivate(s->app->ctx, r.id, r.version, &cause);
	people_report(s, rc, _("Deactivated"), cause);
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

static int
staff_form_key(struct screen *s, int key, enum action a)
{
	struct staff_scr	*st = s->data;
	int			 flags;

	if (st->rec.id != 0 && st->form->cur == F_LOGIN)
		st->form->cur = F_NAME;
	flags = editform_key(s, &st->form, key, a, staff_save);
	if (st->form != NULL && st->rec.id != 0 && st->form->cur == F_LOGIN)
		st->form->cur = key == KEYMAP_KEY(KEY_BTAB) || key == KEYMAP_KEY(KEY_UP) ?
		    F_N - 1 : F_NAME;	/* skip the fixed login */
	return flags;
}

static int
staff_handle(struct screen *s, int key, enum action a)
{
	struct staff_scr	*st = s->data;
	struct staff_rec	 r;
	int			 flags;

	if (st->form != NULL)
		return staff_form_key(s, key, a);
	if (people_hidden(s, a) || (a == ACTION_ENTER && people_hidden(s, ACTION_EDIT)))
		return TUI_HANDLED;
	if (!st->t.filtering) {
		switch (a) {
		case ACTION_EXPORT_LINE: {
			/* the list as shown: the filter typed, the inactive too */
			const char *w[] = { "staff", "list", st->t.filter, "--all", "--csv", NULL };

			if (st->t.filter == NULL || *st->t.filter == '\0') {
				w[2] = "--all";
				w[3] = "--csv";
				w[4] = NULL;
			}
			people_export(s, w);
			return TUI_HANDLED | TUI_REDRAW;
		}
		case ACTION_NEW:
			memset(&r, 0, sizeof r);
			snprintf(r.role, sizeof r.role, "readonly");
			staff_form_open(s, &r);
			return TUI_HANDLED | TUI_REDRAW;
		case ACTION_EDIT:
		case ACTION_ENTER:
			if (staff_selected(s, &r) == 0)
				staff_form_open(s, &r);
			return TUI_HANDLED | TUI_REDRAW;
		case ACTION_MOVE:
			return staff_move(s);
		case ACTION_DEACTIVATE:
			return staff_deactivate(s);
		case ACTION_KEYS_OF:
			if (staff_selected(s, &r) == 0) {
				char id[16];

				snprintf(id, sizeof id, "%d", r.id);
				app_open_arg(s->app, "keys", id);
			}
			return TUI_HANDLED | TUI_REDRAW;
		default:
			break;
		}
	}
	flags = table_key(&st->t, key, a);
	if (st->t.error != NULL && (flags & TUI_HANDLED))
		chrome_message(&s->app->msg, 1, "%s", st->t.error);
	return flags;
}

static void
staff_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct staff_scr	*st = s->data;

	editform_draw(st->form, &st->t, win, y, x, h, w);
}

static int
staff_reload(struct screen *s, char **cause)
{
	struct staff_scr	*st = s->data;

	return table_reload(&st->t, cause);
}

static void
staff_status(struct screen *s, char *buf, size_t len)
{
	struct staff_scr	*st = s->data;

	editform_status(st->form, &st->t, buf, len);
}

const struct screen_ops staff_ops = {
	.keys = staff_keys,
	.nkeys = nitems(staff_keys),
	.init = staff_init,
	.draw = staff_draw,
	.handle = staff_handle,
	.reload = staff_reload,
	.on_notify = people_on_notify,
	.status = staff_status,
	.fini = staff_fini,
};
