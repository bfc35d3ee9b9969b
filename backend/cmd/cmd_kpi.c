/*
 * cmd_kpi — `kpi list|set|import`: KPI targets and actuals. Leads enter actuals for their
 * department's measures only: the kpi_value policy refuses the rest (42501). An import
 * checks every row first and writes all or nothing (unless --skip-bad), in one
 * transaction; every bad row is named by line, column and reason.
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd_plan.h"
#include "backend/cmd/cmd_import.h"
#include "backend/lib/csv.h"
#include "backend/store/store_tx.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_plan.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

/* Achievement in percent of target (inverted when lower is better); -1 when unknown. */
static double
kpi_rate(const char *actual, const char *target, int higher_is_better)
{
	double a, t;

	if (actual == NULL || target == NULL)
		return -1;
	a = strtod(actual, NULL);
	t = strtod(target, NULL);
	if (higher_is_better)
		return t != 0 ? a / t * 100 : -1;
	return a != 0 ? t / a * 100 : -1;
}

/* A 10-cell bar of rate (capped at 100%). */
static void
kpi_bar(double rate, char *buf, size_t len)
{
	int i, full = rate < 0 ? 0 : rate >= 100 ? 10 : (int)(rate / 10 + 0.5);

	buf[0] = '\0';
	for (i = 0; i < 10; i++)
		strncat(buf, i < full ? "█" : "░", len - strlen(buf) - 1);
}

/*
 * One row per KPI and year with a figure (or one empty row for a KPI with none): the
 * figures kpi_figure gives (sql/141), the very ones the report and the dashboard show,
 * with where they come from: computed (the definition) or typed (who, when).
 */
