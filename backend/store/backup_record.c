/*
 * backup_record — the row counts a backup run records and `backup verify` compares
 * (backup_record.h). Every statement is a constant with $n parameters; the tables are
 * named by the catalogue, counted through query_to_xml so the statement stays constant.
 */
#include "backend/store/backup_record.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/backup_ctx.h"

/* Every permanent table of the database but the catalogue's (unlogged ones restore empty). */
#define TABLES_SQL \
    "SELECT n.nspname AS s, c.relname AS t FROM pg_class c " \
    "JOIN pg_namespace n ON n.oid = c.relnamespace " \
    "WHERE c.relkind = 'r' AND c.relpersistence = 'p' " \
    "AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'"

/* SHARE: reads go on, no write commits until the restore point is made. */
static const char lock_sql[] =
    "DO $$DECLARE r record; BEGIN FOR r IN " TABLES_SQL " ORDER BY 1, 2 LOOP "
    "EXECUTE format('LOCK TABLE %I.%I IN SHARE MODE', r.s, r.t); END LOOP; END$$";
static const char count_sql[] =
    "SELECT format('%I.%I', s, t), (xpath('/row/n/text()', query_to_xml("
    "format('SELECT count(*) AS n FROM %I.%I', s, t), false, true, '')))[1]::text "
    "FROM (" TABLES_SQL ") x ORDER BY 1";

