/*
 * vdi_form — the forms of the `:vdi` screen: a new request or a renewal, a rejection
 * with a reason, an approval step's comment, provisioning (VDI user name, pool), a
 * suspension, revocation or MFA reset with its reason. The forms only collect; whether
 * a request may be made (the declaration, the longest period, for whom) or a step taken
 * is decided by the database through the same backend/store/store_vdi.c function the
 * `vdi` command calls, and its refusal (the store's reason) is drawn under the form,
 * which stays open with what was typed.
 */
#include "screens/vdi_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/lib/i18n.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_vdi.h"
#include "backend/lib/util.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "backend/lib/text.h"

static int vdi_max_days = 366;

void
vdi_form_set_max_days(int days)
{
	if (days > 0)
		vdi_max_days = days;
}

enum vdi_form_kind { VF_REQUEST, VF_REJECT, VF_APPROVE, VF_PROVISION, VF_SUSPEND,
	VF_REVOKE, VF_MFA_RESET };

struct vdi_form {
	enum vdi_form_kind	 kind;
	int			 id;		/* the request acted on (a renewal: renewed) */
	int			 manager;	/* VF_APPROVE: the manager's step */
	char			*login;		/* VF_MFA_RESET: whose account */
	char			*title;
	struct form		 form;
	char			*error;		/* the database's refusal, under the form */
};

static const struct form_choice decl_choices[] = {
	{ "no", N_("No") },
	{ "yes", N_("Yes") },
};

enum { R_WHO, R_REASON, R_WORK, R_DECL, R_FROM, R_TO, R_DEVICE, R_MANAGER, R_N };

