/*
 * keys — one person's SSH keys: type, fingerprint (as ssh-keygen -l prints it),
 * comment, added by and when, last used, revoked. Your own keys unless an
 * administrator or the auditor chooses someone (p, or K on :staff). Add by pasting an
 * OpenSSH public key line: it is checked with sshkey_parse_line and the reason for a
 * refusal is drawn beside the field. Revoke asks for a reason, then whether to. Both go
 * through the store calls of `keys add` and `keys revoke`; someone else's keys are an
 * administrator's (said before any form). `E` shows the `ssh ... keys list` line.
 */
#include "screens/keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/sshkeys.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_staff_io.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/table.h"


static const struct keymap_bind keys_keys[] = {
	{ "n", ACTION_NEW, 1 },
	{ "r", ACTION_REVOKE, 1 },
	{ "p", ACTION_PERSON, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
};

/* Everyone manages their own keys; administrators and the auditor see anyone's. */
static int
keys_may(const struct screen *s, enum action a)
{
	const char *role = common_role(s);

	return a != ACTION_PERSON || people_role_in(role, "admin auditor");
}

static const struct table_column keys_cols[KEY_NCOLS] = {
	[KEY_C_TYPE] = { .title = N_("Type"), .min = 11, .max = 16 },
	[KEY_C_FP] = { .title = N_("Fingerprint"), .min = 16, .flex = 1 },
	[KEY_C_COMMENT] = { .title = N_("Comment"), .min = 8, .max = 20 },
	[KEY_C_ADDED] = { .title = N_("Added"), .min = 10, .max = 20 },
	[KEY_C_USED] = { .title = N_("Last used"), .min = 10, .max = 16 },
	[KEY_C_REVOKED] = { .title = N_("Revoked"), .min = 7, .max = 30 },
};

static int
check_key_line(const char *v, char **cause)
{
	struct sshkey_info	 ki;

	if (sshkey_parse_line(v, &ki, cause) != 0)
		return -1;
	sshkey_info_free(&ki);
	return 0;
}

static const struct form_field_def add_fields[] = {
	{ .name = "key", .label = N_("Public key"), .type = FORM_MULTILINE, .required = 1,
	    .maxlen = 16384, .rows = 4, .validate = check_key_line },
};

static const struct form_field_def revoke_fields[] = {
	{ .name = "reason", .label = N_("Reason"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
};

struct keys_scr {
	struct table		 t;
	struct store_keys_arg	 arg;
	char			 whose[460];	/* "login name" shown above the list */
	char			 login[40];	/* theirs, for the store and the export line */
	struct form		*form;
	int			 revoking;	/* key id the reason form is for */
	char			 fp[128];	/* and its fingerprint */
};

static void
keys_whose(struct screen *s)
{
	struct keys_scr		*st = s->data;
	struct staff_rec	 r;

	st->login[0] = '\0';
	if (store_staff_get(s->app->ctx, st->arg.staff_id, &r, NULL) == 0) {
		snprintf(st->whose, sizeof st->whose, "%s  %s", r.login, r.name);
		snprintf(st->login, sizeof st->login, "%s", r.login);
	} else
		snprintf(st->whose, sizeof st->whose, "#%d", st->arg.staff_id);
}

static int
keys_init(struct screen *s, char **cause)
{
	struct keys_scr		*st = xcalloc(1, sizeof *st);
	struct table_source	 src = store_keys_source;

	st->arg.db = s->app->ctx;
	/* whose keys: the member :staff passed (app_open_arg), else yourself */
	st->arg.staff_id = s->arg != NULL ? atoi(s->arg) :
	    s->app->who != NULL ? s->app->who->staff_id : 0;
	src.arg = &st->arg;
	s->data = st;
	if (common_keymap_for_role(s, keys_may, cause) != 0)
		return -1;
	if (s->app->ctx != NULL)
		keys_whose(s);
	common_table(s, &st->t, keys_cols, KEY_NCOLS, &src, 0, 0);
	return 0;
}

static void
keys_fini(struct screen *s)
{
	struct keys_scr	*st = s->data;

	editform_close(&st->form);
	table_free(&st->t);
	free(st);
	s->data = NULL;
}

/* Revoke (asked first: what it ends) or add, by the store calls of `keys revoke/add`. */
static int
keys_save(struct screen *s)
{
	struct keys_scr		*st = s->data;
	struct sshkey_info	 ki;
	char			*v = form_get(st->form, 0), *cause = NULL, *q, *nl;
	int			 rc, yes;

	if (st->revoking != 0) {
		q = xasprintf(_("Revoke the key %s of %s? It can no longer log in, at once."),
		    st->fp, st->login);
		yes = dialog_confirm(q);
		free(q);
		if (!yes) {
			free(v);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rc = store_key_revoke_fp(s->app->ctx, st->fp, v, &cause);
		if (rc == STORE_NOT_FOUND && cause == NULL)
			cause = xstrdup(_("no active key with this fingerprint that you may revoke"));
	} else {
		while ((nl = strpbrk(v, "\r\n")) != NULL)	/* a pasted line may wrap */
			memmove(nl, nl + 1, strlen(nl));
		if (sshkey_parse_line(v, &ki, &cause) != 0) {
			free(st->form->fields[0].error);	/* the reason beside the field */
			st->form->fields[0].error = cause;
			free(v);
			return TUI_HANDLED | TUI_REDRAW;
		}
		rc = store_key_add_login(s->app->ctx, st->login, ki.type, ki.b64, ki.fingerprint,
		    ki.bits, ki.comment, &cause);
		if (rc == STORE_NOT_FOUND && cause == NULL)
			cause = xasprintf("%s: %s", st->login, _("no such active staff member"));
		sshkey_info_free(&ki);
	}
	if (people_report(s, rc, st->revoking != 0 ? _("Key revoked") : _("Key added"),
	    cause) == 0 || rc == STORE_REFUSED)
		editform_close(&st->form);
	free(cause);
	free(v);
	return TUI_HANDLED | TUI_RELOAD;
}

/* Adding or revoking someone else's key is an administrator's: said before any form. */
static int
keys_not_yours(struct screen *s)
{
	struct keys_scr	*st = s->data;

	if (s->app->who == NULL || st->arg.staff_id == s->app->who->staff_id ||
	    people_role_in(s->app->who->role, "admin"))
		return 0;
	chrome_message(&s->app->msg, 1, "%s",
	    _("permission denied: only an administrator manages someone else's keys"));
	return 1;
}

static void
keys_export(struct screen *s)
{
	struct keys_scr	*st = s->data;
	const char	*w[] = { "keys", "list", st->login, "--csv", NULL };

	if (s->app->who != NULL && strcmp(st->login, s->app->who->login) == 0) {
		w[2] = "--csv";
		w[3] = NULL;
	}
	people_export(s, w);
}

static int
keys_person(struct screen *s)
{
	struct keys_scr		*st = s->data;
	struct form_pick	 pick;

	if (dialog_pick(_("Whose keys?"), "", store_staff_search, s->app->ctx, &pick) != 0)
		return TUI_HANDLED | TUI_REDRAW;
	st->arg.staff_id = atoi(pick.id);
	free(pick.id);
	free(pick.label);
	keys_whose(s);
	(void)common_table_reset(s, &st->t);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
keys_handle(struct screen *s, int key, enum action a)
{
	struct keys_scr		*st = s->data;
	const struct table_row	*row;

	if (st->form != NULL)
		return editform_key(s, &st->form, key, a, keys_save);
	if (people_hidden(s, a))
		return TUI_HANDLED;
	if ((a == ACTION_NEW || a == ACTION_REVOKE) && keys_not_yours(s))
		return TUI_HANDLED | TUI_REDRAW;
	switch (a) {
	case ACTION_EXPORT_LINE:
		keys_export(s);
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_NEW:
		st->form = editform_open(N_("Add an SSH key (paste the .pub line)"), add_fields, 1,
		    NULL);
		st->revoking = 0;
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_REVOKE:
		if ((row = table_selected(&st->t)) == NULL)
			return TUI_HANDLED;
		if (row->mark) {
			chrome_message(&s->app->msg, 1, "%s", _("This key is already revoked"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->form = editform_open(N_("Revoke the key"), revoke_fields, 1, NULL);
		st->revoking = atoi(row->key);
		snprintf(st->fp, sizeof st->fp, "%s", row->cells[KEY_C_FP] != NULL ?
		    row->cells[KEY_C_FP] : "");
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_PERSON:
		return keys_person(s);
	default:
		break;
	}
	return table_key(&st->t, key, a);
}

static void
keys_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct keys_scr		*st = s->data;

	if (st->form != NULL) {
		form_draw(st->form, win, y, x, h, w);
		return;
	}
	const struct table_row	*row = table_selected(&st->t);
	int			 used;

	used = tui_text(win, y, x + 1, st->whose, w - 2, tui_attr(TUI_PAL_HEADER));
	/* the whole fingerprint of the selected key, which the column may cut */
	if (row != NULL && row->cells[KEY_C_FP] != NULL && w - used - 4 > 0)
		tui_text(win, y, x + used + 3, row->cells[KEY_C_FP], w - used - 4,
		    tui_attr(TUI_PAL_NORMAL));
	table_draw(&st->t, win, y + 1, x, h - 1, w);
}

static int
keys_reload(struct screen *s, char **cause)
{
	struct keys_scr	*st = s->data;

	return table_reload(&st->t, cause);
}

static int
keys_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	/* ssh_key_used: a login's last_used (sql/113), which this list shows */
	return strcmp(table, "ssh_key") == 0 || strcmp(table, "ssh_key_used") == 0 ?
	    TUI_RELOAD : TUI_PASS;
}

static void
keys_status(struct screen *s, char *buf, size_t len)
{
	struct keys_scr	*st = s->data;

	editform_status(st->form, &st->t, buf, len);
}

const struct screen_ops keys_ops = {
	.keys = keys_keys,
	.nkeys = nitems(keys_keys),
	.init = keys_init,
	.draw = keys_draw,
	.handle = keys_handle,
	.reload = keys_reload,
	.on_notify = keys_on_notify,
	.status = keys_status,
	.fini = keys_fini,
};
