/*
 * store_audit — see store_audit.h. Every statement filters with "($n = '' OR ...)" so
 * one constant string serves every combination; dates go through nullif so an empty
 * one is never cast. Paging walks the primary key backwards: rows after the anchor are
 * those with a smaller id.
 */
#include "backend/store/store_audit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/store_export.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/mig_rate.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_plan.h"
#include "backend/store/store_training.h"
#include "backend/lib/util.h"

static int
audit_set(char *dst, size_t len, const char *word, const char *v, char **cause)
{
	if (strlen(v) >= len)
		return set_cause(cause, "\"%s\": too long", word);
	snprintf(dst, len, "%s", v);
	return 0;
}

static int
audit_date(char dst[16], const char *word, const char *v, char **cause)
{
	struct fy_date	 d;
	char		*why = NULL;

	if (fy_date_parse(v, &d, &why) != 0) {
		set_cause(cause, "\"%s\": %s", word, why != NULL ? why : "not a date");
		free(why);
		return -1;
	}
	snprintf(dst, 16, "%04d-%02d-%02d", d.year, d.month, d.day);
	return 0;
}

int
audit_filter_parse(const char *line, struct audit_filter *f, char **cause)
{
	char	*copy = xstrdup(line), *save = NULL, *w, *v;
	int	 rc = 0;
	size_t	 i;

	memset(f, 0, sizeof *f);
	for (w = strtok_r(copy, " \t", &save); w != NULL && rc == 0;
	    w = strtok_r(NULL, " \t", &save)) {
		v = strchr(w, ':');
		if (v == NULL) {
			rc = audit_set(f->tbl, sizeof f->tbl, w, w, cause);
			continue;
		}
		*v++ = '\0';
		if (*v == '\0')
			continue;	/* "who:" still being typed */
		if (strcmp(w, "who") == 0 || strcmp(w, "by") == 0)
			rc = audit_set(f->who, sizeof f->who, w, v, cause);
		else if (strcmp(w, "table") == 0 || strcmp(w, "tbl") == 0)
			rc = audit_set(f->tbl, sizeof f->tbl, w, v, cause);
		else if (strcmp(w, "key") == 0)
			rc = audit_set(f->key, sizeof f->key, w, v, cause);
		else if (strcmp(w, "action") == 0 || strcmp(w, "act") == 0) {
			rc = audit_set(f->action, sizeof f->action, w, v, cause);
			for (i = 0; f->action[i] != '\0'; i++)
				f->action[i] = (char)toupper((unsigned char)f->action[i]);
		} else if (strcmp(w, "from") == 0)
			rc = audit_date(f->from, w, v, cause);
		else if (strcmp(w, "to") == 0)
			rc = audit_date(f->to, w, v, cause);
		else if (strcmp(w, "on") == 0) {
			rc = audit_date(f->from, w, v, cause);
			memcpy(f->to, f->from, sizeof f->to);
		} else
			rc = set_cause(cause, "\"%s:\": unknown filter (who: table: key: action: "
			    "from: to: on:)", w);
	}
	if (rc == 0 && f->from[0] != '\0' && f->to[0] != '\0' && strcmp(f->from, f->to) > 0)
		rc = set_cause(cause, "from %s is after to %s", f->from, f->to);
	free(copy);
	return rc;
}

#define AUDIT_WHERE \
	"WHERE ($1 = '' OR a.staff_id = (SELECT id FROM staff WHERE login = $1)) " \
	"AND ($2 = '' OR a.tbl = $2) AND ($3 = '' OR a.key = $3) AND ($4 = '' OR a.action = $4) " \
	"AND ($5 = '' OR a.at >= nullif($5, '')::date) " \
	"AND ($6 = '' OR a.at < nullif($6, '')::date + 1) "
#define AUDIT_COLS \
	"SELECT a.id, a.id::text, to_char(a.at, 'YYYY-MM-DD HH24:MI:SS'), " \
	"coalesce(s.login, CASE WHEN a.staff_id IS NULL THEN '-' ELSE a.staff_id::text END), " \
	"a.action, a.tbl, a.key, false FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "

static const char sql_first[] = AUDIT_COLS AUDIT_WHERE "ORDER BY a.id DESC LIMIT $7::int";
static const char sql_last[] = AUDIT_COLS AUDIT_WHERE "ORDER BY a.id LIMIT $7::int";
static const char sql_after[] = AUDIT_COLS AUDIT_WHERE
	"AND a.id < $8::bigint ORDER BY a.id DESC LIMIT $7::int";
