/*
 * mig_detail — one system of the migration board: its fields (owner department,
 * current and target vendor/product, hosting, cut-over dates, the 特定移行支援システム
 * flag with its deadline and reason, notes), its steps with dates, the status history
 * and the risk log. `e` edits the fields in a form; the save carries the version read
 * (RS001: the conflict dialog), and the database's refusal is said in words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"
#include "screens/editform.h"
#include "screens/mig.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/form.h"

static const struct form_choice yes_no[] = {
	{ "f", N_("no") },
	{ "t", N_("yes") },
};

enum { F_DEPT, F_VENDOR, F_PRODUCT, F_TVENDOR, F_TPRODUCT, F_HOSTING, F_PLANNED, F_ACTUAL,
	F_SPECIAL, F_DEADLINE, F_REASON, F_NOTES, F_N };

static const struct form_field_def sys_fields[F_N] = {
	[F_DEPT] = { .name = "dept", .label = N_("owner department"), .type = FORM_PICKER,
	    .search = store_dept_search },
	[F_VENDOR] = { .name = "vendor", .label = N_("current vendor"), .type = FORM_TEXT,
	    .maxlen = 200 },
	[F_PRODUCT] = { .name = "product", .label = N_("current product"), .type = FORM_TEXT,
	    .maxlen = 200 },
	[F_TVENDOR] = { .name = "target_vendor", .label = N_("target vendor"), .type = FORM_TEXT,
	    .maxlen = 200 },
	[F_TPRODUCT] = { .name = "target_product", .label = N_("target product"),
	    .type = FORM_TEXT, .maxlen = 200 },
	[F_HOSTING] = { .name = "hosting", .label = N_("hosting"), .type = FORM_TEXT,
	    .maxlen = 100 },
	[F_PLANNED] = { .name = "planned", .label = N_("planned cut-over"), .type = FORM_DATE },
	[F_ACTUAL] = { .name = "actual", .label = N_("actual cut-over"), .type = FORM_DATE },
	[F_SPECIAL] = { .name = "special", .label = N_("special migration support system"),
	    .type = FORM_CHOICE, .required = 1, .choices = yes_no, .nchoices = 2 },
	[F_DEADLINE] = { .name = "deadline", .label = N_("extended deadline"), .type = FORM_DATE },
	[F_REASON] = { .name = "reason", .label = N_("reason for the extension"),
	    .type = FORM_TEXT, .maxlen = 500 },
	[F_NOTES] = { .name = "notes", .label = N_("notes"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 3 },
};

struct mig_detail {
	int			 id, writable;
	struct mig_system	 sys;
	char			**lines;
	int			 n, cap, top;
	struct form		*form;
	int			 version;	/* the version the form was loaded from */
	char			*title;
	struct mig_system	 mine, theirs;	/* while saving: the form's, the other's */
	char			 sqlstate[6];	/* of the last save */
};

static void
add(struct mig_detail *d, char *line)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->lines = xreallocarray(d->lines, (size_t)d->cap, sizeof *d->lines);
	}
	d->lines[d->n++] = line;
}

static void
lines_free(struct mig_detail *d)
{
	int	 i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	d->n = 0;
}

static const char *
or_dash(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : "-";
}

