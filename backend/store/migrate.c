/*
 * migrate — the migration runner. Files are applied in name order under an advisory
 * lock (two runners never interleave); statements are split by sqlsplit and run one by
 * one with PQexecParams, so a failure names the file and line.
 */
#include "backend/store/migrate.h"

#include <dirent.h>
#include <libpq-fe.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/sqlsplit.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static PGresult *
exec0(PGconn *c, const char *sql)
{
	return PQexecParams(c, sql, 0, NULL, NULL, NULL, NULL, 0);
}

static int
ok(PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	int good = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

	PQclear(res);
	return good;
}

static PGconn *
connect_owner(const char *conninfo, char **cause)
{
	const char *const keys[] = { "dbname", "application_name", "client_encoding", NULL };
	const char *const vals[] = { conninfo, "rashin-migrate", "UTF8", NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	if (PQstatus(c) != CONNECTION_OK) {
		char *m = xstrdup(PQerrorMessage(c));

		chomp(m);
		set_cause(cause, _("database: %s"), m);
		free(m);
		PQfinish(c);
		return NULL;
	}
	/* keep NOTICEs (IF NOT EXISTS chatter) off the user's terminal */
	PQclear(exec0(c, "SET client_min_messages = warning"));
	return c;
}

/* Run one script's statements in the current transaction. */
static int
run_script(PGconn *c, const char *path, const char *script, char **cause)
{
	struct sql_stmt *v;
	PGresult *res;
	char *why = NULL;
	int n, i, rc = -1;

	if ((n = sqlsplit(script, &v, &why)) < 0) {
		set_cause(cause, "%s: %s", path, why);
		free(why);
		return -1;
	}
	for (i = 0; i < n; i++) {
		res = exec0(c, v[i].text);
		if (PQresultStatus(res) != PGRES_COMMAND_OK &&
		    PQresultStatus(res) != PGRES_TUPLES_OK) {
			const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
			const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
			int line = v[i].line;

			if (pos != NULL) {
				int k, off = atoi(pos);

				/* position counts characters; newlines are single bytes either way */
				for (k = 0; k < off - 1 && v[i].text[k] != '\0'; k++)
					if (v[i].text[k] == '\n')
						line++;
			}
			set_cause(cause, "%s:%d: %s", path, line,
			    msg ? msg : PQerrorMessage(c));
			PQclear(res);
			goto out;
		}
		PQclear(res);
	}
	rc = 0;
out:
	sqlsplit_free(v, n);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted NNN_name.sql files of dir. */
static int
list_migrations(const char *dir, char ***names, char **cause)
{
	regex_t re;
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	int n = 0;

	if ((d = opendir(dir)) == NULL)
		return set_cause(cause, _("%s: cannot open the migrations directory"), dir);
	regcomp(&re, "^[0-9]{3}_[A-Za-z0-9_]+\\.sql$", REG_EXTENDED | REG_NOSUB);
	while ((e = readdir(d)) != NULL) {
		if (regexec(&re, e->d_name, 0, NULL, 0) != 0)
			continue;
		v = xreallocarray(v, (size_t)n + 1, sizeof *v);
		v[n++] = xstrdup(e->d_name);
	}
	regfree(&re);
	closedir(d);
	if (n > 0)
		qsort(v, (size_t)n, sizeof *v, name_cmp);
	*names = v;
	return n;
}

int
migrate_run(const char *owner_conninfo, const char *dir, FILE *out, int *applied,
    char **cause)
{
	PGconn *c;
	PGresult *res;
	char **names = NULL, *path = NULL, *script = NULL, hex[65];
	int n = 0, i, rc = -1;
	size_t len;

	*applied = 0;
	if ((c = connect_owner(owner_conninfo, cause)) == NULL)
		return -1;
	if ((n = list_migrations(dir, &names, cause)) < 0)
		goto out;
	if (n == 0) {
		set_cause(cause, _("%s: no migrations found"), dir);
		goto out;
	}
	if (!ok(exec0(c, "SELECT pg_advisory_lock(7261736801)")) ||
	    !ok(exec0(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "name text PRIMARY KEY, sha256 text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())"))) {
		set_cause(cause, _("database: %s"), PQerrorMessage(c));
		goto out;
	}
	for (i = 0; i < n; i++) {
		const char *p[2];

		free(path);
		free(script);
		script = NULL;
		path = xasprintf("%s/%s", dir, names[i]);
		if (read_file(path, &script, &len, cause) != 0)
			goto out;
		if (strlen(script) != len) {
			set_cause(cause, _("%s: contains a NUL byte"), path);
			goto out;
		}
		sha256_hex(script, len, hex);
		p[0] = names[i];
		p[1] = hex;
		res = PQexecParams(c, "SELECT sha256 FROM schema_migrations WHERE name = $1", 1,
		    NULL, p, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			set_cause(cause, _("database: %s"), PQerrorMessage(c));
			PQclear(res);
			goto out;
		}
		if (PQntuples(res) == 1) {
			int same = strcmp(PQgetvalue(res, 0, 0), hex) == 0;

			PQclear(res);
			if (!same) {
				set_cause(cause, _("%s: already applied, but the file has changed since "
				    "(checksum differs); restore it and put the change in a new "
				    "migration"), path);
				goto out;
			}
			continue;
		}
		PQclear(res);
		if (!ok(exec0(c, "BEGIN"))) {
			set_cause(cause, _("database: %s"), PQerrorMessage(c));
			goto out;
		}
		if (run_script(c, path, script, cause) != 0) {
			PQclear(exec0(c, "ROLLBACK"));
			goto out;
		}
		res = PQexecParams(c, "INSERT INTO schema_migrations (name, sha256) VALUES ($1, $2)",
		    2, NULL, p, NULL, NULL, 0);
		if (!ok(res) || !ok(exec0(c, "COMMIT"))) {
			set_cause(cause, _("%s: recording the migration failed: %s"), path,
			    PQerrorMessage(c));
			PQclear(exec0(c, "ROLLBACK"));
			goto out;
		}
		/* each migration starts clean: pg_temp helpers (009's and 013's pol) don't leak */
		if (!ok(exec0(c, "DISCARD TEMP"))) {
			set_cause(cause, _("database: %s"), PQerrorMessage(c));
			goto out;
		}
		(*applied)++;
		if (out != NULL)
			fprintf(out, "applied %s\n", path);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	free(script);
	PQfinish(c);
	return rc;
}

int
migrate_apply_dir(const char *owner_conninfo, const char *dir, char **cause)
{
	char **names = NULL, *path;
	int n, i, rc = 0;

	if ((n = list_migrations(dir, &names, cause)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		if (rc == 0 && migrate_apply_file(owner_conninfo, path, cause) != 0)
			rc = -1;
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int
migrate_apply_file(const char *owner_conninfo, const char *path, char **cause)
{
	PGconn *c;
	char *script = NULL;
	size_t len;
	int rc = -1;

	if ((c = connect_owner(owner_conninfo, cause)) == NULL)
		return -1;
	if (read_file(path, &script, &len, cause) != 0)
		goto out;
	if (!ok(exec0(c, "BEGIN"))) {
		set_cause(cause, _("database: %s"), PQerrorMessage(c));
		goto out;
	}
	if (run_script(c, path, script, cause) != 0) {
		PQclear(exec0(c, "ROLLBACK"));
		goto out;
	}
	if (!ok(exec0(c, "COMMIT"))) {
		set_cause(cause, _("%s: commit failed: %s"), path, PQerrorMessage(c));
		goto out;
	}
	rc = 0;
out:
	free(script);
	PQfinish(c);
	return rc;
}

int
migrate_check(const char *owner_conninfo, const char *dir, int *applied, int *pending,
    char **cause)
{
	PGconn *c;
	PGresult *res;
	char **names = NULL, *path, *script, hex[65];
	const char *p[1];
	int n, i, rc = 0;
	size_t len;

	*applied = *pending = 0;
	if ((n = list_migrations(dir, &names, cause)) < 0)
		return -1;
	if ((c = connect_owner(owner_conninfo, cause)) == NULL) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < n && rc >= 0; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		script = NULL;
		if (read_file(path, &script, &len, cause) != 0) {
			rc = -1;
			free(path);
			break;
		}
		sha256_hex(script, len, hex);
		p[0] = names[i];
		res = PQexecParams(c, "SELECT sha256 FROM schema_migrations WHERE name = $1", 1,
		    NULL, p, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			set_cause(cause, _("database: %s"), PQerrorMessage(c));
			rc = -1;
		} else if (PQntuples(res) == 0)
			(*pending)++;
		else if (strcmp(PQgetvalue(res, 0, 0), hex) != 0) {
			if (rc == 0)
				set_cause(cause, _("%s was applied as a different file (checksum differs)"),
				    path);
			rc = 1;
		} else
			(*applied)++;
		PQclear(res);
		free(path);
		free(script);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	PQfinish(c);
	return rc;
}
