/*
 * vdi — `:vdi`: telework VDI accounts. The list uses the shared table widget over the
 * rows of backend/store_vdi.c (a city has hundreds of these, not millions: the source
 * holds them all and pages through them in memory). Enter shows the request's details
 * and history. Every `vdi` command's action is a key here, each calling the store
 * function the command calls (screens/vdi_form.c has the forms): `n` a request, `w` a
 * renewal, `a` the next approval step (with a comment), `r` a rejection (with a reason),
 * `p` provisioning (VDI user name, pool), `z` / `Z` suspend (with a reason) and resume,
 * `x` revoke (with a reason, confirmed), `m` MFA enrolment: the QR code (lib/qr.h) and
 * the base32 key are drawn once over the whole terminal, the code typed below them is
 * checked, and the secret is wiped from memory when the view closes; `M` an MFA reset
 * (with a reason); `E` the `ssh ... vdi export` line to copy.
 * The account keys are IT's (role admin): other roles do not see them. Whether any of
 * it is allowed is still the database's decision; its refusals show as the store's reason.
 */
#include "screens/vdi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/text.h"
#include "backend/lib/secretbox.h"
#include "backend/store/store_vdi.h"
#include "backend/lib/totp.h"
#include "backend/lib/util.h"
#include "screens/screens.h"
#include "screens/sshline.h"
#include "screens/vdi_form.h"
#include "screens/common.h"
#include "screens/people.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "backend/lib/qr.h"
#include "tui/table.h"

static const char *vdi_key_file;

void
vdi_screen_set_key_file(const char *path)
{
	vdi_key_file = path;
}

void
vdi_screen_set_max_days(int days)
{
	vdi_form_set_max_days(days);
}

static const struct keymap_bind vdi_keys[] = {
	{ "n", ACTION_NEW, 1 },
	{ "a", ACTION_APPROVE, 1 },
	{ "r", ACTION_REJECT, 1 },
	{ "p", ACTION_PROVISION, 1 },
	{ "m", ACTION_MFA, 1 },
	{ "w", ACTION_RENEW, 1 },
	{ "z", ACTION_SUSPEND, 0 },
	{ "Z", ACTION_RESUME, 0 },
	{ "x", ACTION_VDI_REVOKE, 0 },
	{ "M", ACTION_MFA_RESET, 0 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },
};

/*
 * What the member's role may do here, as the database's policies have it
 * (sql/013_rls_once.sql, 030_vdi_ext.sql): anyone requests (a renewal too: for their
 * own account) and exports what they may see; approvals, accounts and MFA are IT's.
 */
static int
vdi_may(const struct screen *s, enum action a)
{
	switch (a) {
	case ACTION_NEW:
	case ACTION_RENEW:
	case ACTION_EXPORT_LINE:
		return 1;
	default:
		return people_role_in(common_role(s), "admin");
	}
}

enum { C_ID, C_LOGIN, C_NAME, C_STATE, C_TO, C_DAYS, C_MFA, C_NCOLS };

static const struct table_column vdi_cols[C_NCOLS] = {
	{ N_("ID"), 4, 0, 0, 0, TEXT_RIGHT, 1 },
	{ N_("login"), 0, 6, 12, 0, TEXT_LEFT, 1 },
	{ N_("name"), 0, 8, 0, 1, TEXT_LEFT, 1 },
	{ N_("state"), 0, 8, 18, 0, TEXT_LEFT, 1 },
	{ N_("to"), 10, 0, 0, 0, TEXT_LEFT, 1 },
	{ N_("days left"), 0, 4, 8, 0, TEXT_RIGHT, 1 },
	{ N_("MFA"), 0, 6, 12, 0, TEXT_LEFT, 1 },
};

struct vdi_screen {
	struct table	 table;
	struct vdi_list	 list;
	int		*order;		/* indexes into list, filtered and sorted */
	int		 norder;
	int		 detail;	/* showing the selected request's details */
	struct vdi_event_row *hist;
	int		 nhist;
	struct vdi_form	*form;		/* request, rejection or approval form, when open */
};