static void
build(struct mig_detail *d, const struct mig_xrows *x, const struct mig_hists *h,
    const struct mig_risks *r)
{
	const struct mig_system *s = &d->sys;
	enum mig_st	 o, nw;
	int		 i;

	lines_free(d);
	add(d, xasprintf("%s: %s", _("owner department"), or_dash(s->dept)));
	add(d, xasprintf("%s: %s / %s", _("current vendor/product"), or_dash(s->vendor),
	    or_dash(s->product)));
	add(d, xasprintf("%s: %s / %s", _("target vendor/product"), or_dash(s->target_vendor),
	    or_dash(s->target_product)));
	add(d, xasprintf("%s: %s", _("hosting"), or_dash(s->hosting)));
	add(d, xasprintf("%s: %s   %s: %s", _("planned cut-over"), or_dash(s->planned_cutover),
	    _("actual cut-over"), or_dash(s->actual_cutover)));
	if (s->special)
		add(d, xasprintf("%s: %s   %s: %s   %s: %s", _("special migration support system"),
		    _("yes"), _("extended deadline"), or_dash(s->special_deadline),
		    _("reason for the extension"), or_dash(s->special_reason)));
	else
		add(d, xasprintf("%s: %s", _("special migration support system"), _("no")));
	add(d, xasprintf("%s: %s", _("notes"), or_dash(s->notes)));
	add(d, xstrdup(""));
	add(d, xasprintf("── %s", _("procedure steps")));
	for (i = 0; i < x->n; i++) {
		const struct mig_xrow *e = &x->v[i];

		if (e->sys_id != d->id)
			continue;
		add(d, xasprintf("%s %s  %s  %s: %s - %s  %s: %s  %s", mig_st_symbol(e->st),
		    mig_st_label(e->st), e->step, _("planned"), or_dash(e->ps), or_dash(e->pe),
		    _("actual end"), or_dash(e->ae), e->note));
	}
	add(d, xstrdup(""));
	add(d, xasprintf("── %s", _("status history")));
	for (i = 0; i < h->n; i++) {
		o = nw = MIG_TODO;
		mig_st_parse(h->v[i].old_st, &o);
		mig_st_parse(h->v[i].new_st, &nw);
		add(d, xasprintf("%s  %s  %s -> %s  %s  %s", h->v[i].at, h->v[i].step,
		    h->v[i].old_st[0] ? mig_st_label(o) : "", mig_st_label(nw), h->v[i].who,
		    h->v[i].note));
	}
	add(d, xstrdup(""));
	add(d, xasprintf("── %s", _("issues and risks")));
	for (i = 0; i < r->n; i++)
		if (r->v[i].sys_id == d->id)
			add(d, xasprintf("#%d  %s  %d×%d  %s  %s  %s", r->v[i].id,
			    or_dash(r->v[i].due), r->v[i].impact, r->v[i].likelihood,
			    r->v[i].status, r->v[i].title, r->v[i].owner));
}

int
mig_detail_reload(struct screen *s, struct mig_detail *d, char **cause)
{
	struct mig_system sys;
	struct mig_xrows x;
	struct mig_hists h;
	struct mig_risks r;

	if (mig_system_load(s->app->ctx, d->id, &sys, cause) != 0)
		return -1;
	if (mig_xrows_load(s->app->ctx, &x, cause) != 0) {
		mig_system_free(&sys);
		return -1;
	}
	if (mig_history_load(s->app->ctx, d->id, &h, cause) != 0) {
		mig_system_free(&sys);
		mig_xrows_free(&x);
		return -1;
	}
	if (mig_risks_load(s->app->ctx, 1, &r, cause) != 0) {
		mig_system_free(&sys);
		mig_xrows_free(&x);
		mig_hists_free(&h);
		return -1;
	}
	mig_system_free(&d->sys);
	d->sys = sys;
	free(d->title);
	d->title = xasprintf("%s › %s", _("Standardisation migration"), d->sys.name);
	build(d, &x, &h, &r);
	mig_xrows_free(&x);
	mig_hists_free(&h);
	mig_risks_free(&r);
	return 0;
}

struct mig_detail *
mig_detail_open(struct screen *s, int sys_id, int writable, char **cause)
{
	struct mig_detail *d = xcalloc(1, sizeof *d);

	d->id = sys_id;
	d->writable = writable;
	if (mig_detail_reload(s, d, cause) != 0) {
		mig_detail_close(d);
		return NULL;
	}
	return d;
}

static void
form_close(struct mig_detail *d)
{
	editform_close(&d->form);
}

void
mig_detail_close(struct mig_detail *d)
{
	if (d == NULL)
		return;
	form_close(d);
	lines_free(d);
	free(d->lines);
	free(d->title);
	mig_system_free(&d->sys);
	free(d);
}

const char *
mig_detail_title(struct mig_detail *d)
{
	return d->title;
}

