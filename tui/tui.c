/*
 * tui — curses start/stop, palette, and the drawing helpers (see tui.h).
 */
#include "tui/tui.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "tui/keymap.h"

struct tui_role {
	short	 fg;
	short	 bg;
	attr_t	 mono;
	attr_t	 extra;
};

static struct tui_role tui_roles[TUI_PAL__COUNT] = {
#define TUI_PAL_INIT(role, fg, bg, mono, extra) { fg, bg, mono, extra },
	TUI_PALETTE(TUI_PAL_INIT)
#undef TUI_PAL_INIT
};

static SCREEN	*tui_screen;
static int	 tui_color;
static int	 tui_in_fd = -1;
static int	 tui_out_fd = -1;
static int	 tui_active;

static void
tui_init_pairs(void)
{
	int	 i;

	for (i = 0; i < TUI_PAL__COUNT; i++)
		init_pair((short)(i + 1), tui_roles[i].fg, tui_roles[i].bg);
}

/*
 * Home and End as terminals send them whatever TERM says: PuTTY and Tera Term (the
 * clients on a city office's Windows PCs) send ESC[1~ and ESC[4~ with TERM=xterm, whose
 * terminfo has ESC OH and ESC OF; rxvt sends ESC[7~ and ESC[8~. A sequence the terminal's
 * own entry already binds is left as it is.
 */
static void
tui_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} alt[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },
	};
	size_t i;

	for (i = 0; i < nitems(alt); i++)
		if (key_defined(alt[i].seq) == 0)
			define_key(alt[i].seq, alt[i].key);
}

int
tui_init(const struct tui_opts *opts, char **cause)
{
	FILE		*in = opts->in != NULL ? opts->in : stdin;
	FILE		*out = opts->out != NULL ? opts->out : stdout;
	const char	*cs = nl_langinfo(CODESET);

	if (tui_screen != NULL)
		return set_cause(cause, "terminal already started");
	if (cs == NULL || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0))
		return set_cause(cause, _("the terminal needs a UTF-8 locale (LANG=ja_JP.UTF-8 or C.UTF-8)"));
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	tui_screen = newterm(opts->term, out, in);
	if (tui_screen == NULL)
		return set_cause(cause, _("cannot start the terminal (TERM=%s)"),
		    opts->term != NULL ? opts->term :
		    getenv("TERM") != NULL ? getenv("TERM") : "");
	set_term(tui_screen);
	tui_in_fd = fileno(in);
	tui_out_fd = fileno(out);
	tui_active = 1;
	fatal_set_hook(tui_restore);

	cbreak();
	noecho();
	nonl();
	raw();			/* Ctrl-S and Ctrl-Q reach us, not flow control */
	keypad(stdscr, TRUE);
	tui_define_keys();
	meta(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	typeahead(-1);		/* the app loop reads every pending key before it draws */
	curs_set(0);
	leaveok(stdscr, FALSE);

	/*
	 * ncurses 6.4 flushes after every cursor movement until the screen has once been
	 * suspended (mvcur checks _endwin == ewInitial): a full screen went out in ~40 writes,
	 * each a wakeup of the SSH process and an SSH packet of its own. One endwin/doupdate
	 * pair before anything is drawn leaves that state; a screen is then one write.
	 */
	endwin();
	doupdate();

	tui_color = 0;
	if (opts->color && has_colors() && getenv("NO_COLOR") == NULL) {
		if (start_color() == OK) {
			use_default_colors();
			tui_color = 1;
			tui_init_pairs();
		}
	}
	return 0;
}

void
tui_end(void)
{
	if (tui_screen == NULL)
		return;
	if (tui_active) {
		curs_set(1);
		endwin();
		tui_active = 0;
	}
	delscreen(tui_screen);
	tui_screen = NULL;
	tui_in_fd = tui_out_fd = -1;
	fatal_set_hook(NULL);
}

void
tui_restore(void)
{
	if (tui_screen != NULL && tui_active) {
		endwin();
		tui_active = 0;
	}
}

int
tui_fd(void)
{
	return tui_in_fd;
}

int
tui_has_color(void)
{
	return tui_color;
}