static void
vdi_cells(const struct vdi_row *r, char cells[C_NCOLS][160])
{
	snprintf(cells[C_ID], 160, "%d", r->id);
	snprintf(cells[C_LOGIN], 160, "%s", r->login);
	snprintf(cells[C_NAME], 160, "%s", r->name);
	snprintf(cells[C_STATE], 160, "%s", label_vdi_state(r->state));
	snprintf(cells[C_TO], 160, "%s", r->period_to);
	if (r->has_days)
		snprintf(cells[C_DAYS], 160, "%d", r->days_left);
	else
		cells[C_DAYS][0] = '\0';
	snprintf(cells[C_MFA], 160, "%s", r->mfa[0] != '\0' ? label_vdi_state(r->mfa) : "");
}

static const struct table_query *sort_q;
static const struct vdi_list *sort_l;

static int
vdi_cmp(const void *a, const void *b)
{
	const struct vdi_row *x = &sort_l->rows[*(const int *)a];
	const struct vdi_row *y = &sort_l->rows[*(const int *)b];
	char cx[C_NCOLS][160], cy[C_NCOLS][160];
	int c = 0;

	if (sort_q->sort == C_ID)
		c = (x->id > y->id) - (x->id < y->id);
	else if (sort_q->sort == C_DAYS)
		c = (x->has_days ? x->days_left : 1 << 30) - (y->has_days ? y->days_left : 1 << 30);
	else {
		vdi_cells(x, cx);
		vdi_cells(y, cy);
		c = strcmp(cx[sort_q->sort], cy[sort_q->sort]);
	}
	if (c == 0)
		c = (x->id > y->id) - (x->id < y->id);
	return sort_q->desc ? -c : c;
}

/* The rows matching q, in q's order. */
static void
vdi_order(struct vdi_screen *st, const struct table_query *q)
{
	char cells[C_NCOLS][160];
	int i, j;

	free(st->order);
	st->order = xcalloc((size_t)st->list.n + 1, sizeof *st->order);
	st->norder = 0;
	for (i = 0; i < st->list.n; i++) {
		int hit = q->filter == NULL || q->filter[0] == '\0';

		vdi_cells(&st->list.rows[i], cells);
		for (j = 0; j < C_NCOLS && !hit; j++)
			hit = strstr(cells[j], q->filter) != NULL;
		if (hit)
			st->order[st->norder++] = i;
	}
	sort_q = q;
	sort_l = &st->list;
	qsort(st->order, (size_t)st->norder, sizeof *st->order, vdi_cmp);
}

static int
vdi_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	struct vdi_screen *st = arg;
	char cells[C_NCOLS][160], key[16];
	int i, at = -1, from, to, k = 0, c;

	(void)cause;
	vdi_order(st, q);
	if (anchor != NULL)
		for (i = 0; i < st->norder; i++) {
			snprintf(key, sizeof key, "%d", st->list.rows[st->order[i]].id);
			if (strcmp(key, anchor->key) == 0)
				at = i;
		}
	if (dir == TABLE_AFTER) {
		from = anchor == NULL ? 0 : at + 1;
		to = from + n;
	} else {
		to = anchor == NULL ? st->norder : at;
		from = to - n;
	}
	if (from < 0)
		from = 0;
	if (to > st->norder)
		to = st->norder;
	*rows = xcalloc((size_t)n + 1, sizeof **rows);
	for (i = from; i < to; i++) {
		const struct vdi_row *r = &st->list.rows[st->order[i]];

		vdi_cells(r, cells);
		snprintf(key, sizeof key, "%d", r->id);
		table_row_alloc(&(*rows)[k], key, C_NCOLS);
		for (c = 0; c < C_NCOLS; c++)
			table_row_set(&(*rows)[k], c, cells[c]);
		(*rows)[k].mark = r->has_days && r->days_left <= 30;
		k++;
	}
	return k;
}

static long
vdi_count(void *arg, const struct table_query *q, char **cause)
{
	struct vdi_screen *st = arg;

	(void)cause;
	vdi_order(st, q);
	return st->norder;
}

static const struct vdi_row *
vdi_selected(struct vdi_screen *st)
{
	const struct table_row *tr = table_selected(&st->table);
	int i, id;

	if (tr == NULL)
		return NULL;
	id = atoi(tr->key);
	for (i = 0; i < st->list.n; i++)
		if (st->list.rows[i].id == id)
			return &st->list.rows[i];
	return NULL;
}

