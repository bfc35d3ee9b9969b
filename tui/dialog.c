/*
 * dialog — modal boxes over the current screen (see dialog.h).
 */
#include "tui/dialog.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "tui/keymap.h"

static void	(*dialog_backdrop)(void *);
static void	*dialog_backdrop_arg;

void
dialog_set_backdrop(void (*draw)(void *), void *arg)
{
	dialog_backdrop = draw;
	dialog_backdrop_arg = arg;
}

void
dialog_draw_backdrop(void)
{
	if (dialog_backdrop != NULL)
		dialog_backdrop(dialog_backdrop_arg);
}

/* A key for a dialog; KEYMAP_EOF when the terminal is gone. Resizes redraw the backdrop. */
static int
dialog_key(int *resized)
{
	int	 k = keymap_read(stdscr, -1);

	if (k == KEYMAP_NONE)
		return KEYMAP_EOF;
	if (k == KEYMAP_RESIZE) {
		if (dialog_backdrop != NULL)
			dialog_backdrop(dialog_backdrop_arg);
		*resized = 1;
	}
	return k;
}

/* Clear and frame a box h x w centred on the screen; its top-left into *y, *x. */
static void
dialog_frame(int h, int w, const char *title, int *y, int *x)
{
	attr_t	 a = tui_attr(TUI_PAL_DIALOG);
	int	 i;

	if (w > COLS)
		w = COLS;
	if (h > LINES)
		h = LINES;
	*y = (LINES - h) / 2;
	*x = (COLS - w) / 2;
	for (i = 0; i < h; i++)
		tui_blank(stdscr, *y + i, *x, w, a);
	tui_box(stdscr, *y, *x, h, w, title, a);
}

static int
dialog_width(int want)
{
	int	 w = COLS - 4;

	return want < w ? want : w;
}

/* Draw message wrapped into the box at row y; returns the lines used. */
static int
dialog_wrap(int y, int x, int w, int maxlines, const char *message, attr_t a)
{
	char	**lines;
	int	  n, i;

	n = text_wrap(message != NULL ? message : "", w, &lines);
	for (i = 0; i < n && i < maxlines; i++)
		tui_text(stdscr, y + i, x, lines[i], w, a);
	text_wrap_free(lines, n);
	return n < maxlines ? n : maxlines;
}

static int
dialog_wrapped_lines(const char *message, int w)
{
	char	**lines;
	int	  n = text_wrap(message != NULL ? message : "", w, &lines);

	text_wrap_free(lines, n);
	return n;
}

/*
 * A key no dialog answers with but the screen does: `:` starts a command line. The
 * dialog closes with its cancel answer (*answer = cancel) and hands the `:` on
 * (keymap_unread), so a command typed while it was open is not eaten and then its
 * letters taken as keys of the screen underneath. 1 if it was that key.
 */
static int
dialog_other_key(int k, int *answer, int cancel)
{
	if (keymap_lookup(NULL, k) != ACTION_COMMAND)
		return 0;
	keymap_unread(k);
	*answer = cancel;
	return 1;
}

int
dialog_confirm(const char *question)
{
	int	 y, x, w, h, k, resized, answer = -1;
	attr_t	 a = tui_attr(TUI_PAL_DIALOG);
	char	*keys, *keys_help_yes, *keys_help_no;

	keys = xasprintf("y %s   n %s   ? %s", _("Yes"), _("No"), _("Help"));
	keys_help_yes = xasprintf("  y / Enter      %s", _("Yes"));
	keys_help_no = xasprintf("  n / q / Esc    %s", _("No"));
	while (answer < 0) {
		w = dialog_width(50);
		h = dialog_wrapped_lines(question, w - 4) + 4;
		dialog_frame(h, w, _("Confirm"), &y, &x);
		dialog_wrap(y + 1, x + 2, w - 4, h - 4, question, a);
		tui_text(stdscr, y + h - 2, x + 2, keys, w - 4, a | A_BOLD);
		refresh();
		resized = 0;
		k = dialog_key(&resized);
		if (resized)
			continue;
		if (k == 'y' || k == 'Y' || k == '\r')
			answer = 1;
		else if (k == 'n' || k == 'N' || k == KEYMAP_ESC || k == 'q' ||
		    k == KEYMAP_EOF)
			answer = 0;
		else if (dialog_other_key(k, &answer, 0))
			;
		else if (keymap_lookup(NULL, k) == ACTION_HELP) {
			const char *const help[] = { keys_help_yes, keys_help_no };

			dialog_text(_("Confirm"), help, 2);
			if (dialog_backdrop != NULL)
				dialog_backdrop(dialog_backdrop_arg);
		} else
			beep();
	}
	free(keys);
	free(keys_help_yes);
	free(keys_help_no);
	return answer;
}

