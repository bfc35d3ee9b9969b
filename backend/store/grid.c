/*
 * grid — a store read's rows as text (see grid.h); db_grid (db.h) fills one from a query.
 */
#include "backend/store/grid.h"

#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/util.h"

int
db_grid(struct db *db, const char *sql, int nparams, const char *const *params,
    struct grid *g, char sqlstate[6], char **cause)
{
	PGresult	*res;
	int		 r, c;

	memset(g, 0, sizeof *g);
	if ((res = db_query(db, sql, nparams, params, sqlstate, cause)) == NULL)
		return -1;
	g->nrows = PQntuples(res);
	g->ncols = PQnfields(res);
	g->cell = xcalloc((size_t)g->nrows * (size_t)g->ncols + 1, sizeof *g->cell);
	g->null = xcalloc((size_t)g->nrows * (size_t)g->ncols + 1, 1);
	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			g->null[r * g->ncols + c] = (unsigned char)PQgetisnull(res, r, c);
			g->cell[r * g->ncols + c] = xstrdup(PQgetvalue(res, r, c));
		}
	PQclear(res);
	return 0;
}

const char *
grid_str(const struct grid *g, int row, int col)
{
	if (row < 0 || col < 0 || row >= g->nrows || col >= g->ncols ||
	    g->null[row * g->ncols + col])
		return "";
	return g->cell[row * g->ncols + col];
}

int
grid_int(const struct grid *g, int row, int col)
{
	return atoi(grid_str(g, row, col));
}

int
grid_isnull(const struct grid *g, int row, int col)
{
	return row < 0 || col < 0 || row >= g->nrows || col >= g->ncols ||
	    g->null[row * g->ncols + col];
}

void
grid_free(struct grid *g)
{
	int	 i;

	if (g->cell != NULL)
		for (i = 0; i < g->nrows * g->ncols; i++)
			free(g->cell[i]);
	free(g->cell);
	free(g->null);
	memset(g, 0, sizeof *g);
}
