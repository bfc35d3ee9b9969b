/*
 * tui — the terminal: curses start and stop on the process's own stdin/stdout (newterm,
 * so tests can use a fake terminal), the colour palette with its monochrome fallback,
 * and the drawing helpers every widget uses. This is the only file that includes
 * <curses.h>. Every string drawn through these helpers passes the sanitiser
 * (tui/text.h) first; widgets never call waddstr on data themselves.
 */
#ifndef RASHIN_TUI_H
#define RASHIN_TUI_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>
#include <stdio.h>

#include "backend/lib/text.h"

/*
 * The palette: one role per line; colour pair (foreground, background) and the
 * attribute used when there is no colour (monochrome terminal, NO_COLOR, or config
 * ui.color = 0).
 */
#define TUI_PALETTE(X) \
	/*  role       fg              bg             monochrome        extra (both) */ \
	X(NORMAL,    -1,             -1,            A_NORMAL,         A_NORMAL) \
	X(TITLE,     COLOR_WHITE,    COLOR_BLUE,    A_REVERSE,        A_BOLD) \
	X(STATUS,    -1,             -1,            A_NORMAL,         A_NORMAL) \
	X(ERROR,     COLOR_RED,      -1,            A_BOLD,           A_BOLD) \
	X(SELECTED,  COLOR_BLACK,    COLOR_CYAN,    A_REVERSE,        A_NORMAL) \
	X(HEADER,    COLOR_YELLOW,   -1,            A_UNDERLINE,      A_BOLD) \
	X(KEY,       COLOR_BLACK,    COLOR_CYAN,    A_REVERSE,        A_NORMAL) \
	X(KEYLABEL,  -1,             -1,            A_NORMAL,         A_NORMAL) \
	X(BORDER,    COLOR_BLUE,     -1,            A_NORMAL,         A_NORMAL) \
	X(OK,        COLOR_GREEN,    -1,            A_BOLD,           A_NORMAL) \
	X(WARN,      COLOR_YELLOW,   -1,            A_BOLD,           A_NORMAL) \
	X(DIM,       -1,             -1,            A_DIM,            A_NORMAL) \
	X(FIELD,     COLOR_BLACK,    COLOR_WHITE,   A_UNDERLINE,      A_NORMAL) \
	X(BAR_DONE,  COLOR_GREEN,    -1,            A_BOLD,           A_NORMAL) \
	X(BAR_TODO,  -1,             -1,            A_DIM,            A_NORMAL) \
	X(DIALOG,    COLOR_WHITE,    COLOR_BLACK,   A_NORMAL,         A_NORMAL)

enum tui_pal {
#define TUI_PAL_ENUM(role, fg, bg, mono, extra) TUI_PAL_##role,
	TUI_PALETTE(TUI_PAL_ENUM)
#undef TUI_PAL_ENUM
	TUI_PAL__COUNT
};

/*
 * What a key handler did (htop's HANDLED | REDRAW ...): widgets and screens return
 * these ORed together. TUI_PASS (or 0) means "not mine": the caller tries the next
 * handler (screen keymap, then the generic keymap).
 */
#define TUI_PASS	0x00
#define TUI_HANDLED	0x01	/* the key was used */
#define TUI_REDRAW	0x02	/* draw again */
#define TUI_RELOAD	0x04	/* read the data again, then draw */
#define TUI_CLOSE	0x08	/* close this screen (or dialog) */
#define TUI_QUIT	0x10	/* leave the console */

struct tui_opts {
	FILE		*in;		/* terminal input; NULL = stdin */
	FILE		*out;		/* terminal output; NULL = stdout */
	const char	*term;		/* terminal type; NULL = $TERM */
	int		 color;		/* config ui.color: 0 forces monochrome */
};

/*
 * Start curses on opts' streams: UTF-8 required (LC_CTYPE must already be set), keypad,
 * no echo, cbreak, short ESCDELAY unless the user set ESCDELAY, colours unless NO_COLOR
 * is set or the terminal has none. Registers tui_restore as the fatal() hook.
 * Returns 0, or -1 with *cause.
 */