int
dialog_confirm_discard(const char *question)
{
	return dialog_confirm(question);
}

void
dialog_text(const char *title, const char *const *lines, int n)
{
	struct tui_view	 v = { 0, 0, 0 };
	int		 y, x, w, h, i, k, body, resized;
	attr_t		 a = tui_attr(TUI_PAL_DIALOG);

	for (;;) {
		w = dialog_width(78);
		h = LINES - 2;
		body = h - 3;
		if (body < 1)
			body = 1;
		tui_view_fit(&v, body, n);
		dialog_frame(h, w, title, &y, &x);
		for (i = 0; i < v.shown && v.top + i < n; i++)
			tui_text(stdscr, y + 1 + i, x + 2, lines[v.top + i], w - 5, a);
		tui_view_mark(&v, stdscr, y + 1, x + 1, body, w - 2);	/* where, as lists say */
		tui_text(stdscr, y + h - 2, x + 2,
		    _("Up/Down PgUp/PgDn scroll   q/Esc close"), w - 4, tui_attr(TUI_PAL_DIM));
		refresh();
		resized = 0;
		k = dialog_key(&resized);
		if (resized)
			continue;
		if (tui_view_move(&v, keymap_lookup(NULL, k)))
			continue;	/* a line, a page, first, last */
		switch (keymap_lookup(NULL, k)) {
		case ACTION_BACK:
		case ACTION_QUIT:
			return;
		case ACTION_HELP:
			break;		/* this is the help already: it stays */
		case ACTION_COMMAND:
			keymap_unread(k);	/* closed, the command line opens */
			return;
		default:
			if (k == KEYMAP_EOF || k == '\r')
				return;
			beep();		/* not a key of this box: said, not eaten silently */
			break;
		}
	}
}

static void
dialog_picks_free(struct form_pick *p, int n)
{
	int	 i;

	for (i = 0; i < n; i++) {
		free(p[i].id);
		free(p[i].label);
	}
	free(p);
}

/* The query without its last character. */
static void
dialog_backspace(char *q)
{
	size_t		 len = strlen(q), i = 0, last = 0, n;
	mbstate_t	 ps;

	memset(&ps, 0, sizeof ps);
	while (i < len) {
		n = mbrlen(q + i, len - i, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0)
			n = 1;
		last = i;
		i += n;
	}
	q[last] = '\0';
}

int
dialog_pick(const char *title, const char *initial, form_search_fn search, void *arg,
    struct form_pick *out)
{
	struct form_pick	*picks = NULL;
	char			*query = xstrdup(initial != NULL ? initial : "");
	char			*cause = NULL, *line;
	int			 n = 0, sel = 0, y, x, w, h, i, k, rc = -1, stale = 1;
	int			 resized;
	attr_t			 a = tui_attr(TUI_PAL_DIALOG);

