/*
 * editform — what every screen with an edit form does the same way: route keys to the
 * open form, close it, and save through the conflict dialog when someone else saved
 * first (see editform.h).
 */
#include "screens/editform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "tui/app.h"
#include "tui/form.h"
#include "tui/screen.h"
#include "tui/table.h"

struct form *
editform_open(const char *title, const struct form_field_def *defs, int n, void *search_arg)
{
	struct form	*f = xcalloc(1, sizeof *f);

	form_init(f, title, defs, n);
	f->search_arg = search_arg;
	return f;
}

void
editform_close(struct form **fp)
{
	if (*fp == NULL)
		return;
	form_free(*fp);
	free(*fp);
	*fp = NULL;
}

/* ? (or F1) in a form: the form's own keys. */
static void
editform_help(void)
{
	const char *lines[] = {
		_("Tab, Enter, Down   the next field"),
		_("Shift-Tab, Up      the field before"),
		_("Space, Left/Right  choose (a field with choices)"),
		_("type               search (a field that picks a person or a department)"),
		_("F2, Ctrl-S         save"),
		_("Esc                leave the form (asks first when something was typed)"),
		_(":                  the command line (the form stays open on its screen)"),
		_("F10                leave rashin"),
	};

	dialog_text(_("Keys of this form"), lines, (int)nitems(lines));
}

int
editform_key(struct screen *s, struct form **fp, int key, enum action a,
    int (*save)(struct screen *))
{
	int	 flags = form_key(*fp, key, a);

	if ((*fp)->want == FORM_WANT_DISCARD) {
		editform_close(fp);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if ((*fp)->want == FORM_WANT_SAVE)
		return save(s);
	if (flags & TUI_HANDLED)
		return flags | TUI_REDRAW;	/* typed, moved, chosen */
	/* a key the form did not take: the console's as everywhere, else a beep */
	switch (a) {
	case ACTION_HELP:
		editform_help();
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_COMMAND:	/* `:cmd` is never swallowed: the form waits on its screen */
	case ACTION_QUIT:
	case ACTION_REDRAW:
		return flags;
	default:
		if (key != KEYMAP_NONE)
			beep();
		return TUI_HANDLED;	/* nothing leaks to the screen below */
	}
}

void
editform_draw(struct form *f, struct table *t, WINDOW *win, int y, int x, int h, int w)
{
	if (f != NULL)
		form_draw(f, win, y, x, h, w);
	else
		table_draw(t, win, y, x, h, w);
}

void
editform_status(const struct form *f, const struct table *t, char *buf, size_t len)
{
	if (f != NULL)
		snprintf(buf, len, "%s", _("F2 save  Esc cancel"));
	else
		table_status(t, buf, len);
}

enum editform_end
editform_save(struct screen *s, const struct editform_saver *sv, void *arg, int *rc,
    char **cause)
{
	struct editform_conflict	 c;
	char				*why = NULL;
	int				 tries, stale;

	for (tries = 0;; tries++) {
		stale = 0;
		*rc = sv->save(s, arg, &stale, cause);
		if (!stale || tries == 1)
			return EDITFORM_DONE;
		free(*cause);
		*cause = NULL;
		memset(&c, 0, sizeof c);
		if (sv->theirs(s, arg, &c, &why) != 0) {
			chrome_message(&s->app->msg, 1, "%s", why != NULL ? why :
			    _("The record is no longer there"));
			free(why);
			return EDITFORM_KEPT;
		}
		switch (dialog_conflict(c.who, c.when, c.d, c.n)) {
		case DIALOG_RELOAD:
			sv->take(s, arg, 1);
			chrome_message(&s->app->msg, 0, "%s", _("Their version is loaded"));
			return EDITFORM_RELOADED;
		case DIALOG_OVERWRITE:
			sv->take(s, arg, 0);
			break;
		default:
			chrome_message(&s->app->msg, 1, "%s",
			    _("Not saved: someone else changed this record"));
			return EDITFORM_KEPT;
		}
	}
}
