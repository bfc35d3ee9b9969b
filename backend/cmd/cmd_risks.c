/*
 * cmd_risks — `risks list|add|close`: the migration's issue/risk log (課題管理表) across
 * systems. Writes are decided by the database (a lead: their department's systems only).
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd_mig.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"

static int
risks_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "id", "due", "impact", "likelihood", "system",
	    "department", "kind", "status", "title", "step" };
	const char *titles[] = { "#", _("due"), _("impact"), _("likelihood"), _("system"),
	    _("owner department"), _("kind"), _("status"), _("title"), _("step") };
	struct mig_risks r;
	enum out_format fmt;
	struct out_table *t;
	char *cause = NULL, id[16], imp[16], lik[16];
	int i, bom, all;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, NULL);
	all = cmd_flag(ctx, "all");
	if (argc > 2)
		return cmd_usage(ctx, "risks");
	if (mig_risks_load(ctx->db, all, &r, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "risks list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(10, titles, keys);
	out_right(t, 0);
	out_right(t, 2);
	out_right(t, 3);
	for (i = 0; i < r.n; i++) {
		const struct mig_risk *k = &r.v[i];
		int text = fmt == OUT_TEXT;

		snprintf(id, sizeof id, "%d", k->id);
		snprintf(imp, sizeof imp, "%d", k->impact);
		snprintf(lik, sizeof lik, "%d", k->likelihood);
		out_rowf(t, id, k->due[0] ? k->due : NULL, imp, lik, k->sys, k->dept,
		    text ? mig_risk_kind_label(k->kind) : k->kind,
		    text ? mig_risk_status_label(k->status) : k->status,
		    k->title, k->step[0] ? k->step : NULL);
	}
	mig_risks_free(&r);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

/* 1-5 or -1. */
static int
scale(const char *s)
{
	return s != NULL && s[0] >= '1' && s[0] <= '5' && s[1] == '\0' ? s[0] - '0' : -1;
}

static int
risks_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *title, *kind, *impact, *likelihood, *due, *step, *descr;
	struct mig_refs sys, steps;
	const struct mig_ref *s, *st = NULL;
	char duebuf[11], sqlstate[6], *cause = NULL, *what;
	int imp = 3, lik = 3, id, rc = CMD_FAIL;

	title = cmd_opt(ctx, "title");
	kind = cmd_opt(ctx, "kind");
	impact = cmd_opt(ctx, "impact");
	likelihood = cmd_opt(ctx, "likelihood");
	due = cmd_opt(ctx, "due");
	step = cmd_opt(ctx, "step");
	descr = cmd_opt(ctx, "description");
	if (argc != 3 || title == NULL || kind == NULL)
		return cmd_usage(ctx, "risks");
	/* --kind: a code or a label (課題, リスク, 質問), the database decides (rs_label) */
	if ((impact != NULL && (imp = scale(impact)) < 0) ||
	    (likelihood != NULL && (lik = scale(likelihood)) < 0))
		return cmd_error(ctx, CMD_USAGE, "risks add: %s",
		    _("--impact and --likelihood take 1 to 5"));
	if (title[0] == '\0' || strlen(title) > 600)
		return cmd_error(ctx, CMD_USAGE, "risks add: --title: %s",
		    _("1 to 200 characters"));
	duebuf[0] = '\0';
	if (due != NULL && cmd_mig_date(due, duebuf, &cause) != 0) {
		cmd_error(ctx, CMD_USAGE, "risks add: --due: %s", cause);
		free(cause);
		return CMD_USAGE;
	}
	if (mig_systems_load(ctx->db, &sys, &cause) != 0 ||
	    mig_steps_load(ctx->db, 0, &steps, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "risks add: %s", cause);
		free(cause);
		mig_refs_free(&sys);
		return CMD_FAIL;
	}
	if ((s = mig_ref_system(&sys, argv[2])) == NULL) {
		cmd_error(ctx, CMD_FAIL, "risks add: %s \"%s\"", _("unknown system"), argv[2]);
		goto out;
	}
	if (step != NULL && (st = mig_ref_step(&steps, step)) == NULL) {
		cmd_error(ctx, CMD_FAIL, "risks add: %s \"%s\"", _("unknown step"), step);
		goto out;
	}
	id = mig_risk_add(ctx->db, s->id, title, kind, imp, lik, duebuf, st ? st->id : 0,
	    descr ? descr : "", sqlstate, &cause);
	if (id < 0) {
		what = xasprintf("risks add: %s", s->name);
		cmd_mig_write_error(ctx, what, s->id, sqlstate, cause);
		free(what);
		free(cause);
		goto out;
	}
	fprintf(ctx->out, "%s %d\n", _("added risk"), id);
	rc = CMD_OK;
out:
	mig_refs_free(&sys);
	mig_refs_free(&steps);
	return rc;
}

static int
risks_close(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *note;
	char sqlstate[6], *cause = NULL, *what;
	int id, sys_id;

	note = cmd_opt(ctx, "note");
	if (argc != 3 || (id = atoi(argv[2])) <= 0)
		return cmd_usage(ctx, "risks");
	if (mig_risk_close(ctx->db, id, note, &sys_id, sqlstate, &cause) != 0) {
		what = xasprintf("risks close %d", id);
		cmd_mig_write_error(ctx, what, sys_id, sqlstate, cause);
		free(what);
		free(cause);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s %d\n", _("closed risk"), id);
	return CMD_OK;
}

int
cmd_risks(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return risks_list(ctx, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		return risks_add(ctx, argc, argv);
	if (strcmp(argv[1], "close") == 0)
		return risks_close(ctx, argc, argv);
	return cmd_usage(ctx, "risks");
}
