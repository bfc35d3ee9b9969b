/*
 * grid — the rows a store read hands up, as text: what the command layer prints without
 * seeing a database result. A NULL value reads as "" (grid_isnull tells it apart).
 * No libpq here: the store fills a grid (db_grid in db.h), the command layer reads it.
 */
#ifndef RASHIN_GRID_H
#define RASHIN_GRID_H

struct grid {
	int		 nrows;
	int		 ncols;
	char		**cell;		/* nrows * ncols values */
	unsigned char	*null;		/* 1 where the value was NULL */
};

/* The value at (row, col); "" when out of range or NULL. */
const char	*grid_str(const struct grid *, int row, int col);
int		 grid_int(const struct grid *, int row, int col);
int		 grid_isnull(const struct grid *, int row, int col);
void		 grid_free(struct grid *);

#endif