static const struct form_field_def request_fields[R_N] = {
	[R_WHO] = { .name = "who", .label = N_("For whom"), .type = FORM_PICKER,
	    .required = 1, .search = store_staff_login_search },
	[R_REASON] = { .name = "reason", .label = N_("Reason"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 500 },
	[R_WORK] = { .name = "work", .label = N_("Kinds of work done remotely"),
	    .type = FORM_TEXT, .required = 1, .maxlen = 500 },
	[R_DECL] = { .name = "declared", .label = N_("No 特定個人情報 is handled"),
	    .type = FORM_CHOICE, .choices = decl_choices, .nchoices = nitems(decl_choices) },
	[R_FROM] = { .name = "from", .label = N_("Period from"), .type = FORM_DATE,
	    .required = 1 },
	[R_TO] = { .name = "to", .label = N_("Period to"), .type = FORM_DATE, .required = 1 },
	[R_DEVICE] = { .name = "device", .label = N_("Lent device id"), .type = FORM_TEXT,
	    .maxlen = 64 },
	[R_MANAGER] = { .name = "manager", .label = N_("Approving manager"), .type = FORM_PICKER,
	    .search = store_staff_login_search },
};

static const struct form_field_def reject_fields[] = {
	{ .name = "reason", .label = N_("Reason for the requester"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 500 },
};

static const struct form_field_def approve_fields[] = {
	{ .name = "comment", .label = N_("Comment (optional)"), .type = FORM_TEXT,
	    .maxlen = 500 },
};

static const struct form_field_def reason_fields[] = {
	{ .name = "reason", .label = N_("Reason"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 500 },
};

/* vdi_account.vdi_username's CHECK, said beside the field before the database says it. */
static int
vdi_username_check(const char *v, char **cause)
{
	size_t n = strlen(v);

	if (n >= 1 && n <= 64 && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n)
		return 0;
	return set_cause(cause, "%s", _("use 1-64 of A-Z a-z 0-9 . _ -"));
}

static const struct form_field_def provision_fields[] = {
	{ .name = "username", .label = N_("VDI user name"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 64, .validate = vdi_username_check },
	{ .name = "pool", .label = N_("Desktop pool"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
};

static struct vdi_form *
vdi_form_new(enum vdi_form_kind kind, int id, char *title, const struct form_field_def *defs,
    int n)
{
	struct vdi_form *vf = xcalloc(1, sizeof *vf);

	vf->kind = kind;
	vf->id = id;
	vf->title = title;
	form_init(&vf->form, vf->title, defs, n);
	return vf;
}

struct vdi_form *
vdi_form_request(struct screen *s)
{
	struct vdi_form *vf = vdi_form_new(VF_REQUEST, 0, xstrdup(_("New VDI request")),
	    request_fields, R_N);

	vf->form.search_arg = s->app->ctx;
	if (s->app->who != NULL)
		form_set_pick(&vf->form, R_WHO, s->app->who->login, s->app->who->login);
	vf->form.cur = R_REASON;
	return vf;
}

struct vdi_form *
vdi_form_reject(int id, const char *who)
{
	return vdi_form_new(VF_REJECT, id, xasprintf("%s %d: %s", _("Reject VDI request"), id,
	    who), reject_fields, nitems(reject_fields));
}

struct vdi_form *
vdi_form_approve(int id, int manager_step, const char *who)
{
	struct vdi_form *vf = vdi_form_new(VF_APPROVE, id, xasprintf("%s: %s",
	    manager_step ? _("Record the manager's approval") : _("Approve (IT)"), who),
	    approve_fields, nitems(approve_fields));

	vf->manager = manager_step;
	return vf;
}

/* The day after date (YYYY-MM-DD) into out; "" when date is not one. */
static void
day_after(const char *date, char out[11])
{
	struct tm tm;
	int y, m, d;

	out[0] = '\0';
	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 1;
	tm.tm_hour = 12;
	if (mktime(&tm) == (time_t)-1 || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		out[0] = '\0';
}

struct vdi_form *
vdi_form_renew(struct screen *s, int id, const char *login, const char *who, const char *to)
{
	struct vdi_form *vf = vdi_form_new(VF_REQUEST, id, xasprintf("%s %d: %s",
	    _("Renew VDI account of request"), id, who), request_fields, R_N);
	char from[11];

	vf->form.search_arg = s->app->ctx;
	form_set_pick(&vf->form, R_WHO, login, login);
	day_after(to, from);
	if (from[0] != '\0')
		form_set(&vf->form, R_FROM, from);
	vf->form.cur = R_TO;
	return vf;
}

struct vdi_form *
vdi_form_provision(int id, const char *who)
{
	return vdi_form_new(VF_PROVISION, id, xasprintf("%s %d: %s",
	    _("Provision the VDI account of request"), id, who), provision_fields,
	    nitems(provision_fields));
}

struct vdi_form *
vdi_form_reason(enum action a, int id, const char *login, const char *who)
{
	struct vdi_form *vf;
	const char *what;
	enum vdi_form_kind kind;

	if (a == ACTION_SUSPEND) {
		kind = VF_SUSPEND;
		what = _("Suspend the VDI account of request");
	} else if (a == ACTION_VDI_REVOKE) {
		kind = VF_REVOKE;
		what = _("Revoke the VDI account of request");
	} else {
		kind = VF_MFA_RESET;
		what = _("Reset the MFA of the VDI account of request");
	}
	vf = vdi_form_new(kind, id, xasprintf("%s %d: %s", what, id, who), reason_fields,
	    nitems(reason_fields));
	vf->login = xstrdup(login);
	return vf;
}

void
vdi_form_free(struct vdi_form *vf)
{
	if (vf == NULL)
		return;
	form_free(&vf->form);
	free(vf->login);
	free(vf->title);
	free(vf->error);
	free(vf);
}

/* "" as NULL, for the store's optional values. */
static const char *
opt(const char *v)
{
	return v[0] != '\0' ? v : NULL;
}

/* Save the request; 0 with *msg (done), or -1 with *cause. */
static int
vdi_form_save_request(struct screen *s, struct vdi_form *vf, char **msg, char **cause)
{
	struct vdi_request_in in;
	char *v[R_N];
	int i, id = 0, rc;

	for (i = 0; i < R_N; i++)
		v[i] = form_get(&vf->form, i);
	memset(&in, 0, sizeof in);
	/* Yourself goes in as NULL: the database takes the session's own id. */
	in.login = s->app->who != NULL && strcmp(v[R_WHO], s->app->who->login) == 0 ?
	    NULL : opt(v[R_WHO]);
	in.reason = v[R_REASON];
	in.work = v[R_WORK];
	in.declared = strcmp(v[R_DECL], "yes") == 0;
	in.from = v[R_FROM];
	in.to = v[R_TO];
	in.device = opt(v[R_DEVICE]);
	in.manager = opt(v[R_MANAGER]);
	in.max_days = vdi_max_days;
	in.renews = vf->id;	/* 0 but for a renewal */
	rc = store_vdi_request(s->app->ctx, &in, &id, cause);
	if (rc == STORE_OK && vf->id != 0)
		*msg = xasprintf("%s %d (%s %d)", _("requested"), id, _("renews request"), vf->id);
	else if (rc == STORE_OK)
		*msg = xasprintf("%s %d", _("requested"), id);
	for (i = 0; i < R_N; i++)
		free(v[i]);
	return rc;
}

static int
vdi_form_save(struct screen *s, struct vdi_form *vf, char **msg, char **cause)
{
	char *v, *pool;
	int rc, id = 0;

	if (vf->kind == VF_REQUEST)
		return vdi_form_save_request(s, vf, msg, cause);
	v = form_get(&vf->form, 0);
	switch (vf->kind) {
	case VF_REJECT:
		rc = store_vdi_reject(s->app->ctx, vf->id, v, cause);
		if (rc == STORE_OK)
			*msg = xasprintf("%s %d", _("rejected"), vf->id);
		break;
	case VF_APPROVE:
		rc = store_vdi_approve(s->app->ctx, vf->id, vf->manager, v, cause);
		if (rc == STORE_OK && vf->manager)
			*msg = xasprintf("%s %d", _("manager approval recorded for"), vf->id);
		else if (rc == STORE_OK)	/* what comes next, not the state again */
			*msg = xasprintf("%s %d. %s", _("approved"), vf->id,
			    _("Next: p provisions the account (VDI user name, pool)"));
		break;
	case VF_PROVISION:
		pool = form_get(&vf->form, 1);
		rc = store_vdi_provision(s->app->ctx, vf->id, v, pool, cause);
		if (rc == STORE_OK)
			*msg = xasprintf("%s %d %s. %s", _("provisioned"), vf->id, v,
			    _("Next: m starts the MFA enrolment"));
		free(pool);
		break;
	case VF_SUSPEND:
		rc = store_vdi_set_state(s->app->ctx, vf->id, "suspended", v, cause);
		if (rc == STORE_OK)
			*msg = xasprintf("%s %d", _("suspended"), vf->id);
		break;
	case VF_REVOKE:
		/* for good: said, and asked, before it is done */
		if (!dialog_confirm(_("Revoke this VDI account for good? It cannot be resumed; "
		    "a new account needs a new request."))) {
			free(v);
			*msg = NULL;
			return 1;
		}
		rc = store_vdi_set_state(s->app->ctx, vf->id, "revoked", v, cause);
		if (rc == STORE_OK)
			*msg = xasprintf("%s %d", _("revoked"), vf->id);
		break;
	default:	/* VF_MFA_RESET */
		rc = store_vdi_mfa_reset(s->app->ctx, vf->login, v, &id, cause);
		if (rc == STORE_OK)
			*msg = xasprintf("%s %d. %s", _("MFA reset for request"), id,
			    _("Next: m starts a new enrolment"));
		break;
	}
	free(v);
	return rc;
}

int
vdi_form_key(struct screen *s, struct vdi_form *vf, int key, int action, int *done)
{
	char *msg = NULL, *cause = NULL;
	int flags, rc;

	*done = 0;
	flags = form_key(&vf->form, key, action);
	if (vf->form.want == FORM_WANT_DISCARD) {
		*done = 1;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (vf->form.want == FORM_WANT_SAVE) {
		vf->form.want = FORM_WANT_NOTHING;
		if ((rc = vdi_form_save(s, vf, &msg, &cause)) == 1)	/* not confirmed */
			return TUI_HANDLED | TUI_REDRAW;
		if (rc != STORE_OK) {
			free(vf->error);
			vf->error = cause != NULL ? cause : xstrdup(_("not saved"));
			chrome_message(&s->app->msg, 1, "%s", vf->error);
			return TUI_HANDLED | TUI_REDRAW;
		}
		chrome_message(&s->app->msg, 0, "%s", msg);
		free(msg);
		*done = 1;
		return TUI_HANDLED | TUI_RELOAD;
	}
	if (action == ACTION_QUIT || action == ACTION_HELP)
		return flags;
	return flags | TUI_HANDLED | TUI_REDRAW;	/* nothing leaks to the list */
}

void
vdi_form_draw(struct vdi_form *vf, WINDOW *win, int y, int x, int h, int w)
{
	char **lines;
	int n, i, room = vf->error != NULL ? 3 : 0;

	if (room > h / 2)
		room = h / 2;
	tui_cell(win, y, x, vf->title, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	form_draw(&vf->form, win, y + 1, x, h - room - 1, w);
	if (vf->error == NULL)
		return;
	n = text_wrap(vf->error, w - 2, &lines);
	for (i = 0; i < room; i++)
		tui_blank(win, y + h - room + i, x, w, tui_attr(TUI_PAL_NORMAL));
	for (i = 0; i < n && i < room; i++)
		tui_text(win, y + h - room + i, x + 1, lines[i], w - 2, tui_attr(TUI_PAL_ERROR));
	text_wrap_free(lines, n);
}
