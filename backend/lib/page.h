/*
 * page — the list paging contract between the stores and the console's widgets: a
 * source hands rows over a few at a time next to an anchor row (keyset paging, never
 * OFFSET), counts what matches a query, and a picker finds a few matches for what was
 * typed. The stores (backend/store/) implement it; tui/table.c and tui/form.c use it.
 * No curses and no libpq here.
 */
#ifndef RASHIN_PAGE_H
#define RASHIN_PAGE_H

/* One row as the source hands it over; the widget frees it (table_row_clear). */
struct table_row {
	char	 *key;			/* unique and stable: the row's primary key */
	char	**cells;		/* one raw string per column (NULL = empty) */
	int	  ncells;
	int	  mark;			/* source's per-row flag, drawn with TUI_PAL_WARN */
};

/* The current order and filter, passed to every source call. */
struct table_query {
	int		 sort;		/* column index */
	int		 desc;		/* descending */
	const char	*filter;	/* what the user typed after `/`; "" = none */
	long		 cap;		/* count and rank need not go past cap + 1 */
};

/*
 * Counting every match of a filter over a million rows costs more than a keystroke may
 * (a count is a scan). The widget asks sources to stop counting past a cap: a small one
 * while the user is still typing after `/`, a larger one once the filter is set, and
 * shows a capped count as "1,000+". Sources whose tables are small may count exactly.
 * These are the defaults of a table's cap_typing and cap_set.
 */
#define TABLE_CAP_TYPING	1000L
#define TABLE_CAP		100000L

enum table_dir {
	TABLE_AFTER,			/* rows after the anchor (anchor NULL: from the first) */
	TABLE_BEFORE			/* rows before the anchor (anchor NULL: the last ones) */
};

struct table_source {
	/*
	 * Up to n rows next to anchor in the query's order (ties broken by key), returned
	 * in display order either way, in *rows (newly allocated array of n entries;
	 * cells newly allocated, see table_row_set). Returns how many (0..n), or -1 with
	 * *cause. The anchor itself is never returned.
	 */
	int	(*fetch)(void *arg, const struct table_query *q,
		    const struct table_row *anchor, enum table_dir dir, int n,
		    struct table_row **rows, char **cause);
	/* How many rows match q (at most q->cap + 1 needed); -1 with *cause. */
	long	(*count)(void *arg, const struct table_query *q, char **cause);
	/*
	 * How many rows come before anchor in q's order (at most q->cap + 1 needed); -1 with
	 * *cause. May be NULL.
	 */
	long	(*rank)(void *arg, const struct table_query *q,
		    const struct table_row *anchor, char **cause);
	void	*arg;			/* passed to every callback */
};

/* Give a row ncells cells (cells set with table_row_set). */
void	 table_row_alloc(struct table_row *, const char *key, int ncells);
void	 table_row_set(struct table_row *, int col, const char *value);
void	 table_row_clear(struct table_row *);

/* One match of a picker search. */
struct form_pick {
	char	*id;		/* the value stored */
	char	*label;		/* what the user sees */
};

/*
 * A picker's search: up to n matches for what the user typed, in *out (newly
 * allocated array; id and label newly allocated). Returns the count or -1 with *cause.
 */
typedef int (*form_search_fn)(void *arg, const char *query, int n,
    struct form_pick **out, char **cause);

#endif
