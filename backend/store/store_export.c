/*
 * store_export — exports read through a cursor, in batches, in one snapshot.
 */
#include "backend/store/store_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/grid.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

/* The advisory lock's first key: "REXP", exports (imports take "RIMP"); the second is
 * the member. */
#define STORE_EXPORT_LOCK	"1380276304"

/* The lock, and the export's name where other sessions see it (application_name, for
 * this transaction only): true when taken. */
static const char sql_lock[] = "SELECT pg_try_advisory_xact_lock($1::int, rs_staff_id()), "
    "set_config('application_name', left('rashin: ' || $2, 63), true)";
/* Who holds the member's export lock: its name and since when. */
static const char sql_holder[] = "SELECT a.application_name, "
    "to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS') FROM pg_locks l "
    "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' "
    "AND l.classid = $1::bigint::oid AND l.objid = rs_staff_id()::bigint::oid "
    "AND l.objsubid = 2 AND l.granted AND l.pid <> pg_backend_pid() LIMIT 1";
/* Counting pass: rows skipped on the server, none sent (a constant count: MOVE takes no
 * parameter). */
#define EXPORT_MOVE	10000
static const char sql_move[] = "MOVE FORWARD 10000 IN rs_export";
#define EXPORT_FETCH	1000
static const char sql_fetch[] = "FETCH FORWARD 1000 FROM rs_export";
static const char sql_close[] = "CLOSE rs_export";

/* The member's export lock, or -1 with *cause naming the export that holds it. */
static int
export_lock(struct db *db, const char *what, char **cause)
{
	const char *p[2] = { STORE_EXPORT_LOCK, what };
	struct grid g;
	const char *name;
	int got;

	if (db_grid(db, sql_lock, 2, p, &g, NULL, cause) != 0)
		return -1;
	got = strcmp(grid_str(&g, 0, 0), "t") == 0;
	grid_free(&g);
	if (got)
		return 0;
	if (db_grid(db, sql_holder, 1, p, &g, NULL, cause) != 0)
		return -1;
	name = grid_str(&g, 0, 0);
	if (strncmp(name, "rashin: ", 8) == 0)
		name += 8;
	if (g.nrows == 0 || *name == '\0')
		set_cause(cause, "%s", _("another export of yours is still running (one at a time "
		    "per member); try again when it has finished"));
	else
		set_cause(cause, _("another export of yours is still running (%s, since %s; one "
		    "at a time per member); try again when it has finished"), name,
		    grid_str(&g, 0, 1));
	grid_free(&g);
	return -1;
}

/* How many rows the cursor has: all of them, so a refusal can say how many. */
static int
export_count(struct db *db, const char *sql, int nparams, const char *const *params,
    long *rows, char **cause)
{
	PGresult *res;
	long n;

	*rows = 0;
	if (db_exec(db, sql, nparams, params, NULL, cause) != 0)
		return -1;
	do {
		if ((res = db_query(db, sql_move, 0, NULL, NULL, cause)) == NULL)
			return -1;
		n = strtol(PQcmdTuples(res), NULL, 10);
		PQclear(res);
		*rows += n;
	} while (n == EXPORT_MOVE);
	return db_exec(db, sql_close, 0, NULL, NULL, cause);
}

int
store_export_run(struct db *db, const char *sql, int nparams, const char *const *params,
    struct store_export *x, char **cause)
{
	struct grid g;
	int r, rc = -1;

	x->rows = 0;
	if (db_begin_snapshot(db, cause) != 0)
		return -1;
	if (export_lock(db, x->what, cause) != 0 ||
	    export_count(db, sql, nparams, params, &x->rows, cause) != 0)
		goto out;
	if (x->rows > x->max_rows) {
		rc = 1;
		goto out;
	}
	if (db_exec(db, sql, nparams, params, NULL, cause) != 0)
		goto out;
	for (;;) {
		if (db_grid(db, sql_fetch, 0, NULL, &g, NULL, cause) != 0)
			goto out;
		for (r = 0; r < g.nrows; r++)
			if (x->row(x->arg, &g, r) != 0) {
				grid_free(&g);
				goto out;
			}
		r = g.nrows;
		grid_free(&g);
		if (r < EXPORT_FETCH)
			break;
	}
	return db_commit(db, cause) == 0 ? 0 : -1;
out:
	db_rollback(db);
	return rc;
}
