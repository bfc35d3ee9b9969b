/*
 * chrome — title bar, message line, key bar, help and the `:` line (see chrome.h).
 */
#include "tui/chrome.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/util.h"
#include "tui/dialog.h"

#define CHROME_MSG_MS		5000
#define CHROME_ERROR_MS		15000

/* The role's label: one table for the console and the commands (backend/labels.c). */
const char *
chrome_role_label(const char *role)
{
	return label_role(role);
}

void
chrome_draw_title(WINDOW *win, int y, int w, const char *screen_title,
    const struct identity *who, int connected, int fy)
{
	attr_t	 a = tui_attr(TUI_PAL_TITLE);
	char	*left, *right, fyl[FY_BUFSIZE];
	int	 rw;

	tui_blank(win, y, 0, w, a);
	left = xasprintf(" rashin  %s", screen_title != NULL ? screen_title : "");
	right = xasprintf("%s %s [%s]   DB %s%s %s ",
	    who != NULL ? who->login : "", who != NULL ? who->dept_name : "",
	    who != NULL ? chrome_role_label(who->role) : "",
	    connected ? "\xe2\x97\x8f" : "\xe2\x97\x8b",	/* ● ○ */
	    connected ? "" : _(" disconnected"), fy_format(fy, i18n_lang(), fyl, sizeof fyl));
	rw = text_width(right);
	if (rw > w - 12)
		rw = w - 12 > 0 ? w - 12 : 0;
	tui_text(win, y, 0, left, w - rw - 1, a);
	tui_cell(win, y, w - rw, right, rw, TEXT_RIGHT,
	    connected ? a : a | tui_attr(TUI_PAL_ERROR));
	free(left);
	free(right);
}

void
chrome_message(struct chrome_msg *m, int error, const char *fmt, ...)
{
	va_list	 ap;

	free(m->text);
	va_start(ap, fmt);
	m->text = xvasprintf(fmt, ap);
	va_end(ap);
	m->error = error;
	m->until = now_ms() + (error ? CHROME_ERROR_MS : CHROME_MSG_MS);
}

void
chrome_message_clear(struct chrome_msg *m)
{
	free(m->text);
	m->text = NULL;
	m->error = 0;
	m->until = 0;
}

int
chrome_message_expire(struct chrome_msg *m, long long now)
{
	if (m->text == NULL || m->until == 0 || now < m->until)
		return 0;
	chrome_message_clear(m);
	return 1;
}

void
chrome_draw_status(WINDOW *win, int y, int w, const struct chrome_msg *m,
    const char *right)
{
	int	 rw = right != NULL ? text_width(right) : 0;

	tui_blank(win, y, 0, w, tui_attr(TUI_PAL_STATUS));
	if (rw > w / 2)
		rw = w / 2;
	if (m->text != NULL)
		tui_text(win, y, 1, m->text, w - rw - 3,
		    tui_attr(m->error ? TUI_PAL_ERROR : TUI_PAL_STATUS));
	if (rw > 0)
		tui_cell(win, y, w - rw - 1, right, rw, TEXT_RIGHT, tui_attr(TUI_PAL_STATUS));
}

/* "key label" pairs; returns the next x. */
static int
chrome_keypair(WINDOW *win, int y, int x, int w, const char *key, const char *label,
    int gap)
{
	int	 used;

	if (x >= w)
		return x;
	used = tui_text(win, y, x, key, w - x, tui_attr(TUI_PAL_KEY));
	used += tui_text(win, y, x + used, label, w - x - used, tui_attr(TUI_PAL_KEYLABEL));
	return x + used + gap;
}

