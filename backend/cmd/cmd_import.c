/*
 * cmd_import — the bounds every CSV import shares (cmd_import.h).
 */
#include "backend/cmd/cmd_import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"

int
cmd_import_open(struct cmd_ctx *ctx, const char *what, const char *path,
    struct cmd_import *im, int *rc)
{
	char *cause = NULL;

	memset(im, 0, sizeof *im);
	im->ctx = ctx;
	im->what = what;
	im->file = strcmp(path, "-") == 0 ? _("standard input") : path;
	im->max_rows = ctx->cfg != NULL && ctx->cfg->import_max_rows > 0 ?
	    ctx->cfg->import_max_rows : IMPORT_MAX_ROWS_DEFAULT;
	if ((im->f = cmd_open_input(ctx, what, path, rc)) == NULL)
		return -1;
	if (csv_open(im->f, &im->csv, &cause) != 0) {
		*rc = cmd_error(ctx, CMD_FAIL, "%s: %s: %s; %s", what, im->file, cause,
		    _("nothing was written"));
		free(cause);
		if (im->f != ctx->in)
			fclose(im->f);
		im->f = NULL;
		return -1;
	}
	im->header = csv_header(im->csv);
	return 0;
}

/* Read one row, holding the row limit; 0, 1 at the end, -1 (reported). */
static int
import_read(struct cmd_import *im, struct csv_row *row)
{
	char *cause = NULL;
	int rc;

	if ((rc = csv_next(im->csv, row, &cause)) < 0) {
		cmd_error(im->ctx, CMD_FAIL, "%s: %s: %s", im->what, im->file, cause);
		free(cause);
		im->failed = 1;
		return -1;
	}
	if (rc > 0)
		return 1;
	if (im->rows == im->max_rows) {
		cmd_error(im->ctx, CMD_FAIL, _("%s: %s: line %d: more than %d rows (import.max_rows); "
		    "split the file"), im->what, im->file, row->line, im->max_rows);
		csv_row_free(row);
		im->failed = 1;
		return -1;
	}
	im->rows++;
	if (im->rows % IMPORT_PROGRESS == 0)
		fprintf(im->ctx->err, _("rashin: %s: %d rows read\n"), im->what, im->rows);
	return 0;
}

int
cmd_import_next(struct cmd_import *im, struct csv_row *row)
{
	int rc;

	if (im->failed)
		return -1;
	if (im->errors < IMPORT_MAX_ERRORS)
		return import_read(im, row);
	/* stopped: count what is left, check nothing */
	im->stopped = 1;
	while ((rc = import_read(im, row)) == 0) {
		im->rest++;
		csv_row_free(row);
	}
	memset(row, 0, sizeof *row);
	return rc;
}

void
cmd_import_error(struct cmd_import *im, int line, const char *col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	im->errors++;
	if (im->errors > IMPORT_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (col != NULL)
		cmd_error(im->ctx, CMD_FAIL, "%s: %s: %s %d, %s %s: %s", im->what, im->file,
		    _("line"), line, _("column"), col, msg);
	else
		cmd_error(im->ctx, CMD_FAIL, "%s: %s: %s %d: %s", im->what, im->file, _("line"),
		    line, msg);
	free(msg);
}

int
cmd_import_text(struct cmd_import *im, const struct csv_row *row, int col, int flags, int max)
{
	char *cause = NULL;

	if (col < 0 || text_input_check(csv_field(im->header, col), csv_field(row, col), flags,
	    max, &cause) == 0)
		return 0;
	cmd_import_error(im, row->line, NULL, "%s %s", _("column"), cause);
	free(cause);
	return -1;
}

int
cmd_import_fields(struct cmd_import *im, const struct csv_row *row, int max)
{
	int j;

	for (j = 0; j < row->nfields; j++)
		if (cmd_import_text(im, row, j, 0, max) != 0)
			return -1;
	return 0;
}

int
cmd_import_col(const struct cmd_import *im, const char *name, const char *alt)
{
	int c = name != NULL ? csv_header_col(im->header, name) : -1;

	return c >= 0 || alt == NULL ? c : csv_header_col(im->header, alt);
}

void
cmd_import_close(struct cmd_import *im)
{
	if (im->stopped)
		cmd_error(im->ctx, CMD_FAIL, _("%s: %s: stopped after %d errors; %d more rows were "
		    "not checked; nothing was written"), im->what, im->file, IMPORT_MAX_ERRORS,
		    im->rest);
	csv_close(im->csv);
	im->csv = NULL;
	if (im->f != NULL && im->f != im->ctx->in)
		fclose(im->f);
	im->f = NULL;
}