	for (;;) {
		w = dialog_width(60);
		h = LINES - 4 < 16 ? LINES - 4 : 16;
		if (h < 5)
			h = 5;
		if (stale) {
			dialog_picks_free(picks, n);
			picks = NULL;
			free(cause);
			cause = NULL;
			n = search(arg, query, h - 4, &picks, &cause);
			if (n < 0)
				n = 0;
			sel = 0;
			stale = 0;
		}
		dialog_frame(h, w, title, &y, &x);
		line = xasprintf("/ %s_", query);
		tui_text(stdscr, y + 1, x + 2, line, w - 4, a | A_BOLD);
		free(line);
		for (i = 0; i < n && i < h - 4; i++)
			tui_cell(stdscr, y + 2 + i, x + 2, picks[i].label, w - 4, TEXT_LEFT,
			    i == sel ? tui_attr(TUI_PAL_SELECTED) : a);
		if (cause != NULL)
			tui_text(stdscr, y + h - 2, x + 2, cause, w - 4, tui_attr(TUI_PAL_ERROR));
		else if (n == 0)
			tui_text(stdscr, y + 2, x + 2, _("No match"), w - 4, tui_attr(TUI_PAL_DIM));
		refresh();
		resized = 0;
		k = dialog_key(&resized);
		if (resized)
			continue;
		if (k == KEYMAP_ESC || k == KEYMAP_EOF)
			break;
		if (k == '\r') {
			if (n > 0) {
				out->id = xstrdup(picks[sel].id);
				out->label = xstrdup(picks[sel].label);
				rc = 0;
				break;
			}
		} else if (k == KEYMAP_KEY(KEY_UP)) {
			if (sel > 0)
				sel--;
		} else if (k == KEYMAP_KEY(KEY_DOWN)) {
			if (sel < n - 1)
				sel++;
		} else if (k == KEYMAP_KEY(KEY_BACKSPACE)) {
			dialog_backspace(query);
			stale = 1;
		} else if (k >= 0x20 && k != 0x7f && !(k >= 0x80 && k < 0xa0) &&
		    !(k & (KEYMAP_SPECIAL | KEYMAP_META_BIT))) {
			char		 mb[MB_LEN_MAX + 1];
			mbstate_t	 ps;
			size_t		 len;
			char		*q;

			memset(&ps, 0, sizeof ps);
			len = wcrtomb(mb, (wchar_t)k, &ps);
			if (len != (size_t)-1) {
				mb[len] = '\0';
				q = xasprintf("%s%s", query, mb);
				free(query);
				query = q;
				stale = 1;
			}
		}
	}
	dialog_picks_free(picks, n);
	free(cause);
	free(query);
	return rc;
}

