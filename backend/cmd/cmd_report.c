/*
 * cmd_report — `report progress --fy Y --format md|csv|pdf`: the yearly 実施状況 report on
 * standard output (`ssh host report progress --fy 2026 --format pdf > progress.pdf`).
 * A PDF is not written to a terminal.
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/cmd/cmd_plan.h"
#include "backend/cmd/report.h"
#include "backend/lib/util.h"

int
cmd_report(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *fy_s = NULL, *format = "md", *enc = NULL, *part_s = NULL;
	struct report r;
	char *cause = NULL;
	int fy = plan_fy_now(), rc, part = 0;

	if (argc < 2 || strcmp(argv[1], "progress") != 0)
		return cmd_usage(ctx, "report");
	fy_s = cmd_opt(ctx, "fy");
	if (cmd_opt(ctx, "format") != NULL)
		format = cmd_opt(ctx, "format");
	enc = cmd_opt(ctx, "encoding");
	part_s = cmd_opt(ctx, "part");
	if (argc != 2)
		return cmd_usage(ctx, "report");
	if (part_s != NULL && ((part = atoi(part_s)) < 1 || part > 9))
		return cmd_error(ctx, CMD_USAGE, "--part: %s: %s", part_s, "1-9");
	if (fy_s != NULL && plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	if (strcmp(format, "md") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "pdf") != 0)
		return cmd_error(ctx, CMD_USAGE, "--format: %s: %s", format, "md, csv or pdf");
	if (enc != NULL && strcmp(enc, "cp932") != 0 && strcmp(enc, "utf-8") != 0)
		return cmd_error(ctx, CMD_USAGE, "--encoding: %s: %s", enc, "utf-8 or cp932");
	if (strcmp(format, "pdf") == 0 && isatty(fileno(ctx->out)))
		return cmd_error(ctx, CMD_USAGE, "%s",
		    "report: a PDF is not written to a terminal; redirect it: > progress.pdf");
	if (report_load(ctx->db, fy, part, &r, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "report: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	plan_today(&r.today);
	if (strcmp(format, "md") == 0)
		rc = report_md(&r, ctx->out);
	else if (strcmp(format, "csv") == 0) {
		rc = cmd_csv_export(ctx, report_csv(&r), enc != NULL && strcmp(enc, "cp932") == 0,
		    "report");
		report_free(&r);
		return rc;
	} else
		rc = report_pdf(&r, ctx->out, &cause);
	report_free(&r);
	if (rc != 0) {
		cmd_error(ctx, CMD_FAIL, "report: %s", cause != NULL ? cause : "write failed");
		free(cause);
		return CMD_FAIL;
	}
	return CMD_OK;
}
