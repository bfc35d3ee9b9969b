/*
 * cmd_mig_io — `mig export` and `mig import`: the system x step table as a spreadsheet
 * (業務,手順,状態,計画開始,計画終了,実績終了,備考), UTF-8 with a BOM for Excel or CP932.
 * An import checks every row first (naming line, column and reason), writes nothing if
 * any row is bad (unless --skip-bad), skips rows that already match, and writes the rest
 * in one transaction; --check only reports.
 */
#include "backend/cmd/cmd_mig.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend/cmd/cmd_export.h"
#include "backend/cmd/cmd_import.h"
#include "backend/lib/csv.h"
#include "backend/lib/text.h"
#include "backend/store/store_tx.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"

enum { X_SYS, X_STEP, X_ST, X_PS, X_PE, X_AE, X_NOTE, X_NCOL };
static const char *const xcols[X_NCOL] = { "業務", "手順", "状態", "計画開始", "計画終了",
    "実績終了", "備考" };

#define NOTE_MAX	2000
#define FIELD_MAX	200	/* characters in any other column */

/* The status code as the spreadsheet has it: its Japanese label. */
static void
export_values(void *arg, const struct grid *g, int r, const char **v)
{
	enum mig_st st;

	(void)arg;
	(void)g;
	(void)r;
	if (mig_st_parse(v[X_ST], &st) != 0)
		st = MIG_TODO;
	v[X_ST] = mig_st_label_ja(st);
}

int
cmd_mig_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_export_spec spec = { .what = "mig export", .fmt = OUT_CSV, .bom = 1,
	    .ncols = X_NCOL, .titles = xcols, .keys = xcols, .right = -1,
	    .values = export_values };
	struct cmd_export e;
	enum out_format fmt;
	const char *enc, *format;
	char *cause = NULL;
	int bom, cp932, rc;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, &cp932);
	enc = cmd_opt(ctx, "encoding");
	format = cmd_opt(ctx, "format");
	if (argc != 2 || (format != NULL && strcmp(format, "csv") != 0) || fmt == OUT_JSON)
		return cmd_usage(ctx, "mig");
	if (enc != NULL) {
		if (strcasecmp(enc, "cp932") == 0 || strcasecmp(enc, "sjis") == 0 ||
		    strcasecmp(enc, "shift_jis") == 0)
			cp932 = 1;
		else if (strcasecmp(enc, "utf-8") != 0 && strcasecmp(enc, "utf8") != 0)
			return cmd_error(ctx, CMD_USAGE, "mig export: --encoding %s: %s", enc,
			    _("use utf-8 or cp932"));
	}
	spec.cp932 = cp932;
	cmd_export_begin(ctx, &e, &spec);
	rc = store_mig_export(ctx->db, &e.x, &cause);
	return cmd_export_end(&e, rc, cause);
}

/* One row of the file, checked. */
struct irow {
	int		 line;
	int		 bad;
	struct mig_xrow	*cur;		/* the database's row */
	struct mig_xrow	 want;		/* note points into the row read */
};