attr_t
tui_attr(enum tui_pal role)
{
	if (role >= TUI_PAL__COUNT)
		return A_NORMAL;
	if (tui_color)
		return (attr_t)COLOR_PAIR(role + 1) | tui_roles[role].extra;
	return tui_roles[role].mono | tui_roles[role].extra;
}

void
tui_size(int *lines, int *cols)
{
	*lines = LINES;
	*cols = COLS;
}

int
tui_resize(void)
{
	struct winsize	 ws;

	if (tui_screen == NULL || ioctl(tui_out_fd, TIOCGWINSZ, &ws) != 0 ||
	    ws.ws_row == 0 || ws.ws_col == 0)
		return 0;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

void
tui_force_repaint(void)
{
	clearok(curscr, TRUE);
}

/* Columns left in the window from x, or 0 when x is outside it. */
static int
tui_room(WINDOW *w, int y, int x, int cols)
{
	int	 maxy, maxx;

	getmaxyx(w, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx || cols <= 0)
		return 0;
	return cols < maxx - x ? cols : maxx - x;
}

int
tui_cell(WINDOW *w, int y, int x, const char *s, int cols,
    enum text_align align, attr_t attr)
{
	char	*cell;

	cols = tui_room(w, y, x, cols);
	if (cols == 0)
		return 0;
	cell = text_cell(s != NULL ? s : "", cols, align);
	wattrset(w, attr);
	mvwaddstr(w, y, x, cell);
	wattrset(w, A_NORMAL);
	free(cell);
	return cols;
}

int
tui_text(WINDOW *w, int y, int x, const char *s, int cols, attr_t attr)
{
	char	*clean;
	size_t	 n;
	int	 used = 0;

	cols = tui_room(w, y, x, cols);
	if (cols == 0 || s == NULL)
		return 0;
	clean = text_sanitize(s);
	n = text_fit(clean, cols, &used);
	wattrset(w, attr);
	mvwaddnstr(w, y, x, clean, (int)n);
	wattrset(w, A_NORMAL);
	free(clean);
	return used;
}

void
tui_blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	cols = tui_room(w, y, x, cols);
	if (cols == 0)
		return;
	wattrset(w, attr);
	mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}

void
tui_box(WINDOW *win, int y, int x, int h, int w, const char *title, attr_t attr)
{
	int	 i;

	if (h < 2 || w < 2)
		return;
	wattrset(win, attr);
	mvwadd_wch(win, y, x, WACS_ULCORNER);
	mvwhline_set(win, y, x + 1, WACS_HLINE, w - 2);
	mvwadd_wch(win, y, x + w - 1, WACS_URCORNER);
	for (i = 1; i < h - 1; i++) {
		mvwadd_wch(win, y + i, x, WACS_VLINE);
		mvwadd_wch(win, y + i, x + w - 1, WACS_VLINE);
	}
	mvwadd_wch(win, y + h - 1, x, WACS_LLCORNER);
	mvwhline_set(win, y + h - 1, x + 1, WACS_HLINE, w - 2);
	mvwadd_wch(win, y + h - 1, x + w - 1, WACS_LRCORNER);
	wattrset(win, A_NORMAL);
	if (title != NULL && *title != '\0' && w > 6) {
		int used = tui_text(win, y, x + 2, " ", 1, attr);

		used += tui_text(win, y, x + 2 + used, title, w - 6, attr | A_BOLD);
		tui_text(win, y, x + 2 + used, " ", 1, attr);
	}
}

void
tui_bar(WINDOW *w, int y, int x, int cols, double fraction)
{
	int	 done, i;

	cols = tui_room(w, y, x, cols);
	if (fraction < 0)
		fraction = 0;
	if (fraction > 1)
		fraction = 1;
	done = (int)(fraction * cols + 0.5);
	wattrset(w, tui_attr(TUI_PAL_BAR_DONE));
	for (i = 0; i < done; i++)
		mvwaddstr(w, y, x + i, "\xe2\x96\x88");	/* █ */
	wattrset(w, tui_attr(TUI_PAL_BAR_TODO));
	for (; i < cols; i++)
		mvwaddstr(w, y, x + i, "\xe2\x96\x91");	/* ░ */
	wattrset(w, A_NORMAL);
}

static WINDOW	*tui_cur_win;
static int	 tui_cur_y = -1, tui_cur_x = -1;

void
tui_cursor_reset(void)
{
	tui_cur_win = NULL;
	tui_cur_y = tui_cur_x = -1;
}

