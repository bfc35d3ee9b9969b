/*
 * store_export — every export's rows in batches, so memory does not depend on the size of
 * the result: the domain's query is a cursor (STORE_EXPORT_CURSOR "SELECT ...") read with
 * FETCH in one REPEATABLE READ, READ ONLY transaction, each row handed to a callback that
 * writes it out. Before the first row: one export at a time per member (an advisory lock
 * beside the imports'; a second export is refused naming the one that runs) and the row
 * bound (export.max_rows: the rows are counted on the server first, in the same
 * snapshot, and a larger export hands out nothing). No libpq here.
 */
#ifndef RASHIN_STORE_EXPORT_H
#define RASHIN_STORE_EXPORT_H

/* The start of every export's statement: a constant, followed by its SELECT. */
#define STORE_EXPORT_CURSOR	"DECLARE rs_export NO SCROLL CURSOR FOR "

struct db;
struct grid;

struct store_export {
	const char	*what;		/* "audit export": shown to the member's next export */
	long		 max_rows;	/* more than this: nothing handed out */
	/* Row r of the batch g: 0, or -1 to stop (writing failed; cause already told). */
	int		(*row)(void *arg, const struct grid *g, int r);
	void		*arg;
	long		 rows;		/* out: how many rows the export has (counted first) */
};

/*
 * Run the cursor statement sql (STORE_EXPORT_CURSOR ...) with its parameters and hand
 * every row to x->row. 0 when all were handed out; 1 when there are more than
 * x->max_rows (x->rows: how many; nothing handed out); -1 with *cause when it failed, the
 * member's other export is running (*cause names it), or x->row stopped it (*cause NULL).
 */
int	store_export_run(struct db *, const char *sql, int nparams, const char *const *params,
	    struct store_export *x, char **cause);

#endif