void
chrome_draw_keybar(WINDOW *win, int y, int w, const struct keymap *km)
{
	const struct keymap	*g = keymap_generic();
	char			 name[32], *lbl;
	size_t			 i;
	int			 x = 1, a, hint_w, seq;
	const char		*hint = _("Esc+digit works too");

	tui_blank(win, y, 0, w, tui_attr(TUI_PAL_NORMAL));
	tui_blank(win, y + 1, 0, w, tui_attr(TUI_PAL_NORMAL));
	/* line 1: the screen's own keys in the order the screen wrote them, then : and ? */
	for (seq = 0; km != NULL && (size_t)seq < km->n; seq++) {
		for (i = 0; i < km->n && km->entries[i].seq != seq; i++)
			;
		if (i == km->n || !km->entries[i].bar)
			continue;
		keymap_key_name(km->entries[i].key, name, sizeof name);
		lbl = xasprintf(" %s", _(action_get(km->entries[i].action)->label));
		x = chrome_keypair(win, y, x, w, name, lbl, 2);
		free(lbl);
	}
	lbl = xasprintf(" %s", _(action_get(ACTION_COMMAND)->label));
	x = chrome_keypair(win, y, x, w, ":", lbl, 2);
	free(lbl);
	lbl = xasprintf(" %s", _(action_get(ACTION_HELP)->label));
	chrome_keypair(win, y, x, w, "?", lbl, 2);
	free(lbl);

	/* line 2: F-keys in number order */
	hint_w = text_width(hint);
	x = 1;
	for (a = 1; a <= 12; a++) {
		int	 k = KEYMAP_F(a);
		enum action act = keymap_lookup(km, k);

		if (act == ACTION_NONE || action_get(act)->fkey == 0)
			continue;
		snprintf(name, sizeof name, "F%d", a);
		x = chrome_keypair(win, y + 1, x, w - hint_w - 2, name,
		    _(action_get(act)->label), 1);
	}
	(void)g;
	if (x + hint_w + 1 < w)
		tui_text(win, y + 1, w - hint_w - 1, hint, hint_w, tui_attr(TUI_PAL_DIM));
}

static void
chrome_add_line(char ***out, int *n, char *line)
{
	*out = xreallocarray(*out, (size_t)*n + 1, sizeof **out);
	(*out)[(*n)++] = line;
}

/* One help line per action bound in km (each action once, with all its keys). */
static void
chrome_help_map(const struct keymap *km, const struct keymap *screen_km, char ***out,
    int *n)
{
	int	 seen[ACTION__COUNT] = { 0 };
	char	 keys[128], *cell;
	size_t	 i;

	for (i = 0; i < km->n; i++) {
		enum action a = km->entries[i].action;

		if (seen[a])
			continue;
		seen[a] = 1;
		/* in the generic part: the actions the screen's part did not list, by the
		 * keys the screen did not take over */
		if (screen_km != NULL && keymap_binds(screen_km, a))
			continue;
		keymap_keys_for(screen_km != NULL ? screen_km : km, a, keys, sizeof keys);
		if (keys[0] == '\0')
			continue;
		cell = text_cell(keys, 22, TEXT_LEFT);
		chrome_add_line(out, n, xasprintf("  %s %s", cell, _(action_get(a)->help)));
		free(cell);
	}
}

int
chrome_help_lines(const struct keymap *screen_km, const struct screen_info *reg,
    size_t nreg, char ***out)
{
	int	 n = 0;
	size_t	 i;
	char	*cell;

	*out = NULL;
	if (screen_km != NULL && screen_km->n > 0) {
		chrome_add_line(out, &n, xstrdup(_("On this screen")));
		chrome_help_map(screen_km, NULL, out, &n);
		chrome_add_line(out, &n, xstrdup(""));
	}
	chrome_add_line(out, &n, xstrdup(_("Everywhere")));
	chrome_help_map(keymap_generic(), screen_km, out, &n);
	chrome_add_line(out, &n, xstrdup(""));
	chrome_add_line(out, &n, xstrdup(_("Commands (type : then the name; Tab completes)")));
	for (i = 0; i < nreg; i++) {
		char *names = xasprintf(":%s%s%s", reg[i].name,
		    reg[i].aliases != NULL && *reg[i].aliases ? " :" : "",
		    reg[i].aliases != NULL ? reg[i].aliases : "");

		cell = text_cell(names, 22, TEXT_LEFT);
		chrome_add_line(out, &n, xasprintf("  %s %s%s", cell, _(reg[i].title),
		    reg[i].ops == NULL ? _(" (coming)") : ""));
		free(cell);
		free(names);
	}
	cell = text_cell(":q", 22, TEXT_LEFT);
	chrome_add_line(out, &n, xasprintf("  %s %s", cell, _(action_get(ACTION_QUIT)->help)));
	free(cell);
	return n;
}