static const char sql_before[] = AUDIT_COLS AUDIT_WHERE
	"AND a.id > $8::bigint ORDER BY a.id LIMIT $7::int";
static const char sql_count[] = "SELECT count(*) FROM (SELECT 1 FROM audit_log a "
	AUDIT_WHERE "LIMIT $7::int) x";
static const char sql_rank[] = "SELECT count(*) FROM (SELECT 1 FROM audit_log a "
	AUDIT_WHERE "AND a.id > $8::bigint LIMIT $7::int) x";

static int
audit_params(const struct table_query *q, struct audit_filter *f, const char **p,
    char **cause)
{
	if (audit_filter_parse(q->filter, f, cause) != 0)
		return -1;
	p[0] = f->who;
	p[1] = f->tbl;
	p[2] = f->key;
	p[3] = f->action;
	p[4] = f->from;
	p[5] = f->to;
	return 0;
}

static int
audit_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	struct audit_filter	 f;
	char			 lim[16];
	const char		*p[8], *sql;
	PGresult		*res;
	int			 got, i, c;

	if (audit_params(q, &f, p, cause) != 0)
		return -1;
	snprintf(lim, sizeof lim, "%d", n);
	p[6] = lim;
	p[7] = anchor != NULL ? anchor->key : "0";
	if (anchor == NULL)
		sql = dir == TABLE_AFTER ? sql_first : sql_last;
	else
		sql = dir == TABLE_AFTER ? sql_after : sql_before;
	if ((res = db_query(arg, sql, anchor == NULL ? 7 : 8, p, NULL, cause)) == NULL)
		return -1;
	got = PQntuples(res);
	*rows = xcalloc(got > 0 ? (size_t)got : 1, sizeof **rows);
	for (i = 0; i < got; i++) {
		int r = dir == TABLE_BEFORE ? got - 1 - i : i;

		table_row_alloc(&(*rows)[i], db_str(res, r, 0), AUDIT_NCOLS);
		for (c = 0; c < AUDIT_NCOLS; c++)	/* the table and action as labels */
			table_row_set(&(*rows)[i], c, c == AUDIT_C_TABLE ?
			    label_audit_table(db_str(res, r, c + 1)) : c == AUDIT_C_ACTION ?
			    label_audit_action(db_str(res, r, c + 1)) : db_str(res, r, c + 1));
	}
	PQclear(res);
	return got;
}

/* A count that stops at the widget's cap (q->cap + 1: "100,000+"). */
static long
audit_capped(struct db *db, const struct table_query *q, const char *sql, int n,
    const char **p, char **cause)
{
	char		 cap[24];
	PGresult	*res;
	long		 v;

	snprintf(cap, sizeof cap, "%ld", q->cap + 1);
	p[6] = cap;
	if ((res = db_query(db, sql, n, p, NULL, cause)) == NULL)
		return -1;
	v = atol(db_str(res, 0, 0));
	PQclear(res);
	return v;
}

static long
audit_count(void *arg, const struct table_query *q, char **cause)
{
	struct audit_filter	 f;
	const char		*p[7];

	if (audit_params(q, &f, p, cause) != 0)
		return -1;
	return audit_capped(arg, q, sql_count, 7, p, cause);
}

static long
audit_rank(void *arg, const struct table_query *q, const struct table_row *anchor,
    char **cause)
{
	struct audit_filter	 f;
	const char		*p[8];

	if (audit_params(q, &f, p, cause) != 0)
		return -1;
	p[7] = anchor->key;
	return audit_capped(arg, q, sql_rank, 8, p, cause);
}

const struct table_source store_audit_source = {
	.fetch = audit_fetch, .count = audit_count, .rank = audit_rank,
};

/* The fields of before and after side by side (jsonb's key order), changed ones flagged. */
static const char sql_get[] =
	"SELECT a.id, to_char(a.at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(s.login, ''), a.tbl, a.key, "
	"a.action FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.id = $1::bigint";
static const char sql_fields[] =
	"WITH a AS (SELECT before, after FROM audit_log WHERE id = $1::bigint), "
	"b AS (SELECT e.key, e.value, e.ordinality AS o FROM a, "
	"  jsonb_each(coalesce(a.before, '{}')) WITH ORDINALITY e), "
	"n AS (SELECT e.key, e.value, e.ordinality AS o FROM a, "
	"  jsonb_each(coalesce(a.after, '{}')) WITH ORDINALITY e) "
	"SELECT coalesce(b.key, n.key), b.value #>> '{}', n.value #>> '{}', "
	"b.value IS DISTINCT FROM n.value, b.key IS NULL, n.key IS NULL "
	"FROM b FULL JOIN n ON n.key = b.key ORDER BY coalesce(b.o, n.o), n.o";