enum dialog_conflict_choice
dialog_conflict(const char *who, const char *when, const struct dialog_diff *d, int n)
{
	int	 y, x, w, h, i, k, top = 0, body, fw, vw, seen_all, last_diff = -1;
	int	 resized;
	char	*head, *keys;
	attr_t	 a = tui_attr(TUI_PAL_DIALOG), warn = tui_attr(TUI_PAL_WARN);
	enum dialog_conflict_choice choice = DIALOG_CANCEL;

	for (i = 0; i < n; i++) {
		if (strcmp(d[i].theirs != NULL ? d[i].theirs : "",
		    d[i].yours != NULL ? d[i].yours : "") != 0)
			last_diff = i;
	}
	head = xasprintf(_("%s changed this record at %s, after you opened it."),
	    who != NULL ? who : "?", when != NULL ? when : "?");
	for (;;) {
		w = dialog_width(78);
		h = LINES - 2;
		dialog_frame(h, w, _("Someone else changed this"), &y, &x);
		dialog_wrap(y + 1, x + 2, w - 4, 1, head, a | A_BOLD);
		fw = (w - 6) / 4;
		vw = (w - 6 - fw) / 2;
		tui_cell(stdscr, y + 2, x + 2, _("Field"), fw, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
		tui_cell(stdscr, y + 2, x + 3 + fw, _("Theirs (saved)"), vw, TEXT_LEFT,
		    tui_attr(TUI_PAL_HEADER));
		tui_cell(stdscr, y + 2, x + 4 + fw + vw, _("Yours"), vw, TEXT_LEFT,
		    tui_attr(TUI_PAL_HEADER));
		body = h - 5;
		if (body < 1)
			body = 1;
		if (top > n - body)
			top = n - body;
		if (top < 0)
			top = 0;
		for (i = 0; i < body && top + i < n; i++) {
			const struct dialog_diff *r = &d[top + i];
			int differs = strcmp(r->theirs != NULL ? r->theirs : "",
			    r->yours != NULL ? r->yours : "") != 0;
			attr_t ra = differs ? warn : a;

			tui_cell(stdscr, y + 3 + i, x + 1, differs ? "!" : " ", 1, TEXT_LEFT, ra);
			tui_cell(stdscr, y + 3 + i, x + 2, r->field, fw, TEXT_LEFT, ra);
			tui_cell(stdscr, y + 3 + i, x + 3 + fw, r->theirs, vw, TEXT_LEFT, ra);
			tui_cell(stdscr, y + 3 + i, x + 4 + fw + vw, r->yours, vw, TEXT_LEFT, ra);
		}
		seen_all = last_diff < top + body;
		keys = xasprintf("r %s   %s   Esc %s", _("Reload theirs"),
		    seen_all ? _("o Overwrite with yours") : _("(scroll to see every change)"),
		    _("Keep editing"));
		tui_text(stdscr, y + h - 2, x + 2, keys, w - 4, a | A_BOLD);
		free(keys);
		refresh();
		resized = 0;
		k = dialog_key(&resized);
		if (resized)
			continue;
		if (k == 'r' || k == 'R') {
			choice = DIALOG_RELOAD;
			break;
		}
		if ((k == 'o' || k == 'O') && seen_all) {
			choice = DIALOG_OVERWRITE;
			break;
		}
		if (k == KEYMAP_ESC || k == KEYMAP_EOF)
			break;
		if (keymap_lookup(NULL, k) == ACTION_COMMAND) {
			keymap_unread(k);	/* keep editing; the command line opens */
			break;
		}
		switch (keymap_lookup(NULL, k)) {
		case ACTION_UP:
			top--;
			break;
		case ACTION_DOWN:
		case ACTION_PAGE_DOWN:
			top += k == ' ' || k == KEYMAP_KEY(KEY_NPAGE) ? body : 1;
			break;
		case ACTION_PAGE_UP:
			top -= body;
			break;
		default:
			break;
		}
	}
	free(head);
	return choice;
}

struct dialog_progress {
	char	*title;
};

struct dialog_progress *
dialog_progress_begin(const char *title)
{
	struct dialog_progress *p = xcalloc(1, sizeof *p);

	p->title = xstrdup(title != NULL ? title : "");
	dialog_progress_update(p, 0, 0, "");
	return p;
}

int
dialog_progress_update(struct dialog_progress *p, long done, long total, const char *what)
{
	int	 y, x, w = dialog_width(60), k;
	char	*line;
	attr_t	 a = tui_attr(TUI_PAL_DIALOG);

	dialog_frame(6, w, p->title, &y, &x);
	tui_text(stdscr, y + 1, x + 2, what, w - 4, a);
	tui_bar(stdscr, y + 2, x + 2, w - 14, total > 0 ? (double)done / (double)total : 0);
	line = total > 0 ? xasprintf("%3d%%", (int)(done * 100 / total)) : xstrdup("");
	tui_text(stdscr, y + 2, x + w - 10, line, 8, a);
	free(line);
	tui_text(stdscr, y + 4, x + 2, _("Esc to stop"), w - 4, tui_attr(TUI_PAL_DIM));
	refresh();
	k = keymap_read(stdscr, 0);
	if (k == KEYMAP_RESIZE && dialog_backdrop != NULL)
		dialog_backdrop(dialog_backdrop_arg);
	return k == KEYMAP_ESC;
}

void
dialog_progress_end(struct dialog_progress *p)
{
	if (p == NULL)
		return;
	free(p->title);
	free(p);
	if (dialog_backdrop != NULL)
		dialog_backdrop(dialog_backdrop_arg);
}