static void
row_error(struct cmd_import *im, struct irow *r, const char *col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
row_error(struct cmd_import *im, struct irow *r, const char *col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cmd_import_error(im, r->line, col, "%s", msg);
	free(msg);
	r->bad = 1;
}

static int
same(const struct mig_xrow *a, const struct mig_xrow *b)
{
	return a->st == b->st && strcmp(a->ps, b->ps) == 0 && strcmp(a->pe, b->pe) == 0 &&
	    strcmp(a->ae, b->ae) == 0 && strcmp(a->note, b->note) == 0;
}

/* Check one row against the lists; fills r. first[i]: the line x's row i was first on. */
static void
check_row(struct cmd_import *im, const struct csv_row *row, const int *col,
    const struct mig_refs *sys, const struct mig_refs *steps, const struct mig_xrows *x,
    struct irow *r, int *first)
{
	const struct mig_ref *s, *st;
	char *cause = NULL, *dst[3];
	const char *f;
	int i;

	memset(r, 0, sizeof *r);
	r->line = row->line;
	for (i = 0; i < X_NCOL; i++)
		if (cmd_import_text(im, row, col[i], i == X_NOTE ? TEXT_IN_MULTILINE : 0,
		    i == X_NOTE ? NOTE_MAX : FIELD_MAX) != 0) {
			r->bad = 1;
			return;
		}
	f = csv_field(row, col[X_SYS]);
	if ((s = mig_ref_system(sys, f)) == NULL) {
		row_error(im, r, xcols[X_SYS], f[0] ? "%s \"%s\"" : "%s%s",
		    f[0] ? _("unknown system") : _("empty"), f);
		return;
	}
	f = csv_field(row, col[X_STEP]);
	if ((st = mig_ref_step(steps, f)) == NULL) {
		row_error(im, r, xcols[X_STEP], f[0] ? "%s \"%s\"" : "%s%s",
		    f[0] ? _("unknown step") : _("empty"), f);
		return;
	}
	if ((r->cur = mig_xrow_find(x, s->id, st->id)) == NULL) {
		row_error(im, r, xcols[X_STEP], "%s \"%s\"", _("unknown step"), f);
		return;
	}
	r->want = *r->cur;
	f = csv_field(row, col[X_ST]);
	if (mig_st_parse(f, &r->want.st) != 0)
		row_error(im, r, xcols[X_ST], "%s \"%s\" (%s)", _("bad status"), f,
		    "完了済み, 作業中, 未着手, 対象外 / done, doing, todo, na");
	dst[0] = r->want.ps;
	dst[1] = r->want.pe;
	dst[2] = r->want.ae;
	for (i = 0; i < 3; i++) {
		f = csv_field(row, col[X_PS + i]);
		if (cmd_mig_date(f, dst[i], &cause) != 0) {
			row_error(im, r, xcols[X_PS + i], "%s: %s", _("bad date"), cause);
			free(cause);
			cause = NULL;
		}
	}
	if (r->want.ps[0] && r->want.pe[0] && strcmp(r->want.pe, r->want.ps) < 0)
		row_error(im, r, xcols[X_PE], "%s (%s %s)", _("before the planned start"),
		    r->want.pe, r->want.ps);
	r->want.note = (char *)csv_field(row, col[X_NOTE]);
	i = (int)(r->cur - x->v);
	if (first[i] != 0)
		row_error(im, r, NULL, "%s %s / %s (%s %d)", _("duplicate row for"),
		    s->name, st->name, _("first on line"), first[i]);
	else
		first[i] = r->line;
}

/* Write one checked row in its own savepoint: 0, or -1 (reported; undone). */
static int
write_row(struct cmd_import *im, struct irow *r)
{
	struct cmd_ctx *ctx = im->ctx;
	char sqlstate[6], *cause = NULL, *what;

	if (store_tx_row(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig import: %s: %s", im->file, cause);
		free(cause);
		return -1;
	}
	if (mig_xrow_write(ctx->db, &r->want, sqlstate, &cause) == 0)
		return 0;
	store_tx_row_undo(ctx->db, NULL);
	what = xasprintf("mig import: %s: %s %d", im->file, _("line"), r->line);
	cmd_mig_write_error(ctx, what, r->want.sys_id, sqlstate, cause);
	free(what);
	free(cause);
	return -1;
}

int
cmd_mig_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_import im;
	struct mig_refs sys = { 0, NULL }, steps = { 0, NULL };
	struct mig_xrows x = { 0, NULL };
	struct csv_row row;
	struct irow r;
	char *cause = NULL;
	int col[X_NCOL], i, n = 0, check, skip_bad, rc = CMD_FAIL, nchange = 0, changed = 0;
	int nbad = 0, next, in_tx = 0, *first = NULL;

	check = cmd_flag(ctx, "check");
	skip_bad = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "mig");
	if (cmd_import_open(ctx, "mig import", argv[2], &im, &rc) != 0)
		return rc;
	for (i = 0; i < X_NCOL; i++)
		if ((col[i] = cmd_import_col(&im, xcols[i], NULL)) < 0) {
			cmd_error(ctx, CMD_FAIL, "mig import: %s: %s 1: %s \"%s\" %s", im.file,
			    _("line"), _("column"), xcols[i], _("is missing"));
			goto out;
		}
	if (mig_systems_load(ctx->db, &sys, &cause) != 0 ||
	    mig_steps_load(ctx->db, 0, &steps, &cause) != 0 ||
	    mig_xrows_load(ctx->db, &x, &cause) != 0 ||
	    store_tx_begin_import(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig import: %s", cause);
		goto out;
	}
	in_tx = 1;
	first = xcalloc((size_t)x.n + 1, sizeof *first);
	while ((next = cmd_import_next(&im, &row)) == 0) {
		int j, blank = 1;

		for (j = 0; j < row.nfields; j++)
			if (row.fields[j][0] != '\0')
				blank = 0;
		if (!blank) {
			n++;
			check_row(&im, &row, col, &sys, &steps, &x, &r, first);
			if (r.bad)
				nbad++;
			else if (!same(&r.want, r.cur)) {
				nchange++;
				/* written as it comes; nothing is kept if a row is bad (unless
				 * --skip-bad) */
				if (!check && (nbad == 0 || skip_bad)) {
					if (write_row(&im, &r) == 0)
						changed++;
					else {
						nbad++;
						if (!skip_bad) {
							fprintf(ctx->out, "%s\n",
							    _("nothing was written"));
							csv_row_free(&row);
							goto out;
						}
					}
				}
			}
		}
		csv_row_free(&row);
	}
	if (next < 0 || im.stopped)
		goto out;
	if (nbad > 0 && (!skip_bad || check)) {
		fprintf(ctx->out, "%d %s: %d %s, %d %s; %s\n", n, _("rows"), nbad, _("bad"),
		    nchange, check ? _("would change") : _("to change"),
		    _("nothing was written"));
		goto out;
	}
	if (check) {
		fprintf(ctx->out, "%d %s: %d %s, %d %s; %s\n", n, _("rows"), nchange,
		    _("would change"), n - nchange, _("unchanged"),
		    _("nothing was written (--check)"));
		rc = CMD_OK;
		goto out;
	}
	in_tx = 0;
	if (store_tx_commit(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig import: %s: %s", im.file, cause);
		goto out;
	}
	fprintf(ctx->out, "%d %s: %d %s, %d %s, %d %s\n", n, _("rows"), changed, _("changed"),
	    n - nbad - changed, _("unchanged"), nbad, _("skipped"));
	rc = CMD_OK;
out:
	if (in_tx)
		store_tx_rollback(ctx->db);
	cmd_import_close(&im);
	free(cause);
	free(first);
	mig_xrows_free(&x);
	mig_refs_free(&sys);
	mig_refs_free(&steps);
	return rc;
}