int
store_audit_get(struct db *db, long long id, struct audit_entry *e, char **cause)
{
	char		 ids[24];
	const char	*p[1] = { ids };
	PGresult	*res;
	int		 i;

	memset(e, 0, sizeof *e);
	snprintf(ids, sizeof ids, "%lld", id);
	if ((res = db_query(db, sql_get, 1, p, NULL, cause)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return 1;
	}
	e->id = atoll(db_str(res, 0, 0));
	snprintf(e->at, sizeof e->at, "%s", db_str(res, 0, 1));
	snprintf(e->who, sizeof e->who, "%s", db_str(res, 0, 2));
	snprintf(e->tbl, sizeof e->tbl, "%s", db_str(res, 0, 3));
	snprintf(e->key, sizeof e->key, "%s", db_str(res, 0, 4));
	snprintf(e->action, sizeof e->action, "%s", db_str(res, 0, 5));
	PQclear(res);
	if ((res = db_query(db, sql_fields, 1, p, NULL, cause)) == NULL)
		return -1;
	e->nfields = PQntuples(res);
	e->fields = xcalloc(e->nfields > 0 ? (size_t)e->nfields : 1, sizeof *e->fields);
	for (i = 0; i < e->nfields; i++) {
		struct audit_field *fl = &e->fields[i];

		fl->name = xstrdup(db_str(res, i, 0));
		fl->before = strcmp(db_str(res, i, 4), "t") == 0 ? NULL : xstrdup(db_str(res, i, 1));
		fl->after = strcmp(db_str(res, i, 5), "t") == 0 ? NULL : xstrdup(db_str(res, i, 2));
		fl->changed = strcmp(db_str(res, i, 3), "t") == 0;
	}
	PQclear(res);
	return 0;
}

void
store_audit_entry_free(struct audit_entry *e)
{
	int	 i;

	for (i = 0; i < e->nfields; i++) {
		free(e->fields[i].name);
		free(e->fields[i].before);
		free(e->fields[i].after);
	}
	free(e->fields);
	memset(e, 0, sizeof *e);
}

/* The trail's rows for list and export (limit $5: NULL for all). */
#define SQL_AUDIT_COLS \
	"SELECT a.id, to_char(a.at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(s.login, ''), a.tbl, a.key, " \
	"a.action, coalesce(a.before::text, ''), coalesce(a.after::text, '') "
#define SQL_AUDIT_FROM \
	"FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id " \
	"WHERE ($1 = '' OR a.tbl = $1) AND ($2 = '' OR s.login = $2) " \
	"AND ($3 = '' OR a.at >= $3::date) AND ($4 = '' OR a.at < $4::date + 1) " \
	"ORDER BY a.id DESC LIMIT $5::int"
/*
 * The fields an entry changed (added, removed, or before and after differ; not the row's
 * version), as sql_fields orders them: per field its column, i (only after), d (only
 * before) or u, the value before and after ("" for none), split by US, fields by RS
 * (those two characters in a value read as spaces). store_audit_changes reads it.
 */
#define SQL_AUDIT_CHANGES \
	"(SELECT string_agg(coalesce(b.key, n.key) || chr(31) || CASE WHEN b.key IS NULL " \
	"THEN 'i' WHEN n.key IS NULL THEN 'd' ELSE 'u' END || chr(31) || " \
	"translate(coalesce(b.value #>> '{}', ''), chr(30) || chr(31), '  ') || chr(31) || " \
	"translate(coalesce(n.value #>> '{}', ''), chr(30) || chr(31), '  '), chr(30) " \
	"ORDER BY coalesce(b.o, n.o), n.o) " \
	"FROM jsonb_each(coalesce(a.before, '{}')) WITH ORDINALITY b (key, value, o) " \
	"FULL JOIN jsonb_each(coalesce(a.after, '{}')) WITH ORDINALITY n (key, value, o) " \
	"ON n.key = b.key WHERE b.value IS DISTINCT FROM n.value " \
	"AND coalesce(b.key, n.key) <> 'version') "
static const char sql_audit_rows[] = SQL_AUDIT_COLS SQL_AUDIT_FROM;

int
store_audit_rows(struct db *db, const char *table, const char *who, const char *from,
    const char *to, int limit, struct grid *g, char **cause)
{
	char		 lim[16];
	const char	*p[5] = { table, who, from, to, lim };

	snprintf(lim, sizeof lim, "%d", limit);
	return db_grid(db, sql_audit_rows, 5, p, g, NULL, cause);
}

int
store_audit_export(struct db *db, const char *table, const char *who, const char *from,
    const char *to, int limit, struct store_export *x, char **cause)
{
	char		 lim[16];
	const char	*p[5] = { table, who, from, to, limit > 0 ? lim : NULL };

	snprintf(lim, sizeof lim, "%d", limit);
	return store_export_run(db, STORE_EXPORT_CURSOR SQL_AUDIT_COLS ", " SQL_AUDIT_CHANGES
	    SQL_AUDIT_FROM, 5, p, x, cause);
}

/* A value of a change: its label, "—" for none. */
static const char *
change_value(const char *tbl, const char *col, const char *v)
{
	return *v != '\0' ? store_audit_value_label(tbl, col, v) : "—";
}

char *
store_audit_changes(const char *tbl, const char *changes)
{
	char *copy = xstrdup(changes != NULL ? changes : ""), *field, *save = NULL, *f[4];
	char *out = NULL, *next;
	int i;

	for (field = strtok_r(copy, "\x1e", &save); field != NULL;
	    field = strtok_r(NULL, "\x1e", &save)) {
		for (i = 0, f[0] = field; i < 3; i++)	/* column, kind, before, after */
			if ((f[i + 1] = strchr(f[i], '\x1f')) != NULL)
				*f[i + 1]++ = '\0';
			else
				f[i + 1] = f[i] + strlen(f[i]);
		if (f[1][0] == 'i')
			next = xasprintf("%s%s%s: %s", out ? out : "", out ? "; " : "",
			    label_audit_column(f[0]), change_value(tbl, f[0], f[3]));
		else
			next = xasprintf("%s%s%s: %s → %s", out ? out : "", out ? "; " : "",
			    label_audit_column(f[0]), change_value(tbl, f[0], f[2]),
			    f[1][0] == 'd' ? "—" : change_value(tbl, f[0], f[3]));
		free(out);
		out = next;
	}
	free(copy);
	return out != NULL ? out : xstrdup("");
}

static const char *
mig_status_value(const char *v)
{
	enum mig_st st;

	return mig_st_parse(v, &st) == 0 ? mig_st_label(st) : v;
}

static const char *
attendance_value(const char *v)
{
	const char *l = training_status_label(v);

	return *l != '\0' ? l : v;
}

static const char *
session_event_value(const char *v)
{
	return strcmp(v, "open") == 0 ? _("signed in") : strcmp(v, "close") == 0 ?
	    _("signed out") : v;
}

static const char *
bool_value(const char *v)
{
	return strcmp(v, "true") == 0 ? label_yes("yes") : strcmp(v, "false") == 0 ?
	    label_yes("no") : v;
}

/* The coded columns of the audited tables, each with its label function. */
static const struct {
	const char	*tbl, *col;
	const char	*(*label)(const char *);
} audit_values[] = {
	{ "mig_status", "status", mig_status_value },
	{ "mig_status_history", "old_status", mig_status_value },
	{ "mig_status_history", "new_status", mig_status_value },
	{ "mig_risk", "kind", mig_risk_kind_label },
	{ "mig_risk", "status", mig_risk_status_label },
	{ "measure", "status", plan_status_label },
	{ "action", "status", plan_status_label },
	{ "vdi_request", "state", label_vdi_state },
	{ "vdi_account", "state", label_vdi_state },
	{ "vdi_account", "mfa_state", label_vdi_state },
	{ "attendance", "status", attendance_value },
	{ "enrolment", "state", training_label },
	{ "course", "category", training_label },
	{ "course", "audience", training_label },
	{ "staff", "role", label_role },
	{ "rs_session", "event", session_event_value },
};

const char *
store_audit_value_label(const char *tbl, const char *col, const char *value)
{
	size_t i;

	if (value == NULL)
		return NULL;
	for (i = 0; i < nitems(audit_values); i++)
		if (strcmp(audit_values[i].tbl, tbl) == 0 && strcmp(audit_values[i].col, col) == 0)
			return audit_values[i].label(value);
	return bool_value(value);	/* a boolean of any column */
}