static void
form_load(struct mig_detail *d, const struct mig_system *s)
{
	char	 did[16];

	snprintf(did, sizeof did, "%d", s->dept_id);
	if (s->dept_id > 0)
		form_set_pick(d->form, F_DEPT, did, s->dept);
	else
		form_set_pick(d->form, F_DEPT, NULL, NULL);
	form_set(d->form, F_VENDOR, s->vendor);
	form_set(d->form, F_PRODUCT, s->product);
	form_set(d->form, F_TVENDOR, s->target_vendor);
	form_set(d->form, F_TPRODUCT, s->target_product);
	form_set(d->form, F_HOSTING, s->hosting);
	form_set(d->form, F_PLANNED, s->planned_cutover);
	form_set(d->form, F_ACTUAL, s->actual_cutover);
	form_set(d->form, F_SPECIAL, s->special ? "t" : "f");
	form_set(d->form, F_DEADLINE, s->special_deadline);
	form_set(d->form, F_REASON, s->special_reason);
	form_set(d->form, F_NOTES, s->notes);
	d->version = s->version;
}

/* The form's values as a system (strings allocated; free with mig_system_free). */
static void
form_take(struct mig_detail *d, struct mig_system *o)
{
	char	*v;

	memset(o, 0, sizeof *o);
	o->id = d->id;
	o->name = xstrdup(d->sys.name);
	v = form_get(d->form, F_DEPT);
	o->dept_id = atoi(v);
	free(v);
	o->dept = xstrdup(d->form->fields[F_DEPT].pick_label != NULL ?
	    d->form->fields[F_DEPT].pick_label : "");
	o->vendor = form_get(d->form, F_VENDOR);
	o->product = form_get(d->form, F_PRODUCT);
	o->target_vendor = form_get(d->form, F_TVENDOR);
	o->target_product = form_get(d->form, F_TPRODUCT);
	o->hosting = form_get(d->form, F_HOSTING);
	v = form_get(d->form, F_PLANNED);
	snprintf(o->planned_cutover, sizeof o->planned_cutover, "%s", v);
	free(v);
	v = form_get(d->form, F_ACTUAL);
	snprintf(o->actual_cutover, sizeof o->actual_cutover, "%s", v);
	free(v);
	v = form_get(d->form, F_SPECIAL);
	o->special = strcmp(v, "t") == 0;
	free(v);
	v = form_get(d->form, F_DEADLINE);
	snprintf(o->special_deadline, sizeof o->special_deadline, "%s", v);
	free(v);
	o->special_reason = form_get(d->form, F_REASON);
	o->notes = form_get(d->form, F_NOTES);
	o->version = d->version;
}

static void
refused(struct screen *s, int id)
{
	char	*msg = mig_refusal(s->app->ctx, id);

	chrome_message(&s->app->msg, 1, "%s", msg);
	free(msg);
}

static int
save_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct mig_detail *d = arg;
	int	 v = mig_system_save(s->app->ctx, &d->mine, d->sqlstate, cause);

	*stale = v < 0 && strcmp(d->sqlstate, DB_SQLSTATE_STALE) == 0;
	return v;
}

/* Someone else saved first: their fields against yours. */
static int
theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct mig_detail *d = arg;
	const struct mig_system *th = &d->theirs, *mine = &d->mine;
	int	 n = 0;

	mig_system_free(&d->theirs);
	if (mig_system_load(s->app->ctx, d->id, &d->theirs, cause) != 0)
		return -1;
#define DIFF(l, a, b) (c->d[n++] = (struct dialog_diff){ (l), (a), (b) })
	DIFF(_("owner department"), th->dept, mine->dept);
	DIFF(_("current vendor"), th->vendor, mine->vendor);
	DIFF(_("current product"), th->product, mine->product);
	DIFF(_("target vendor"), th->target_vendor, mine->target_vendor);
	DIFF(_("target product"), th->target_product, mine->target_product);
	DIFF(_("hosting"), th->hosting, mine->hosting);
	DIFF(_("planned cut-over"), th->planned_cutover, mine->planned_cutover);
	DIFF(_("actual cut-over"), th->actual_cutover, mine->actual_cutover);
	DIFF(_("special migration support system"), th->special ? _("yes") : _("no"),
	    mine->special ? _("yes") : _("no"));
	DIFF(_("extended deadline"), th->special_deadline, mine->special_deadline);
	DIFF(_("notes"), th->notes, mine->notes);
