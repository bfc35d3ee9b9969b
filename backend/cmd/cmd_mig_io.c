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

#include "backend/lib/csv.h"
#include "backend/store/store_tx.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"

enum { X_SYS, X_STEP, X_ST, X_PS, X_PE, X_AE, X_NOTE, X_NCOL };
static const char *const xcols[X_NCOL] = { "業務", "手順", "状態", "計画開始", "計画終了",
    "実績終了", "備考" };

#define NOTE_MAX	2000

int
cmd_mig_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct mig_xrows x;
	enum out_format fmt;
	struct out_table *t;
	const char *enc, *format;
	char *cause = NULL;
	int i, bom, cp932;

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
	if (mig_xrows_load(ctx->db, &x, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig export: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(X_NCOL, xcols, xcols);
	for (i = 0; i < x.n; i++)
		out_rowf(t, x.v[i].sys, x.v[i].step, mig_st_label_ja(x.v[i].st), x.v[i].ps,
		    x.v[i].pe, x.v[i].ae, x.v[i].note);
	mig_xrows_free(&x);
	return cmd_csv_export(ctx, t, cp932, "mig export");
}

/* One row of the file, checked. */
struct irow {
	int		 line;
	int		 bad;
	struct mig_xrow	*cur;		/* the database's row */
	struct mig_xrow	 want;		/* note points into the document */
};

struct import {
	struct cmd_ctx	*ctx;
	const char	*file;
	int		 nbad;
};

static void
row_error(struct import *im, struct irow *r, const char *col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
row_error(struct import *im, struct irow *r, const char *col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (col != NULL)
		cmd_error(im->ctx, CMD_FAIL, "mig import: %s: %s %d, %s %s: %s", im->file,
		    _("line"), r->line, _("column"), col, msg);
	else
		cmd_error(im->ctx, CMD_FAIL, "mig import: %s: %s %d: %s", im->file, _("line"),
		    r->line, msg);
	free(msg);
	if (!r->bad)
		im->nbad++;
	r->bad = 1;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
same(const struct mig_xrow *a, const struct mig_xrow *b)
{
	return a->st == b->st && strcmp(a->ps, b->ps) == 0 && strcmp(a->pe, b->pe) == 0 &&
	    strcmp(a->ae, b->ae) == 0 && strcmp(a->note, b->note) == 0;
}

/* Check one row against the lists; fills r. */
static void
check_row(struct import *im, const struct csv_row *row, const int *col,
    const struct mig_refs *sys, const struct mig_refs *steps, const struct mig_xrows *x,
    struct irow *r, const struct irow *prev, int nprev)
{
	const struct mig_ref *s, *st;
	char *cause = NULL, *dst[3];
	const char *f;
	int i;

	r->line = row->line;
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
	f = csv_field(row, col[X_NOTE]);
	if (utf8_chars(f) > NOTE_MAX)
		row_error(im, r, xcols[X_NOTE], "%s %d %s", _("longer than"), NOTE_MAX,
		    _("characters"));
	r->want.note = (char *)f;
	for (i = 0; i < nprev; i++)
		if (prev[i].cur == r->cur) {
			row_error(im, r, NULL, "%s %s / %s (%s %d)", _("duplicate row for"),
			    s->name, st->name, _("first on line"), prev[i].line);
			break;
		}
}

static int
write_rows(struct import *im, struct irow *rows, int n, int skip_bad, int *changed)
{
	struct cmd_ctx *ctx = im->ctx;
	char sqlstate[6], *cause = NULL, *what;
	int i;

	if (store_tx_begin(ctx->db, &cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (rows[i].bad || same(&rows[i].want, rows[i].cur))
			continue;
		if (store_tx_row(ctx->db, &cause) != 0)
			goto fail;
		if (mig_xrow_write(ctx->db, &rows[i].want, sqlstate, &cause) != 0) {
			store_tx_row_undo(ctx->db, NULL);
			what = xasprintf("mig import: %s: %s %d", im->file, _("line"), rows[i].line);
			cmd_mig_write_error(ctx, what, rows[i].want.sys_id, sqlstate, cause);
			free(what);
			free(cause);
			cause = NULL;
			rows[i].bad = 1;
			im->nbad++;
			if (!skip_bad) {
				store_tx_rollback(ctx->db);
				return -1;
			}
			continue;
		}
		(*changed)++;
	}
	if (store_tx_commit(ctx->db, &cause) != 0)
		goto fail;
	return 0;
fail:
	cmd_error(ctx, CMD_FAIL, "mig import: %s: %s", im->file, cause != NULL ? cause : "?");
	free(cause);
	store_tx_rollback(ctx->db);
	return -1;
}

int
cmd_mig_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import im = { ctx, NULL, 0 };
	struct mig_refs sys = { 0, NULL }, steps = { 0, NULL };
	struct mig_xrows x = { 0, NULL };
	struct csv_doc doc;
	struct irow *rows = NULL;
	char *cause = NULL;
	FILE *f;
	int col[X_NCOL], i, n = 0, check, skip_bad, rc = CMD_FAIL, nchange = 0, changed = 0;

	check = cmd_flag(ctx, "check");
	skip_bad = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "mig");
	im.file = argv[2];
	if (strcmp(argv[2], "-") == 0)
		im.file = _("standard input");
	if ((f = cmd_open_input(ctx, "mig import", argv[2], &i)) == NULL)
		return i;
	i = csv_read_file(f, &doc, &cause);
	if (f != ctx->in)
		fclose(f);
	if (i != 0) {
		cmd_error(ctx, CMD_FAIL, "mig import: %s: %s; %s", im.file, cause,
		    _("nothing was written"));
		free(cause);
		return CMD_FAIL;
	}
	for (i = 0; i < X_NCOL; i++)
		if ((col[i] = csv_col(&doc, xcols[i])) < 0) {
			cmd_error(ctx, CMD_FAIL, "mig import: %s: %s 1: %s \"%s\" %s", im.file,
			    _("line"), _("column"), xcols[i], _("is missing"));
			goto out;
		}
	if (mig_systems_load(ctx->db, &sys, &cause) != 0 ||
	    mig_steps_load(ctx->db, 0, &steps, &cause) != 0 ||
	    mig_xrows_load(ctx->db, &x, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig import: %s", cause);
		goto out;
	}
	rows = xcalloc((size_t)doc.nrows + 1, sizeof *rows);
	for (i = 0; i < doc.nrows; i++) {
		int j, blank = 1;

		for (j = 0; j < doc.rows[i].nfields; j++)
			if (doc.rows[i].fields[j][0] != '\0')
				blank = 0;
		if (blank)
			continue;
		check_row(&im, &doc.rows[i], col, &sys, &steps, &x, &rows[n], rows, n);
		if (!rows[n].bad && !same(&rows[n].want, rows[n].cur))
			nchange++;
		n++;
	}
	if (im.nbad > 0 && (!skip_bad || check)) {
		fprintf(ctx->out, "%d %s: %d %s, %d %s; %s\n", n, _("rows"), im.nbad, _("bad"),
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
	if (nchange > 0 && write_rows(&im, rows, n, skip_bad, &changed) != 0) {
		fprintf(ctx->out, "%s\n", _("nothing was written"));
		goto out;
	}
	fprintf(ctx->out, "%d %s: %d %s, %d %s, %d %s\n", n, _("rows"), changed, _("changed"),
	    n - im.nbad - changed, _("unchanged"), im.nbad, _("skipped"));
	rc = CMD_OK;
out:
	free(cause);
	free(rows);
	mig_xrows_free(&x);
	mig_refs_free(&sys);
	mig_refs_free(&steps);
	csv_free(&doc);
	return rc;
}
