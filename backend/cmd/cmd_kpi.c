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

struct import_row {
	int		 line, kpi, fy, ok;
	const char	*actual, *target, *note;
};

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

/* Column index by English or Japanese header name; -1 when absent. */
static int
column(const struct csv_doc *d, const char *en, const char *ja)
{
	int c = csv_col(d, en);

	return c >= 0 ? c : csv_col(d, ja);
}

/* Check one row; on error report it (line, column, reason) and return -1. */
static int
import_check(struct cmd_ctx *ctx, const struct csv_doc *d, const struct csv_row *r,
    const int col[6], struct import_row *out)
{
	const char *names[] = { d->header.fields[col[0]], d->header.fields[col[1]],
		d->header.fields[col[2]], d->header.fields[col[3]] };
	char *v[6], *cause = NULL;
	int i, mid = 0, rc = 0;

	for (i = 0; i < 6; i++)
		v[i] = col[i] >= 0 ? trimmed(csv_field(r, col[i])) : xstrdup("");
	out->line = r->line;
	if (plan_measure_ref(ctx->db, v[0], &mid, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: line %d, column %s: %s", r->line, names[0], cause);
		rc = -1;
	} else if (plan_kpi_ref(ctx->db, mid, v[1], &out->kpi, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: line %d, column %s: %s", r->line, names[1], cause);
		rc = -1;
	}
	free(cause);
	cause = NULL;
	if (fy_parse(v[2], PLAN_FY_FIRST, PLAN_FY_MAX, &out->fy, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: line %d, column %s: %s", r->line, names[2], cause);
		rc = -1;
	}
	free(cause);
	if (!plan_is_number(v[3])) {
		cmd_error(ctx, CMD_FAIL, "kpi import: line %d, column %s: \"%s\": %s", r->line,
		    names[3], v[3], plan_tr("not a number"));
		rc = -1;
	}
	if (v[4][0] != '\0' && !plan_is_number(v[4])) {
		cmd_error(ctx, CMD_FAIL, "kpi import: line %d, column %s: \"%s\": %s", r->line,
		    d->header.fields[col[4]], v[4], plan_tr("not a number"));
		rc = -1;
	}
	for (i = 0; i < 6; i++)
		free(v[i]);
	out->actual = csv_field(r, col[3]);
	out->target = col[4] >= 0 && csv_field(r, col[4])[0] != '\0' ? csv_field(r, col[4]) : NULL;
	out->note = col[5] >= 0 && csv_field(r, col[5])[0] != '\0' ? csv_field(r, col[5]) : NULL;
	out->ok = rc == 0;
	return rc;
}

static int
import_write(struct cmd_ctx *ctx, struct import_row *rows, int n, int skip_bad, int *written)
{
	char *cause = NULL, *a, *t, state[6];
	int i, rc = 0, wrc;

	*written = 0;
	for (i = 0; i < n; i++) {
		if (!rows[i].ok)
			continue;
		if (skip_bad && store_tx_row(ctx->db, &cause) != 0)
			break;
		a = trimmed(rows[i].actual);
		t = rows[i].target != NULL ? trimmed(rows[i].target) : NULL;
		wrc = plan_kpi_set(ctx->db, rows[i].kpi, rows[i].fy, a, t, rows[i].note, state,
		    &cause);
		free(a);
		free(t);
		if (wrc != 0) {
			cmd_error(ctx, CMD_FAIL, "kpi import: line %d: %s", rows[i].line, cause);
			free(cause);
			cause = NULL;
			rows[i].ok = 0;
			rc = -1;
			if (skip_bad && store_tx_row_undo(ctx->db, &cause) != 0)
				break;
		} else
			(*written)++;
		if (rc != 0 && !skip_bad)
			return -1;
	}
	if (cause != NULL) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
		free(cause);
		return -2;
	}
	return rc;
}

static int
kpi_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct csv_doc d;
	struct import_row *rows;
	FILE *f;
	char *cause = NULL;
	int check, skip_bad, col[6], i, bad = 0, written = 0, wrc;

	check = cmd_flag(ctx, "check");
	skip_bad = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "kpi");
	if ((f = cmd_open_input(ctx, "kpi import", argv[2], &wrc)) == NULL)
		return wrc;
	i = csv_read_file(f, &d, &cause);
	if (f != ctx->in)
		fclose(f);
	if (i != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %s: %s; %s", argv[2], cause,
		    plan_tr("nothing was written"));
		free(cause);
		return CMD_FAIL;
	}
	col[0] = column(&d, "measure", "施策");
	col[1] = column(&d, "kpi", "指標");
	col[2] = column(&d, "fy", "年度");
	col[3] = column(&d, "actual", "実績");
	col[4] = column(&d, "target", "目標");
	col[5] = column(&d, "note", "備考");
	for (i = 0; i < 4; i++)
		if (col[i] < 0) {
			static const char *const need[] = { "measure (施策)", "kpi (指標)", "fy (年度)",
				"actual (実績)" };

			cmd_error(ctx, CMD_FAIL, "kpi import: %s: line 1: %s: %s; %s", argv[2],
			    plan_tr("missing column"), need[i], plan_tr("nothing was written"));
			csv_free(&d);
			return CMD_FAIL;
		}
	rows = xcalloc((size_t)d.nrows + 1, sizeof *rows);
	for (i = 0; i < d.nrows; i++)
		if (import_check(ctx, &d, &d.rows[i], col, &rows[i]) != 0)
			bad++;
	if (bad > 0 && !skip_bad) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %d %s; %s", bad, plan_tr("bad rows"),
		    plan_tr("nothing was written"));
		goto fail;
	}
	if (store_tx_begin(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
		free(cause);
		goto fail;
	}
	wrc = import_write(ctx, rows, d.nrows, skip_bad, &written);
	if (wrc == -2 || (wrc != 0 && !skip_bad)) {
		store_tx_rollback(ctx->db);
		cmd_error(ctx, CMD_FAIL, "kpi import: %s", plan_tr("nothing was written"));
		goto fail;
	}
	if (wrc != 0)
		bad++;
	if (check) {
		store_tx_rollback(ctx->db);
		fprintf(ctx->out, "%s: %d %s, %d %s (%s)\n", plan_tr("check"), written,
		    plan_tr("rows would be written"), d.nrows - written, plan_tr("rows skipped"),
		    d.encoding);
	} else {
		if (store_tx_commit(ctx->db, &cause) != 0) {
			cmd_error(ctx, CMD_FAIL, "kpi import: %s", cause);
			free(cause);
			goto fail;
		}
		fprintf(ctx->out, "%s: %d %s, %d %s (%s)\n", plan_tr("imported"), written,
		    plan_tr("rows written"), d.nrows - written, plan_tr("rows skipped"), d.encoding);
	}
	free(rows);
	csv_free(&d);
	return bad > 0 ? CMD_FAIL : CMD_OK;
fail:
	free(rows);
	csv_free(&d);
	return CMD_FAIL;
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
