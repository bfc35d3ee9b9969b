/*
 * vdi_form — the forms of the `:vdi` screen: a new request, a rejection with a reason,
 * and an approval step's comment. The forms only collect; whether a request may be made
 * (the declaration, the longest period, for whom) or a step taken is decided by the
 * database through backend/store_vdi.c, and its refusal is drawn under the form, which
 * stays open with what was typed.
 */
#include "screens/vdi_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_vdi.h"
#include "backend/lib/util.h"
#include "tui/app.h"
#include "tui/form.h"
#include "backend/lib/text.h"

static int vdi_max_days = 366;

void
vdi_form_set_max_days(int days)
{
	if (days > 0)
		vdi_max_days = days;
}

enum vdi_form_kind { VF_REQUEST, VF_REJECT, VF_APPROVE };

struct vdi_form {
	enum vdi_form_kind	 kind;
	int			 id;		/* the request rejected or approved */
	int			 manager;	/* VF_APPROVE: the manager's step */
	char			*title;
	struct form		 form;
	char			*error;		/* the database's refusal, under the form */
};

/* Staff by login/kana/name, the value being the login (what store_vdi_request takes). */
static int
vdi_staff_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	int i, got = store_staff_search(db, query, n, out, cause);

	for (i = 0; i < got; i++) {
		const char *l = (*out)[i].label;
		size_t len = strcspn(l, " ");

		free((*out)[i].id);
		(*out)[i].id = xstrndup(l, len);
	}
	return got;
}

static const struct form_choice decl_choices[] = {
	{ "no", N_("No") },
	{ "yes", N_("Yes") },
};

enum { R_WHO, R_REASON, R_WORK, R_DECL, R_FROM, R_TO, R_DEVICE, R_MANAGER, R_N };

static const struct form_field_def request_fields[R_N] = {
	[R_WHO] = { .name = "who", .label = N_("For whom"), .type = FORM_PICKER,
	    .required = 1, .search = vdi_staff_search },
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
	    .search = vdi_staff_search },
};

static const struct form_field_def reject_fields[] = {
	{ .name = "reason", .label = N_("Reason for the requester"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 500 },
};

static const struct form_field_def approve_fields[] = {
	{ .name = "comment", .label = N_("Comment (optional)"), .type = FORM_TEXT,
	    .maxlen = 500 },
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

void
vdi_form_free(struct vdi_form *vf)
{
	if (vf == NULL)
		return;
	form_free(&vf->form);
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
	rc = store_vdi_request(s->app->ctx, &in, &id, cause);
	if (rc == 0)
		*msg = xasprintf("%s %d", _("requested"), id);
	for (i = 0; i < R_N; i++)
		free(v[i]);
	return rc;
}

static int
vdi_form_save(struct screen *s, struct vdi_form *vf, char **msg, char **cause)
{
	char *v;
	int rc;

	if (vf->kind == VF_REQUEST)
		return vdi_form_save_request(s, vf, msg, cause);
	v = form_get(&vf->form, 0);
	if (vf->kind == VF_REJECT) {
		rc = store_vdi_reject(s->app->ctx, vf->id, v, cause);
		if (rc == 0)
			*msg = xasprintf("%s %d", _("rejected"), vf->id);
	} else {
		rc = store_vdi_approve(s->app->ctx, vf->id, vf->manager, v, cause);
		if (rc == 0)
			*msg = xasprintf("%s %d", vf->manager ? _("manager approval recorded for") :
			    _("approved"), vf->id);
	}
	free(v);
	return rc;
}

int
vdi_form_key(struct screen *s, struct vdi_form *vf, int key, int action, int *done)
{
	char *msg = NULL, *cause = NULL;
	int flags;

	*done = 0;
	flags = form_key(&vf->form, key, action);
	if (vf->form.want == FORM_WANT_DISCARD) {
		*done = 1;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (vf->form.want == FORM_WANT_SAVE) {
		if (vdi_form_save(s, vf, &msg, &cause) != 0) {
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
