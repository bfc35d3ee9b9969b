/*
 * db_prepared — the statements a connection has prepared (see db.h's DB_PREPARE). Each is
 * named after its text: "rs_" and the first 16 bytes of the text's SHA-256 in hex, so
 * every rashin process names it alike, and on a pooled backend that already holds it
 * from an earlier client (PgBouncer's reset keeps such statements: pgembed.c) it is
 * neither parsed nor planned again: about a third of PostgreSQL's CPU per console login
 * was planning (bench/README.md, session 8).
 */
#include "backend/store/db_prepared.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "backend/lib/util.h"

void
db_prepared_name_of(const char *sql, char name[DB_PREPARED_NAME])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 len = 0, i;

	if (EVP_Digest(sql, strlen(sql), md, &len, EVP_sha256(), NULL) != 1 || len < 16)
		fatal("SHA-256 unavailable");
	memcpy(name, "rs_", 3);
	for (i = 0; i < 16; i++)
		snprintf(name + 3 + 2 * i, 3, "%02x", md[i]);
}

/*
 * The server's side of the same rule: a statement counts only if its name is its own
 * text's hash (one of another name, or named so with other text, is not ours to run).
 */
static const char sql_held[] =
    "SELECT name FROM pg_prepared_statements "
    "WHERE name = 'rs_' || left(encode(sha256(convert_to(statement, 'UTF8')), 'hex'), 32)";

/* The server session's statements under that rule: *names (allocated), *n; 0 or -1. */
static int
db_prepared_held(PGconn *c, char (**names)[DB_PREPARED_NAME], int *n)
{
	PGresult	*res = PQexecParams(c, sql_held, 0, NULL, NULL, NULL, NULL, 0);
	int		 i;

	*names = NULL;
	*n = 0;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		PQclear(res);
		return -1;
	}
	*names = xcalloc((size_t)PQntuples(res) + 1, sizeof **names);
	for (i = 0; i < PQntuples(res); i++) {
		if (PQgetlength(res, i, 0) == DB_PREPARED_NAME - 1)
			memcpy((*names)[(*n)++], PQgetvalue(res, i, 0), DB_PREPARED_NAME);
	}
	PQclear(res);
	return 0;
}

const char *
db_prepared_in(const struct db_prepared *list, int n, const char *sql)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (list[i].sql == sql)
			return list[i].name;
	}
	return NULL;
}

int
db_prepared_named(const struct db_prepared *list, int n, const char *name)
{
	int	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i].name, name) == 0)
			return 1;
	}
	return 0;
}

const char *
db_names_find(struct db_names *dn, const char *sql)
{
	return db_prepared_in(dn->prepared, dn->n, sql);
}

void
db_names_ask(struct db_names *dn, PGconn *c)
{
	if (dn->held_known)
		return;
	free(dn->held);		/* if the server cannot say: none (a Parse then fails) */
	(void)db_prepared_held(c, &dn->held, &dn->nheld);
	dn->held_known = 1;
}

int
db_names_has(const struct db_names *dn, const char *name)
{
	int	 i;

	for (i = 0; i < dn->nheld; i++) {
		if (strcmp(dn->held[i], name) == 0)
			return 1;
	}
	return db_prepared_named(dn->prepared, dn->n, name);
}

void
db_names_free(struct db_names *dn)
{
	free(dn->held);
	memset(dn, 0, sizeof *dn);
}
