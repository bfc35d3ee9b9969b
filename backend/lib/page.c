/*
 * page — the rows a table source hands over (backend/lib/page.h).
 */
#include "backend/lib/page.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

void
table_row_alloc(struct table_row *r, const char *key, int ncells)
{
	r->key = xstrdup(key != NULL ? key : "");
	r->cells = xcalloc((size_t)ncells, sizeof *r->cells);
	r->ncells = ncells;
	r->mark = 0;
}

void
table_row_set(struct table_row *r, int col, const char *value)
{
	if (col < 0 || col >= r->ncells)
		return;
	free(r->cells[col]);
	r->cells[col] = value != NULL ? xstrdup(value) : NULL;
}

void
table_row_clear(struct table_row *r)
{
	int	 i;

	for (i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->key);
	memset(r, 0, sizeof *r);
}
