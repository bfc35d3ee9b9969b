/*
 * audit — the audit trail, newest first, keyset-paged (millions of rows are never
 * counted or held: counts past the table widget's cap show as "100,000+", positions past
 * it as "?"). `/` filters with words:
 * who:LOGIN table:T key:K action:A from:DATE to:DATE on:DATE (a bare word is a table).
 * Enter shows the entry: every field before and after, the changed ones marked and
 * highlighted; every value drawn through the sanitising helpers.
 */
#include "screens/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/text.h"
#include "backend/store/store_audit.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/table.h"

static const struct keymap_bind audit_keys[] = {
	{ "Enter", ACTION_ENTER, 1 },
	{ "/", ACTION_SEARCH, 1 },
};

static const struct table_column audit_cols[AUDIT_NCOLS] = {
	[AUDIT_C_ID] = { .title = N_("No."), .min = 4, .max = 10, .align = TEXT_RIGHT },
	[AUDIT_C_AT] = { .title = N_("When"), .width = 19 },
	[AUDIT_C_WHO] = { .title = N_("Who"), .min = 6, .max = 12 },
	[AUDIT_C_ACTION] = { .title = N_("Action"), .min = 6, .max = 12 },
	[AUDIT_C_TABLE] = { .title = N_("Table"), .min = 6, .max = 16 },
	[AUDIT_C_KEY] = { .title = N_("Key"), .min = 4, .flex = 1 },
};

struct audit_scr {
	struct table		 t;
	struct audit_entry	 e;
	int			 open;		/* the detail view is shown */
	struct tui_view		 v;		/* its fields' scroll */
};

static int
audit_init(struct screen *s, char **cause)
{
	struct audit_scr	*st = xcalloc(1, sizeof *st);
	struct table_source	 src = store_audit_source;

	(void)cause;
	src.arg = s->app->ctx;
	s->data = st;
	/* newest first, the order the source keeps */
	common_table(s, &st->t, audit_cols, AUDIT_NCOLS, &src, 0, 1);
	return 0;
}

static void
audit_fini(struct screen *s)
{
	struct audit_scr	*st = s->data;

	store_audit_entry_free(&st->e);
	table_free(&st->t);
	free(st);
	s->data = NULL;
}

