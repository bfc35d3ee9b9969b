/*
 * table — the one list widget (tmux's mode-tree): columns with titles and width rules,
 * selection, page keys, Home/End, sort by any column, `/` filter as you type, and the
 * position "123 / 4,567". It never holds all rows: it keeps a window of a few pages
 * and asks its source for the rows just after or before a row it has (keyset paging;
 * never OFFSET). The screen supplies the source (the contract is backend/lib/page.h); the SQL
 * behind it lives in backend/store/.
 */
#ifndef RASHIN_TABLE_H
#define RASHIN_TABLE_H

#include "backend/lib/page.h"
#include "tui/tui.h"

struct table_column {
	const char	*title;		/* untranslated; drawn through _() */
	int		 width;		/* > 0: exactly this many columns */
	int		 min;		/* width 0: at least this (and the title) */
	int		 max;		/* width 0: at most this; 0 = no limit */
	int		 flex;		/* takes the columns left over (one column) */
	enum text_align	 align;		/* TEXT_LEFT, TEXT_RIGHT or TEXT_CENTER */
	int		 sortable;	/* `s` may sort by it */
};

struct table {
	const struct table_column *cols;
	int			 ncols;
	struct table_source	 src;
	struct table_query	 q;
	char			*filter;	/* owned; q.filter points here */
	char			*saved_filter;	/* filter before `/` began (Esc restores) */
	int			 filtering;	/* typing after `/` */

	struct table_row	*rows;		/* the window of rows held */
	int			 nrows;
	int			 top;		/* index in rows of the first row shown */
	int			 sel;		/* index in rows of the selection */
	int			 page;		/* rows shown (set by table_draw) */
	long			 pos;		/* position of sel among all rows, -1 unknown */
	long			 total;		/* rows matching, -1 unknown, > q.cap: more */
	long			 cap_typing;	/* q.cap while typing after `/` */
	long			 cap_set;	/* q.cap otherwise */
	int			 at_start;	/* rows[0] is the first row */
	int			 at_end;	/* rows[nrows-1] is the last row */
	int			*widths;	/* from the last layout */
	char			*error;		/* last source error, for the status line */
};

void	 table_init(struct table *, const struct table_column *, int ncols,
	    const struct table_source *);
void	 table_free(struct table *);

/* Read rows again keeping the selection on the same row (or its neighbour). */
int	 table_reload(struct table *, char **cause);
/* Back to the first row (after sort or filter changed). */
int	 table_reset(struct table *, char **cause);
/* Move the selection by delta rows (negative: up), fetching as needed. */
int	 table_move(struct table *, int delta, char **cause);
int	 table_home(struct table *, char **cause);
int	 table_end(struct table *, char **cause);
int	 table_sort(struct table *, int col, int desc, char **cause);
int	 table_set_filter(struct table *, const char *filter, char **cause);

/* The selected row, or NULL if there is none. */
const struct table_row	*table_selected(const struct table *);
/*
 * A key (with the action the keymaps gave it): moves, sorts, filters. Returns TUI_*
 * flags; TUI_PASS when the key is not the table's. Source errors go to t->error.
 */
int	 table_key(struct table *, int key, int action);
/* "123 / 4,567" (and the filter) into buf. */
void	 table_status(const struct table *, char *buf, size_t len);
/* Column widths for w columns into t->widths. */
void	 table_layout(struct table *, int w);
/* Header at y, rows below, h lines and w columns in all; sets t->page to h - 1. */
void	 table_draw(struct table *, WINDOW *, int y, int x, int h, int w);
/* A number with thousands separators ("4,567") into buf. */
void	 table_format_count(long n, char *buf, size_t len);

#endif
