/*
 * store_audit — the audit trail screen's SQL: newest first, keyset-paged by id (never
 * OFFSET) with filters by who, table, key, action and a date range; one entry's
 * before/after as a field-by-field diff. The filter line is parsed by a pure function
 * (audit_filter_parse) so it can be tested without a database. No curses here.
 */
#ifndef RASHIN_STORE_AUDIT_H
#define RASHIN_STORE_AUDIT_H

#include "backend/lib/page.h"

struct db;

/* Columns of the audit list. */
enum { AUDIT_C_ID, AUDIT_C_AT, AUDIT_C_WHO, AUDIT_C_ACTION, AUDIT_C_TABLE, AUDIT_C_KEY,
	AUDIT_NCOLS };

struct audit_filter {
	char	 who[40];	/* login */
	char	 tbl[64];
	char	 key[128];
	char	 action[16];	/* INSERT, UPDATE, ... (upper-cased) */
	char	 from[16];	/* YYYY-MM-DD, inclusive */
	char	 to[16];	/* YYYY-MM-DD, inclusive */
};

/*
 * Parse a filter line: words "who:LOGIN" (or "by:"), "table:T" ("tbl:"), "key:K",
 * "action:A" ("act:"), "from:DATE", "to:DATE" (ISO or 和暦, see fy_date_parse), and
 * "on:DATE" (from and to). A bare word is a table name. 0, or -1 with *cause naming the
 * word. f is cleared first.
 */
int	 audit_filter_parse(const char *line, struct audit_filter *f, char **cause);

/* The list; arg: the struct db. The table query's filter is an audit_filter line. */
extern const struct table_source	 store_audit_source;

/* One field of the detail view. */
struct audit_field {
	char	*name;
	char	*before;	/* NULL: absent */
	char	*after;		/* NULL: absent */
	int	 changed;
};

struct audit_entry {
	long long	 id;
	char		 at[40];
	char		 who[64];
	char		 tbl[64];
	char		 key[128];
	char		 action[16];
	struct audit_field *fields;
	int		 nfields;
};

/* The entry with its fields (in column order of before, then after); 0, 1 none, -1. */
int	 store_audit_get(struct db *, long long id, struct audit_entry *, char **cause);
void	 store_audit_entry_free(struct audit_entry *);
/* A value of an audited column as people read it: a status, state, kind, role or
 * boolean code of a known (table, column) as its label; any other value as given. */
const char *store_audit_value_label(const char *tbl, const char *col, const char *value);

/*
 * The trail for `audit list|export`, newest first, at most limit entries: id, time, who,
 * table, key, action, before, after (JSON text, "" when none). table, who, from and to
 * (ISO dates, to inclusive) "" for any. 0 with the grid filled (caller grid_free()s), or
 * -1 with *cause.
 */
struct grid;
int	 store_audit_rows(struct db *, const char *table, const char *who, const char *from,
	    const char *to, int limit, struct grid *, char **cause);
/* The same rows for `audit export`, every one (limit 0) or at most limit, to x
 * (store_export.h), with a ninth column: the fields the entry changed, coded (read it
 * with store_audit_changes). store_export_run's return. */
struct store_export;
int	 store_audit_export(struct db *, const char *table, const char *who, const char *from,
	    const char *to, int limit, struct store_export *x, char **cause);
/* The changes column of store_audit_export as people read it, in the UI language:
 * "column: before → after; ..." with the labels of the :audit detail (an added field
 * "column: after", a removed one "column: before → —"). Newly allocated ("" for none). */
char	*store_audit_changes(const char *tbl, const char *changes);

#endif