void
tui_cursor_at(WINDOW *win, int y, int x)
{
	tui_cur_win = win;
	tui_cur_y = y;
	tui_cur_x = x;
}

void
tui_cursor_place(void)
{
	if (tui_cur_win == NULL || tui_cur_y < 0 || tui_cur_x < 0 ||
	    tui_cur_y >= getmaxy(tui_cur_win) || tui_cur_x >= getmaxx(tui_cur_win)) {
		curs_set(0);
		return;
	}
	wmove(tui_cur_win, tui_cur_y, tui_cur_x);
	curs_set(1);
}

/* ▲ at the top right when above, ▼ at the bottom right when below, pos before ▼'s place. */
static void
tui_mark(WINDOW *win, int y, int x, int h, int w, int above, int below, const char *pos)
{
	attr_t	 a = tui_attr(TUI_PAL_DIM);
	int	 pw = text_width(pos);

	if (above)
		tui_cell(win, y, x + w - 1, "\xe2\x96\xb2", 1, TEXT_LEFT, a);	/* ▲ */
	if (below)
		tui_cell(win, y + h - 1, x + w - 1, "\xe2\x96\xbc", 1, TEXT_LEFT, a);	/* ▼ */
	if (pw + 1 < w)
		tui_text(win, y + h - 1, x + w - 2 - pw, pos, pw, a);
}

void
tui_scroll_mark(WINDOW *win, int y, int x, int h, int w, int first, int shown,
    int total, int sel)
{
	char	 pos[48];

	if (h < 1 || w < 1 || total <= shown || total <= 0)
		return;
	snprintf(pos, sizeof pos, "%d/%d", (sel >= 0 ? sel : first) + 1, total);
	tui_mark(win, y, x, h, w, first > 0, first + shown < total, pos);
}

void
tui_view_fit(struct tui_view *v, int h, int total)
{
	v->total = total > 0 ? total : 0;
	v->shown = v->total > h && h > 1 ? h - 1 : h;
	if (v->shown < 1)
		v->shown = 1;
	if (v->top > v->total - v->shown)
		v->top = v->total - v->shown;
	if (v->top < 0)
		v->top = 0;
}

int
tui_view_move(struct tui_view *v, int action)
{
	int	 page = v->shown > 1 ? v->shown - 1 : 1;

	switch (action) {
	case ACTION_UP:
		v->top--;
		break;
	case ACTION_DOWN:
		v->top++;
		break;
	case ACTION_PAGE_UP:
		v->top -= page;
		break;
	case ACTION_PAGE_DOWN:
		v->top += page;
		break;
	case ACTION_HOME:
		v->top = 0;
		break;
	case ACTION_END:
		v->top = v->total;
		break;
	default:
		return 0;
	}
	if (v->top > v->total - v->shown)
		v->top = v->total - v->shown;
	if (v->top < 0)
		v->top = 0;
	return 1;
}

void
tui_view_mark(const struct tui_view *v, WINDOW *win, int y, int x, int h, int w)
{
	char	 pos[48];
	int	 last = v->top + v->shown < v->total ? v->top + v->shown : v->total;

	if (h < 2 || w < 1 || v->total <= v->shown)
		return;
	snprintf(pos, sizeof pos, "%d-%d/%d", v->top + 1, last, v->total);
	tui_mark(win, y, x, h, w, v->top > 0, last < v->total, pos);
}

int
tui_list_move(int action, int *sel, int *first, int total, int page)
{
	int	 s = *sel;

	if (page < 1)
		page = 1;
	switch (action) {
	case ACTION_UP:
		s--;
		break;
	case ACTION_DOWN:
		s++;
		break;
	case ACTION_PAGE_UP:
		s -= page;
		break;
	case ACTION_PAGE_DOWN:
		s += page;
		break;
	case ACTION_HOME:
		s = 0;
		break;
	case ACTION_END:
		s = total - 1;
		break;
	default:
		return 0;
	}
	if (s > total - 1)
		s = total - 1;
	if (s < 0)
		s = 0;
	*sel = s;
	if (first != NULL) {
		if (*first > s)
			*first = s;
		if (*first < s - page + 1)
			*first = s - page + 1;
		if (*first < 0)
			*first = 0;
	}
	return 1;
}
