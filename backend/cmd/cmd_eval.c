/*
 * cmd_eval — `eval list|show|submit|second|comment|publish|revise|hearing`: the yearly
 * PDCA. The order of steps, who may take each and read-only after publication are the
 * database's rules (rs_evaluation_guard, policies); a refusal comes back as a sentence.
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/args.h"
#include "backend/cmd/cmd_plan.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_eval.h"
#include "backend/store/store_plan.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

#define EVAL_TEXT_MAX	8000

static int
eval_list(struct cmd_ctx *ctx, int argc, char **argv, int fy)
{
	static const char *const keys[] = { "code", "measure", "revision", "e1_grade",
		"e1_submitted", "cio_comment", "e2_grade", "e2_submitted", "published", "hearings" };
	const char *titles[] = { plan_tr("No."), plan_tr("Measure"), plan_tr("Rev."),
		plan_tr("1st"), plan_tr("submitted"), plan_tr("CIO"), plan_tr("2nd"),
		plan_tr("submitted"), plan_tr("Published"), plan_tr("Hearings") };
	enum out_format fmt;
	struct out_table *t;
	struct plan_eval *e;
	char *cause = NULL, rev[16], hb[16];
	int bom, n, i, text;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 2)
		return cmd_usage(ctx, "eval");
	text = fmt == OUT_TEXT;
	if (eval_board(ctx->db, fy, 0, &e, &n, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "eval list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(10, titles, keys);
	out_right(t, 2);
	out_right(t, 9);
	for (i = 0; i < n; i++) {
		const char *dash = text ? "-" : NULL;

		snprintf(rev, sizeof rev, "%d", e[i].revision);
		snprintf(hb, sizeof hb, "%d", e[i].hearings);
		out_rowf(t, e[i].code, e[i].name, e[i].id ? rev : dash,
		    e[i].e1_at ? e[i].e1_grade : (e[i].e1_grade && text ? plan_tr("draft") : dash),
		    e[i].e1_at ? e[i].e1_at : dash,
		    e[i].cio_comment ? (!text ? e[i].cio_comment : e[i].cio_at ? e[i].cio_at :
		    plan_tr("yes")) : dash,
		    e[i].e2_at ? e[i].e2_grade : dash, e[i].e2_at ? e[i].e2_at : dash,
		    e[i].published_at ? e[i].published_at : dash, hb);
	}
	eval_board_free(e, n);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static void
put_field(FILE *f, const char *title, const char *v, const char *by, const char *at)
{
	char **lines;
	int n, i;

	fprintf(f, "%s", title);
	if (by != NULL) {
		fputs("  (", f);
		out_text(f, by);
		fprintf(f, " %s)", at != NULL ? at : "");
	}
	fputc('\n', f);
	n = text_wrap(v != NULL ? v : "-", 76, &lines);
	for (i = 0; i < n; i++)
		fprintf(f, "  %s\n", lines[i]);
	text_wrap_free(lines, n);
}

static int
eval_show(struct cmd_ctx *ctx, int mid, int fy)
{
	struct plan_eval *e;
	char *cause = NULL, fyb[FY_BUFSIZE];
	int n;

	if (eval_board(ctx->db, fy, mid, &e, &n, &cause) != 0 || n != 1) {
		cmd_error(ctx, CMD_FAIL, "eval show: %s", cause != NULL ? cause : "?");
		free(cause);
		if (cause == NULL)
			eval_board_free(e, n);
		return CMD_FAIL;
	}
	fputs(e->code, ctx->out);
	fputc(' ', ctx->out);
	out_text(ctx->out, e->name);
	fprintf(ctx->out, "  %s  %s %d\n", fy_format(fy, i18n_lang(), fyb, sizeof fyb),
	    plan_tr("Rev."), e->revision);
	if (e->id == 0)
		fprintf(ctx->out, "%s\n", plan_tr("no evaluation yet"));
	else {
		put_field(ctx->out, plan_tr("1st evaluation grade"), e->e1_grade, e->e1_by, e->e1_at);
		put_field(ctx->out, plan_tr("Achievements"), e->e1_achievements, NULL, NULL);
		put_field(ctx->out, plan_tr("Issues"), e->e1_issues, NULL, NULL);
		put_field(ctx->out, plan_tr("Next steps"), e->e1_next, NULL, NULL);
		put_field(ctx->out, plan_tr("CIO adviser's comment"), e->cio_comment, e->cio_by,
		    e->cio_at);
		put_field(ctx->out, plan_tr("2nd evaluation grade"), e->e2_grade, e->e2_by, e->e2_at);
		put_field(ctx->out, plan_tr("Findings"), e->e2_findings, NULL, NULL);
		put_field(ctx->out, plan_tr("Instruction"), e->e2_instruction, NULL, NULL);
		put_field(ctx->out, plan_tr("Published"), e->published_at, e->published_by,
		    e->published_at);
	}
	eval_board_free(e, n);
	return CMD_OK;
}

/* A text option's value: valid UTF-8, not too long; message naming the option. */
static int
text_ok(struct cmd_ctx *ctx, const char *opt, const char *v)
{
	char *cause = NULL;

	if (v == NULL)
		return 0;
	if (text_input_check(opt, v, TEXT_IN_MULTILINE, EVAL_TEXT_MAX, &cause) != 0) {
		cmd_error(ctx, CMD_USAGE, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
grade_ok(struct cmd_ctx *ctx, const char *g)
{
	if (g == NULL || g[0] == '\0')
		return cmd_error(ctx, CMD_USAGE, "--grade: %s", plan_tr("one of A, B, C, D")), -1;
	if (strlen(g) != 1 || g[0] < 'A' || g[0] > 'D')
		return cmd_error(ctx, CMD_USAGE, "--grade %s: %s", g, plan_tr("one of A, B, C, D")),
		    -1;
	return 0;
}

static int
done(struct cmd_ctx *ctx, const char *what, int rc, char *cause, const char *mref)
{
	if (rc != 0) {
		cmd_error(ctx, CMD_FAIL, "eval %s %s: %s", what, mref, cause);
		free(cause);
		return CMD_FAIL;
	}
	static const char *const said[][2] = { { "submit", NP_("plan", "1st evaluation saved") },
		{ "second", NP_("plan", "2nd evaluation saved") },
		{ "comment", NP_("plan", "CIO adviser's comment saved") },
		{ "publish", NP_("plan", "evaluation published") },
		{ "revise", NP_("plan", "revision started") },
		{ "hearing", NP_("plan", "hearing recorded") } };
	size_t k;

	for (k = 0; k < nitems(said) && strcmp(said[k][0], what) != 0; k++)
		;
	fprintf(ctx->out, "%s: %s %s\n", plan_tr("done"), k < nitems(said) ? plan_tr(said[k][1]) :
	    what, mref);
	return CMD_OK;
}

int
cmd_eval(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *fy_s = NULL, *o[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
	static const char *const onames[6] = { "--grade", "--achievements", "--issues", "--next",
		"--findings", "--instruction" };
	const char *date_s = NULL, *att = NULL, *notes = NULL, *text = NULL, *sub;
	struct eval_input in = { NULL, NULL, NULL, NULL, 0 };
	struct fy_date d;
	char *cause = NULL, datebuf[FY_BUFSIZE];
	int fy = plan_fy_now(), mid, i, rc, rev = 0;

	if (argc < 2)
		return cmd_usage(ctx, "eval");
	sub = argv[1];
	fy_s = cmd_opt(ctx, "fy");
	/* each subcommand declares its own (cmd_table.c); the texts are checked alike */
	for (i = 0; i < 6; i++)
		if (args_declares(ctx->args->spec, onames[i] + 2) &&
		    text_ok(ctx, onames[i], o[i] = cmd_opt(ctx, onames[i] + 2)) != 0)
			return CMD_USAGE;
	if (strcmp(sub, "hearing") == 0) {
		date_s = cmd_opt(ctx, "date");
		att = cmd_opt(ctx, "attendees");
		notes = cmd_opt(ctx, "notes");
	}
	if (strcmp(sub, "comment") == 0)
		text = cmd_opt(ctx, "text");
	if (text_ok(ctx, "--attendees", att) != 0 || text_ok(ctx, "--notes", notes) != 0)
		return CMD_USAGE;
	if (fy_s != NULL && plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	if (strcmp(sub, "list") == 0)
		return eval_list(ctx, argc, argv, fy);
	if (strcmp(sub, "comment") == 0 && argc == 4 && text == NULL)
		text = argv[--argc];
	if (argc != 3)
		return cmd_usage(ctx, "eval");
	if (plan_measure_arg(ctx, argv[2], &mid) != 0)
		return CMD_FAIL;
	if (strcmp(sub, "show") == 0)
		return eval_show(ctx, mid, fy);
	if (strcmp(sub, "submit") == 0) {
		if (grade_ok(ctx, o[0]) != 0)
			return CMD_USAGE;
		in.grade = o[0];
		in.text1 = o[1];
		in.text2 = o[2];
		in.text3 = o[3];
		rc = eval_submit(ctx->db, mid, fy, &in, &cause);
	} else if (strcmp(sub, "second") == 0) {
		if (grade_ok(ctx, o[0]) != 0)
			return CMD_USAGE;
		in.grade = o[0];
		in.text1 = o[4];
		in.text2 = o[5];
		in.text3 = NULL;
		rc = eval_second(ctx->db, mid, fy, &in, &cause);
	} else if (strcmp(sub, "comment") == 0) {
		if (text == NULL || text[0] == '\0')
			return cmd_usage(ctx, "eval");
		if (text_ok(ctx, "comment", text) != 0)
			return CMD_USAGE;
		rc = eval_comment(ctx->db, mid, fy, text, &cause);
	} else if (strcmp(sub, "publish") == 0)
		rc = eval_publish(ctx->db, mid, fy, &cause);
	else if (strcmp(sub, "revise") == 0) {
		rc = eval_revise(ctx->db, mid, fy, &rev, &cause);
		if (rc == 0)
			fprintf(ctx->out, "%s %d\n", plan_tr("new revision"), rev);
	} else if (strcmp(sub, "hearing") == 0) {
		if (date_s == NULL)
			return cmd_usage(ctx, "eval");
		if (fy_date_parse(date_s, &d, &cause) != 0) {
			cmd_error(ctx, CMD_USAGE, "--date: %s", cause);
			free(cause);
			return CMD_USAGE;
		}
		fy_date_format(&d, FY_DATE_ISO, datebuf, sizeof datebuf);
		rc = eval_hearing(ctx->db, mid, fy, datebuf, att != NULL ? att : "",
		    notes != NULL ? notes : "", &cause);
	} else
		return cmd_usage(ctx, "eval");
	return done(ctx, sub, rc, cause, argv[2]);
}