static PGconn *
connect_owner(const char *conninfo, char **cause)
{
	PGconn *c = PQconnectdb(conninfo);

	if (PQstatus(c) != CONNECTION_OK) {
		char *m = xstrdup(PQerrorMessage(c));

		chomp(m);
		set_cause(cause, _("database: %s"), m);
		free(m);
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* A statement that must succeed; its result (caller clears) or NULL with cause. */
static PGresult *
must(PGconn *c, const char *sql, int n, const char *const *params, char **cause)
{
	PGresult *res = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		char *m = xstrdup(PQresultErrorMessage(res));

		chomp(m);
		set_cause(cause, _("database: %s"), m);
		free(m);
		PQclear(res);
		return NULL;
	}
	return res;
}

int
backup_record(const struct bctx *b, const char *owner_conninfo, const char *label,
    char **cause)
{
	PGconn *c;
	PGresult *rows = NULL, *rp = NULL, *res;
	char *name = xasprintf("rashin-%s", label), *text = NULL, *path = NULL, *t;
	const char *p[1] = { name };
	int i, rc = -1;

	if ((c = connect_owner(owner_conninfo, cause)) == NULL)
		goto out;
	if ((res = must(c, "BEGIN", 0, NULL, cause)) == NULL)
		goto out;
	PQclear(res);
	/* a session sitting in a transaction on a table makes the lock wait: not for ever */
	if ((res = must(c, "SET LOCAL lock_timeout = '30s'", 0, NULL, cause)) == NULL)
		goto out;
	PQclear(res);
	if ((res = must(c, lock_sql, 0, NULL, cause)) == NULL)
		goto out;
	PQclear(res);
	if ((rows = must(c, count_sql, 0, NULL, cause)) == NULL ||
	    (rp = must(c, "SELECT pg_create_restore_point($1)::text, clock_timestamp()::text", 1,
	    p, cause)) == NULL)
		goto out;
	if ((res = must(c, "COMMIT", 0, NULL, cause)) == NULL)
		goto out;
	PQclear(res);
	text = xasprintf("# rashin backup record (backend/store/backup_record.c): every table's "
	    "rows at the restore point\nlabel %s\nrestore_point %s\nlsn %s\nat %s\n", label, name,
	    PQgetvalue(rp, 0, 0), PQgetvalue(rp, 0, 1));
	for (i = 0; i < PQntuples(rows); i++) {
		t = xasprintf("%srows %s %s\n", text, PQgetvalue(rows, i, 0), PQgetvalue(rows, i, 1));
		free(text);
		text = t;
	}
	path = xasprintf("%s/%s.counts", b->records, label);
	rc = bctx_write(b, path, text, cause);
out:
	if (rc != 0 && c != NULL && PQtransactionStatus(c) != PQTRANS_IDLE)
		PQclear(PQexecParams(c, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0));
	PQclear(rows);
	PQclear(rp);
	PQfinish(c);
	free(name);
	free(text);
	free(path);
	return rc;
}

int
backup_record_read(const struct bctx *b, const char *label, char **restore_point, char **text,
    char **cause)
{
	char *path = xasprintf("%s/%s.counts", b->records, label), *p, *e;

	*restore_point = NULL;
	*text = NULL;
	if (access(path, F_OK) != 0) {
		free(path);
		return 1;
	}
	if (read_file(path, text, NULL, cause) != 0) {
		free(path);
		return -1;
	}
	free(path);
	if ((p = strstr(*text, "\nrestore_point ")) == NULL) {
		free(*text);
		*text = NULL;
		return set_cause(cause, _("the record of %s names no restore point"), label);
	}
	p += strlen("\nrestore_point ");
	e = p + strcspn(p, "\n");
	*restore_point = xstrndup(p, (size_t)(e - p));
	return 0;
}

/* The count a record's text gives table, or -1. */
static long long
recorded(const char *text, const char *table)
{
	char *key = xasprintf("\nrows %s ", table);
	const char *p = strstr(text, key);
	long long n = -1;

	if (p != NULL)
		n = strtoll(p + strlen(key), NULL, 10);
	free(key);
	return n;
}

int
backup_record_compare(const char *owner_conninfo, const char *text, FILE *out, int *tables,
    char **cause)
{
	PGconn *c;
	PGresult *rows;
	const char *p, *e;
	int i, n, found, bad = 0;
	long long want, have;

	*tables = 0;
	if ((c = connect_owner(owner_conninfo, cause)) == NULL)
		return -1;
	if ((rows = must(c, count_sql, 0, NULL, cause)) == NULL) {
		PQfinish(c);
		return -1;
	}
	n = PQntuples(rows);
	*tables = n;
	for (i = 0; i < n; i++) {
		want = recorded(text, PQgetvalue(rows, i, 0));
		have = strtoll(PQgetvalue(rows, i, 1), NULL, 10);
		if (want == -1) {
			fprintf(out, _("  %s: %lld rows, not in the backup's record\n"),
			    PQgetvalue(rows, i, 0), have);
			bad = 1;
		} else if (want != have) {
			fprintf(out, _("  %s: %lld rows, the backup recorded %lld\n"),
			    PQgetvalue(rows, i, 0), have, want);
			bad = 1;
		}
	}
	/* tables the record has and the restored database lacks */
	for (p = strstr(text, "\nrows "); p != NULL; p = strstr(e, "\nrows ")) {
		p += strlen("\nrows ");
		e = p + strcspn(p, "\n");
		{
			const char *sp = e;

			while (sp > p && sp[-1] != ' ')
				sp--;
			if (sp <= p)
				continue;
			for (found = 0, i = 0; i < n && !found; i++)
				found = strlen(PQgetvalue(rows, i, 0)) == (size_t)(sp - 1 - p) &&
				    strncmp(PQgetvalue(rows, i, 0), p, (size_t)(sp - 1 - p)) == 0;
			if (!found) {
				fprintf(out, _("  %.*s: recorded with %.*s rows, missing from the "
				    "restored database\n"), (int)(sp - 1 - p), p, (int)(e - sp), sp);
				bad = 1;
			}
		}
	}
	PQclear(rows);
	PQfinish(c);
	return bad;
}

int
backup_promoted(const char *owner_conninfo)
{
	PGconn *c = PQconnectdb(owner_conninfo);
	PGresult *res;
	int done = 0;

	if (PQstatus(c) == CONNECTION_OK) {
		res = PQexecParams(c, "SELECT pg_is_in_recovery()", 0, NULL, NULL, NULL, NULL, 0);
		done = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		    strcmp(PQgetvalue(res, 0, 0), "f") == 0;
		PQclear(res);
	}
	PQfinish(c);
	return done;
}