int	 tui_init(const struct tui_opts *, char **cause);
/* Leave curses and free the screen; safe to call twice. */
void	 tui_end(void);
/* Put the terminal back as it was (fatal() hook; async-signal-tolerant). */
void	 tui_restore(void);
/* The file descriptor to poll for terminal input. */
int	 tui_fd(void);
/* Is colour in use? */
int	 tui_has_color(void);
/* Attributes (colour pair or monochrome attribute) for a palette role. */
attr_t	 tui_attr(enum tui_pal);
/* Screen size now. */
void	 tui_size(int *lines, int *cols);
/*
 * After SIGWINCH: read the terminal's size (TIOCGWINSZ on the output) and resize the
 * screen to it. Returns 1 if the size changed.
 */
int	 tui_resize(void);
/* Ctrl-L: clear the physical screen so the next refresh (or doupdate) repaints everything. */
void	 tui_force_repaint(void);

/*
 * Drawing. Each sanitises s and clips to the window; none moves the cursor past what
 * it drew. Returns the columns drawn.
 */
/* s as a cell exactly cols wide (truncated with "…" or padded by align). */
int	 tui_cell(WINDOW *, int y, int x, const char *s, int cols,
	    enum text_align, attr_t);
/* s up to cols columns, not padded. */
int	 tui_text(WINDOW *, int y, int x, const char *s, int cols, attr_t);
/* cols blanks with attr. */
void	 tui_blank(WINDOW *, int y, int x, int cols, attr_t);
/* A box with an optional title in the top border. */
void	 tui_box(WINDOW *, int y, int x, int h, int w, const char *title, attr_t);
/* A horizontal bar cols wide, filled to fraction (0..1) with █, the rest ░. */
void	 tui_bar(WINDOW *, int y, int x, int cols, double fraction);

/*
 * The terminal's cursor: hidden, except where a text field asks for it while drawing
 * (the insertion point), so an input method's preedit appears there. tui_cursor_reset
 * before drawing a screen, tui_cursor_at from the field, tui_cursor_place after the
 * last drawing and before refresh.
 */
void	 tui_cursor_reset(void);
void	 tui_cursor_at(WINDOW *, int y, int x);
void	 tui_cursor_place(void);

/*
 * A list's position in its last column of rows [y, y + h): ▲ on the first row when rows
 * are above, ▼ on the last when rows are below, and "sel/total" (1-based) before the ▼
 * row's mark when the list scrolls (nothing when it all fits). first: the first row
 * shown; shown: rows shown; sel: selected row (-1: none, then first + 1 is shown).
 */
void	 tui_scroll_mark(WINDOW *, int y, int x, int h, int w, int first, int shown,
	    int total, int sel);
/*
 * Move a selection *sel in [0, total) by the action's distance (up, down, page up/down
 * by page rows, home, end), keeping *first (the first row shown, may be NULL) so that
 * *sel is among page rows; 1 if the action was a move (even at an end), else 0.
 */
int	 tui_list_move(int action, int *sel, int *first, int total, int page);

/*
 * A text that scrolls in a view of h rows (a detail, an audit entry's fields): top is
 * its first line shown, total its lines, shown the lines that fit. When it does not all
 * fit, the view's last row carries the position (so no text is hidden under it).
 */
struct tui_view {
	int	 top;
	int	 shown;
	int	 total;
};
/* After laying the text out for h rows: shown and total set, top kept in range. */
void	 tui_view_fit(struct tui_view *, int h, int total);
/*
 * Scroll by the action: up, down a line, a page (PgUp/PgDn: the lines shown less one),
 * Home, End; 1 if it was one of them (even at an end), else 0.
 */
int	 tui_view_move(struct tui_view *, int action);
/*
 * The position as the lists show theirs, in the last column of rows [y, y + h): ▲ on the
 * first row when lines are above, ▼ on the last row when lines are below, and
 * "first-last/total" (12-31/80) before it; nothing when the text all fits.
 */
void	 tui_view_mark(const struct tui_view *, WINDOW *, int y, int x, int h, int w);

#endif