#undef DIFF
	c->n = n;
	store_last_change(s->app->ctx, "mig_system", d->id, c->who, c->when);
	return 0;
}

static void
take_theirs(struct screen *s, void *arg, int load)
{
	struct mig_detail *d = arg;

	(void)s;
	if (load)
		form_load(d, &d->theirs);
	d->mine.version = d->theirs.version;
	d->version = d->theirs.version;
}

static const struct editform_saver sys_saver = {
	.save = save_try,
	.theirs = theirs,
	.take = take_theirs,
};

static int
save(struct screen *s, struct mig_detail *d)
{
	char	*cause = NULL;
	int	 v;

	d->form->want = FORM_WANT_NOTHING;
	form_take(d, &d->mine);
	if (editform_save(s, &sys_saver, d, &v, &cause) == EDITFORM_DONE) {
		if (v >= 0) {
			chrome_message(&s->app->msg, 0, "%s: %s", d->sys.name, _("saved"));
			form_close(d);
		} else if (strcmp(d->sqlstate, DB_SQLSTATE_REFUSED) == 0) {
			refused(s, d->id);
			form_close(d);
		} else
			chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
	}
	free(cause);
	mig_system_free(&d->mine);
	mig_system_free(&d->theirs);
	return TUI_HANDLED | TUI_RELOAD;
}

int
mig_detail_key(struct screen *s, struct mig_detail *d, int key, enum action a, int *done)
{
	int	 flags;

	*done = 0;
	if (d->form != NULL) {
		flags = form_key(d->form, key, a);
		if (d->form->want == FORM_WANT_DISCARD) {
			form_close(d);
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (d->form->want == FORM_WANT_SAVE)
			return save(s, d);
		if (a == ACTION_QUIT || a == ACTION_HELP)
			return flags;
		return flags | TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_EDIT) {
		if (!d->writable) {
			refused(s, d->id);
			return TUI_HANDLED | TUI_REDRAW;
		}
		d->form = editform_open(N_("Edit the system"), sys_fields, F_N, s->app->ctx);
		form_load(d, &d->sys);
		return TUI_HANDLED | TUI_REDRAW;
	}
	switch (a) {
	case ACTION_UP:
		if (d->top > 0)
			d->top--;
		break;
	case ACTION_DOWN:
		if (d->top < d->n - 1)
			d->top++;
		break;
	case ACTION_PAGE_UP:
		d->top = d->top > 10 ? d->top - 10 : 0;
		break;
	case ACTION_PAGE_DOWN:
		d->top = d->top + 10 < d->n ? d->top + 10 : d->n - 1;
		break;
	case ACTION_HOME:
		d->top = 0;
		break;
	case ACTION_BACK:
		*done = 1;
		break;
	default:
		return TUI_PASS;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

void
mig_detail_draw(struct mig_detail *d, WINDOW *win, int y, int x, int h, int w)
{
	int	 i;

	if (d->form != NULL) {
		form_draw(d->form, win, y, x, h, w);
		return;
	}
	for (i = 0; i < h && d->top + i < d->n; i++)
		tui_text(win, y + i, x + 1, d->lines[d->top + i], w - 1,
		    strncmp(d->lines[d->top + i], "──", strlen("──")) == 0 ?
		    tui_attr(TUI_PAL_HEADER) : tui_attr(TUI_PAL_NORMAL));
}

void
mig_detail_status(struct mig_detail *d, char *buf, size_t len)
{
	if (d->form != NULL)
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
	else
		snprintf(buf, len, "%s%s", d->writable ? "" : _("[read only] "),
		    _("e edit  q back"));
}