static int
vdi_load(struct screen *s, char **cause)
{
	struct vdi_screen *st = s->data;
	struct vdi_list fresh;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	if (store_vdi_list(s->app->ctx, "", app_today(s->app), -1, &fresh, cause) != 0)
		return -1;
	store_vdi_list_free(&st->list);
	st->list = fresh;
	return 0;
}

static int
vdi_reload(struct screen *s, char **cause)
{
	struct vdi_screen *st = s->data;

	if (vdi_load(s, cause) != 0)
		return -1;
	return table_reload(&st->table, cause);
}

static int
vdi_init(struct screen *s, char **cause)
{
	struct vdi_screen *st = xcalloc(1, sizeof *st);
	struct table_source src = { vdi_fetch, vdi_count, NULL, st };
	char *why = NULL;

	s->data = st;
	if (common_keymap_for_role(s, vdi_may, cause) != 0) {
		free(st);
		s->data = NULL;
		return -1;
	}
	table_init(&st->table, vdi_cols, C_NCOLS, &src);
	if (vdi_load(s, &why) != 0 || table_reset(&st->table, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
vdi_fini(struct screen *s)
{
	struct vdi_screen *st = s->data;

	vdi_form_free(st->form);
	table_free(&st->table);
	store_vdi_list_free(&st->list);
	store_vdi_history_free(st->hist, st->nhist);
	free(st->order);
	free(st);
}

/* The details of the selected request and its history, below a one-line header each. */
static void
vdi_draw_detail(struct vdi_screen *st, WINDOW *win, int y, int x, int h, int w)
{
	const struct vdi_row *r = vdi_selected(st);
	attr_t head = tui_attr(TUI_PAL_HEADER), norm = tui_attr(TUI_PAL_NORMAL);
	char line[512];
	int row = y, i;

	if (r == NULL)
		return;
	snprintf(line, sizeof line, "%s %d  %s (%s)  %s", _("request"), r->id, r->name, r->login,
	    label_vdi_state(r->state));
	tui_cell(win, row++, x, line, w, TEXT_LEFT, head);
	snprintf(line, sizeof line, "%s %s .. %s   %s %s   %s %s", _("period"), r->period_from,
	    r->period_to, _("VDI user"), r->username[0] != '\0' ? r->username : "-", _("pool"),
	    r->pool[0] != '\0' ? r->pool : "-");
	tui_cell(win, row++, x, line, w, TEXT_LEFT, norm);
	snprintf(line, sizeof line, "%s %s   %s %s   %s %s", _("MFA"),
	    r->mfa[0] != '\0' ? label_vdi_state(r->mfa) : "-", _("device"), r->device[0] != '\0' ?
	    r->device : "-", _("manager"), r->manager[0] != '\0' ? r->manager : "-");
	tui_cell(win, row++, x, line, w, TEXT_LEFT, norm);
	if (r->note[0] != '\0') {
		snprintf(line, sizeof line, "%s %s", _("note"), r->note);
		tui_cell(win, row++, x, line, w, TEXT_LEFT, tui_attr(TUI_PAL_WARN));
	}
	row++;
	tui_cell(win, row++, x, _("history"), w, TEXT_LEFT, head);
	for (i = 0; i < st->nhist && row < y + h; i++) {
		char ev[80], *evc = text_cell(label_vdi_event(st->hist[i].event, ev, sizeof ev), 22,
		    TEXT_LEFT), *who = text_cell(st->hist[i].actor, 10, TEXT_LEFT);

		snprintf(line, sizeof line, "%s  %s %s %s", st->hist[i].at, evc, who,
		    label_vdi_reason(st->hist[i].detail));
		free(evc);
		free(who);
		tui_cell(win, row++, x, line, w, TEXT_LEFT, norm);
	}
	while (row < y + h)
		tui_blank(win, row++, x, w, norm);
}

static void
vdi_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct vdi_screen *st = s->data;
	int i;

	for (i = 0; i < h; i++)
		tui_blank(win, y + i, x, w, tui_attr(TUI_PAL_NORMAL));
	if (st->form != NULL)
		vdi_form_draw(st->form, win, y, x, h, w);
	else if (st->detail)
		vdi_draw_detail(st, win, y, x, h, w);
	else
		table_draw(&st->table, win, y, x, h, w);
}

/* The enrolment view, over the whole terminal: QR at the left, text at the right. */
static void
enrol_draw(const struct qr_text *qt, int invert, const char *login, const char *grouped,
    const char *code, const char *msg, int msg_error)
{
	attr_t qa, norm = tui_attr(TUI_PAL_NORMAL);
	int lines, cols, i, tx, ty, row;
	char buf[256];
	char **wrapped;
	int nw;

	tui_size(&lines, &cols);
	erase();
	/* Black on white when there is colour; reverse video (right on dark terminals) if not. */
	qa = tui_has_color() ? tui_attr(TUI_PAL_FIELD) : A_REVERSE;
	if (invert)
		qa = norm;
	for (i = 0; i < qt->nrows && i < lines; i++)
		tui_text(stdscr, i, 0, qt->lines[i], cols, qa);
	tx = qt->ncols + 2;
	ty = 1;
	if (tx + 20 > cols) {	/* too narrow for text at the side: below */
		tx = 0;
		ty = qt->nrows;
	}
	snprintf(buf, sizeof buf, "%s: %s", _("MFA enrolment"), login);
	tui_text(stdscr, ty, tx, buf, cols - tx, tui_attr(TUI_PAL_HEADER));
	row = ty + 2;
	nw = text_wrap(_("Scan this code with the authenticator app. If it cannot be scanned, enter this key:"),
	    cols - tx, &wrapped);
	for (i = 0; i < nw && row < lines - 1; i++)
		tui_text(stdscr, row++, tx, wrapped[i], cols - tx, norm);
	text_wrap_free(wrapped, nw);
	row++;
	nw = text_wrap(grouped, cols - tx, &wrapped);
	for (i = 0; i < nw && row < lines - 1; i++)
		tui_text(stdscr, row++, tx, wrapped[i], cols - tx, A_BOLD);
	text_wrap_free(wrapped, nw);
	row++;
	if (row < lines - 1) {
		snprintf(buf, sizeof buf, "%s [%-6s]", _("Code:"), code);
		tui_text(stdscr, row++, tx, buf, cols - tx, norm);
	}
	if (row < lines - 1)
		tui_text(stdscr, row++, tx, _("Enter confirm  i invert  Esc cancel"), cols - tx,
		    tui_attr(TUI_PAL_DIM));
	if (msg != NULL && row < lines) {
		nw = text_wrap(msg, cols - tx, &wrapped);
		for (i = 0; i < nw && row < lines; i++)
			tui_text(stdscr, row++, tx, wrapped[i], cols - tx,
			    tui_attr(msg_error ? TUI_PAL_ERROR : TUI_PAL_OK));
		text_wrap_free(wrapped, nw);
	}
	refresh();
}

/* Enrol MFA for request id: start, show once, take the code. Returns TUI_* flags. */
static int
vdi_enrol(struct screen *s, const struct vdi_row *r)
{
	unsigned char key[SECRETBOX_KEYLEN];
	char *login = NULL, *b32 = NULL, *uri = NULL, *grouped = NULL, *cause = NULL, *msg = NULL;
	char code[8] = "", question[256];
	struct qr_text qt;
	int id = r->id, k, n = 0, done = 0, invert = 0, err = 0;

	snprintf(question, sizeof question, "%s %s (%s)? %s", _("Start MFA enrolment for"),
	    r->name, r->login, _("The key is shown only now."));
	if (!dialog_confirm(question))
		return TUI_HANDLED | TUI_REDRAW;
	if (secretbox_key_load(vdi_key_file, key, &cause) != 0 ||
	    store_vdi_mfa_start(s->app->ctx, key, id, &login, &b32, &uri, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause);
		free(cause);
		OPENSSL_cleanse(key, sizeof key);
		return TUI_HANDLED | TUI_RELOAD;
	}
	if (qr_render(uri, 0, &qt, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause);
		free(cause);
		memset(&qt, 0, sizeof qt);
	}
	grouped = base32_grouped(b32);
	while (!done) {
		enrol_draw(&qt, invert, login, grouped, code, msg, err);
		k = keymap_read(stdscr, -1);
		if (k == KEYMAP_EOF || k == 27) {
			free(msg);
			msg = xstrdup(_("Enrolment cancelled: it stays pending until started again."));
			chrome_message(&s->app->msg, 0, "%s", msg);
			done = 1;
		} else if (k >= '0' && k <= '9' && n < TOTP_DIGITS) {
			code[n++] = (char)k;
			code[n] = '\0';
		} else if ((k == KEY_BACKSPACE || k == 127 || k == 8) && n > 0)
			code[--n] = '\0';
		else if (k == 'i')
			invert = !invert;
		else if ((k == '\n' || k == '\r' || k == KEY_ENTER) && n == TOTP_DIGITS) {
			free(msg);
			msg = NULL;
			if (store_vdi_mfa_confirm(s->app->ctx, key, id, code, (uint64_t)time(NULL),
			    &cause) != 0) {
				msg = cause;
				cause = NULL;
				err = 1;
				n = 0;
				code[0] = '\0';
			} else {
				chrome_message(&s->app->msg, 0, "%s %s", _("MFA enrolled for"), login);
				done = 1;
			}
		}
	}
	/* The secret leaves memory with the view. */
	OPENSSL_cleanse(key, sizeof key);
	OPENSSL_cleanse(b32, strlen(b32));
	OPENSSL_cleanse(uri, strlen(uri));
	OPENSSL_cleanse(grouped, strlen(grouped));
	for (k = 0; k < qt.nrows; k++)
		OPENSSL_cleanse(qt.lines[k], strlen(qt.lines[k]));
	qr_text_free(&qt);
	free(b32);
	free(uri);
	free(grouped);
	free(login);
	free(msg);
	clear();
	return TUI_HANDLED | TUI_RELOAD;
}

/* "VDI request N: <state>; <why not>" on the status line, and nothing opened. */
static int
vdi_not_now(struct screen *s, const struct vdi_row *r, const char *why)
{
	chrome_message(&s->app->msg, 1, "%s %d: %s; %s", _("VDI request"), r->id,
	    label_vdi_state(r->state), why);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
vdi_is(const struct vdi_row *r, const char *a, const char *b)
{
	return strcmp(r->state, a) == 0 || (b != NULL && strcmp(r->state, b) == 0);
}

/* Resume: nothing to type, so a confirmation, then the store. */
static int
vdi_resume(struct screen *s, const struct vdi_row *r)
{
	char question[256], *cause = NULL;
	enum store_rc rc;

	snprintf(question, sizeof question, "%s %s (%s)?", _("Resume the VDI account of"),
	    r->name, r->login);
	if (!dialog_confirm(question))
		return TUI_HANDLED | TUI_REDRAW;
	rc = store_vdi_set_state(s->app->ctx, r->id, "active", NULL, &cause);
	if (rc == STORE_OK)
		chrome_message(&s->app->msg, 0, "%s %d", _("resumed"), r->id);
	else
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Refused"));
	free(cause);
	return TUI_HANDLED | TUI_RELOAD;
}

/*
 * The form of an action on the selected request, when its state allows the action;
 * otherwise the state and what the action needs (after IT's approval, `a` says that
 * provisioning comes next rather than the state again).
 */
static int
vdi_open_form(struct screen *s, enum action a, const struct vdi_row *r)
{
	struct vdi_screen *st = s->data;
	char who[256];

	if (a == ACTION_NEW) {
		st->form = vdi_form_request(s);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (r == NULL)
		return TUI_HANDLED;
	snprintf(who, sizeof who, "%s (%s)", r->name, r->login);
	switch (a) {
	case ACTION_APPROVE:
	case ACTION_REJECT:
		if (a == ACTION_APPROVE && vdi_is(r, "approved", NULL))
			return vdi_not_now(s, r, _("next: p provisions the account (VDI user name, pool)"));
		if (!vdi_is(r, "requested", "manager_approved")) {
			chrome_message(&s->app->msg, 1, "%s %d: %s", _("VDI request"), r->id,
			    label_vdi_state(r->state));
			return TUI_HANDLED | TUI_REDRAW;
		}
		st->form = a == ACTION_REJECT ? vdi_form_reject(r->id, who) :
		    vdi_form_approve(r->id, vdi_is(r, "requested", NULL), who);
		break;
	case ACTION_PROVISION:
		if (!vdi_is(r, "approved", NULL))
			return vdi_not_now(s, r, _("provisioning needs a request approved by IT"));
		st->form = vdi_form_provision(r->id, who);
		break;
	case ACTION_SUSPEND:
		if (!vdi_is(r, "active", NULL))
			return vdi_not_now(s, r, _("only an active account can be suspended"));
		st->form = vdi_form_reason(a, r->id, r->login, who);
		break;
	case ACTION_RESUME:
		if (!vdi_is(r, "suspended", NULL))
			return vdi_not_now(s, r, _("only a suspended account can be resumed"));
		return vdi_resume(s, r);
	case ACTION_VDI_REVOKE:
		if (!vdi_is(r, "active", "suspended"))
			return vdi_not_now(s, r, _("only an active or suspended account can be revoked"));
		st->form = vdi_form_reason(a, r->id, r->login, who);
		break;
	case ACTION_MFA_RESET:
		if (!vdi_is(r, "active", "suspended") || strcmp(r->mfa, "none") == 0)
			return vdi_not_now(s, r, _("an MFA reset needs an account with MFA started or enrolled"));
		st->form = vdi_form_reason(a, r->id, r->login, who);
		break;
	case ACTION_RENEW:
		if (!vdi_is(r, "active", "suspended") && !vdi_is(r, "expired", NULL))
			return vdi_not_now(s, r, _("only an account can be renewed (a request is still open)"));
		st->form = vdi_form_renew(s, r->id, r->login, who, r->period_to);
		break;
	default:
		return TUI_PASS;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
vdi_handle(struct screen *s, int key, enum action a)
{
	struct vdi_screen *st = s->data;
	const struct vdi_row *r = vdi_selected(st);
	char *cause = NULL;
	int rc, done;

	if (st->form != NULL) {
		rc = vdi_form_key(s, st->form, key, a, &done);
		if (done) {
			vdi_form_free(st->form);
			st->form = NULL;
		}
		return rc;
	}
	if (st->detail) {
		if (a == ACTION_BACK || a == ACTION_ENTER) {
			st->detail = 0;
			return TUI_HANDLED | TUI_REDRAW;
		}
	} else if (a == ACTION_ENTER && r != NULL) {
		store_vdi_history_free(st->hist, st->nhist);
		st->hist = NULL;
		st->nhist = 0;
		if (store_vdi_history(s->app->ctx, r->id, &st->hist, &st->nhist, &cause) != 0) {
			chrome_message(&s->app->msg, 1, "%s", cause);
			free(cause);
		}
		st->detail = 1;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_MFA && r != NULL && !st->table.filtering) {
		if (!vdi_is(r, "active", NULL) || strcmp(r->mfa, "enrolled") == 0)
			return vdi_not_now(s, r, _("MFA enrolment needs an active account not yet enrolled"));
		return vdi_enrol(s, r);
	}
	if (a == ACTION_EXPORT_LINE && !st->table.filtering)
		return sshline_show(s, "vdi export --format csv", "vdi.csv");
	if ((a == ACTION_APPROVE || a == ACTION_REJECT || a == ACTION_NEW ||
	    a == ACTION_PROVISION || a == ACTION_SUSPEND || a == ACTION_RESUME ||
	    a == ACTION_VDI_REVOKE || a == ACTION_MFA_RESET || a == ACTION_RENEW) &&
	    !st->table.filtering)
		return vdi_open_form(s, a, r);
	if (st->detail)
		return TUI_PASS;
	rc = table_key(&st->table, key, a);
	if (st->table.error != NULL) {
		chrome_message(&s->app->msg, 1, "%s", st->table.error);
		free(st->table.error);
		st->table.error = NULL;
	}
	return rc;
}

static int
vdi_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	if (strcmp(table, "vdi_request") == 0 || strcmp(table, "vdi_account") == 0)
		return TUI_RELOAD;
	return TUI_PASS;
}

static void
vdi_status(struct screen *s, char *buf, size_t len)
{
	struct vdi_screen *st = s->data;
	char pos[64];

	if (st->form != NULL) {
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
		return;
	}
	table_status(&st->table, pos, sizeof pos);
	snprintf(buf, len, "%s", pos);
}

const struct screen_ops vdi_ops = {
	.keys = vdi_keys,			/* cut to the role's in init */
	.nkeys = nitems(vdi_keys),
	.init = vdi_init,			/* first load into the table */
	.draw = vdi_draw,			/* the list, or one request's details */
	.handle = vdi_handle,			/* details, approve, MFA, then the table */
	.reload = vdi_reload,			/* F5, NOTIFY, reconnect */
	.on_notify = vdi_on_notify,		/* vdi_request, vdi_account */
	.status = vdi_status,			/* keys and position */
	.fini = vdi_fini,
};
