/*
 * cmd_export — the shared path of every export: store rows to the output as they come.
 */
#include "backend/cmd/cmd_export.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/store/grid.h"
#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

/* The output's start: written only once the export is known to go ahead. */
static void
export_open(struct cmd_export *e)
{
	const struct cmd_export_spec *s = e->spec;

	e->opened = 1;
	if (s->write != NULL) {
		if (s->head != NULL)
			fputs(s->head, e->ctx->out);
		return;
	}
	e->out = out_stream_new(e->ctx->out, s->fmt, s->ncols, s->titles, s->keys, s->bom,
	    s->cp932);
	if (s->right >= 0)
		out_stream_right(e->out, s->right);
}

static int
export_row(void *arg, const struct grid *g, int r)
{
	struct cmd_export *e = arg;
	const struct cmd_export_spec *s = e->spec;
	int c, rc;

	if (!e->opened)
		export_open(e);
	if (s->write != NULL)
		rc = s->write(s->arg, e->ctx->out, g, r) != 0 || ferror(e->ctx->out) ? -1 : 0;
	else {
		for (c = 0; c < s->ncols; c++)
			e->v[c] = grid_isnull(g, r, c) ? NULL : grid_str(g, r, c);
		if (s->values != NULL)
			s->values(s->arg, g, r, e->v);
		rc = out_stream_row(e->out, e->v);
	}
	if (rc != 0) {
		e->failed = 1;
		return -1;
	}
	if (++e->written % EXPORT_PROGRESS == 0)
		fprintf(e->ctx->err, _("rashin: %s: %ld of %ld rows written\n"), s->what,
		    e->written, e->x.rows);
	return 0;
}

void
cmd_export_begin(struct cmd_ctx *ctx, struct cmd_export *e, const struct cmd_export_spec *s)
{
	memset(e, 0, sizeof *e);
	e->ctx = ctx;
	e->spec = s;
	e->v = xcalloc((size_t)s->ncols + 1, sizeof *e->v);
	e->x.what = s->what;
	e->x.max_rows = ctx->cfg != NULL && ctx->cfg->export_max_rows > 0 ?
	    ctx->cfg->export_max_rows : EXPORT_MAX_ROWS_DEFAULT;
	e->x.row = export_row;
	e->x.arg = e;
}

int
cmd_export_end(struct cmd_export *e, int rc, char *cause)
{
	struct cmd_ctx *ctx = e->ctx;
	const char *what = e->spec->what;
	int n = 0, status = CMD_OK;

	if (rc == 0 && !e->opened)
		export_open(e);		/* no rows: the header alone */
	if (e->out != NULL && out_stream_end(e->out, &n) != 0)
		e->failed = 1;
	else if (e->out == NULL && e->opened && fflush(ctx->out) != 0)
		e->failed = 1;
	if (rc == 1 && e->spec->narrow != NULL)
		status = cmd_error(ctx, CMD_FAIL, _("%s: %ld rows, more than %ld (export.max_rows); "
		    "nothing was written: narrow it (%s) or raise the limit"), what, e->x.rows,
		    e->x.max_rows, e->spec->narrow);
	else if (rc == 1)
		status = cmd_error(ctx, CMD_FAIL, _("%s: %ld rows, more than %ld (export.max_rows); "
		    "nothing was written: raise the limit"), what, e->x.rows, e->x.max_rows);
	else if (rc != 0 && cause != NULL)
		status = cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
	else if (rc != 0 || e->failed)
		status = cmd_error(ctx, CMD_FAIL, _("%s: writing the output failed after %ld of %ld "
		    "rows"), what, e->written, e->x.rows);
	if (n > 0)
		cmd_error(ctx, CMD_OK, _("%s: %d characters that CP932 lacks were written as 〓"),
		    what, n);
	free(cause);
	free(e->v);
	return status;
}
