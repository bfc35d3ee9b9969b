/*
 * db_save — a transaction's receipt and the question put with it (db_save.h).
 */
#include "backend/store/db_save.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

void
db_save_new(char token[DB_SAVE_LEN])
{
	unsigned char r[16];
	size_t i;

	token[0] = '\0';
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		return;
	for (i = 0; i < sizeof r; i++)
		snprintf(token + 2 * i, 3, "%02x", r[i]);
}

int
db_save_ask(PGconn *conn, const char *token)
{
	const char *p[1] = { token };
	PGresult *res;
	int done;

	res = PQexecParams(conn, "SELECT rs_save_done($1)", 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		done = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	else
		done = PQstatus(conn) == CONNECTION_BAD ? -1 : -2;
	PQclear(res);
	return done;
}

int
db_save_said(int done, char **cause)
{
	if (done == 1)
		return set_cause(cause, "%s", _("the database connection broke as this was "
		    "saved; it was saved (checked after reconnecting)"));
	if (done == 0)
		return set_cause(cause, "%s", _("the database connection broke as this was "
		    "saved; nothing of it was saved: save again"));
	return set_cause(cause, "%s", _("the database connection broke as this was saved, "
	    "and whether it was saved is not known: look before saving again"));
}
