/*
 * db_result — reading results (see db.h): rows into an array, values by position.
 */
#include "backend/store/db.h"

#include <stdio.h>
#include <stdlib.h>

#include "backend/lib/util.h"

void *
db_rows(struct db *db, const char *sql, int nparams, const char *const *params, size_t size,
    int *n, PGresult **res, char **cause)
{
	*n = 0;
	if ((*res = db_query(db, sql, nparams, params, NULL, cause)) == NULL)
		return NULL;
	*n = PQntuples(*res);
	return xcalloc((size_t)*n + 1, size);
}

int
db_refused(char sqlstate[6], char **cause, const char *msg)
{
	if (sqlstate != NULL)
		snprintf(sqlstate, 6, "%s", DB_SQLSTATE_DENIED);
	return set_cause(cause, "%s", msg);
}

const char *
db_str(const PGresult *res, int row, int col)
{
	if (row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col))
		return "";
	return PQgetvalue(res, row, col);
}

int
db_int(const PGresult *res, int row, int col)
{
	return atoi(db_str(res, row, col));
}

int
db_isnull(const PGresult *res, int row, int col)
{
	return row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col);
}
