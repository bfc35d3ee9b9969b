/*
 * cmd_plan_add — `measures add` and `measures add-action`: the yearly additions to the
 * plan (新規事業追加) from the command line, over exec or locally with --as. Bad input is
 * named (option and why) before the database is asked; the policies decide who may add
 * (IT staff), and the audit trigger records it.
 */
#include "backend/cmd/cmd_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/lib/i18n.h"
#include "backend/lib/out.h"
#include "backend/store/store_plan.h"
#include "backend/lib/util.h"

/* A whole number in [min, max], or -1 with a message naming the option. */
static int
int_opt(struct cmd_ctx *ctx, const char *opt, const char *s, int min, int max, int *v)
{
	char *end;
	long l;

	if (s == NULL)
		return 0;
	l = strtol(s, &end, 10);
	if (s[0] == '\0' || *end != '\0' || l < min || l > max)
		return cmd_error(ctx, CMD_USAGE, "%s: \"%s\": %s %d-%d", opt, s,
		    plan_tr("a whole number"), min, max), -1;
	*v = (int)l;
	return 0;
}

/* The option named for the field an addition refused. */
static const char *
field_opt(enum plan_field f)
{
	switch (f) {
	case PLAN_F_PART:	return "--part";
	case PLAN_F_SEQ:	return "--number";
	case PLAN_F_NAME:	return "--name";
	case PLAN_F_GOAL:	return "--goal";
	case PLAN_F_OVERVIEW:	return "--overview";
	case PLAN_F_DEPTS:	return "--dept";
	case PLAN_F_STATUS:	return "--status";
	case PLAN_F_MEASURE:	return "MEASURE";
	default:		return NULL;
	}
}

static int
added(struct cmd_ctx *ctx, int rc, enum plan_field bad, char *cause, const char *what,
    const char *code)
{
	const char *opt = field_opt(bad);

	if (rc != 0) {
		if (bad != PLAN_F_NONE && bad != PLAN_F_SEQ && bad != PLAN_F_MEASURE)
			cmd_error(ctx, CMD_USAGE, "%s: %s: %s", what, opt, cause);
		else if (opt != NULL)
			cmd_error(ctx, CMD_FAIL, "%s: %s: %s", what, opt, cause);
		else
			cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
		free(cause);
		return bad != PLAN_F_NONE && bad != PLAN_F_SEQ && bad != PLAN_F_MEASURE ?
		    CMD_USAGE : CMD_FAIL;
	}
	fprintf(ctx->out, "%s ", plan_tr("Added"));
	out_text(ctx->out, code);
	fputc('\n', ctx->out);
	return CMD_OK;
}

/* measures add --part N [--number N] --name S [--goal S] [--overview S] --dept D,...
 * [--status S] [--fy Y] */
static int
measures_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *part_s = NULL, *num_s = NULL, *fy_s = NULL;
	struct plan_new in;
	enum plan_field bad;
	char *cause = NULL, code[32];
	int id, seq, rc;

	(void)argv;
	memset(&in, 0, sizeof in);
	in.name = in.goal = in.overview = in.depts = "";
	part_s = cmd_opt(ctx, "part");
	num_s = cmd_opt(ctx, "number");
	fy_s = cmd_opt(ctx, "fy");
	in.status = cmd_opt(ctx, "status");
	if (cmd_opt(ctx, "name") != NULL)
		in.name = cmd_opt(ctx, "name");
	if (cmd_opt(ctx, "goal") != NULL)
		in.goal = cmd_opt(ctx, "goal");
	if (cmd_opt(ctx, "overview") != NULL)
		in.overview = cmd_opt(ctx, "overview");
	if (cmd_opt(ctx, "dept") != NULL)
		in.depts = cmd_opt(ctx, "dept");
	if (argc != 2 || part_s == NULL)
		return cmd_usage(ctx, "measures");
	in.fy = plan_fy_now();
	if (int_opt(ctx, "--part", part_s, 1, 9, &in.part) != 0 ||
	    int_opt(ctx, "--number", num_s, 1, 99, &in.seq) != 0 ||
	    (fy_s != NULL && plan_fy(ctx, fy_s, &in.fy) != 0))
		return CMD_USAGE;
	rc = plan_measure_add(ctx->db, &in, &id, &seq, &bad, &cause);
	snprintf(code, sizeof code, "%d-%d", in.part, seq);
	return added(ctx, rc, bad, cause, "measures add", code);
}

/* measures add-action MEASURE [--number N] --title S [--text S] [--status S] [--fy Y] */
static int
measures_add_action(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *num_s = NULL, *fy_s = NULL;
	struct plan_new in;
	enum plan_field bad;
	char *cause = NULL, code[48];
	int id, seq, rc;

	memset(&in, 0, sizeof in);
	in.name = in.overview = "";
	num_s = cmd_opt(ctx, "number");
	fy_s = cmd_opt(ctx, "fy");
	in.status = cmd_opt(ctx, "status");
	if (cmd_opt(ctx, "title") != NULL)
		in.name = cmd_opt(ctx, "title");
	if (cmd_opt(ctx, "text") != NULL)
		in.overview = cmd_opt(ctx, "text");
	if (argc != 3)
		return cmd_usage(ctx, "measures");
	in.fy = plan_fy_now();
	if (int_opt(ctx, "--number", num_s, 1, 99, &in.seq) != 0 ||
	    (fy_s != NULL && plan_fy(ctx, fy_s, &in.fy) != 0))
		return CMD_USAGE;
	if (plan_measure_arg(ctx, argv[2], &in.measure_id) != 0)
		return CMD_FAIL;
	rc = plan_action_add(ctx->db, &in, &id, &seq, &bad, &cause);
	snprintf(code, sizeof code, "%.16s (%d)", argv[2], seq);
	return added(ctx, rc, bad, cause, "measures add-action", code);
}

int
plan_cmd_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (strcmp(argv[1], "add") == 0)
		return measures_add(ctx, argc, argv);
	return measures_add_action(ctx, argc, argv);
}