static int
kpi_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "kpi_id", "kpi", "unit", "baseline", "fy", "target",
		"actual", "rate", "source", "definition", "entered_by", "entered_at",
		"measure_id" };
	static const char *const tkeys[] = { "kpi_id", "kpi", "unit", "baseline", "fy", "target",
		"actual", "rate", "bar", "how" };
	const char *titles[] = { "ID", plan_tr("KPI"), plan_tr("Unit"), plan_tr("Baseline"),
		plan_tr("FY"), plan_tr("Target"), plan_tr("Actual"), plan_tr("Rate %"), "",
		plan_tr("Source") };
	enum out_format fmt;
	struct out_table *t;
	struct plan_kpi *k;
	const char *fy_s = cmd_opt(ctx, "fy");
	char *cause = NULL, idb[16], fyb[16], rateb[32], bar[64], mb[16];
	int bom, id = 0, n, i, j, any, only = 0;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc > 3)
		return cmd_usage(ctx, "kpi");
	if (fy_s != NULL && plan_fy(ctx, fy_s, &only) != 0)
		return CMD_USAGE;
	if (argc == 3 && plan_measure_arg(ctx, argv[2], &id) != 0)
		return CMD_FAIL;
	if (plan_kpis(ctx->db, id, &k, &n, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = fmt == OUT_TEXT ? out_new(10, titles, tkeys) : out_new(13, keys, keys);
	out_right(t, 0);
	out_right(t, 5);
	out_right(t, 6);
	out_right(t, 7);
	for (i = 0; i < n; i++) {
		snprintf(idb, sizeof idb, "%d", k[i].id);
		snprintf(mb, sizeof mb, "%d", k[i].measure_id);
		for (j = 0, any = 0; j < 7; j++) {
			double rate = kpi_rate(k[i].actual[j], k[i].target[j], k[i].higher_is_better);
			char *how;

			if (only != 0 && PLAN_FY_FIRST + j != only)
				continue;
			if (k[i].actual[j] == NULL && k[i].target[j] == NULL)
				continue;
			any = 1;
			snprintf(fyb, sizeof fyb, "%d", PLAN_FY_FIRST + j);
			if (rate >= 0)
				snprintf(rateb, sizeof rateb, "%.1f", rate);
			if (fmt == OUT_TEXT) {
				kpi_bar(rate, bar, sizeof bar);
				how = plan_kpi_provenance(&k[i], PLAN_FY_FIRST + j);
				out_rowf(t, idb, k[i].name, k[i].unit, k[i].baseline, fyb,
				    k[i].target[j], k[i].actual[j], rate >= 0 ? rateb : NULL, bar, how);
				free(how);
			} else
				out_rowf(t, idb, k[i].name, k[i].unit, k[i].baseline, fyb,
				    k[i].target[j], k[i].actual[j], rate >= 0 ? rateb : NULL,
				    k[i].source, k[i].definition, k[i].entered_by[j],
				    k[i].entered_at[j], mb);
		}
		if (!any) {
			char *how = fmt == OUT_TEXT ? plan_kpi_provenance(&k[i],
			    only != 0 ? only : PLAN_FY_FIRST) : NULL;
			const char *tv[10] = { idb, k[i].name, k[i].unit, k[i].baseline, NULL,
				NULL, NULL, NULL, "", how };
			const char *dv[13] = { idb, k[i].name, k[i].unit, k[i].baseline, NULL,
				NULL, NULL, NULL, k[i].source, k[i].definition, NULL, NULL, mb };

			out_row(t, fmt == OUT_TEXT ? tv : dv);
			free(how);
		}
	}
	plan_kpis_free(k, n);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
kpi_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *fy_s = NULL, *actual = NULL, *target = NULL, *note = NULL;
	char *cause = NULL, state[6];
	int mid, kid, fy;

	fy_s = cmd_opt(ctx, "fy");
	actual = cmd_opt(ctx, "actual");
	target = cmd_opt(ctx, "target");
	note = cmd_opt(ctx, "note");
	if (argc != 4 || fy_s == NULL)
		return cmd_usage(ctx, "kpi");
	if (actual == NULL && target == NULL)
		return cmd_error(ctx, CMD_USAGE, "kpi set: %s", plan_tr("give --actual, --target or both"));
	if (plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	if (actual != NULL && !plan_is_number(actual))
		return cmd_error(ctx, CMD_USAGE, "--actual: \"%s\": %s", actual, plan_tr("not a number"));
	if (target != NULL && !plan_is_number(target))
		return cmd_error(ctx, CMD_USAGE, "--target: \"%s\": %s", target, plan_tr("not a number"));
	if (plan_measure_arg(ctx, argv[2], &mid) != 0)
		return CMD_FAIL;
	if (plan_kpi_ref(ctx->db, mid, argv[3], &kid, &cause) != 0 ||
	    plan_kpi_set(ctx->db, kid, fy, actual, target, note, state, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi set: %s / %s: %s", argv[2], argv[3], cause);
		free(cause);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s %s / %s FY%d: %s\n", plan_tr("updated"), argv[2], argv[3], fy,
	    actual != NULL ? actual : target);
	return CMD_OK;
}

static char *
trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

enum { K_MEASURE, K_KPI, K_FY, K_ACTUAL, K_TARGET, K_NOTE, K_NCOL };

/* Check one row (errors reported with line and column); 0 with *kpi and *fy, or -1. */
static int
import_check(struct cmd_import *im, const struct csv_row *r, const int col[K_NCOL], int *kpi,
    int *fy)
{
	const struct csv_row *h = im->header;
	char *v[K_NCOL], *cause = NULL;
	int i, mid = 0, rc = 0;

	for (i = 0; i < K_NCOL; i++)
		if (cmd_import_text(im, r, col[i], i == K_NOTE ? TEXT_IN_MULTILINE : 0,
		    i == K_NOTE ? 2000 : 200) != 0)
			return -1;
	for (i = 0; i < K_NCOL; i++)
		v[i] = col[i] >= 0 ? trimmed(csv_field(r, col[i])) : xstrdup("");
	if (plan_measure_ref(im->ctx->db, v[K_MEASURE], &mid, &cause) != 0) {
		cmd_import_error(im, r->line, csv_field(h, col[K_MEASURE]), "%s", cause);
		rc = -1;
	} else if (plan_kpi_ref(im->ctx->db, mid, v[K_KPI], kpi, &cause) != 0) {
		cmd_import_error(im, r->line, csv_field(h, col[K_KPI]), "%s", cause);
		rc = -1;
	}
	free(cause);
	cause = NULL;
	if (fy_parse(v[K_FY], PLAN_FY_FIRST, PLAN_FY_MAX, fy, &cause) != 0) {
		cmd_import_error(im, r->line, csv_field(h, col[K_FY]), "%s", cause);
		rc = -1;
	}
	free(cause);
	for (i = K_ACTUAL; i <= K_TARGET; i++)
		if ((i == K_ACTUAL || v[i][0] != '\0') && !plan_is_number(v[i])) {
			cmd_import_error(im, r->line, csv_field(h, col[i]), "\"%s\": %s", v[i],
			    plan_tr("not a number"));
			rc = -1;
		}
	for (i = 0; i < K_NCOL; i++)
		free(v[i]);
	return rc;
}

/* Write one checked row (in a savepoint when skip_bad): 0, -1 row refused (reported), -2
 * the transaction failed (reported). */
static int
import_write(struct cmd_import *im, const struct csv_row *r, const int col[K_NCOL], int kpi,
    int fy, int skip_bad)
{
	struct cmd_ctx *ctx = im->ctx;
	const char *target = col[K_TARGET] >= 0 ? csv_field(r, col[K_TARGET]) : "";
	const char *note = col[K_NOTE] >= 0 ? csv_field(r, col[K_NOTE]) : "";
	char *cause = NULL, *a, *t, state[6];
	int wrc;

	if (skip_bad && store_tx_row(ctx->db, &cause) != 0)
		goto fail;
	a = trimmed(csv_field(r, col[K_ACTUAL]));
	t = target[0] != '\0' ? trimmed(target) : NULL;
	wrc = plan_kpi_set(ctx->db, kpi, fy, a, t, note[0] != '\0' ? note : NULL, state, &cause);
	free(a);
	free(t);
	if (wrc == 0)
		return 0;
	cmd_error(ctx, CMD_FAIL, "kpi import: line %d: %s", r->line, cause);
	free(cause);
	cause = NULL;
	if (skip_bad && store_tx_row_undo(ctx->db, &cause) != 0)
		goto fail;
	return -1;
fail:
	cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
	free(cause);
	return -2;
}

static int
kpi_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const names[K_NCOL][2] = { { "measure", "施策" }, { "kpi", "指標" },
	    { "fy", "年度" }, { "actual", "実績" }, { "target", "目標" }, { "note", "備考" } };
	static const char *const need[] = { "measure (施策)", "kpi (指標)", "fy (年度)",
	    "actual (実績)" };
	struct cmd_import im;
	struct csv_row row;
	char *cause = NULL;
	int check, skip_bad, col[K_NCOL], i, bad = 0, written = 0, wrc, kpi, fy, next;
	int rc = CMD_FAIL, in_tx = 0;

	check = cmd_flag(ctx, "check");
	skip_bad = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "kpi");
	if (cmd_import_open(ctx, "kpi import", argv[2], &im, &rc) != 0)
		return rc;
	for (i = 0; i < K_NCOL; i++)
		col[i] = cmd_import_col(&im, names[i][0], names[i][1]);
	for (i = 0; i < K_TARGET; i++)
		if (col[i] < 0) {
			cmd_error(ctx, CMD_FAIL, "kpi import: %s: line 1: %s: %s; %s", argv[2],
			    plan_tr("missing column"), need[i], plan_tr("nothing was written"));
			goto out;
		}
	if (store_tx_begin_import(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
		goto out;
	}
	in_tx = 1;
	while ((next = cmd_import_next(&im, &row)) == 0) {
		wrc = 0;
		if (import_check(&im, &row, col, &kpi, &fy) != 0)
			bad++;
		else if (bad == 0 || skip_bad) {
			if ((wrc = import_write(&im, &row, col, kpi, fy, skip_bad)) == 0)
				written++;
			else
				bad++;
		}
		csv_row_free(&row);
		if (wrc == -2 || (wrc != 0 && !skip_bad)) {
			cmd_error(ctx, CMD_FAIL, "kpi import: %s", plan_tr("nothing was written"));
			goto out;
		}
	}
	if (next < 0 || im.stopped)
		goto out;
	if (bad > 0 && !skip_bad) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %d %s; %s", bad, plan_tr("bad rows"),
		    plan_tr("nothing was written"));
		goto out;
	}
	if (!check) {
		in_tx = 0;
		if (store_tx_commit(ctx->db, &cause) != 0) {
			cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
			goto out;
		}
	}
	fprintf(ctx->out, "%s: %d %s, %d %s (%s)\n", plan_tr(check ? "check" : "imported"),
	    written, plan_tr(check ? "rows would be written" : "rows written"), im.rows - written,
	    plan_tr("rows skipped"), csv_encoding(im.csv));
	rc = bad > 0 ? CMD_FAIL : CMD_OK;
out:
	if (in_tx)
		store_tx_rollback(ctx->db);
	cmd_import_close(&im);
	free(cause);
	return rc;
}

int
cmd_kpi(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return kpi_list(ctx, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "set") == 0)
		return kpi_set(ctx, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return kpi_import(ctx, argc, argv);
	return cmd_usage(ctx, "kpi");
}
