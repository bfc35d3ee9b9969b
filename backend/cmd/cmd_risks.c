/*
 * cmd_risks — `risks list|add|edit|comment|close`: the migration's issue/risk log (課題管理表) across
 * systems. Writes are decided by the database (a lead: their department's systems only).
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd_mig.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_staff.h"
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
	char duebuf[11], sqlstate[6], kindbuf[32], *cause = NULL, *what;
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
	/* --kind: a code or a label (課題, リスク, 質問), as the database reads it */
	if (mig_risk_code(ctx->db, MIG_RISK_KIND, kind, kindbuf, sizeof kindbuf, &cause) != 0) {
		rc = cmd_error(ctx, CMD_USAGE, "risks add: --kind: %s", cause);
		free(cause);
		goto out;
	}
	if (step != NULL && (st = mig_ref_step(&steps, step)) == NULL) {
		cmd_error(ctx, CMD_FAIL, "risks add: %s \"%s\"", _("unknown step"), step);
		goto out;
	}
	id = mig_risk_add(ctx->db, s->id, title, kindbuf, imp, lik, duebuf, st ? st->id : 0,
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

/* The risk an edit or a comment names; 0, or -1 after saying why (*rc set). */
static int
risks_get(struct cmd_ctx *ctx, const char *what, const char *arg, struct mig_risk *k,
    int *rc)
{
	char *cause = NULL;
	int id = atoi(arg);

	memset(k, 0, sizeof *k);
	if (id <= 0 || strspn(arg, "0123456789") != strlen(arg)) {
		*rc = cmd_usage_why(ctx, _("ID: the entry's number (see: risks list)"));
		return -1;
	}
	if (mig_risk_get(ctx->db, id, k, &cause) != STORE_OK) {
		*rc = cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause != NULL ? cause : "?");
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * risks edit ID [--title T] [--kind K] [--status S] [--impact 1-5] [--likelihood 1-5]
 * [--due DATE|-] [--step STEP|-] [--description TEXT] [--if-version N]: what the :risks
 * `e` form changes, by the same store function (what is not given stays).
 */
static int
risks_edit(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *impact = cmd_opt(ctx, "impact"), *likelihood = cmd_opt(ctx, "likelihood");
	const char *due = cmd_opt(ctx, "due"), *step = cmd_opt(ctx, "step"), *v;
	struct mig_risk k, now;
	struct mig_risk_edit e;
	struct mig_refs steps;
	const struct mig_ref *st;
	char duebuf[11], sqlstate[6] = "", who[64], when[32], *cause = NULL, *what;
	char kindbuf[32], statusbuf[32];
	int version, rc = CMD_FAIL, r;

	if (argc != 3)
		return cmd_usage(ctx, "risks");
	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if ((impact != NULL && scale(impact) < 0) || (likelihood != NULL && scale(likelihood) < 0))
		return cmd_usage_why(ctx, _("--impact and --likelihood take 1 to 5"));
	if ((v = cmd_opt(ctx, "title")) != NULL && (v[0] == '\0' || strlen(v) > 600))
		return cmd_usage_why(ctx, _("--title: 1 to 200 characters"));
	snprintf(duebuf, sizeof duebuf, "%s", "");
	if (due != NULL && strcmp(due, "-") != 0 && cmd_mig_date(due, duebuf, &cause) != 0) {
		what = xasprintf("--due: %s", cause);
		rc = cmd_usage_why(ctx, what);
		free(what);
		free(cause);
		return rc;
	}
	if (risks_get(ctx, "risks edit", argv[2], &k, &rc) != 0)
		return rc;
	e = (struct mig_risk_edit){ .id = k.id, .title = k.title, .kind = k.kind,
	    .status = k.status, .description = k.description, .due = k.due,
	    .impact = k.impact, .likelihood = k.likelihood, .step_id = k.step_id };
	if ((v = cmd_opt(ctx, "title")) != NULL)
		e.title = v;
	/* --kind, --status: a code or a label, as the database reads them */
	if (((v = cmd_opt(ctx, "kind")) != NULL && mig_risk_code(ctx->db, MIG_RISK_KIND, v,
	    kindbuf, sizeof kindbuf, &cause) != 0) || ((v = cmd_opt(ctx, "status")) != NULL &&
	    mig_risk_code(ctx->db, MIG_RISK_STATUS, v, statusbuf, sizeof statusbuf,
	    &cause) != 0)) {
		what = xasprintf("--%s: %s", v == cmd_opt(ctx, "kind") ? "kind" : "status", cause);
		rc = cmd_usage_why(ctx, what);
		free(what);
		free(cause);
		mig_risk_free(&k);
		return rc;
	}
	if (cmd_opt(ctx, "kind") != NULL)
		e.kind = kindbuf;
	if (cmd_opt(ctx, "status") != NULL)
		e.status = statusbuf;
	if ((v = cmd_opt(ctx, "description")) != NULL)
		e.description = v;
	if (due != NULL)
		e.due = duebuf;
	if (impact != NULL)
		e.impact = scale(impact);
	if (likelihood != NULL)
		e.likelihood = scale(likelihood);
	memset(&steps, 0, sizeof steps);
	if (step != NULL && strcmp(step, "-") == 0)
		e.step_id = 0;
	else if (step != NULL) {
		if (mig_steps_load(ctx->db, 0, &steps, &cause) != 0) {
			cmd_error(ctx, CMD_FAIL, "risks edit: %s", cause);
			goto out;
		}
		if ((st = mig_ref_step(&steps, step)) == NULL) {
			cmd_error(ctx, CMD_FAIL, "risks edit: %s \"%s\"", _("unknown step"), step);
			goto out;
		}
		e.step_id = st->id;
	}
	if (version < 0)
		version = k.version;
	what = xasprintf("risks edit %d", k.id);
	r = mig_risk_update(ctx->db, &e, &version, sqlstate, &cause);
	if (r == STORE_STALE && mig_risk_get(ctx->db, k.id, &now, NULL) == STORE_OK) {
		store_last_change(ctx->db, "mig_risk", k.id, who, when);
		cmd_error(ctx, CMD_FAIL, _("%s: changed by %s at %s: now %s (version %d); nothing "
		    "was saved"), what, who[0] != '\0' ? who : "?", when[0] != '\0' ? when : "?",
		    mig_risk_status_label(now.status), now.version);
		mig_risk_free(&now);
	} else if (r != STORE_OK)
		cmd_mig_write_error(ctx, what, k.sys_id, sqlstate, cause);
	else {
		fprintf(ctx->out, "%s %d (%s %d)\n", _("saved risk"), k.id, _("version"), version);
		rc = CMD_OK;
	}
	free(what);
out:
	free(cause);
	mig_refs_free(&steps);
	mig_risk_free(&k);
	return rc;
}

/* risks comment ID TEXT: a comment by the acting member (the :risks `c` form's). */
static int
risks_comment(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct mig_risk k;
	char sqlstate[6] = "", *cause = NULL, *what;
	int rc;

	if (argc != 4)
		return cmd_usage(ctx, "risks");
	if (argv[3][0] == '\0')
		return cmd_usage_why(ctx, _("TEXT: the comment, not empty"));
	if (risks_get(ctx, "risks comment", argv[2], &k, &rc) != 0)
		return rc;
	if (mig_risk_comment_add(ctx->db, k.id, argv[3], sqlstate, &cause) != 0) {
		what = xasprintf("risks comment %d", k.id);
		rc = cmd_mig_write_error(ctx, what, k.sys_id, sqlstate, cause);
		free(what);
	} else {
		fprintf(ctx->out, "%s %d\n", _("comment added to risk"), k.id);
		rc = CMD_OK;
	}
	free(cause);
	mig_risk_free(&k);
	return rc;
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
	if (strcmp(argv[1], "edit") == 0)
		return risks_edit(ctx, argc, argv);
	if (strcmp(argv[1], "comment") == 0)
		return risks_comment(ctx, argc, argv);
	return cmd_usage(ctx, "risks");
}
