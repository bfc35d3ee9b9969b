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
	m->gen++;
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

/* The columns the message has beside right. */
static int
chrome_status_room(int w, const char *right, int *rw)
{
	*rw = right != NULL ? text_width(right) : 0;
	if (*rw > w / 2)
		*rw = w / 2;
	return w - *rw - 3;
}

int
chrome_status_lines(int w, const struct chrome_msg *m, const char *right)
{
	int	 rw, room = chrome_status_room(w, right, &rw);

	if (m->text == NULL || room < 1)
		return 1;
	return text_width(m->text) > room ? 2 : 1;
}

void
chrome_draw_status(WINDOW *win, int y, int w, const struct chrome_msg *m,
    const char *right)
{
	int	 rw, room = chrome_status_room(w, right, &rw), n, i, top;
	char	**lines;
	attr_t	 a = tui_attr(m->error ? TUI_PAL_ERROR : TUI_PAL_STATUS);

	tui_blank(win, y, 0, w, tui_attr(TUI_PAL_STATUS));
	if (m->text != NULL && chrome_status_lines(w, m, right) == 2) {
		/* too long for one line: wrapped onto the line above too (a refusal is read
		 * whole, not cut at the terminal's edge) */
		n = text_wrap(m->text, room, &lines);
		top = n > 2 ? n - 2 : 0;
		if (n > 2) {	/* more still: the first two, the second ending in "…" */
			char *two = xasprintf("%s%s", lines[1], "\xe2\x80\xa6");

			free(lines[1]);
			lines[1] = two;
			top = 0;
		}
		tui_blank(win, y - 1, 0, w, tui_attr(TUI_PAL_STATUS));
		for (i = 0; i < 2 && top + i < n; i++)
			tui_text(win, y - 1 + i, 1, lines[top + i], room, a);
		text_wrap_free(lines, n);
	} else if (m->text != NULL)
		tui_text(win, y, 1, m->text, room, a);
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

/* One entry of the key bar's first line. */
struct chrome_barkey {
	char	 name[32];
	char	*label;		/* " Label" */
	int	 width;		/* name, label and the gap after */
	int	 prio;
	int	 shown;
};

int
chrome_keybar_priority(enum action a)
{
	switch (a) {
	case ACTION_HELP:
		return 100;	/* always kept */
	case ACTION_COMMAND:
		return 90;	/* every other key is reachable through it */
	case ACTION_GO_DASHBOARD: case ACTION_GO_MEASURES: case ACTION_GO_SCHEDULE:
	case ACTION_GO_EVAL: case ACTION_GO_MIG: case ACTION_GO_RISKS: case ACTION_GO_VDI:
	case ACTION_GO_TRAINING: case ACTION_GO_STAFF: case ACTION_GO_DEPTS:
	case ACTION_GO_KEYS: case ACTION_GO_AUDIT:
		return 10;	/* another screen: also a `:` command */
	case ACTION_SORT: case ACTION_SORT_REVERSE: case ACTION_SEARCH: case ACTION_RELOAD:
	case ACTION_UP: case ACTION_DOWN: case ACTION_LEFT: case ACTION_RIGHT:
	case ACTION_PAGE_UP: case ACTION_PAGE_DOWN: case ACTION_HOME: case ACTION_END:
	case ACTION_BACK: case ACTION_REDRAW:
		return 20;	/* moving about: the same on every screen */
	default:
		return 50;	/* the screen's own work */
	}
}

int
chrome_keybar_fit(const int *width, const int *prio, int *shown, int n, int room)
{
	int	 i, used = 0, drop;

	for (i = 0; i < n; i++) {
		shown[i] = 1;
		used += width[i];
	}
	while (used > room) {
		/* the least important; of equal ones, the last written */
		for (drop = -1, i = 0; i < n; i++)
			if (shown[i] && prio[i] < 100 && (drop == -1 || prio[i] <= prio[drop]))
				drop = i;
		if (drop == -1)
			break;
		shown[drop] = 0;
		used -= width[drop];
	}
	for (i = used = 0; i < n; i++)
		used += shown[i];
	return used;
}

void
chrome_draw_keybar(WINDOW *win, int y, int w, const struct keymap *km)
{
	struct chrome_barkey	 k[64];
	int			 width[64], prio[64], shown[64];
	char			 name[32];
	size_t			 i;
	int			 n = 0, x = 1, a, hint_w, seq, j;
	const char		*hint = _("Esc+digit works too");

	tui_blank(win, y, 0, w, tui_attr(TUI_PAL_NORMAL));
	tui_blank(win, y + 1, 0, w, tui_attr(TUI_PAL_NORMAL));
	/* line 1: the screen's own keys in the order the screen wrote them, then : and ?;
	 * what does not fit whole is left out, the least important first (never cut) */
	for (seq = 0; km != NULL && (size_t)seq < km->n && n < 62; seq++) {
		for (i = 0; i < km->n && km->entries[i].seq != seq; i++)
			;
		if (i == km->n || !km->entries[i].bar)
			continue;
		keymap_key_name(km->entries[i].key, k[n].name, sizeof k[n].name);
		k[n].label = xasprintf(" %s", _(action_get(km->entries[i].action)->label));
		k[n].prio = chrome_keybar_priority(km->entries[i].action);
		n++;
	}
	snprintf(k[n].name, sizeof k[n].name, ":");
	k[n].label = xasprintf(" %s", _(action_get(ACTION_COMMAND)->label));
	k[n++].prio = chrome_keybar_priority(ACTION_COMMAND);
	snprintf(k[n].name, sizeof k[n].name, "?");
	k[n].label = xasprintf(" %s", _(action_get(ACTION_HELP)->label));
	k[n++].prio = chrome_keybar_priority(ACTION_HELP);
	for (j = 0; j < n; j++) {
		width[j] = text_width(k[j].name) + text_width(k[j].label) + 2;
		prio[j] = k[j].prio;
	}
	/* the last gap need not fit */
	chrome_keybar_fit(width, prio, shown, n, w - 1 + 2);
	for (j = 0; j < n; j++) {
		if (shown[j])
			x = chrome_keypair(win, y, x, w, k[j].name, k[j].label, 2);
		free(k[j].label);
	}

	/* line 2: F-keys in number order, whole ones only; the hint when there is room */
	hint_w = text_width(hint);
	x = 1;
	for (a = 1; a <= 12; a++) {
		int	 fk = KEYMAP_F(a);
		enum action act = keymap_lookup(km, fk);
		const char *lbl;

		if (act == ACTION_NONE || action_get(act)->fkey == 0)
			continue;
		snprintf(name, sizeof name, "F%d", a);
		lbl = _(action_get(act)->label);
		if (x + text_width(name) + text_width(lbl) > w - 1)
			break;
		x = chrome_keypair(win, y + 1, x, w, name, lbl, 1);
	}
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

/*
 * The candidates on the lines above y, as many as they need (wrapped at word ends, up to
 * the title bar; scrolled to keep the chosen one, sel, in view), sel reversed.
 */
static void
chrome_draw_candidates(WINDOW *win, int y, int w, const char *const *cand, size_t nc,
    int sel)
{
	int	*row = xcalloc(nc + 1, sizeof *row), *col = xcalloc(nc + 1, sizeof *col);
	int	 r = 0, x = 1, rows, maxrows = y - 1, first = 0, cw;
	size_t	 i;

	for (i = 0; i < nc; i++) {
		cw = text_width(cand[i]);
		if (x > 1 && x + cw > w - 1) {
			r++;
			x = 1;
		}
		row[i] = r;
		col[i] = x;
		x += cw + 1;
	}
	rows = r + 1;
	if (maxrows < 1)
		maxrows = 1;
	if (rows > maxrows) {	/* more than fit: the rows around the chosen one */
		first = sel >= 0 ? row[sel] - maxrows + 1 : 0;
		if (first < 0)
			first = 0;
		rows = maxrows;
	}
	for (r = 0; r < rows; r++)
		tui_blank(win, y - rows + r, 0, w, tui_attr(TUI_PAL_STATUS));
	for (i = 0; i < nc; i++) {
		if (row[i] < first || row[i] >= first + rows)
			continue;
		tui_text(win, y - rows + row[i] - first, col[i], cand[i], w - 1 - col[i],
		    (int)i == sel ? tui_attr(TUI_PAL_SELECTED) : tui_attr(TUI_PAL_DIM));
	}
	free(row);
	free(col);
}

int
chrome_command(WINDOW *win, int y, int w, const char *const *words, size_t n, char **out)
{
	char		*line = xstrdup(""), *tmp;
	const char	**cand = xcalloc(n + 1, sizeof *cand);
	size_t		 nc = 0, i, len;
	int		 k, matches, sel = -1, cycling = 0;

	for (;;) {
		tmp = xasprintf(":%s", line);
		tui_blank(win, y, 0, w, tui_attr(TUI_PAL_STATUS));
		tui_text(win, y, 0, tmp, w - 1, tui_attr(TUI_PAL_STATUS) | A_BOLD);
		tui_cell(win, y, text_width(tmp), " ", 1, TEXT_LEFT, A_REVERSE);
		if (nc > 1)
			chrome_draw_candidates(win, y, w, cand, nc, sel);
		tui_cursor_reset();
		tui_cursor_at(win, y, text_width(tmp));
		tui_cursor_place();
		free(tmp);
		refresh();
		k = keymap_read(win, -1);
		if (k == KEYMAP_NONE || k == KEYMAP_ESC || k == KEYMAP_EOF) {
			free(line);
			free(cand);
			curs_set(0);
			return -1;
		}
		if (k == '\r')
			break;
		if (k == KEYMAP_RESIZE)
			continue;
		if (k == '\t' || k == KEYMAP_KEY(KEY_BTAB)) {
			if (cycling && nc > 1) {	/* again: the next candidate (BTab: back) */
				sel = k == '\t' ? (sel + 1) % (int)nc :
				    (sel + (int)nc - 1) % (int)nc;
				free(line);
				line = xstrdup(cand[sel]);
				continue;
			}
			/* the longest common prefix of the words it starts */
			matches = chrome_complete(line, words, n, &tmp);
			free(line);
			line = tmp;
			len = strlen(line);
			for (nc = i = 0; i < n; i++)
				if (strncmp(words[i], line, len) == 0)
					cand[nc++] = words[i];
			sel = -1;
			cycling = matches > 1;
			if (matches == 1) {
				tmp = xasprintf("%s ", line);
				free(line);
				line = tmp;
				nc = 0;
			}
			continue;
		}
		cycling = 0;	/* any other key: Tab completes anew */
		if (nc > 1)
			dialog_draw_backdrop();	/* the list goes */
		nc = 0;
		sel = -1;
		if (k == KEYMAP_KEY(KEY_BACKSPACE)) {
			len = strlen(line);
			if (len == 0) {
				free(line);
				free(cand);
				curs_set(0);
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
	free(cand);
	curs_set(0);
	/* trim blanks */
	while (*line != '\0' && line[strlen(line) - 1] == ' ')
		line[strlen(line) - 1] = '\0';
	*out = line;
	return 0;
}
