/*
 * cmd_import — what every CSV import shares, so each is bounded the same way: the file is
 * read as a stream (memory does not grow with it), at most import.max_rows data rows (a
 * longer file is refused), the first IMPORT_MAX_ERRORS errors reported and then the
 * import stops (the rows left are counted, not checked), progress on stderr every
 * IMPORT_PROGRESS rows, every text field through the one input rule (lib/text.h), and
 * one import at a time per member (store_tx_begin_import). The importer keeps its own
 * transaction semantics: all or nothing, or the good rows with --skip-bad.
 */
#ifndef RASHIN_CMD_IMPORT_H
#define RASHIN_CMD_IMPORT_H

#include <stdio.h>

#include "backend/lib/csv.h"

struct cmd_ctx;

#define IMPORT_MAX_ERRORS	100
#define IMPORT_PROGRESS		10000
#define IMPORT_MAX_ROWS_DEFAULT	100000

struct cmd_import {
	struct cmd_ctx		*ctx;
	const char		*what;		/* "staff import": the start of every message */
	const char		*file;		/* the file as messages name it */
	FILE			*f;
	struct csv_reader	*csv;
	const struct csv_row	*header;
	int			 rows;		/* data rows read so far */
	int			 errors;	/* errors reported */
	int			 max_rows;
	int			 stopped;	/* IMPORT_MAX_ERRORS reached: the rest only counted */
	int			 rest;		/* rows read but not checked after stopping */
	int			 failed;	/* the file could not be read to its end (reported) */
};

/*
 * Open path ("-" for standard input) and read its header. 0, or -1 after reporting why
 * (*rc gets the exit status).
 */
int	 cmd_import_open(struct cmd_ctx *, const char *what, const char *path,
	    struct cmd_import *, int *rc);
/*
 * The next data row to check (free with csv_row_free): 0; 1 at the end, or once
 * IMPORT_MAX_ERRORS errors were reported (then the rest of the file is read and counted
 * in ->rest); -1 when the file is longer than import.max_rows or cannot be read (reported;
 * ->failed set: write nothing).
 */
int	 cmd_import_next(struct cmd_import *, struct csv_row *);
/* Report an error on a row: "WHAT: FILE: line N, column COL: message" (col may be NULL). */
void	 cmd_import_error(struct cmd_import *, int line, const char *col, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/*
 * The input rule on field col of row (lib/text.h text_input_check with flags and max
 * characters); on a refusal report it (naming line, column, character and its position)
 * and return -1. A column the file lacks (col < 0) passes.
 */
int	 cmd_import_text(struct cmd_import *, const struct csv_row *, int col, int flags,
	    int max);
/* Every field of row through the input rule as one line of at most max characters. */
int	 cmd_import_fields(struct cmd_import *, const struct csv_row *, int max);
/* Index of the column named name or alt (either may be NULL), -1 if none. */
int	 cmd_import_col(const struct cmd_import *, const char *name, const char *alt);
/* Close the file; say how the reading stopped (errors capped: how many rows were left). */
void	 cmd_import_close(struct cmd_import *);

#endif