static int
audit_open(struct screen *s)
{
	struct audit_scr	*st = s->data;
	const struct table_row	*row = table_selected(&st->t);
	char			*cause = NULL;

	if (row == NULL)
		return TUI_HANDLED;
	store_audit_entry_free(&st->e);
	if (store_audit_get(s->app->ctx, atoll(row->key), &st->e, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("No such entry"));
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	st->open = 1;
	st->v.top = 0;
	return TUI_HANDLED | TUI_REDRAW;
}

static int
audit_detail_key(struct audit_scr *st, int key, enum action a)
{
	(void)key;
	if (a == ACTION_BACK) {
		st->open = 0;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (tui_view_move(&st->v, a))	/* a field, a page (PgUp/PgDn), first, last */
		return TUI_HANDLED | TUI_REDRAW;
	return a == ACTION_QUIT || a == ACTION_HELP || a == ACTION_COMMAND ? TUI_PASS :
	    TUI_HANDLED;
}

static int
audit_handle(struct screen *s, int key, enum action a)
{
	struct audit_scr	*st = s->data;
	int			 flags;

	if (st->open)
		return audit_detail_key(st, key, a);
	if (!st->t.filtering && a == ACTION_ENTER)
		return audit_open(s);
	flags = table_key(&st->t, key, a);
	if (st->t.error != NULL && !st->t.filtering && (flags & TUI_HANDLED))
		chrome_message(&s->app->msg, 1, "%s", st->t.error);
	return flags;
}

static void
audit_draw_detail(struct audit_scr *st, WINDOW *win, int y, int x, int h, int w)
{
	const struct audit_entry *e = &st->e;
	char	*head;
	int	 nw = 8, vw, i, row;
	attr_t	 hd = tui_attr(TUI_PAL_HEADER);

	for (i = 0; i < e->nfields; i++)	/* the field names whole, up to 20 columns */
		if (text_width(label_audit_column(e->fields[i].name)) > nw)
			nw = text_width(label_audit_column(e->fields[i].name));
	if (nw > 20)
		nw = 20;

	head = xasprintf("#%lld  %s  %s  %s  %s  %s", e->id, e->at, e->who[0] ? e->who : "-",
	    label_audit_action(e->action), label_audit_table(e->tbl), e->key);
	tui_cell(win, y, x, head, w, TEXT_LEFT, tui_attr(TUI_PAL_TITLE));
	free(head);
	vw = (w - 1 - nw - 3) / 2;	/* the last column: the scroll marks */
	tui_cell(win, y + 1, x, _("Field"), nw + 2, TEXT_LEFT, hd);
	tui_cell(win, y + 1, x + nw + 2, _("Before"), vw, TEXT_LEFT, hd);
	tui_cell(win, y + 1, x + nw + 3 + vw, _("After"), w - nw - 3 - vw, TEXT_LEFT, hd);
	tui_view_fit(&st->v, h - 2, e->nfields);
	for (i = st->v.top, row = 2; i < e->nfields && row < 2 + st->v.shown; i++, row++) {
		const struct audit_field *f = &e->fields[i];
		attr_t a = tui_attr(f->changed ? TUI_PAL_WARN : TUI_PAL_NORMAL);

		tui_cell(win, y + row, x, f->changed ? "*" : " ", 2, TEXT_LEFT, a);
		tui_cell(win, y + row, x + 2, label_audit_column(f->name), nw, TEXT_LEFT, a);
		tui_cell(win, y + row, x + nw + 2, f->before != NULL ?
		    store_audit_value_label(e->tbl, f->name, f->before) : "—", vw, TEXT_LEFT, a);
		tui_cell(win, y + row, x + nw + 3 + vw, f->after != NULL ?
		    store_audit_value_label(e->tbl, f->name, f->after) : "—",
		    w - 1 - nw - 3 - vw, TEXT_LEFT, a);
	}
	tui_view_mark(&st->v, win, y + 2, x, h - 2, w);
	if (e->nfields == 0)
		tui_text(win, y + 2, x + 2, _("No fields recorded"), w - 4, tui_attr(TUI_PAL_DIM));
}

static void
audit_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct audit_scr	*st = s->data;

	if (st->open)
		audit_draw_detail(st, win, y, x, h, w);
	else
		table_draw(&st->t, win, y, x, h, w);
}

static int
audit_reload(struct screen *s, char **cause)
{
	struct audit_scr	*st = s->data;

	return table_reload(&st->t, cause);
}

/* Every audited write appends an entry: reload when the list is at its newest end. */
static int
audit_on_notify(struct screen *s, const char *table, const char *key)
{
	struct audit_scr	*st = s->data;

	(void)table;
	(void)key;
	return st->t.at_start && !st->open ? TUI_RELOAD : TUI_PASS;
}

static void
audit_status(struct screen *s, char *buf, size_t len)
{
	struct audit_scr	*st = s->data;
	int			 i, changed = 0;

	if (st->open) {
		for (i = 0; i < st->e.nfields; i++)
			changed += st->e.fields[i].changed;
		snprintf(buf, len, _("%d fields, %d changed"), st->e.nfields, changed);
	} else
		table_status(&st->t, buf, len);
}

const struct screen_ops audit_ops = {
	.keys = audit_keys,
	.nkeys = nitems(audit_keys),
	.init = audit_init,
	.draw = audit_draw,
	.handle = audit_handle,
	.reload = audit_reload,
	.on_notify = audit_on_notify,
	.status = audit_status,
	.fini = audit_fini,
};