void
chrome_lines_free(char **lines, int n)
{
	while (n > 0)
		free(lines[--n]);
	free(lines);
}

void
chrome_help(const char *title, const struct keymap *screen_km,
    const struct screen_info *reg, size_t nreg)
{
	char	**lines;
	int	  n = chrome_help_lines(screen_km, reg, nreg, &lines);

	dialog_text(title, (const char *const *)lines, n);
	chrome_lines_free(lines, n);
}

int
chrome_complete(const char *prefix, const char *const *words, size_t n, char **completed)
{
	size_t	 i, plen = strlen(prefix), common = 0;
	int	 matches = 0;
	const char *first = NULL;

	for (i = 0; i < n; i++) {
		if (strncmp(words[i], prefix, plen) != 0)
			continue;
		if (matches++ == 0) {
			first = words[i];
			common = strlen(first);
		} else {
			size_t j = 0;

			while (j < common && first[j] == words[i][j])
				j++;
			common = j;
		}
	}
	if (matches == 0) {
		*completed = xstrdup(prefix);
		return 0;
	}
	/* never cut inside a UTF-8 sequence */
	while (common > plen && (first[common] & 0xc0) == 0x80)
		common--;
	*completed = xstrndup(first, common);
	return matches;
}

int
chrome_command(WINDOW *win, int y, int w, const char *const *words, size_t n, char **out)
{
	char	*line = xstrdup(""), *tmp, *hint = NULL;
	int	 k, matches;
	size_t	 i;

	for (;;) {
		tmp = xasprintf(":%s", line);
		tui_blank(win, y, 0, w, tui_attr(TUI_PAL_STATUS));
		tui_text(win, y, 0, tmp, w - 1, tui_attr(TUI_PAL_STATUS) | A_BOLD);
		if (hint != NULL)
			tui_text(win, y, text_width(tmp) + 3, hint,
			    w - text_width(tmp) - 4, tui_attr(TUI_PAL_DIM));
		tui_cell(win, y, text_width(tmp), " ", 1, TEXT_LEFT, A_REVERSE);
		free(tmp);
		refresh();
		k = keymap_read(win, -1);
		free(hint);
		hint = NULL;
		if (k == KEYMAP_NONE || k == KEYMAP_ESC || k == KEYMAP_EOF) {
			free(line);
			return -1;
		}
		if (k == '\r')
			break;
		if (k == KEYMAP_RESIZE)
			continue;
		if (k == '\t') {
			matches = chrome_complete(line, words, n, &tmp);
			free(line);
			line = tmp;
			if (matches > 1) {	/* show the candidates */
				size_t len = strlen(line);

				hint = xstrdup("");
				for (i = 0; i < n; i++) {
					if (strncmp(words[i], line, len) != 0)
						continue;
					tmp = xasprintf("%s%s%s", hint, *hint ? " " : "", words[i]);
					free(hint);
					hint = tmp;
				}
			} else if (matches == 1) {
				tmp = xasprintf("%s ", line);
				free(line);
				line = tmp;
			}
			continue;
		}
		if (k == KEYMAP_KEY(KEY_BACKSPACE)) {
			size_t len = strlen(line);

			if (len == 0) {
				free(line);
				return -1;
			}
			while (len > 0 && (line[len - 1] & 0xc0) == 0x80)
				len--;
			line[len > 0 ? len - 1 : 0] = '\0';
			continue;
		}
		if (k >= 0x20 && k < 0x7f) {
			tmp = xasprintf("%s%c", line, k);
			free(line);
			line = tmp;
		}
	}
	/* trim blanks */
	while (*line != '\0' && line[strlen(line) - 1] == ' ')
		line[strlen(line) - 1] = '\0';
	*out = line;
	return 0;
}
